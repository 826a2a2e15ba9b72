// Transactions of one partition, at most 100 operations each (the service's limit).
import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import { MAX_BATCH_OPERATIONS } from './entity-limits';
import { transactionEtags } from './etag';

export function chunk<T>(items: readonly T[], size = MAX_BATCH_OPERATIONS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** Submits actions grouped by partition in chunks of ≤100; `fallback` handles a failed chunk. */
export async function submitByPartition(
  table: TableClient,
  actions: readonly TransactionAction[],
  fallback: (failed: TransactionAction[], error: unknown) => Promise<void>,
): Promise<void> {
  // An entity may appear only once in a transaction: the last action for a key wins.
  const unique = [...new Map(actions.map((a) => [`${String(a[1].partitionKey)}\u0000${String(a[1].rowKey)}`, a])).values()];
  const byPk = groupBy(unique, (a) => String(a[1].partitionKey));
  const work: Promise<void>[] = [];
  for (const list of byPk.values()) {
    for (const c of chunk(list)) {
      work.push(table.submitTransaction(c).then(() => undefined, (e) => fallback(c, e)));
    }
  }
  await Promise.all(work);
}

/**
 * ETag-conditional replaces of records of ONE partition as transactions of ≤100: all or none
 * per transaction. 'conflict' when any record changed since it was read (callers then fall back
 * to one-by-one updates). A multi-chunk call may have applied earlier chunks before a conflict;
 * the updates are idempotent re-applications, so the fallback simply re-does the rest.
 */
export async function transactUpdates<T extends { etag?: string }, E extends { partitionKey: string; rowKey: string }>(
  table: TableClient,
  records: readonly T[],
  toEntity: (r: T) => E,
): Promise<T[] | 'conflict'> {
  const out: T[] = [];
  for (const part of chunk(records)) {
    if (part.some((r) => !r.etag)) return 'conflict';
    const entities = part.map((r) => toEntity(r));
    if (new Set(entities.map((e) => e.partitionKey)).size > 1) return 'conflict';
    try {
      const res = await table.submitTransaction(entities.map((e, i) => ['update', e as unknown as Record<string, unknown> & E, 'Replace', { etag: part[i]!.etag! }] as TransactionAction));
      const etags = transactionEtags(res.subResponses, entities.map((e) => e.rowKey));
      part.forEach((r, i) => {
        const etag = etags[i];
        out.push(etag ? { ...r, etag } : { ...r, etag: undefined });
      });
    } catch (e) {
      if (e instanceof RestError && (e.statusCode === 412 || e.statusCode === 404 || e.statusCode === 409)) return 'conflict';
      throw e;
    }
  }
  return out;
}
