// Monthly figures for the service review: how many incidents of each severity, how often the
// first response met its goal, how often updates came on time, how long resolution took.
// An incident is counted at the highest severity it reached (a B raised to A is an A incident
// for the review, even after it is lowered again), and its clocks run from when it started.
import { responseStatus } from './cadence';
import { clockStart, highestSeverityOf, type Incident, type TimelineEntry } from './incident';
import { mostSevere, isSeverityLevel, SEVERITY_LEVELS, type SeverityLevel } from './severity';
import { monthRange } from '../../platform/zoned-time';
import { commitmentTotals, vendorCommitments } from './vendor-case';
import { countEscalationKinds, type EscalationKindCounts } from './escalation-kind';
import type { ControlMonthFigures } from '../changes/control-summary';
import type { Workspace } from '../workspace';

/** What the service review's figures read beyond incidents: the month's problems and changes (the change-control summary). */
export interface ServiceReviewSources {
  controlMonth(workspace: Workspace, year: number, month: number, timeZone: string): Promise<ControlMonthFigures>;
  /** Several months from one read of the summary (the incidents tab shows two). */
  controlMonths(workspace: Workspace, months: readonly { year: number; month: number }[], timeZone: string): Promise<ControlMonthFigures[]>;
}

/** Seed 001's KSI: 80% of requesters agree they are satisfied with technical support (4 or 5 of 5). */
export const SATISFACTION_TARGET_SHARE = 0.8;

export interface MonthlyFigures {
  year: number;
  month: number;
  timeZone: string;
  /** Incidents recorded in the month, by the highest severity each reached. */
  countBySeverity: Record<SeverityLevel, number>;
  total: number;
  /** Of the month's incidents with a response goal whose outcome is known (acknowledged, or overdue). */
  firstResponse: { withinGoal: number; decided: number; share: number | null };
  /** Status updates on the month's incidents posted by their due time. */
  updates: { onTime: number; total: number; share: number | null };
  /** Over incidents resolved in the month (resolution or workaround), from the start of the problem to resolution. */
  meanTimeToResolveMinutes: number | null;
  resolvedCount: number;
  /**
   * The vendor's commitments (seed 003) on the month's incidents escalated to the vendor, by the
   * severity each is counted at: initial responses and update intervals met or breached.
   */
  vendor: Record<SeverityLevel, { met: number; breached: number }>;
  /**
   * Seed 003's monthly service review covers "technical and nontechnical escalations": the
   * month's incidents by the kind recorded when each was filed; older ones have none recorded.
   */
  escalations: EscalationKindCounts;
  /** Satisfaction answers of incidents closed in the month (seed 001's KSI, measured after each incident). */
  satisfaction: { answers: number; average: number | null; agreeShare: number | null };
}

const inRange = (iso: string | undefined, start: Date, end: Date) => {
  if (!iso) return false;
  const t = Date.parse(iso);
  return t >= start.getTime() && t < end.getTime();
};

/**
 * `incidents` must include every incident recorded or resolved in the month (the service
 * passes all of them; extra ones are ignored). The month is a calendar month in `timeZone`.
 */
export function monthlyFigures(incidents: readonly Incident[], year: number, month: number, timeZone: string, now: Date): MonthlyFigures {
  const { start, end } = monthRange(year, month, timeZone);
  const countBySeverity = Object.fromEntries(SEVERITY_LEVELS.map((l) => [l, 0])) as Record<SeverityLevel, number>;
  let total = 0;
  let withinGoal = 0;
  let decided = 0;
  let onTime = 0;
  let updates = 0;
  let resolveMinutes = 0;
  let resolvedCount = 0;
  const vendor = Object.fromEntries(SEVERITY_LEVELS.map((l) => [l, { met: 0, breached: 0 }])) as MonthlyFigures['vendor'];
  const ratings: number[] = [];
  const kinds: Incident['escalationKind'][] = [];
  for (const i of incidents) {
    if (inRange(i.recordedAt, start, end)) {
      total++;
      kinds.push(i.escalationKind);
      countBySeverity[highestSeverityOf(i)]++;
      const r = responseStatus(i, now);
      if (r.kind === 'met') (withinGoal++, decided++);
      else if (r.kind === 'missed' || r.kind === 'overdue') decided++;
      onTime += i.updatesOnTime;
      updates += i.updatesTotal;
      if (i.vendorCase) {
        const t = commitmentTotals(vendorCommitments(i.vendorCase, now, i.resolvedAt));
        vendor[highestSeverityOf(i)].met += t.met;
        vendor[highestSeverityOf(i)].breached += t.breached;
      }
    }
    if (i.satisfaction && inRange(i.closedAt, start, end)) ratings.push(i.satisfaction.rating);
    if (inRange(i.resolvedAt, start, end)) {
      resolvedCount++;
      resolveMinutes += (Date.parse(i.resolvedAt!) - clockStart(i).getTime()) / 60_000;
    }
  }
  const share = (a: number, b: number) => (b === 0 ? null : a / b);
  return {
    year,
    month,
    timeZone,
    countBySeverity,
    total,
    firstResponse: { withinGoal, decided, share: share(withinGoal, decided) },
    updates: { onTime, total: updates, share: share(onTime, updates) },
    meanTimeToResolveMinutes: resolvedCount ? Math.round(resolveMinutes / resolvedCount) : null,
    resolvedCount,
    vendor,
    escalations: countEscalationKinds(kinds),
    satisfaction: {
      answers: ratings.length,
      average: ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10 : null,
      agreeShare: share(ratings.filter((r) => r >= 4).length, ratings.length),
    },
  };
}

/**
 * The highest severity an incident reached according to its timeline (the severity it was
 * recorded at and every level it was changed to or from): for incidents stored before the
 * record kept `highestSeverity` itself.
 */
export function highestSeverityFromTimeline(incident: Incident, entries: readonly TimelineEntry[]): SeverityLevel {
  let top = highestSeverityOf(incident);
  for (const e of entries) {
    if (e.kind !== 'severity-changed') continue;
    for (const level of [e.from, e.to]) if (isSeverityLevel(level)) top = mostSevere(top, level);
  }
  return top;
}
