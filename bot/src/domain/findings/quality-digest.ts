// What the agenda needs of the measured call quality, kept small: all internal calls summed per
// month (the series overallTrend draws) and the first places above target in the latest month,
// with how many there are. It is computed from the stored measurements whenever an import stores
// them, so the agenda reads one row instead of every place of every month.
import { type Aggregate, type Proposal, proposeFindings } from './cqd-import';
import { monthsBefore } from './quality-measure-repository';
import { QER_TARGETS, type TargetRow } from './targets';
import { overallTrend, type QualityReport, TREND_METRICS } from './trends';

export const QUALITY_DIGEST_SCHEMA = 1;
/** Places above target kept (the agenda names three). */
export const DIGEST_PLACES = 10;

export interface QualityDigest {
  schema: number;
  /** All internal calls, one sum per month (the aggregates overallTrend counts), oldest first. */
  overall: Aggregate[];
  /** Above target in `latestMonth`, furthest above first: the first DIGEST_PLACES. */
  aboveTarget: Proposal[];
  aboveCount: number;
  latestMonth?: string;
}

const COUNTS = ['poor', 'cdrStreams', 'setupFailed', 'setupSucceeded', 'dropped'] as const;

/** The digest of the measurements `aggregates` (one window of months, as qualityReport takes them). */
export function qualityDigest(aggregates: readonly Aggregate[], table: readonly TargetRow[] = QER_TARGETS): QualityDigest {
  const months = [...new Set(aggregates.map((a) => a.month))].sort();
  const latestMonth = months[months.length - 1];
  const byMonth = new Map<string, Aggregate>();
  // The same calls overallTrend counts: internal networks, each call once (a subnet row that names a building is in the building's row).
  for (const a of aggregates) {
    if (a.networkType === 'external' || (a.level === 'subnet' && a.building !== undefined)) continue;
    let sum = byMonth.get(a.month);
    if (!sum) byMonth.set(a.month, (sum = { level: 'building', month: a.month, streams: 0, rows: 0 }));
    sum.streams += a.streams;
    sum.rows += a.rows;
    for (const k of COUNTS) if (a[k] !== undefined) sum[k] = (sum[k] ?? 0) + a[k]!;
  }
  const digest: QualityDigest = { schema: QUALITY_DIGEST_SCHEMA, overall: [...byMonth.keys()].sort().map((m) => byMonth.get(m)!), aboveTarget: [], aboveCount: 0 };
  if (!latestMonth) return digest;
  const set = proposeFindings({ aggregates: [...aggregates], months, skippedSubnets: [] }, [], { month: latestMonth, targets: table });
  const above = set.groups.flatMap((g) => g.proposals).sort((x, y) => y.points - x.points || x.key.localeCompare(y.key));
  return { ...digest, latestMonth, aboveTarget: above.slice(0, DIGEST_PLACES), aboveCount: above.length };
}

export type DigestReport = Pick<QualityReport, 'latestMonth' | 'overall' | 'aboveTarget'> & { aboveCount: number };

/**
 * The report the agenda shows, as qualityReport would make it at `now` over `windowMonths`
 * months: months that fell out of the window since the digest was made are left out, and
 * nothing is reported once the latest month has.
 */
export function digestReport(d: QualityDigest, now: Date, windowMonths: number, table: readonly TargetRow[] = QER_TARGETS): DigestReport | undefined {
  const from = monthsBefore(now, windowMonths - 1);
  if (!d.latestMonth || d.latestMonth < from) return undefined;
  const months = d.overall.filter((a) => a.month >= from);
  return {
    latestMonth: d.latestMonth,
    overall: TREND_METRICS.map((m) => overallTrend(months, m, table)).filter((t) => t !== undefined),
    aboveTarget: d.aboveTarget,
    aboveCount: d.aboveCount,
  };
}
