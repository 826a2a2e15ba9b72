// Free text a person typed: kept exactly as given (markdown, ${...}, JSON, RTL, emoji and
// / \ # ? all round-trip), except what cannot be shown or stored sensibly, which is refused
// with a message that says what and where.

export const LIMITS = {
  shortText: 200, // building, site, metric name
  roleName: 100,
  description: 4000, // a finding card must stay under 25 KB, even in emoji
  evidence: 2000,
  reason: 1000,
  note: 2000,
} as const;

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Returns the cleaned text (trimmed) or a message. `label` starts the message ("The description"). */
export function checkText(label: string, input: string, max: number, opts: { multiline?: boolean; required?: boolean } = {}): { ok: true; value: string } | { ok: false; error: string } {
  const text = input.trim();
  if (!text) return opts.required === false ? { ok: true, value: '' } : { ok: false, error: `${label} can't be empty.` };
  if (text.length > max) {
    return { ok: false, error: `${label} is ${text.length.toLocaleString('en-US')} characters; the most I can keep is ${max.toLocaleString('en-US')}. Shorten it, or put the long part behind an evidence link.` };
  }
  const ctl = CONTROL.exec(text);
  if (ctl) {
    const code = ctl[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return { ok: false, error: `${label} contains an invisible control character (U+${code}) at position ${ctl.index + 1}. Remove it and send the text again.` };
  }
  if (!opts.multiline && /[\r\n\t]/.test(text)) return { ok: false, error: `${label} must fit on one line.` };
  if (LONE_SURROGATE.test(text)) return { ok: false, error: `${label} contains a broken character (half of an emoji or symbol). Send the text again.` };
  return { ok: true, value: text };
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
