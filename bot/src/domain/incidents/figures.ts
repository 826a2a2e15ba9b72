// Monthly figures for the service review: how many incidents of each severity, how often the
// first response met its goal, how often updates came on time, how long resolution took.
import { responseStatus } from './cadence';
import type { Incident } from './incident';
import { SEVERITY_LEVELS, type SeverityLevel } from './severity';
import { monthRange } from './zoned-time';

export interface MonthlyFigures {
  year: number;
  month: number;
  timeZone: string;
  /** Incidents recorded in the month, by severity. */
  countBySeverity: Record<SeverityLevel, number>;
  total: number;
  /** Of the month's incidents with a response goal whose outcome is known (acknowledged, or overdue). */
  firstResponse: { withinGoal: number; decided: number; share: number | null };
  /** Status updates on the month's incidents posted by their due time. */
  updates: { onTime: number; total: number; share: number | null };
  /** Over incidents resolved in the month (resolution or workaround), from recording to resolution. */
  meanTimeToResolveMinutes: number | null;
  resolvedCount: number;
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
  for (const i of incidents) {
    if (inRange(i.recordedAt, start, end)) {
      total++;
      countBySeverity[i.severity]++;
      const r = responseStatus(i, now);
      if (r.kind === 'met') (withinGoal++, decided++);
      else if (r.kind === 'missed' || r.kind === 'overdue') decided++;
      onTime += i.updatesOnTime;
      updates += i.updatesTotal;
    }
    if (inRange(i.resolvedAt, start, end)) {
      resolvedCount++;
      resolveMinutes += (Date.parse(i.resolvedAt!) - Date.parse(i.recordedAt)) / 60_000;
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
  };
}
