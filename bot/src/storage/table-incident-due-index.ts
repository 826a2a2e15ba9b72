// The incident due index (domain/incidents/reminder-index.ts) in a table of its own.
//
// PartitionKey = '<UTC minute yyyyMMddHHmm>-<bucket>', the bucket a hash of the workspace: the
// minute comes first, so one PartitionKey range from a watermark minute to now covers every
// bucket of every minute due, and what lies later is never read. The buckets spread one busy
// minute (a mass outage filing everywhere at once) over INCIDENT_DUE_BUCKETS partitions.
// RowKey = workspace + incident + pointer sequence, so rows of different workspaces never
// share a key. A row carries only the pointer: workspace columns, incident id, instant, seq.
import type { TableClient } from '@azure/data-tables';
import type { IncidentDueEntry, IncidentDueIndex } from '../domain/incidents/reminder-index';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { queryAll, StorageContractError, where } from './checked-query';
import { assertEntityLimits } from './entity-limits';
import { encodeKey } from './keys';
import { DueRowsTable, shardOf } from './due-index-rows';
import { minuteBucket } from './table-schedule-due-index';

export const INCIDENT_DUE_TABLE = 'IncidentDue';

/**
 * 110 000 installed workspaces all due in one minute would still be about 430 rows a partition,
 * far below a partition's write target.
 */
export const INCIDENT_DUE_BUCKETS = 256;
const BUCKET_DIGITS = String(INCIDENT_DUE_BUCKETS - 1).length;
const LAST_BUCKET = String(INCIDENT_DUE_BUCKETS - 1);

type DueEntity = {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  scope: string;
  scopeId: string;
  incidentId: string;
  dueAt: string;
  seq: number;
};

/** The workspace's bucket, zero-padded. */
export function workspaceBucket(ws: Workspace): string {
  return String(shardOf(workspaceKey(ws), INCIDENT_DUE_BUCKETS)).padStart(BUCKET_DIGITS, '0');
}

export class TableIncidentDueIndex extends DueRowsTable<IncidentDueEntry> implements IncidentDueIndex {
  protected row(entry: IncidentDueEntry) {
    return toEntity(entry);
  }

  async listDue(now: Date, from?: Date): Promise<IncidentDueEntry[]> {
    const partition = { ...(from ? { ge: `${minuteBucket(from)}-` } : {}), le: `${minuteBucket(now)}-${LAST_BUCKET}` };
    const rows = await queryAll<DueEntity>(this.table, { partition, where: [where.le('dueAt', now.toISOString())] });
    return rows.map((row) => {
      const entry: IncidentDueEntry = {
        workspace: { tenantId: row.tenantId, scope: row.scope === 'team' ? 'team' : 'chat', scopeId: row.scopeId },
        incidentId: row.incidentId,
        dueAt: row.dueAt,
        seq: row.seq,
      };
      // The keys must be the ones the row's own columns give: a row filed under another
      // workspace's key (or another minute) never reaches the rhythm.
      const expected = toEntity(entry);
      if (expected.partitionKey !== row.partitionKey || expected.rowKey !== row.rowKey || row.scope !== entry.workspace.scope) {
        throw new StorageContractError(`table ${this.table.tableName} returned a due row whose keys do not match its workspace, incident and instant (${row.partitionKey} / ${row.rowKey})`);
      }
      return entry;
    });
  }
}

function toEntity(e: IncidentDueEntry): DueEntity {
  const dueAt = new Date(e.dueAt).toISOString();
  const entity: DueEntity = {
    partitionKey: `${minuteBucket(dueAt)}-${workspaceBucket(e.workspace)}`,
    rowKey: encodeKey(`${workspaceKey(e.workspace)}|${e.incidentId}|${String(e.seq).padStart(10, '0')}`),
    tenantId: e.workspace.tenantId,
    scope: e.workspace.scope,
    scopeId: e.workspace.scopeId,
    incidentId: e.incidentId,
    dueAt,
    seq: e.seq,
  };
  assertEntityLimits(entity as unknown as Record<string, unknown>);
  return entity;
}
