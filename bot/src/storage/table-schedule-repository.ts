import { RestError, type TableClient } from '@azure/data-tables';
import type { Cadence } from '../domain/reminders/cadence';
import type { ScheduleRepository } from '../domain/reminders/repositories';
import type { ContactPerson, OpenTask, ReminderSchedule } from '../domain/reminders/schedule';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { assertEntityLimits } from './entity-limits';
import { decodeKey, encodeKey } from './keys';
import { submitByPartition, transactUpdates } from './table-reminder-batch';
import { isNotFound } from './table-store';
import { getRow, queryAll, type RowQuery, where } from './checked-query';

type ScheduleEntity = {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  scope: string;
  scopeId: string;
  taskKey: string;
  title: string;
  category: string;
  role: string;
  team: string;
  /** JSON of the owning role's contact person, '' (or absent on older rows) when none. */
  contact?: string;
  targetConversationId: string;
  enabled: boolean;
  time: string;
  timeZone: string;
  cadence: string;
  nextDueAt: string;
  snoozedUntil: string;
  /** JSON of OpenTask, '' when none; hasOpen lets a query find open tasks. */
  open: string;
  hasOpen: boolean;
  lastDoneAt: string;
  recentActions: string;
  updatedAt: string;
  etag?: string;
};

/** Schedules of a workspace in its partition; RowKey = schedule id. Updates are ETag-conditional. */
export class TableScheduleRepository implements ScheduleRepository {
  constructor(readonly table: TableClient) {}

  async get(workspace: Workspace, id: string): Promise<ReminderSchedule | undefined> {
    try {
      return fromEntity(await getRow<ScheduleEntity>(this.table, encodeKey(workspaceKey(workspace)), encodeKey(id)));
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  list(workspace: Workspace): Promise<ReminderSchedule[]> {
    const pk = encodeKey(workspaceKey(workspace));
    return this.query({ partition: pk });
  }

  listOpenForTarget(workspace: Workspace, conversationId: string): Promise<ReminderSchedule[]> {
    const pk = encodeKey(workspaceKey(workspace));
    return this.query({ partition: pk, where: [where.eq('hasOpen', true), where.eq('enabled', true), where.eq('targetConversationId', conversationId)] });
  }

  private async query(q: RowQuery): Promise<ReminderSchedule[]> {
    return (await queryAll<ScheduleEntity>(this.table, q)).map(fromEntity);
  }

  async create(schedule: ReminderSchedule): Promise<ReminderSchedule | 'exists'> {
    const entity = toEntity(schedule);
    try {
      const r = await this.table.createEntity(entity);
      return { ...schedule, etag: r.etag };
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 409) return 'exists';
      throw e;
    }
  }

  async createMany(schedules: readonly ReminderSchedule[]): Promise<void> {
    const actions = schedules.map((s) => ['create', toEntity(s)] as ['create', ScheduleEntity]);
    await submitByPartition(this.table, actions, async (failed, error) => {
      if (!(error instanceof RestError && error.statusCode === 409)) throw error;
      // Some already exist (seeding twice): insert the others one by one.
      for (const [, entity] of failed) {
        try {
          await this.table.createEntity(entity);
        } catch (e) {
          if (!(e instanceof RestError && e.statusCode === 409)) throw e;
        }
      }
    });
  }

  async update(schedule: ReminderSchedule): Promise<ReminderSchedule | 'conflict'> {
    if (!schedule.etag) throw new Error('update needs the ETag of the schedule that was read');
    try {
      const r = await this.table.updateEntity(toEntity(schedule), 'Replace', { etag: schedule.etag });
      return { ...schedule, etag: r.etag };
    } catch (e) {
      if (e instanceof RestError && (e.statusCode === 412 || e.statusCode === 404)) return 'conflict';
      throw e;
    }
  }

  async updateMany(schedules: readonly ReminderSchedule[]): Promise<ReminderSchedule[] | 'conflict'> {
    return transactUpdates(this.table, schedules, toEntity);
  }

  async delete(workspace: Workspace, id: string): Promise<void> {
    try {
      await this.table.deleteEntity(encodeKey(workspaceKey(workspace)), encodeKey(id));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

function toEntity(s: ReminderSchedule): ScheduleEntity {
  const e: ScheduleEntity = {
    partitionKey: encodeKey(workspaceKey(s.workspace)),
    rowKey: encodeKey(s.id),
    tenantId: s.workspace.tenantId,
    scope: s.workspace.scope,
    scopeId: s.workspace.scopeId,
    taskKey: s.taskKey ?? '',
    title: s.title,
    category: s.category,
    role: s.role,
    team: s.team ?? '',
    contact: s.contact ? JSON.stringify(s.contact) : '',
    targetConversationId: s.targetConversationId,
    enabled: s.enabled,
    time: s.time,
    timeZone: s.timeZone,
    cadence: JSON.stringify(s.cadence),
    nextDueAt: s.nextDueAt ?? '',
    snoozedUntil: s.snoozedUntil ?? '',
    open: s.open ? JSON.stringify(s.open) : '',
    hasOpen: Boolean(s.open),
    lastDoneAt: s.lastDoneAt ?? '',
    recentActions: JSON.stringify(s.recentActions),
    updatedAt: s.updatedAt,
  };
  assertEntityLimits(e as unknown as Record<string, unknown>);
  return e;
}

function fromEntity(e: ScheduleEntity): ReminderSchedule {
  const s: ReminderSchedule = {
    workspace: { tenantId: e.tenantId, scope: e.scope === 'team' ? 'team' : 'chat', scopeId: e.scopeId },
    id: decodeKey(e.rowKey),
    title: e.title,
    category: e.category,
    role: e.role,
    targetConversationId: e.targetConversationId,
    enabled: e.enabled,
    time: e.time,
    timeZone: e.timeZone,
    cadence: JSON.parse(e.cadence) as Cadence,
    recentActions: e.recentActions ? (JSON.parse(e.recentActions) as string[]) : [],
    updatedAt: e.updatedAt,
    ...(e.etag ? { etag: e.etag } : {}),
  };
  if (e.taskKey) s.taskKey = e.taskKey;
  if (e.team) s.team = e.team;
  if (e.contact) s.contact = JSON.parse(e.contact) as ContactPerson;
  if (e.nextDueAt) s.nextDueAt = e.nextDueAt;
  if (e.snoozedUntil) s.snoozedUntil = e.snoozedUntil;
  if (e.open) s.open = JSON.parse(e.open) as OpenTask;
  if (e.lastDoneAt) s.lastDoneAt = e.lastDoneAt;
  return s;
}
