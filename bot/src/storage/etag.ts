// ETags arrive from cards (the version a person saw). One that is not shaped like an ETag can
// match no row: it is a stale or forged card, answered as a conflict, never sent as If-Match
// (the service refuses a malformed one with 400, which is nobody's conflict to resolve).
const ETAG = /^(W\/)?"[^"]*"$/;

export function isEtag(value: string | undefined): value is string {
  return typeof value === 'string' && ETAG.test(value);
}
