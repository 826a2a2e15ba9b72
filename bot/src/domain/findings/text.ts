// Free text in findings: the product's one free-text rule (domain/text/free-text.ts) with the
// findings' limits, plus links, skip and cancel words and percentages as people type them.
import { checkFreeText, type FreeText } from '../text/free-text';

export const LIMITS = {
  shortText: 200, // building, site, metric name
  roleName: 100,
  description: 4000, // a finding card must stay under 25 KB, even in emoji
  evidence: 2000,
  reason: 1000,
  note: 2000,
} as const;

/** Returns the cleaned text (trimmed) or a message. `label` starts the message ("The description"). */
export function checkText(label: string, input: string, max: number, opts: { multiline?: boolean; required?: boolean } = {}): FreeText {
  return checkFreeText(input, { label, max, ...(opts.multiline ? { multiline: true } : {}), ...(opts.required === false ? { optional: true } : {}) });
}

/** Evidence is a link the owning team can open: http or https only (no javascript:, file:, ...). */
export function checkLink(input: string): { ok: true; value: string } | { ok: false; error: string } {
  const t = checkText('The evidence link', input, LIMITS.evidence);
  if (!t.ok) return t;
  let url: URL;
  try {
    url = new URL(t.value);
  } catch {
    return { ok: false, error: 'That is not a link I can open. Send one that starts with https://, for example a dashboard report or a screenshot in SharePoint.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, error: `Links starting with ${url.protocol} can't be opened from a card. Send an https:// link.` };
  return { ok: true, value: t.value };
}

const SKIP = new Set(['skip', 'none', 'n/a', 'na', '-', 'no', 'not sure', 'unsure', "don't know", 'dont know', 'unknown', 'not known', 'nothing', 'no metric', 'no link']);
export const isSkip = (text: string) => SKIP.has(text.trim().toLowerCase().replace(/[.!]+$/, ''));
const CANCEL = new Set(['cancel', 'stop', 'quit', 'abort', 'exit']);
/** The dialog checks this before every answer: `cancel` works at every step. */
export const isCancel = (text: string) => CANCEL.has(text.trim().toLowerCase().replace(/[.!]+$/, ''));

/** Percentages as people type them: "4.1%", "4,1 %", "4.1 percent". */
export function parsePercent(input: string): { ok: true; value: number } | { ok: false; error: string } {
  const m = /^\s*(\d{1,3}(?:[.,]\d+)?)\s*(?:%|percent|pct)?\s*$/i.exec(input);
  if (!m) return { ok: false, error: `"${input.trim().slice(0, 40)}" is not a percentage. Send a number such as 4.1 or 4.1%.` };
  const value = Number(m[1]!.replace(',', '.'));
  if (value > 100) return { ok: false, error: `${value} % is more than 100 %. Send the rate as a percentage, such as 4.1.` };
  return { ok: true, value };
}
