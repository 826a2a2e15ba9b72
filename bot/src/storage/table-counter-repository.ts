// Per-workspace sequence numbers (QF-0042, SR numbers) that are never handed out twice.
// One ETag round per number would make N callers racing on one row need ~N rounds each (200
// escalations at once exhaust any sane retry budget), so this coalesces the callers of one
// process: one instance per app (the composition root's `counters`).
// while a reservation is in flight, new callers queue; the next reservation takes the whole
// queue at once (value += k with the row's ETag) and hands out value+1 … value+k in memory.
// Across processes it is still optimistic concurrency on the same row, so numbers never
// repeat, across restarts too. Gaps: none from the allocator itself (nothing is reserved
// ahead); a number is lost only when the filing that took it fails afterwards.
import { RestError, type TableClient } from '@azure/data-tables';
import type { CounterRepository } from '../domain/counter';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { encodeKey } from './keys';
import { isNotFound } from './table-store';
import { getRow } from './checked-query';

interface CounterEntity {
  partitionKey: string;
  rowKey: string;
  value: number;
  etag?: string;
}

interface Waiter {
  resolve: (n: number) => void;
  reject: (e: unknown) => void;
}

export class TableCounterRepository implements CounterRepository {
  private readonly queues = new Map<string, Waiter[]>();
  private readonly running = new Set<string>();

  constructor(private readonly table: TableClient, private readonly maxAttempts = 200) {}

  next(workspace: Workspace, counter: string): Promise<number> {
    const partitionKey = encodeKey(workspaceKey(workspace));
    const rowKey = encodeKey(counter);
    const id = `${partitionKey}\n${rowKey}`;
    return new Promise<number>((resolve, reject) => {
      const q = this.queues.get(id) ?? [];
      q.push({ resolve, reject });
      this.queues.set(id, q);
      if (!this.running.has(id)) void this.drain(id, partitionKey, rowKey);
    });
  }

  private async drain(id: string, partitionKey: string, rowKey: string): Promise<void> {
    this.running.add(id);
    try {
      for (;;) {
        const batch = this.queues.get(id) ?? [];
        this.queues.delete(id);
        if (!batch.length) break;
        try {
          const first = await this.reserve(partitionKey, rowKey, batch.length);
          batch.forEach((w, i) => w.resolve(first + i));
        } catch (e) {
          batch.forEach((w) => w.reject(e));
        }
      }
    } finally {
      this.running.delete(id);
    }
  }

  /** Reserves `count` consecutive numbers; returns the first. */
  private async reserve(partitionKey: string, rowKey: string, count: number): Promise<number> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      let current: CounterEntity | undefined;
      try {
        current = await getRow<CounterEntity>(this.table, partitionKey, rowKey);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      try {
        if (!current) {
          await this.table.createEntity({ partitionKey, rowKey, value: count });
          return 1;
        }
        await this.table.updateEntity({ partitionKey, rowKey, value: current.value + count }, 'Replace', { etag: current.etag! });
        return current.value + 1;
      } catch (e) {
        if (e instanceof RestError && (e.statusCode === 412 || e.statusCode === 409)) {
          // Another instance won this round; retry with jitter so instances spread out.
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(100, 2 ** attempt)));
          continue;
        }
        throw e;
      }
    }
    throw new Error(`counter ${rowKey} is too contended: gave up after ${this.maxAttempts} attempts`);
  }
}
