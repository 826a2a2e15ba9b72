// Issue 6, recurring operations reminders: the `reminders` command and settings card, the
// digest card verbs, and the reminder scheduler job, which sends one digest per channel per run
// through the app's one proactive sender. Tasks route through the ops role map (OpsRoles).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { remindersView } from '../api/views/reminders-view';
import type { AgendaTask } from '../domain/ops/agenda';
import type { CompletionRate } from '../domain/reminders/completion';
import { ReminderService } from '../domain/reminders/reminder-service';
import type { Workspace } from '../domain/workspace';
import { ReminderScheduler } from '../jobs/scheduler';
import { createOpsRepositories } from '../storage/ops/table-ops-repositories';
import { SEED_TABLE, SeedMarkers } from '../storage/seed-markers';
import { REMINDER_TABLES, reminderStorageFrom } from '../storage/table-reminder-tables';
import { registerReminderHandlers } from '../teams/reminders/reminder-handlers';
import { overdueFrom, ReminderViews } from '../teams/reminders/reminder-views';
import type { Feature } from './feature';

export interface RemindersFeature extends Feature {
  /** The scheduler as wired (tests tick it with a fake clock). */
  scheduler(): ReminderScheduler;
  /** The reminder service as wired (tab API, agenda, tests). */
  service(): ReminderService;
  /** On-time completion rates per task and team (for a tab view). */
  rates(ws: Workspace): Promise<CompletionRate[]>;
  /** Tasks reminded but not done or skipped whose due time has passed (the agenda's AgendaSources.overdueTasks). */
  overdueTasks(ws: Workspace, now: Date): Promise<AgendaTask[]>;
}

/** How often the scheduler looks for due reminders. */
const SCHEDULER_INTERVAL_MS = 60_000;

export function createRemindersFeature(): RemindersFeature {
  let wired: { service: ReminderService; scheduler: ReminderScheduler } | undefined;
  const need = () => {
    if (!wired) throw new Error('the reminders feature is not registered yet');
    return wired;
  };

  return {
    name: 'reminders',
    // OpsRoles: tasks are routed through the role map, also when the ops feature is not installed.
    tables: [...REMINDER_TABLES, 'OpsRoles'],
    register(ctx) {
      const { config, store, clock, commands, verbs, log, targets, sender, jobs } = ctx;
      const storage = reminderStorageFrom(store);
      const base = { schedules: storage.schedules, dueIndex: storage.dueIndex, completions: storage.completions, settings: storage.settings, clock, seeds: new SeedMarkers(store.client(SEED_TABLE)) };
      const service = new ReminderService(base);
      const roles = createOpsRepositories((table) => store.client(table)).roles;
      const views = new ReminderViews({
        service,
        roles: (ws) => roles.list(ws),
        completions: (ws, since) => storage.completions.list(ws, since),
        clock,
        timeZone: config.defaultTimeZone,
      });
      const scheduler = new ReminderScheduler({
        ...storage,
        targets,
        sender,
        clock,
        instanceId: `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`,
        log,
      });
      wired = { service, scheduler };
      const serviceWithId = (id: string) => new ReminderService({ ...base, newId: () => id });
      registerReminderHandlers(commands, verbs, { service, views, serviceWithId, timeZone: config.defaultTimeZone });
      ctx.tabViews.register(remindersView({
        service,
        settingsCard: (ws, opts) => views.settingsCard(ws, opts),
        ensureSeeded: (ws, conversationId) => views.ensureSeeded(ws, conversationId),
        // Where reminders were set up; else where the bot is installed (the tab API serves only such workspaces).
        setupConversation: async (ws) => (await service.settings(ws)).serviceOwnerConversationId ?? (await targets.listActive(ws))[0]?.conversationId,
        serviceWithId,
        timeZone: config.defaultTimeZone,
      }));
      jobs.add({ name: 'reminders', start: () => scheduler.start(SCHEDULER_INTERVAL_MS), stop: () => scheduler.stop() });
    },
    scheduler: () => need().scheduler,
    service: () => need().service,
    rates: (ws) => need().service.rates(ws),
    overdueTasks: async (ws, now) => overdueFrom(await need().service.list(ws), now),
  };
}
