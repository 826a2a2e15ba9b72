// Strings longer than one Table property (32K UTF-16 chars) are stored across numbered
// properties: name, name__1, name__2, ... with name__parts holding the count. Chunks never split
// a surrogate pair, so emoji survive the round trip.
import { MAX_STRING_CHARS } from '../entity-limits';

export function putText(entity: Record<string, unknown>, name: string, text: string | undefined, chunk = MAX_STRING_CHARS): void {
  if (text === undefined) return;
  if (text.length <= chunk) {
    entity[name] = text;
    return;
  }
  const parts: string[] = [];
  for (let i = 0; i < text.length; ) {
    let end = Math.min(i + chunk, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--; // keep the pair together
    parts.push(text.slice(i, end));
    i = end;
  }
  parts.forEach((p, i) => (entity[i === 0 ? name : `${name}__${i}`] = p));
  entity[`${name}__parts`] = parts.length;
}

export function getText(entity: Record<string, unknown>, name: string): string | undefined {
  const first = entity[name];
  if (typeof first !== 'string') return undefined;
  const n = entity[`${name}__parts`];
  if (typeof n !== 'number' || n <= 1) return first;
  let out = first;
  for (let i = 1; i < n; i++) out += String(entity[`${name}__${i}`] ?? '');
  return out;
}
