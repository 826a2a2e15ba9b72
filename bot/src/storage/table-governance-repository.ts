// The governance record in Azure Table storage: one table, one row per workspace
// (partition = the workspace, row key "record"), the record as JSON spread over as many
// properties as it needs. Replaced with the ETag it was read with, so two people changing the
// charter at once never overwrite each other. A row that does not name the workspace it was
// asked for is refused, never shown.
import type { TableClient } from '@azure/data-tables';
import type { Governance, GovernanceRepository } from '../domain/governance/governance';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { getRow, StorageContractError } from './checked-query';
import { assertEntityLimits } from './entity-limits';
import { isEtag } from './etag';
import { getText, putText } from './findings/long-text';
import { encodeKey } from './keys';
import { isConflict, isNotFound } from './table-store';

export const GOVERNANCE_TABLE = 'Governance';
export const GOVERNANCE_TABLES = [GOVERNANCE_TABLE] as const;
const RECORD_RK = 'record';
const SCHEMA = 1;

const pk = (ws: Workspace) => encodeKey(workspaceKey(ws));

export class TableGovernanceRepository implements GovernanceRepository {
  constructor(private readonly table: TableClient) {}

  async get(ws: Workspace): Promise<Governance | undefined> {
    let row: Record<string, unknown>;
    try {
      row = await getRow<Record<string, unknown>>(this.table, pk(ws), RECORD_RK);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
    const record = JSON.parse(getText(row, 'json') ?? 'null') as Governance | null;
    if (!record || row.workspace !== workspaceKey(ws) || !record.workspace || workspaceKey(record.workspace) !== workspaceKey(ws)) {
      throw new StorageContractError(`table ${this.table.tableName} returned a governance row that does not belong to the workspace it was asked for`);
    }
    return { ...record, ...(typeof row.etag === 'string' ? { etag: row.etag } : {}) };
  }

  async save(record: Governance, etag?: string): Promise<Governance | 'conflict'> {
    const { etag: _old, ...rest } = record;
    const entity: Record<string, unknown> & { partitionKey: string; rowKey: string } = { partitionKey: pk(record.workspace), rowKey: RECORD_RK, workspace: workspaceKey(record.workspace), schema: SCHEMA };
    putText(entity, 'json', JSON.stringify(rest));
    assertEntityLimits(entity);
    try {
      if (etag === undefined) {
        const r = await this.table.createEntity(entity);
        return { ...rest, ...(r.etag ? { etag: r.etag } : {}) };
      }
      if (!isEtag(etag)) return 'conflict';
      const r = await this.table.updateEntity(entity, 'Replace', { etag });
      return { ...rest, ...(r.etag ? { etag: r.etag } : {}) };
    } catch (e) {
      if (isConflict(e) || isNotFound(e)) return 'conflict';
      throw e;
    }
  }
}
