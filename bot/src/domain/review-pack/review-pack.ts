// The monthly service review one-pager as data: what seed 003's monthly service review between
// the service owner and the vendor covers (service-level performance, the vendor's response and
// update commitments, technical and non-technical escalations), with the call quality, the
// operations tasks' on-time rate and the open problems and changes beside it. Rendering (SVG,
// PNG, PDF, the card) reads only this model, so every format shows the same content.
import { teamRates } from '../reminders/completion';
import type { CompletionRecord } from '../reminders/actions';
import type { ControlSummary } from '../changes/control-summary';
import { isOpenChange, type ChangeStatus } from '../changes/change';
import { metric as metricInfo } from '../findings/catalog';
import type { QualityReport } from '../findings/trends';
import { SEVERITY_LEVELS, type SeverityLevel, type SeverityPolicy } from '../incidents/severity';
import type { Availability } from './availability';
import { monthKey, monthName, type PackMonth } from './pack-month';
import type { EscalationSplit, PackFigures } from './pack-sources';

/** Months of call quality the pack charts, ending with its own month. */
export const QUALITY_MONTHS = 6;
/** Open problems named on the page (the problems tab lists them all). */
export const PACK_TOP_PROBLEMS = 3;

export interface CommitmentRow {
  level: SeverityLevel;
  name: string;
  /** Seed 003's goals as the workspace has them, e.g. "Response 1 h · updates every 2 h". */
  goal: string;
  met: number;
  breached: number;
}

export interface QualitySeries {
  metric: string;
  target: number;
  /** Oldest first, at most QUALITY_MONTHS; rates in percent. Lower is better for every call-quality rate. */
  points: { month: string; rate: number; above: boolean }[];
}

export interface TeamRate { team: string; due: number; onTime: number; rate?: number }

export interface ReviewPack {
  month: string;
  title: string;
  timeZone: string;
  incidents: { total: number; bySeverity: Record<SeverityLevel, number> };
  commitments: CommitmentRow[];
  escalations: { total: number } & Partial<EscalationSplit>;
  availability: Availability;
  quality: QualitySeries[];
  tasks: { due: number; onTime: number; rate?: number; teams: TeamRate[] };
  problems: { open: number; top: { id: string; title: string; incidents: number }[] };
  changes: { open: number; emergencyAwaitingReview: number };
  /** What the month has no data for, said in words instead of an empty chart. */
  missing: string[];
  /** Nothing at all to show: the page is only the list of what is missing. */
  empty: boolean;
}

const hours = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`);

/** Seed 003's commitment per level: severity D ("as agreed", no goals) is left out. */
export function commitmentRows(policy: SeverityPolicy, vendor: PackFigures['vendor']): CommitmentRow[] {
  return SEVERITY_LEVELS.filter((l) => l !== 'D').map((level) => {
    const rule = policy.rules[level];
    const response = rule.initialResponseMinutes === null ? (rule.declaredBy === 'vendor' ? 'declared by the vendor' : 'no response goal') : `response ${hours(rule.initialResponseMinutes)}`;
    const updates = rule.updateEveryMinutes === null ? 'updates as agreed' : `updates every ${hours(rule.updateEveryMinutes)}`;
    return { level, name: rule.name, goal: `${response} · ${updates}`, met: vendor[level].met, breached: vendor[level].breached };
  });
}

/** The last QUALITY_MONTHS months up to the pack's month, per metric of the imported file. */
export function qualitySeries(report: QualityReport | undefined, month: string): QualitySeries[] {
  if (!report) return [];
  return report.overall.flatMap((t) => {
    const points = t.points.filter((p) => p.month <= month).slice(-QUALITY_MONTHS);
    const last = points[points.length - 1];
    if (!last) return [];
    return [{ metric: metricInfo(t.metric).label, target: last.target, points: points.map((p) => ({ month: p.month, rate: p.rate, above: p.above })) }];
  });
}

export function taskRates(records: readonly CompletionRecord[]): ReviewPack['tasks'] {
  const teams: TeamRate[] = teamRates(records);
  const due = teams.reduce((n, t) => n + t.due, 0);
  const onTime = teams.reduce((n, t) => n + t.onTime, 0);
  return { due, onTime, ...(due ? { rate: onTime / due } : {}), teams };
}

function controlPart(s: ControlSummary): Pick<ReviewPack, 'problems' | 'changes'> {
  const openChanges = Object.entries(s.changeCounts).reduce((n, [status, count]) => n + (isOpenChange(status as ChangeStatus) ? count ?? 0 : 0), 0);
  return {
    problems: { open: s.openProblemTotal, top: s.openProblems.slice(0, PACK_TOP_PROBLEMS).map((p) => ({ id: p.id, title: p.title, incidents: p.incidents.length })) },
    changes: { open: openChanges, emergencyAwaitingReview: s.emergencyTotal },
  };
}

export interface PackInputs {
  month: PackMonth;
  policy: SeverityPolicy;
  figures: PackFigures;
  availability: Availability;
  quality: QualityReport | undefined;
  completions: readonly CompletionRecord[];
  control: ControlSummary;
}

function missingParts(p: Omit<ReviewPack, 'missing' | 'empty'>): string[] {
  const missing: string[] = [];
  if (p.incidents.total === 0) missing.push('No incident was recorded in the month: no commitments, escalations or availability to report.');
  else if (p.commitments.every((c) => c.met + c.breached === 0)) missing.push('No incident of the month was escalated to the vendor, so no vendor commitment was met or breached.');
  if (!p.quality.length) missing.push('No call-quality data: import a Call Quality Dashboard export on the findings board to chart quality against target.');
  if (p.tasks.due === 0) missing.push('No recurring operations task fell due in the month: turn the reminders on to measure on-time completion.');
  return missing;
}

export function buildReviewPack(inputs: PackInputs): ReviewPack {
  const { figures, month } = inputs;
  const key = monthKey(month);
  const base: Omit<ReviewPack, 'missing' | 'empty'> = {
    month: key,
    title: `Monthly service review · ${monthName(month)}`,
    timeZone: figures.timeZone,
    incidents: { total: figures.total, bySeverity: { ...figures.countBySeverity } },
    commitments: commitmentRows(inputs.policy, figures.vendor),
    escalations: { total: figures.total, ...(figures.escalations ?? {}) },
    availability: inputs.availability,
    quality: qualitySeries(inputs.quality, key),
    tasks: taskRates(inputs.completions),
    ...controlPart(inputs.control),
  };
  const missing = missingParts(base);
  const empty = base.incidents.total === 0 && !base.quality.length && base.tasks.due === 0 && base.problems.open === 0 && base.changes.open === 0;
  return { ...base, missing, empty };
}
