// Transactions of one partition, at most 100 operations each (the service's limit).
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { MAX_BATCH_OPERATIONS } from './entity-limits';

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
  const byPk = groupBy(actions, (a) => String(a[1].partitionKey));
  const work: Promise<void>[] = [];
  for (const list of byPk.values()) {
    for (const c of chunk(list)) {
      work.push(table.submitTransaction(c).then(() => undefined, (e) => fallback(c, e)));
    }
  }
  await Promise.all(work);
}
