// A workspace's quality settings (review targets and finding time boxes) in Azure Table storage:
// one row per workspace, PartitionKey = the workspace, RowKey "settings". No row = the defaults.
// The targets travel as one JSON property (11 rows × 3 rates, far under the 64 KiB property
// limit); the time boxes as whole-number properties. Saves use the row's ETag, so two people
// saving at once cannot overwrite each other unseen.
import { RestError, type TableClient } from '@azure/data-tables';
import {
  completeSettings, DAYS_RANGE, type DueDays, type QualitySettings, type QualitySettingsRepository, type StoredQualitySettings, TIMED_STATUSES, type TimedStatus,
} from '../../domain/findings/quality-settings';
import { storedRemediationDays } from '../../domain/findings/remediation-targets';
import type { TargetRow } from '../../domain/findings/targets';
import { type Workspace, workspaceKey } from '../../domain/workspace';
import { getRow } from '../checked-query';
import { assertEntityLimits } from '../entity-limits';
import { encodeKey } from '../keys';
import { isNotFound } from '../table-store';

export const QUALITY_SETTINGS_TABLES = ['QualitySettings'] as const;

const ROW = 'settings';
const SCHEMA = 1;
const pk = (ws: Workspace) => encodeKey(workspaceKey(ws));
const DUE_PROPS: Record<TimedStatus, string> = { new: 'dueNew', accepted: 'dueAccepted', 'in-remediation': 'dueInRemediation', remediated: 'dueRemediated' };
const REMEDIATION_PROP = 'remediationByCategory';

interface SettingsEntity {
  partitionKey: string;
  rowKey: string;
  schema: number;
  targets: string;
  updatedAt: string;
  updatedBy: string;
  [due: string]: unknown;
}

function toEntity(ws: Workspace, s: QualitySettings, meta: { updatedAt: string; updatedBy: string }): SettingsEntity {
  const e: SettingsEntity = {
    partitionKey: pk(ws), rowKey: ROW, schema: SCHEMA, updatedAt: meta.updatedAt, updatedBy: meta.updatedBy.slice(0, 200),
    targets: JSON.stringify(s.targets.map((r) => ({ scope: r.scope, network: r.network, targets: r.targets }))),
  };
  for (const status of TIMED_STATUSES) e[DUE_PROPS[status]] = s.dueDays[status];
  // The categories' own remediation time boxes; absent, every category uses dueInRemediation.
  if (s.dueDays.byCategory && Object.keys(s.dueDays.byCategory).length) e[REMEDIATION_PROP] = JSON.stringify(s.dueDays.byCategory);
  assertEntityLimits(e as unknown as Record<string, unknown>);
  return e;
}

function parseTargets(json: unknown): TargetRow[] {
  try {
    const v: unknown = typeof json === 'string' ? JSON.parse(json) : [];
    return Array.isArray(v) ? (v as TargetRow[]) : [];
  } catch {
    return []; // an unreadable row falls back to the default targets rather than failing every import
  }
}

function fromEntity(e: Record<string, unknown>): StoredQualitySettings {
  const dueDays: Partial<DueDays> = {};
  for (const status of TIMED_STATUSES) {
    const n = e[DUE_PROPS[status]];
    if (typeof n === 'number' && Number.isInteger(n) && n > 0) dueDays[status] = n;
  }
  const byCategory = storedRemediationDays(e[REMEDIATION_PROP], DAYS_RANGE);
  if (Object.keys(byCategory).length) dueDays.byCategory = byCategory;
  const s: StoredQualitySettings = completeSettings({ targets: parseTargets(e.targets), dueDays });
  if (typeof e.etag === 'string') s.etag = e.etag;
  if (typeof e.updatedAt === 'string') s.updatedAt = e.updatedAt;
  if (typeof e.updatedBy === 'string') s.updatedBy = e.updatedBy;
  return s;
}

export class TableQualitySettingsRepository implements QualitySettingsRepository {
  constructor(private readonly table: TableClient) {}

  async get(workspace: Workspace): Promise<StoredQualitySettings | undefined> {
    try {
      return fromEntity(await getRow<Record<string, unknown>>(this.table, pk(workspace), ROW));
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async save(workspace: Workspace, settings: QualitySettings, meta: { etag?: string; updatedAt: string; updatedBy: string }): Promise<StoredQualitySettings | 'conflict'> {
    const entity = toEntity(workspace, settings, meta);
    try {
      const r = meta.etag ? await this.table.updateEntity(entity, 'Replace', { etag: meta.etag }) : await this.table.createEntity(entity);
      return { ...settings, updatedAt: meta.updatedAt, updatedBy: meta.updatedBy, ...(r.etag ? { etag: r.etag } : {}) };
    } catch (e) {
      if (e instanceof RestError && (e.statusCode === 409 || e.statusCode === 412)) return 'conflict';
      throw e;
    }
  }

  async reset(workspace: Workspace): Promise<void> {
    try {
      await this.table.deleteEntity(pk(workspace), ROW);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}
