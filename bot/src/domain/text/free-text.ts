// The one rule for free text a person types or a card sends, in every dialog and card input:
// kept exactly as given (markdown, ${...}, JSON, RTL, emoji and / \ # ? all round-trip), except
// what cannot be shown or stored sensibly (control characters, half an emoji, text past its
// limit, a line break in a one-line field), which is refused with a message naming the field.

export type FreeText = { ok: true; value: string } | { ok: false; error: string };

export interface FreeTextRule {
  /** Starts every message ("The description"). */
  label: string;
  max: number;
  min?: number;
  multiline?: boolean;
  /** Empty is fine (the value is then ''). */
  optional?: boolean;
  /** The caller's own words for an empty or too short answer (a question asked again). */
  whenMissing?: string;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const count = (n: number) => n.toLocaleString('en-US');

export function checkFreeText(input: unknown, rule: FreeTextRule): FreeText {
  const { label } = rule;
  if (input === undefined || input === null) input = '';
  if (typeof input !== 'string') return { ok: false, error: `${label} must be text.` };
  const text = input.trim();
  if (!text) return rule.optional ? { ok: true, value: '' } : { ok: false, error: rule.whenMissing ?? `${label} can't be empty.` };
  if (rule.min !== undefined && text.length < rule.min) return { ok: false, error: rule.whenMissing ?? `${label} needs at least ${count(rule.min)} characters.` };
  if (text.length > rule.max) return { ok: false, error: `${label} is ${count(text.length)} characters; the most I can keep is ${count(rule.max)}. Shorten it.` };
  const ctl = CONTROL.exec(text);
  if (ctl) {
    const code = ctl[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return { ok: false, error: `${label} contains an invisible control character (U+${code}) at position ${ctl.index + 1}. Remove it and send the text again.` };
  }
  if (!rule.multiline && /[\r\n\t]/.test(text)) return { ok: false, error: `${label} must fit on one line.` };
  if (LONE_SURROGATE.test(text)) return { ok: false, error: `${label} contains a broken character (half of an emoji or symbol). Send the text again.` };
  return { ok: true, value: text };
}
