// The steering committee's charter, the business case and the project timeline: their chat
// command, card actions and tab view, and what other features read of them: the current phase
// (PhaseReader), phase changes (PhaseListener, told after a change is saved) and the agenda's
// charter sections (one read of the governance record). Built after the ops feature, whose
// stakeholder matrix and KSIs the charter and the business case choose from.
import { randomBytes } from 'node:crypto';
import { charterView } from '../api/views/charter-view';
import { agendaGovernance } from '../domain/governance/agenda-part';
import type { KsiChoice } from '../domain/governance/business-case';
import type { StakeholderChoice } from '../domain/governance/charter';
import { defaultGovernance } from '../domain/governance/governance';
import { GovernanceService } from '../domain/governance/governance-service';
import type { PhaseListener, PhaseReader } from '../domain/governance/phase';
import type { AgendaSources } from '../domain/ops/agenda';
import type { Workspace } from '../domain/workspace';
import { GOVERNANCE_TABLE, GOVERNANCE_TABLES, TableGovernanceRepository } from '../storage/table-governance-repository';
import type { ActionRegistry } from '../teams/card-actions';
import { createGovernanceActions } from '../teams/governance/governance-actions';
import { registerGovernanceCommands } from '../teams/governance/governance-commands';
import { GovernanceViews } from '../teams/governance/governance-views';
import type { FeatureContext } from './feature';

export const GOVERNANCE_FEATURE_TABLES = GOVERNANCE_TABLES;
const newId = () => randomBytes(5).toString('hex');

export interface GovernanceDeps {
  /** The workspace's stakeholder matrix (ops): committee members are chosen from it. */
  stakeholders(workspace: Workspace): Promise<StakeholderChoice[]>;
  /** The workspace's KSIs (ops): a use case's outcome may be aligned with one. */
  ksis(workspace: Workspace): Promise<KsiChoice[]>;
  /** Told after a phase change is saved (e.g. a gate review opens); a failing one is logged. */
  phaseListeners?: readonly PhaseListener[];
}

export interface BuiltGovernance {
  service: GovernanceService;
  /** The current phase of a workspace, for the features that depend on it. */
  phases: PhaseReader;
  views: GovernanceViews;
  actions: ActionRegistry;
}

export function buildGovernance(ctx: FeatureContext, deps: GovernanceDeps): BuiltGovernance {
  const service = new GovernanceService({
    repo: new TableGovernanceRepository(ctx.store.client(GOVERNANCE_TABLE)),
    clock: ctx.clock,
    newId,
    stakeholders: deps.stakeholders,
    ksis: deps.ksis,
    listeners: deps.phaseListeners ?? [],
    onListenerError: (error, change) => ctx.log.warn('a phase listener failed; the phase change stays saved', { to: change.to, error: String(error) }),
  });
  const views = new GovernanceViews(service, ctx.clock);
  return { service, phases: service, views, actions: createGovernanceActions(views) };
}

/**
 * The agenda's charter sections, readable before the rest is built (the ops feature takes its
 * agenda sources at construction): one point read of the governance record.
 */
export function governanceAgendaSource(ctx: FeatureContext): Pick<AgendaSources, 'governance'> {
  const repo = new TableGovernanceRepository(ctx.store.client(GOVERNANCE_TABLE));
  return {
    async governance(ws) {
      // Until someone edits it, the charter's defaults (the example use case) are what the card shows too.
      return agendaGovernance((await repo.get(ws)) ?? defaultGovernance(ws));
    },
  };
}

export function registerGovernance(ctx: FeatureContext, built: BuiltGovernance): void {
  registerGovernanceCommands(ctx.commands, built.views);
  ctx.verbs.routeActions(built.actions);
  ctx.tabViews.register(charterView(built.views, built.actions));
}
