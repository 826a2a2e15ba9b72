// The ops aggregates' tables and repositories. OPS_TABLES goes to TableStore.ensureTables.
import type { TableClient } from '@azure/data-tables';
import type { ActionItem, AgendaItem } from '../../domain/ops/agenda';
import type { ChecklistRun } from '../../domain/ops/checklists';
import { DEFAULT_KSIS, DEFAULT_OBJECTIVES, type Ksi, type Objective } from '../../domain/ops/okrs';
import { DEFAULT_RISKS, type Risk } from '../../domain/ops/risks';
import { DEFAULT_ROLES, type OpsRole } from '../../domain/ops/roles';
import { DEFAULT_STAKEHOLDERS, type Stakeholder } from '../../domain/ops/stakeholders';
import { type Meeting, SETTINGS_ID, type SteeringReads, type SteeringSettings } from '../../domain/ops/steering';
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
  /** The agenda's reads of the committee's records and of the OKRs, one query each. */
  steeringReads: SteeringReads;
}

/** `client` maps a logical table name to its client (TableStore.client, or a test's own). */
export function createOpsRepositories(client: (table: OpsTable | typeof SEED_TABLE) => TableClient): OpsRepositories {
  const seeds = new SeedMarkers(client(SEED_TABLE));
  const objectives = new TableOpsRecordRepository<Objective>(client('OpsOkrs'), { kind: 'O', defaults: DEFAULT_OBJECTIVES, seeds });
  const ksis = new TableOpsRecordRepository<Ksi>(client('OpsOkrs'), { kind: 'K', defaults: DEFAULT_KSIS, seeds });
  const steeringSettings = new TableOpsRecordRepository<SteeringSettings>(client('OpsSteering'), { kind: 'C' });
  const agendaItems = new TableOpsRecordRepository<AgendaItem>(client('OpsSteering'), { kind: 'I' });
  const actions = new TableOpsRecordRepository<ActionItem>(client('OpsSteering'), { kind: 'A' });
  return {
    roles: new TableOpsRecordRepository<OpsRole>(client('OpsRoles'), { kind: 'R', defaults: DEFAULT_ROLES, seeds }),
    stakeholders: new TableOpsRecordRepository<Stakeholder>(client('OpsStakeholders'), { kind: 'S', defaults: DEFAULT_STAKEHOLDERS, seeds }),
    risks: new TableOpsRecordRepository<Risk>(client('OpsRisks'), { kind: 'R', defaults: DEFAULT_RISKS, seeds }),
    objectives,
    ksis,
    steeringSettings,
    agendaItems,
    actions,
    meetings: new TableOpsRecordRepository<Meeting>(client('OpsSteering'), { kind: 'M' }),
    checklistRuns: new TableOpsRecordRepository<ChecklistRun>(client('OpsChecklists'), { kind: 'Run' }),
    steeringReads: {
      // Settings (C|), actions (A|) and agenda items (I|) share the workspace's OpsSteering partition; meetings (M|) sort after them.
      async records(ws) {
        const [settings, items, acts] = await TableOpsRecordRepository.listKinds(ws, [steeringSettings, agendaItems, actions] as const);
        return { settings: settings.find((s) => s.id === SETTINGS_ID), items, actions: acts };
      },
      async okrs(ws) {
        const [found, indicators] = await TableOpsRecordRepository.listKinds(ws, [objectives, ksis] as const);
        return { objectives: found, ksis: indicators };
      },
    },
  };
}
