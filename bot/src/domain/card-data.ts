// The one set of readers for an Adaptive Card's data (the button's data with the card's inputs
// merged in). Card data is untrusted: it can be tampered with, come from an outdated card, or
// carry words of Object.prototype as keys and values. Each reader returns a typed value or
// undefined, and an action's parser says what is missing in the person's words.

export type CardData = Readonly<Record<string, unknown>>;

/** The data of an invoke or a tab action as an object (anything else reads as empty). */
export function cardData(v: unknown): CardData {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as CardData) : {};
}

/** An own field only: a key such as "constructor" never reaches Object.prototype. */
export function field(data: CardData, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(data, key) ? data[key] : undefined;
}

/** A text value: strings as sent, numbers and booleans as text (inputs arrive as either); at most `max` characters. */
export function str(v: unknown, max = Infinity): string | undefined {
  const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  return s !== undefined && s.length <= max ? s : undefined;
}

/** A whole number ≥ 0 (a page offset, a count), from a number or its text. */
export function int(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : Number(str(v) ?? NaN);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** A switch: true/false, or the "true"/"false" an Input.Toggle sends. */
export function bool(v: unknown): boolean | undefined {
  return v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined;
}

/** One of the allowed words, exactly. */
export function oneOf<T extends string>(v: unknown, allowed: readonly T[]): T | undefined {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}

