// Operational-level agreements and runbooks. Each team's OLA is made of the tasks its role owns
// (the reminder schedules and the catalog's as-needed tasks) and the targets it commits to; the
// team signs a version of it and its adherence is read from the reminders' completion records.
// The as-needed tasks are runbooks: `runbook`, the runbooks tab, and a run's checklist whose last
// tick records the task as done. `ola` and the OLA card verbs; the role map shows each team's
// OLA through the hooks wiring.ts hands to the ops feature (OlaHooks).
import { randomBytes } from 'node:crypto';
import { runbooksView } from '../api/views/runbooks-view';
import { OlaService, type OlaSources, type RoleOlaStatus } from '../domain/ops/ola-service';
import { type OpsRole, RoleMapService } from '../domain/ops/roles';
import { RunbookService } from '../domain/runbooks/runbook-service';
import type { Workspace } from '../domain/workspace';
import { createOpsRepositories } from '../storage/ops/table-ops-repositories';
import { REMINDER_TABLES, type ReminderStorage, reminderStorageFrom } from '../storage/table-reminder-tables';
import { RUNBOOK_RUN_TABLE, RUNBOOK_TABLES, tableRunbookRunRepository } from '../storage/table-runbook-run-repository';
import type { ActionRegistry } from '../teams/card-actions';
import { createOlaActions } from '../teams/ola/ola-actions';
import { registerOlaCommands } from '../teams/ola/ola-commands';
import { OlaViews } from '../teams/ola/ola-views';
import { createRunbookActions } from '../teams/runbooks/runbook-actions';
import { registerRunbookCommands } from '../teams/runbooks/runbook-commands';
import { RunbookViews } from '../teams/runbooks/runbook-views';
import type { Feature, FeatureContext } from './feature';

const newId = () => randomBytes(6).toString('hex');

// The tasks and completions are the reminders'; the roles the role map's (read here too, as the reminders feature does).
export const RUNBOOKS_FEATURE_TABLES: readonly string[] = [...RUNBOOK_TABLES, ...REMINDER_TABLES, 'OpsRoles'];

/** What the role map shows of the OLAs, and the OLA card verbs its tab answers. */
export interface OlaHooks {
  statuses(ws: Workspace, roles: readonly OpsRole[]): Promise<Map<string, RoleOlaStatus>>;
  card(ws: Workspace, roleId: string): Promise<Record<string, unknown> | undefined>;
  actions: ActionRegistry;
}

export interface BuiltRunbooks {
  olas: OlaService;
  runbooks: RunbookService;
  olaViews: OlaViews;
  runbookViews: RunbookViews;
  olaActions: ActionRegistry;
  runbookActions: ActionRegistry;
  hooks: OlaHooks;
}

/** The OLA's tasks and completions, from the reminders' tables: one query each. */
export function reminderOlaSources(storage: Pick<ReminderStorage, 'schedules' | 'completions'>, severityPolicy?: OlaSources['severityPolicy']): OlaSources {
  return {
    scheduledTasks: async (ws) => (await storage.schedules.list(ws)).map((s) => ({ id: s.id, title: s.title, role: s.role, cadence: s.cadence, enabled: s.enabled })),
    completions: (ws, sinceIso) => storage.completions.list(ws, sinceIso),
    ...(severityPolicy ? { severityPolicy } : {}),
  };
}

/** `severityPolicy`: the workspace's incident severity settings, when the incidents feature runs. */
export function buildRunbooks(ctx: FeatureContext, severityPolicy?: OlaSources['severityPolicy']): BuiltRunbooks {
  const storage = reminderStorageFrom(ctx.store);
  const roleRepo = createOpsRepositories((table) => ctx.store.client(table)).roles;
  const roles = new RoleMapService({ roles: roleRepo, clock: ctx.clock, newId });
  const olas = new OlaService({ roles, sources: reminderOlaSources(storage, severityPolicy), clock: ctx.clock });
  const runbooks = new RunbookService({
    runs: tableRunbookRunRepository(ctx.store.client(RUNBOOK_RUN_TABLE)),
    completions: storage.completions,
    roles: (ws) => roleRepo.list(ws),
    clock: ctx.clock,
    newId,
  });
  const olaViews = new OlaViews(olas);
  const runbookViews = new RunbookViews(runbooks, (ws) => roleRepo.list(ws));
  const olaActions = createOlaActions(olaViews);
  return {
    olas, runbooks, olaViews, runbookViews, olaActions,
    runbookActions: createRunbookActions(runbookViews),
    hooks: { statuses: (ws, list) => olas.statuses(ws, list), card: (ws, roleId) => olaViews.card(ws, roleId), actions: olaActions },
  };
}

export function registerRunbooks(ctx: FeatureContext, built: BuiltRunbooks): void {
  registerOlaCommands(ctx.commands, built.olaViews);
  registerRunbookCommands(ctx.commands, built.runbookViews);
  ctx.verbs.routeActions(built.olaActions);
  ctx.verbs.routeActions(built.runbookActions);
  ctx.tabViews.register(runbooksView(built.runbookViews, built.runbookActions));
}

export function createRunbooksFeature(): Feature<BuiltRunbooks> {
  return {
    name: 'runbooks',
    tables: RUNBOOKS_FEATURE_TABLES,
    register(ctx) {
      const built = buildRunbooks(ctx);
      registerRunbooks(ctx, built);
      return built;
    },
  };
}
