// Recurring operations reminders: the `reminders` command and settings card, the reminder card
// actions, the reminders tab, and the reminder scheduler job, which sends one digest per channel
// per run through the app's one proactive sender. Tasks route through the ops role map (OpsRoles).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { remindersView } from '../api/views/reminders-view';
import type { AgendaTask } from '../domain/ops/agenda';
import type { CompletionRate } from '../domain/reminders/completion';
import type { PhaseReader } from '../domain/governance/phase';
import { ReminderService } from '../domain/reminders/reminder-service';
import type { Workspace } from '../domain/workspace';
import { ReminderScheduler } from '../jobs/scheduler';
import { createOpsRepositories } from '../storage/ops/table-ops-repositories';
import { SEED_TABLE, SeedMarkers } from '../storage/seed-markers';
import { REMINDER_TABLES, reminderStorageFrom } from '../storage/table-reminder-tables';
import type { ActionRegistry } from '../teams/card-actions';
import { createReminderActions } from '../teams/reminders/reminder-actions';
import { registerReminderCommands } from '../teams/reminders/reminder-commands';
import { overdueFrom, ReminderViews } from '../teams/reminders/reminder-views';
import type { Feature, FeatureContext } from './feature';
import { tabLinkTarget } from '../domain/tab-link';

/** How often the scheduler looks for due reminders. */
const SCHEDULER_INTERVAL_MS = 60_000;

// OpsRoles: tasks are routed through the role map, also when the ops feature is not installed.
export const REMINDERS_FEATURE_TABLES: readonly string[] = [...REMINDER_TABLES, 'OpsRoles'];

export interface BuiltReminders {
  service: ReminderService;
  /** The scheduler job (tests tick it with a fake clock). */
  scheduler: ReminderScheduler;
  views: ReminderViews;
  actions: ActionRegistry;
  /** On-time completion rates per task and team. */
  rates(ws: Workspace): Promise<CompletionRate[]>;
  /** Tasks reminded but not done or skipped whose due time has passed (the agenda's overdue tasks). */
  overdueTasks(ws: Workspace, now: Date): Promise<AgendaTask[]>;
  /** Where reminders were set up; else where the bot is installed (the tab API serves only such workspaces). */
  setupConversation(ws: Workspace): Promise<string | undefined>;
}

export interface RemindersDeps {
  /** The project phase: the usage tasks remind in their phase only. Absent: every task reminds as scheduled. */
  phases?: PhaseReader;
}

export function buildReminders(ctx: FeatureContext, deps: RemindersDeps = {}): BuiltReminders {
  const { config, store, clock, log, targets, sender } = ctx;
  const storage = reminderStorageFrom(store);
  const base = { schedules: storage.schedules, dueIndex: storage.dueIndex, completions: storage.completions, settings: storage.settings, clock, seeds: new SeedMarkers(store.client(SEED_TABLE)) };
  const service = new ReminderService(base);
  const roles = createOpsRepositories((table) => store.client(table)).roles;
  const views = new ReminderViews({ service, roles: (ws) => roles.list(ws), completions: (ws, since) => storage.completions.list(ws, since), clock, timeZone: config.defaultTimeZone });
  const instanceId = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const scheduler = new ReminderScheduler({ ...storage, targets, sender, clock, instanceId, log, ...(deps.phases ? { phases: deps.phases } : {}) });
  const setupConversation = async (ws: Workspace) => (await service.settings(ws)).serviceOwnerConversationId ?? (await targets.listActive(ws))[0]?.conversationId;
  const serviceWithId = (id: string) => new ReminderService({ ...base, newId: () => id });
  const actions = createReminderActions({ service, views, serviceWithId, setupConversation, timeZone: config.defaultTimeZone });
  return {
    service, scheduler, views, actions, setupConversation,
    rates: (ws) => service.rates(ws),
    overdueTasks: async (ws, now) => overdueFrom(await service.list(ws), now),
  };
}

export function registerReminders(ctx: FeatureContext, reminders: BuiltReminders): void {
  const { service, views, actions, scheduler, setupConversation } = reminders;
  registerReminderCommands(ctx.commands, { service, views, links: tabLinkTarget(ctx.config) });
  ctx.verbs.routeActions(actions);
  ctx.tabViews.register(remindersView({
    service,
    actions,
    settingsCard: (ws, opts) => views.settingsCard(ws, opts),
    ensureSeeded: (ws, conversationId) => views.ensureSeeded(ws, conversationId),
    setupConversation,
  }));
  ctx.jobs.add({ name: 'reminders', start: () => scheduler.start(SCHEDULER_INTERVAL_MS), stop: () => scheduler.stop() });
}

export function createRemindersFeature(): Feature<BuiltReminders> {
  return {
    name: 'reminders',
    tables: REMINDERS_FEATURE_TABLES,
    register(ctx) {
      const reminders = buildReminders(ctx);
      registerReminders(ctx, reminders);
      return reminders;
    },
  };
}
