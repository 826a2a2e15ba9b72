// Azure Table keys may not contain / \ # ? or control characters and are limited to 1 KiB.
// User text and external ids go through encodeKey before they become a key.

const FORBIDDEN = /[/\\#?%\u0000-\u001f\u007f-\u009f]/g;
export const MAX_KEY_LENGTH = 512; // UTF-16 chars; 1 KiB is the service limit

export class KeyTooLongError extends Error {
  override name = 'KeyTooLongError';
}

/** Reversible percent-style encoding of just the characters the service forbids (and %). */
export function encodeKey(value: string): string {
  const encoded = value.replace(FORBIDDEN, (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
  if (encoded.length > MAX_KEY_LENGTH) throw new KeyTooLongError(`A storage key would be ${encoded.length} characters; the limit is ${MAX_KEY_LENGTH}.`);
  return encoded;
}

export function decodeKey(key: string): string {
  return key.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** RowKeys that sort newest first: (max - epoch ms) zero-padded. */
export function descendingTimeKey(epochMs: number): string {
  return (8_640_000_000_000_000 - epochMs).toString().padStart(16, '0');
}
