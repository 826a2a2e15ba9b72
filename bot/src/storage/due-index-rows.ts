// What the two timer indexes (reminders due, incident reminders due) share: the shard of a
// workspace and the batched writes of their pointer rows.
import { RestError, type TableClient } from '@azure/data-tables';
import { submitByPartition } from './table-reminder-batch';
import { isNotFound } from './table-store';

type Keys = { partitionKey: string; rowKey: string };

/** FNV-1a of the workspace key modulo `shards`: stable across processes and releases. */
export function shardOf(workspaceKeyText: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < workspaceKeyText.length; i++) {
    h ^= workspaceKeyText.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shards;
}

/** Upserts the rows, a transaction per partition. */
export async function putRows<E extends Keys>(table: TableClient, rows: readonly E[]): Promise<void> {
  const actions = rows.map((e) => ['upsert', e, 'Replace'] as ['upsert', E, 'Replace']);
  await submitByPartition(table, actions, async (_failed, error) => {
    throw error;
  });
}

/** Deletes the rows, a transaction per partition; rows already gone are fine. */
export async function deleteRows(table: TableClient, rows: readonly Keys[]): Promise<void> {
  const actions = rows.map(({ partitionKey, rowKey }) => ['delete', { partitionKey, rowKey }] as ['delete', Keys]);
  await submitByPartition(table, actions, async (failed, error) => {
    // One row already gone fails the whole transaction; delete the rest one by one.
    if (!(error instanceof RestError && error.statusCode === 404)) throw error;
    await Promise.all(failed.map(async ([, e]) => {
      try {
        await table.deleteEntity(String(e.partitionKey), String(e.rowKey));
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }));
  });
}

/** The put and remove both timer indexes have: their entries' rows, written a transaction per partition. */
export abstract class DueRowsTable<E> {
  constructor(readonly table: TableClient) {}

  /** The row an entry is stored as. */
  protected abstract row(entry: E): Keys;

  async put(entries: readonly E[]): Promise<void> {
    await putRows(this.table, entries.map((e) => this.row(e)));
  }

  async remove(entries: readonly E[]): Promise<void> {
    await deleteRows(this.table, entries.map((e) => this.row(e)));
  }
}
