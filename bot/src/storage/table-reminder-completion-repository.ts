import type { TableClient } from '@azure/data-tables';
import type { CompletionRecord } from '../domain/reminders/actions';
import type { CompletionRepository } from '../domain/reminders/repositories';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { assertEntityLimits } from './entity-limits';
import { encodeKey } from './keys';
import { queryAll, where } from './checked-query';

interface CompletionEntity {
  partitionKey: string;
  rowKey: string;
  scheduleId: string;
  title: string;
  team: string;
  dueAt: string;
  resolvedAt: string;
  outcome: string;
  onTime: boolean;
  missed: number;
  by: string;
}

/**
 * Completion history per workspace. RowKey = schedule id + the resolved occurrence's first due
 * instant: an occurrence is resolved once, so recording the same resolution again is an upsert
 * of the same row, never a second entry.
 */
export class TableReminderCompletionRepository implements CompletionRepository {
  constructor(readonly table: TableClient) {}

  async record(workspace: Workspace, r: CompletionRecord): Promise<void> {
    const e: CompletionEntity = {
      partitionKey: encodeKey(workspaceKey(workspace)),
      rowKey: encodeKey(`${r.scheduleId}|${r.dueAt}`),
      scheduleId: r.scheduleId,
      title: r.title,
      team: r.team,
      dueAt: r.dueAt,
      resolvedAt: r.resolvedAt,
      outcome: r.outcome,
      onTime: r.onTime,
      missed: r.missed,
      by: r.by ?? '',
    };
    assertEntityLimits(e as unknown as Record<string, unknown>);
    await this.table.upsertEntity(e, 'Replace');
  }

  async list(workspace: Workspace, sinceIso?: string): Promise<CompletionRecord[]> {
    const pk = encodeKey(workspaceKey(workspace));
    const out: CompletionRecord[] = [];
    for (const e of await queryAll<CompletionEntity>(this.table, { partition: pk, where: sinceIso ? [where.ge('resolvedAt', sinceIso)] : [] })) {
      out.push({
        scheduleId: e.scheduleId,
        title: e.title,
        team: e.team,
        dueAt: e.dueAt,
        resolvedAt: e.resolvedAt,
        outcome: e.outcome === 'skipped' ? 'skipped' : 'done',
        onTime: e.onTime,
        missed: e.missed,
        ...(e.by ? { by: e.by } : {}),
      });
    }
    return out;
  }
}
