import { RestError, type TableClient } from '@azure/data-tables';
import type { ReminderSettingsRepository } from '../domain/reminders/repositories';
import type { ReminderSettings } from '../domain/reminders/schedule';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { assertEntityLimits } from './entity-limits';
import { encodeKey } from './keys';
import { isNotFound } from './table-store';
import { getRow } from './checked-query';

interface SettingsEntity {
  partitionKey: string;
  rowKey: string;
  deploymentMode: boolean;
  serviceOwnerConversationId: string;
  etag?: string;
}

const ROW = 'settings';

/** One row of reminder settings per workspace; absent = defaults. */
export class TableReminderSettingsRepository implements ReminderSettingsRepository {
  constructor(readonly table: TableClient) {}

  async get(workspace: Workspace): Promise<ReminderSettings> {
    try {
      const e = await getRow<SettingsEntity>(this.table, encodeKey(workspaceKey(workspace)), ROW);
      return {
        workspace,
        deploymentMode: e.deploymentMode,
        ...(e.serviceOwnerConversationId ? { serviceOwnerConversationId: e.serviceOwnerConversationId } : {}),
        ...(e.etag ? { etag: e.etag } : {}),
      };
    } catch (e) {
      if (isNotFound(e)) return { workspace, deploymentMode: false };
      throw e;
    }
  }

  async save(s: ReminderSettings): Promise<ReminderSettings | 'conflict'> {
    const entity: SettingsEntity = {
      partitionKey: encodeKey(workspaceKey(s.workspace)),
      rowKey: ROW,
      deploymentMode: s.deploymentMode,
      serviceOwnerConversationId: s.serviceOwnerConversationId ?? '',
    };
    assertEntityLimits(entity as unknown as Record<string, unknown>);
    try {
      const r = s.etag ? await this.table.updateEntity(entity, 'Replace', { etag: s.etag }) : await this.table.createEntity(entity);
      return { ...s, ...(r.etag ? { etag: r.etag } : {}) };
    } catch (e) {
      if (e instanceof RestError && (e.statusCode === 409 || e.statusCode === 412)) return 'conflict';
      throw e;
    }
  }
}
