import { RestError, type TableClient } from '@azure/data-tables';
import type { CounterRepository } from '../domain/counter';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { encodeKey } from './keys';
import { isNotFound } from './table-store';

interface CounterEntity {
  partitionKey: string;
  rowKey: string;
  value: number;
  etag?: string;
}

/**
 * Optimistic concurrency on one row per counter: read, then write value+1 with the row's ETag
 * (or insert when absent). A lost race (412/409) re-reads and tries again, so two callers
 * never get the same number and a number is never handed out twice, even across restarts.
 */
export class TableCounterRepository implements CounterRepository {
  constructor(private readonly table: TableClient, private readonly maxAttempts = 50) {}

  async next(workspace: Workspace, counter: string): Promise<number> {
    const partitionKey = encodeKey(workspaceKey(workspace));
    const rowKey = encodeKey(counter);
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      let current: CounterEntity | undefined;
      try {
        current = await this.table.getEntity<CounterEntity>(partitionKey, rowKey);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      try {
        if (!current) {
          await this.table.createEntity({ partitionKey, rowKey, value: 1 });
          return 1;
        }
        const value = current.value + 1;
        await this.table.updateEntity({ partitionKey, rowKey, value }, 'Replace', { etag: current.etag! });
        return value;
      } catch (e) {
        if (e instanceof RestError && (e.statusCode === 412 || e.statusCode === 409)) {
          // Someone else won; back off a little, with jitter, so retries spread out.
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
          continue;
        }
        throw e;
      }
    }
    throw new Error(`counter ${counter} is too contended: gave up after ${this.maxAttempts} attempts`);
  }
}
