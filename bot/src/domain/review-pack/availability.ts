// Service availability for the month, derived from what Service Ops records rather than from a
// monitoring feed it does not have. Seed 003 classifies the incidents "that have the potential to
// impact service availability" as severity 1 and A, so the outage time is the time those
// incidents were open within the month (from when the problem started to its resolution or
// workaround; one still open counts up to now), overlapping incidents counted once.
// Availability = 1 − outage minutes / minutes in the month (for the month in progress, the minutes
// so far: month to date). A month with no incident recorded at all is "not measured": no record is
// not the same as no outage.
import type { SeverityLevel } from '../incidents/severity';

/** An incident as the availability sees it: its highest severity and when it was open. */
export interface OutageSpan {
  id: string;
  severity: SeverityLevel;
  startedAt: string;
  resolvedAt?: string;
}

/** Seed 003: the levels whose incidents stand for a possible loss of availability. */
export const OUTAGE_LEVELS: readonly SeverityLevel[] = ['1', 'A'];

export type Availability =
  | { kind: 'measured'; percent: number; outageMinutes: number; monthMinutes: number; outages: string[]; derivation: string; monthToDate: boolean }
  | { kind: 'not-measured'; reason: string };

export const AVAILABILITY_DERIVATION =
  'Derived from severity 1 and A incidents: the minutes they were open in the month (start of the problem to resolution, overlaps counted once) against the minutes of the month. It is not a monitoring measurement.';

function mergedMinutes(spans: readonly [number, number][]): number {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let current: [number, number] | undefined;
  for (const s of sorted) {
    if (current && s[0] <= current[1]) current[1] = Math.max(current[1], s[1]);
    else {
      if (current) total += current[1] - current[0];
      current = [s[0], s[1]];
    }
  }
  if (current) total += current[1] - current[0];
  return total / 60_000;
}

/**
 * `spans`: the incidents that may overlap the month (others are ignored); `recordedInMonth`: how
 * many incidents were recorded in it, which decides between "100 %" and "not measured".
 */
export function monthAvailability(spans: readonly OutageSpan[], range: { start: Date; end: Date }, now: Date, recordedInMonth: number): Availability {
  const start = range.start.getTime();
  const end = Math.min(range.end.getTime(), Math.max(now.getTime(), start));
  // The month in progress is measured over the minutes that have passed, not the whole month.
  const monthToDate = end < range.end.getTime();
  const monthMinutes = Math.max(1, Math.round((end - start) / 60_000));
  const clipped: [number, number][] = [];
  const outages: string[] = [];
  for (const s of spans) {
    if (!OUTAGE_LEVELS.includes(s.severity)) continue;
    const from = Math.max(Date.parse(s.startedAt), start);
    const to = Math.min(s.resolvedAt ? Date.parse(s.resolvedAt) : end, end);
    if (Number.isNaN(from) || Number.isNaN(to) || to <= from) continue;
    clipped.push([from, to]);
    outages.push(s.id);
  }
  if (!outages.length && recordedInMonth === 0) {
    return { kind: 'not-measured', reason: 'Not measured: no incident was recorded in the month, so there is nothing to derive availability from.' };
  }
  const outageMinutes = Math.round(mergedMinutes(clipped));
  const percent = Math.floor((1 - outageMinutes / monthMinutes) * 100_000) / 1000;
  const derivation = monthToDate ? `${AVAILABILITY_DERIVATION} The month is not over: this is the month to date.` : AVAILABILITY_DERIVATION;
  return { kind: 'measured', percent, outageMinutes, monthMinutes, outages, derivation, monthToDate };
}
