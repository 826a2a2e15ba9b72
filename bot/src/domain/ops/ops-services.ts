// Builds every ops service from its repositories, so the bot feature and the tab API share
// one wiring.
import type { ActionItem, AgendaItem, AgendaSectionId, AgendaSources } from './agenda';
import { EMPTY_AGENDA_SOURCES } from './agenda';
import { ChecklistService, type ChecklistRunRepository } from './checklists';
import type { Clock } from './common';
import { type KsiRepository, type ObjectiveRepository, OkrService } from './okrs';
import { type RiskRepository, RiskService } from './risks';
import { type RoleMapDeps, type RoleRepository, RoleMapService } from './roles';
import { type StakeholderRepository, StakeholderService } from './stakeholders';
import type { RecordRepository } from './common';
import { type Meeting, type SteeringReads, type SteeringSettings, SteeringService } from './steering';

export interface OpsRepositorySet {
  roles: RoleRepository;
  stakeholders: StakeholderRepository;
  risks: RiskRepository;
  objectives: ObjectiveRepository;
  ksis: KsiRepository;
  steeringSettings: RecordRepository<SteeringSettings>;
  agendaItems: RecordRepository<AgendaItem>;
  actions: RecordRepository<ActionItem>;
  meetings: RecordRepository<Meeting>;
  checklistRuns: ChecklistRunRepository;
  /** Combined reads the store offers for the agenda (fewer round trips); optional. */
  steeringReads?: SteeringReads;
}

export interface OpsServices {
  roles: RoleMapService;
  stakeholders: StakeholderService;
  risks: RiskService;
  okrs: OkrService;
  steering: SteeringService;
  checklists: ChecklistService;
}

export function createOpsServices(repos: OpsRepositorySet, options: { clock: Clock; newId: () => string; sources?: AgendaSources; onSourceError?: (section: AgendaSectionId, error: unknown) => void; onContactChanged?: RoleMapDeps['onContactChanged'] }): OpsServices {
  const { clock, newId } = options;
  const risks = new RiskService({ risks: repos.risks, clock, newId });
  const okrs = new OkrService({ objectives: repos.objectives, ksis: repos.ksis, clock, newId });
  return {
    roles: new RoleMapService({ roles: repos.roles, clock, newId, ...(options.onContactChanged ? { onContactChanged: options.onContactChanged } : {}) }),
    stakeholders: new StakeholderService({ stakeholders: repos.stakeholders, clock, newId }),
    risks,
    okrs,
    steering: new SteeringService({
      settings: repos.steeringSettings, items: repos.agendaItems, actions: repos.actions, meetings: repos.meetings,
      risks, okrs, sources: options.sources ?? EMPTY_AGENDA_SOURCES, clock, newId,
      ...(options.onSourceError ? { onSourceError: options.onSourceError } : {}),
      ...(repos.steeringReads ? { reads: repos.steeringReads } : {}),
    }),
    checklists: new ChecklistService({ runs: repos.checklistRuns, clock }),
  };
}
