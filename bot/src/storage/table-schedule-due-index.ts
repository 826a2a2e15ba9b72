import { RestError, type TableClient } from '@azure/data-tables';
import type { DueEntry, DueIndex } from '../domain/reminders/repositories';
import { workspaceKey } from '../domain/workspace';
import { assertEntityLimits } from './entity-limits';
import { encodeKey } from './keys';
import { submitByPartition } from './table-reminder-batch';
import { isNotFound } from './table-store';
import { queryAll } from './checked-query';

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

/** UTC minute of an instant, 'yyyyMMddHHmm': sorts as time, so "≤ now" is a key range. */
export function minuteBucket(at: Date | string): string {
  const iso = typeof at === 'string' ? new Date(at).toISOString() : at.toISOString();
  return iso.slice(0, 16).replace(/[-T:]/g, '');
}

export const EARLIEST_BUCKET = '000000000000';

/**
 * The due index: PartitionKey = minute bucket, RowKey = schedule id + due instant + workspace.
 * A tick asks for the partitions from its watermark up to now, so its cost follows what is due;
 * schedules due later sit in later partitions and are never read.
 */
export class TableScheduleDueIndex implements DueIndex {
  constructor(readonly table: TableClient) {}

  async put(entries: readonly DueEntry[]): Promise<void> {
    const actions = entries.map((e) => ['upsert', toEntity(e), 'Replace'] as ['upsert', DueEntity, 'Replace']);
    await submitByPartition(this.table, actions, async (_failed, error) => {
      throw error;
    });
  }

  async remove(entries: readonly DueEntry[]): Promise<void> {
    const actions = entries.map((e) => {
      const { partitionKey, rowKey } = toEntity(e);
      return ['delete', { partitionKey, rowKey }] as ['delete', { partitionKey: string; rowKey: string }];
    });
    await submitByPartition(this.table, actions, async (failed, error) => {
      // One already-deleted row fails the whole transaction; delete the rest one by one.
      if (!(error instanceof RestError && error.statusCode === 404)) throw error;
      await Promise.all(failed.map(async ([, e]) => {
        try {
          await this.table.deleteEntity(String(e.partitionKey), String(e.rowKey));
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }));
    });
  }

  async listDue(now: Date, fromBucket = EARLIEST_BUCKET): Promise<DueEntry[]> {
    const to = minuteBucket(now);
    const out: DueEntry[] = [];
    for (const e of await queryAll<DueEntity>(this.table, { partition: { ge: fromBucket, le: to } })) {
      if (Date.parse(e.dueAt) > now.getTime()) continue;
      out.push({
        dueAt: e.dueAt,
        workspace: { tenantId: e.tenantId, scope: e.scope === 'team' ? 'team' : 'chat', scopeId: e.scopeId },
        scheduleId: e.scheduleId,
        targetConversationId: e.targetConversationId,
      });
    }
    return out;
  }
}

function toEntity(e: DueEntry): DueEntity {
  const entity: DueEntity = {
    partitionKey: minuteBucket(e.dueAt),
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
