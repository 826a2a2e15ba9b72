// "This workspace got its defaults" markers, for every feature that seeds defaults. They live
// in a table of their own so no data query can ever return one, and a workspace is seeded at
// most once even if people later delete every default row.
//
// Seeding is: check the marker; if absent, run the feature's seed (which must be idempotent: a
// transaction of creates, where a 409 means another instance already inserted them all), then
// write the marker. A crash between the two just repeats the idempotent seed on the next read.
import { RestError, type TableClient } from '@azure/data-tables';
import type { SeedLedger } from '../domain/seed-ledger';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { encodeKey } from './keys';
import { getRow } from './checked-query';

export const SEED_TABLE = 'Seeds';

export class SeedMarkers implements SeedLedger {
  // Seeded is a one-way fact, so remembering it per process cannot go stale on another instance.
  private readonly known = new Set<string>();
  private readonly pending = new Map<string, Promise<boolean>>();

  constructor(private readonly table: TableClient) {}

  onceFor(workspace: Workspace, name: string, seed: () => Promise<void>): Promise<boolean> {
    return this.once(encodeKey(workspaceKey(workspace)), name, seed);
  }

  /** Runs `seed` unless this partition was seeded under `name` before; true when it ran now. */
  once(partition: string, name: string, seed: () => Promise<void>): Promise<boolean> {
    const rowKey = encodeKey(name);
    const key = `${partition}\n${rowKey}`;
    if (this.known.has(key)) return Promise.resolve(false);
    let run = this.pending.get(key);
    if (!run) {
      run = this.seedOnce(partition, rowKey, seed).then((ran) => {
        this.known.add(key);
        return ran;
      }).finally(() => this.pending.delete(key));
      this.pending.set(key, run);
    }
    return run;
  }

  private async seedOnce(partitionKey: string, rowKey: string, seed: () => Promise<void>): Promise<boolean> {
    if (await this.has(partitionKey, rowKey)) return false;
    await seed();
    await this.table.upsertEntity({ partitionKey, rowKey, seededAt: new Date().toISOString() }, 'Replace');
    return true;
  }

  private async has(partitionKey: string, rowKey: string): Promise<boolean> {
    try {
      await getRow(this.table, partitionKey, rowKey);
      return true;
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return false;
      throw e;
    }
  }
}

/** A batch of creates that another instance may have committed first: 409 means it did. */
export async function createAllOrFindThem(submit: () => Promise<unknown>): Promise<void> {
  try {
    await submit();
  } catch (e) {
    if (!(e instanceof RestError && e.statusCode === 409)) throw e;
  }
}
