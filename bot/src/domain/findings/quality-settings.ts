// A workspace's own quality settings: the Quality Experience Review targets it reviews against
// and the time boxes of an open finding. The guide calls its targets "starting points; each
// organization adjusts", so every row of the table can be changed; a workspace that never saved
// settings uses the defaults below. One settings row per workspace (storage/findings/table-quality-settings-repository.ts).
import type { Workspace } from '../workspace';
import { metric as metricInfo, type RateMetricId } from './catalog';
import { DUE_DAYS, type FindingStatus } from './finding';
import { QER_TARGETS, type TargetRow } from './targets';
import { readRemediationInputs, type RemediationDays } from './remediation-targets';
import { capital } from '../text/capital';

/** The statuses with a time box: an open finding is overdue once its status's days have passed. */
export const TIMED_STATUSES = ['new', 'accepted', 'in-remediation', 'remediated'] as const satisfies readonly FindingStatus[];
export type TimedStatus = (typeof TIMED_STATUSES)[number];
/** Per status; `in-remediation` is the default remediation time box, `byCategory` a category's own (remediation-targets.ts). */
export type DueDays = Record<TimedStatus, number> & { byCategory?: RemediationDays };

/**
 * Product defaults: the review guide names no deadlines. 30 days in remediation is one monthly
 * review cycle (the guide reviews month by month); 7 days to accept, 14 to start and 14 to verify
 * are this product's choice (finding.ts DUE_DAYS).
 */
export const DEFAULT_DUE_DAYS: DueDays = {
  new: DUE_DAYS.new!, accepted: DUE_DAYS.accepted!, 'in-remediation': DUE_DAYS['in-remediation']!, remediated: DUE_DAYS.remediated!,
};

export interface QualitySettings {
  /** Every row of the guide's table, in its order (scope × network → the three rates, percent). */
  targets: TargetRow[];
  dueDays: DueDays;
}

export interface StoredQualitySettings extends QualitySettings {
  etag?: string;
  updatedAt?: string;
  updatedBy?: string;
}

/** The guide's suggested targets (QER_TARGETS) and the product's time boxes. */
export function defaultQualitySettings(): QualitySettings {
  return { targets: QER_TARGETS.map((r) => ({ ...r, targets: { ...r.targets } })), dueDays: { ...DEFAULT_DUE_DAYS } };
}

export interface QualitySettingsRepository {
  /** The workspace's saved settings, or undefined when it never saved any (the defaults apply). */
  get(workspace: Workspace): Promise<StoredQualitySettings | undefined>;
  /** Saves; with `etag`, only over that version ('conflict' when someone saved in between); without, only when none is stored. */
  save(workspace: Workspace, settings: QualitySettings, meta: { etag?: string; updatedAt: string; updatedBy: string }): Promise<StoredQualitySettings | 'conflict'>;
  /** Back to the defaults: the row is removed. */
  reset(workspace: Workspace): Promise<void>;
}

/** Accepted ranges: a target is a percentage of streams, a time box whole days. */
export const TARGET_RANGE = { min: 0.1, max: 50 } as const;
export const DAYS_RANGE = { min: 1, max: 365 } as const;

export const METRIC_INPUTS: readonly { metric: RateMetricId; suffix: string }[] = [
  { metric: 'poor-stream-rate', suffix: 'psr' }, { metric: 'setup-failure-rate', suffix: 'setup' }, { metric: 'drop-failure-rate', suffix: 'drop' },
];
/** Card input ids: t<row>_<metric> for a target, due_<status> for a time box. */
export const targetInputId = (row: number, suffix: string) => `t${row}_${suffix}`;
export const dueInputId = (status: TimedStatus) => `due_${status}`;

export type SettingsErrors = Record<string, string>;
export type SettingsParse = { ok: true; value: QualitySettings } | { ok: false; errors: SettingsErrors; message: string };

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

function readNumber(v: unknown, what: string, range: { min: number; max: number }, whole: boolean): number | string {
  const t = text(v).replace(',', '.').replace(/\s*%$/, '');
  if (!t) return `${what}: enter a value.`;
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return `${what}: "${t.slice(0, 20)}" is not a number${whole ? ' of days' : ' like 2.0'}.`;
  const n = Number(t);
  if (whole && !Number.isInteger(n)) return `${what}: use whole days.`;
  if (n < range.min || n > range.max) return `${what}: ${t} is out of range; use ${range.min} to ${range.max}${whole ? ' days' : ' %'}.`;
  return n;
}

/**
 * Reads the settings card's inputs. Every field is checked and every problem named by its row,
 * so one answer lists all that needs fixing; nothing is saved unless all are valid.
 */
export function parseSettingsInputs(data: Readonly<Record<string, unknown>>): SettingsParse {
  const own = (k: string) => (Object.prototype.hasOwnProperty.call(data, k) ? data[k] : undefined);
  const errors: SettingsErrors = {};
  const value = defaultQualitySettings();
  value.targets.forEach((row, i) => {
    for (const { metric, suffix } of METRIC_INPUTS) {
      const id = targetInputId(i, suffix);
      const n = readNumber(own(id), `${capital(row.label)}, ${metricInfo(metric).label.toLowerCase()}`, TARGET_RANGE, false);
      if (typeof n === 'string') errors[id] = n;
      else row.targets[metric] = n;
    }
  });
  for (const status of TIMED_STATUSES) {
    const id = dueInputId(status);
    const n = readNumber(own(id), `Days ${DUE_LABELS[status]}`, DAYS_RANGE, true);
    if (typeof n === 'string') errors[id] = n;
    else value.dueDays[status] = n;
  }
  const byCategory = readRemediationInputs(own, (v, what) => readNumber(v, what, DAYS_RANGE, true), errors);
  if (Object.keys(byCategory).length) value.dueDays.byCategory = byCategory;
  const count = Object.keys(errors).length;
  if (count) return { ok: false, errors, message: `${count} value${count === 1 ? ' needs' : 's need'} fixing; nothing was saved.` };
  return { ok: true, value };
}

export const DUE_LABELS: Record<TimedStatus, string> = {
  new: 'to accept a new finding',
  accepted: 'to start remediation once accepted',
  'in-remediation': 'to remediate once started (every category without its own)',
  remediated: 'to verify once remediated',
};


/** Stored settings read back: a row missing from the table (an older save) takes the default row. */
export function completeSettings(partial: { targets?: readonly TargetRow[]; dueDays?: Partial<DueDays> }): QualitySettings {
  const d = defaultQualitySettings();
  const targets = d.targets.map((row) => {
    const saved = partial.targets?.find((t) => t.scope === row.scope && t.network === row.network);
    return saved ? { ...row, targets: { ...row.targets, ...saved.targets } } : row;
  });
  const dueDays: DueDays = { ...d.dueDays, ...partial.dueDays };
  if (dueDays.byCategory && !Object.keys(dueDays.byCategory).length) delete dueDays.byCategory;
  return { targets, dueDays };
}
