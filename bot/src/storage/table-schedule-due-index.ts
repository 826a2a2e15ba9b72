import type { TableClient } from '@azure/data-tables';
import { minuteBucket } from '../domain/reminders/due-scan';
import type { DueEntry, DueIndex, DuePage } from '../domain/reminders/repositories';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { assertEntityLimits } from './entity-limits';
import { encodeKey } from './keys';
import { deleteRows, DueRowsTable, shardOf } from './due-index-rows';
import { queryAll, StorageContractError } from './checked-query';

type DueEntity = {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  scope: string;
  scopeId: string;
  scheduleId: string;
  dueAt: string;
  targetConversationId: string;
};

export { minuteBucket };

export const EARLIEST_BUCKET = '000000000000';

/**
 * Shards per minute. 10,000 teams with a dozen tasks each due at 09:00 put about 250 rows in
 * each 09:00 partition (Azure serves about 2,000 entities a second from one partition).
 */
export const DUE_SHARDS = 512;

/** A workspace's rows of one minute share a shard, so they are written in one transaction. */
export function dueShard(workspaceKeyText: string): number {
  return shardOf(workspaceKeyText, DUE_SHARDS);
}

/** 'yyyyMMddHHmm-sss': minute first, so "from the watermark up to now" is one key range over every shard. */
export function duePartition(dueAt: string, ws: Workspace): string {
  return `${minuteBucket(dueAt)}-${String(dueShard(workspaceKey(ws))).padStart(3, '0')}`;
}

/** A bare minute bucket is the index's layout before shards: such rows are moved when read. */
const UNSHARDED = /^\d{12}$/;

/**
 * The due index: PartitionKey = minute + shard of the workspace, RowKey = schedule id + due
 * instant + workspace (a row belongs to one workspace). A tick asks for the partitions from its
 * watermark up to now, so its cost follows what is due; schedules due later sit in later
 * partitions and are never read.
 */
export class TableScheduleDueIndex extends DueRowsTable<DueEntry> implements DueIndex {
  protected row(entry: DueEntry) {
    return toEntity(entry);
  }

  async listDue(now: Date, from = EARLIEST_BUCKET, limit = DUE_PAGE_LIMIT): Promise<DuePage> {
    const to = minuteBucket(now);
    const entries: DueEntry[] = [];
    let rows = await queryAll<DueEntity>(this.table, { partition: { ge: from, lt: `${to}~` } }, limit);
    let next: string | undefined;
    if (rows.length >= limit) {
      // Cut at a partition boundary, so a workspace's rows of one minute (one partition) stay in
      // one read and make one digest; a single partition over the limit is read in part.
      const lastPk = rows.at(-1)!.partitionKey;
      const whole = rows.filter((e) => e.partitionKey !== lastPk);
      if (whole.length) {
        rows = whole;
        next = lastPk;
      } else {
        next = `${lastPk}\u0000`;
      }
    }
    const unsharded: DueEntry[] = [];
    for (const e of rows) {
      if (Date.parse(e.dueAt) > now.getTime()) continue;
      const entry: DueEntry = {
        dueAt: e.dueAt,
        workspace: { tenantId: e.tenantId, scope: e.scope === 'team' ? 'team' : 'chat', scopeId: e.scopeId },
        scheduleId: e.scheduleId,
        targetConversationId: e.targetConversationId,
      };
      // The row must be where its own columns say it belongs (or in the old, unsharded place).
      if (e.partitionKey !== duePartition(entry.dueAt, entry.workspace) && !(UNSHARDED.test(e.partitionKey) && e.partitionKey === minuteBucket(entry.dueAt))) {
        throw new StorageContractError(`table ${this.table.tableName}: row ${e.partitionKey}/${e.rowKey} is not where its workspace and due time put it`);
      }
      if (UNSHARDED.test(e.partitionKey)) unsharded.push(entry);
      entries.push(entry);
    }
    if (unsharded.length) await this.reshard(unsharded);
    return next === undefined ? { entries } : { entries, next };
  }

  /** Moves rows of the unsharded layout to their shard, so removing them by key works. */
  private async reshard(entries: readonly DueEntry[]): Promise<void> {
    await this.put(entries);
    await deleteRows(this.table, entries.map((e) => ({ partitionKey: minuteBucket(e.dueAt), rowKey: toEntity(e).rowKey })));
  }
}

/** Rows one tick reads at most; the next tick goes on from where this one stopped. */
export const DUE_PAGE_LIMIT = 5000;

function toEntity(e: DueEntry): DueEntity {
  const entity: DueEntity = {
    partitionKey: duePartition(e.dueAt, e.workspace),
    rowKey: encodeKey(`${e.scheduleId}|${new Date(e.dueAt).toISOString()}|${workspaceKey(e.workspace)}`),
    tenantId: e.workspace.tenantId,
    scope: e.workspace.scope,
    scopeId: e.workspace.scopeId,
    scheduleId: e.scheduleId,
    dueAt: new Date(e.dueAt).toISOString(),
    targetConversationId: e.targetConversationId,
  };
  assertEntityLimits(entity as unknown as Record<string, unknown>);
  return entity;
}
