// ETags arrive from cards (the version a person saw). One that is not shaped like an ETag can
// match no row: it is a stale or forged card, answered as a conflict, never sent as If-Match
// (the service refuses a malformed one with 400, which is nobody's conflict to resolve).
const ETAG = /^(W\/)?"[^"]*"$/;

export function isEtag(value: string | undefined): value is string {
  return typeof value === 'string' && ETAG.test(value);
}

/**
 * The new ETag of each row of an entity-group transaction, in the order of `rowKeys`. The SDK
 * reads each sub-response's RowKey from its URL-encoded Location header, so keys are compared
 * decoded; the replies also come in the order of the operations, the fallback.
 */
export function transactionEtags(subResponses: readonly { rowKey?: string; etag?: string }[], rowKeys: readonly string[]): (string | undefined)[] {
  const decoded = (k: string | undefined) => {
    try {
      return k === undefined ? undefined : decodeURIComponent(k);
    } catch {
      return k;
    }
  };
  const byKey = new Map(subResponses.map((s) => [decoded(s.rowKey), s.etag]));
  return rowKeys.map((k, i) => byKey.get(k) ?? subResponses[i]?.etag);
}
