// The operations content feature: role map and stakeholders, risks and OKRs/KSIs, the
// steering-committee agenda, and review checklists. Chat commands `roles`, `agenda`,
// `checklists`, the ops card actions and three tab views. Findings, incidents and reminders feed
// the agenda through AgendaSources (wiring.ts builds them first and passes them in).
import { randomBytes } from 'node:crypto';
import { agendaView } from '../api/views/agenda-view';
import { checklistView } from '../api/views/checklist-view';
import { rolesView } from '../api/views/roles-view';
import { type AgendaSources, EMPTY_AGENDA_SOURCES } from '../domain/ops/agenda';
import { createOpsServices, type OpsServices } from '../domain/ops/ops-services';
import type { RoleMapDeps } from '../domain/ops/roles';
import { createOpsRepositories, OPS_TABLES } from '../storage/ops/table-ops-repositories';
import { ActionRegistry } from '../teams/card-actions';
import { createOpsActions } from '../teams/ops/ops-actions';
import { registerOpsCommands } from '../teams/ops/ops-commands';
import { OpsViews, type RoleOlaStatuses } from '../teams/ops/ops-views';
import type { Workspace } from '../domain/workspace';
import type { Feature, FeatureContext } from './feature';

const newId = () => randomBytes(5).toString('hex');

export interface BuiltOps {
  services: OpsServices;
  views: OpsViews;
  actions: ActionRegistry;
  /** The OLAs on the role map, when installed: the roles tab answers their card verbs too. */
  ola?: OpsOlaHooks;
}

export interface OpsOlaHooks {
  statuses: RoleOlaStatuses;
  /** The role's OLA card: "sign off" on the role map opens it, and the team signs what it says. */
  card(ws: Workspace, roleId: string): Promise<Record<string, unknown> | undefined>;
  actions: ActionRegistry;
}

export function buildOps(ctx: FeatureContext, sources: AgendaSources = EMPTY_AGENDA_SOURCES, onContactChanged?: RoleMapDeps['onContactChanged'], ola?: OpsOlaHooks): BuiltOps {
  const services = createOpsServices(createOpsRepositories((table) => ctx.store.client(table)), {
    clock: ctx.clock,
    newId,
    sources,
    ...(onContactChanged ? { onContactChanged } : {}),
    onSourceError: (section, error) => ctx.log.warn('an agenda source failed', { section, error: String(error) }),
  });
  const views = new OpsViews(services, ctx.clock, ola?.statuses, ola?.card);
  return { services, views, actions: createOpsActions(views), ...(ola ? { ola } : {}) };
}

export function registerOps(ctx: FeatureContext, ops: BuiltOps): void {
  registerOpsCommands(ctx.commands, ops.views, ctx.clock);
  ctx.verbs.routeActions(ops.actions);
  const roleActions = ops.ola ? new ActionRegistry([...ops.actions.list(), ...ops.ola.actions.list()]) : ops.actions;
  ctx.tabViews.register(rolesView(ops.services, roleActions, ops.ola?.statuses)).register(agendaView(ops.services, ops.actions)).register(checklistView(ops.services, ops.actions));
}

/** The ops feature on its own: an agenda without the other features' sections. */
export function createOpsFeature(): Feature<BuiltOps> {
  return {
    name: 'ops',
    tables: OPS_TABLES,
    register(ctx) {
      const ops = buildOps(ctx);
      registerOps(ctx, ops);
      return ops;
    },
  };
}
