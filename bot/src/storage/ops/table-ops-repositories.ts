// The ops aggregates' tables and repositories. OPS_TABLES goes to TableStore.ensureTables.
import type { TableClient } from '@azure/data-tables';
import type { ActionItem, AgendaItem } from '../../domain/ops/agenda';
import type { ChecklistRun } from '../../domain/ops/checklists';
import { DEFAULT_KSIS, DEFAULT_OBJECTIVES, type Ksi, type Objective } from '../../domain/ops/okrs';
import { DEFAULT_RISKS, type Risk } from '../../domain/ops/risks';
import { DEFAULT_ROLES, type OpsRole } from '../../domain/ops/roles';
import { DEFAULT_STAKEHOLDERS, type Stakeholder } from '../../domain/ops/stakeholders';
import type { Meeting, SteeringSettings } from '../../domain/ops/steering';
import { SEED_TABLE, SeedMarkers } from '../seed-markers';
import { TableOpsRecordRepository } from './table-ops-record-repository';

export const OPS_TABLES = ['OpsRoles', 'OpsStakeholders', 'OpsRisks', 'OpsOkrs', 'OpsSteering', 'OpsChecklists'] as const;
export type OpsTable = (typeof OPS_TABLES)[number];

export interface OpsRepositories {
  roles: TableOpsRecordRepository<OpsRole>;
  stakeholders: TableOpsRecordRepository<Stakeholder>;
  risks: TableOpsRecordRepository<Risk>;
  objectives: TableOpsRecordRepository<Objective>;
  ksis: TableOpsRecordRepository<Ksi>;
  steeringSettings: TableOpsRecordRepository<SteeringSettings>;
  agendaItems: TableOpsRecordRepository<AgendaItem>;
  actions: TableOpsRecordRepository<ActionItem>;
  meetings: TableOpsRecordRepository<Meeting>;
  checklistRuns: TableOpsRecordRepository<ChecklistRun>;
}

/** `client` maps a logical table name to its client (TableStore.client, or a test's own). */
export function createOpsRepositories(client: (table: OpsTable | typeof SEED_TABLE) => TableClient): OpsRepositories {
  const seeds = new SeedMarkers(client(SEED_TABLE));
  return {
    roles: new TableOpsRecordRepository<OpsRole>(client('OpsRoles'), { kind: 'R', defaults: DEFAULT_ROLES, seeds }),
    stakeholders: new TableOpsRecordRepository<Stakeholder>(client('OpsStakeholders'), { kind: 'S', defaults: DEFAULT_STAKEHOLDERS, seeds }),
    risks: new TableOpsRecordRepository<Risk>(client('OpsRisks'), { kind: 'R', defaults: DEFAULT_RISKS, seeds }),
    objectives: new TableOpsRecordRepository<Objective>(client('OpsOkrs'), { kind: 'O', defaults: DEFAULT_OBJECTIVES, seeds }),
    ksis: new TableOpsRecordRepository<Ksi>(client('OpsOkrs'), { kind: 'K', defaults: DEFAULT_KSIS, seeds }),
    steeringSettings: new TableOpsRecordRepository<SteeringSettings>(client('OpsSteering'), { kind: 'C' }),
    agendaItems: new TableOpsRecordRepository<AgendaItem>(client('OpsSteering'), { kind: 'I' }),
    actions: new TableOpsRecordRepository<ActionItem>(client('OpsSteering'), { kind: 'A' }),
    meetings: new TableOpsRecordRepository<Meeting>(client('OpsSteering'), { kind: 'M' }),
    checklistRuns: new TableOpsRecordRepository<ChecklistRun>(client('OpsChecklists'), { kind: 'Run' }),
  };
}
