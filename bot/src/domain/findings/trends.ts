// Month over month against target, the questions every review answers: this month's rate,
// above or below target, better or worse than last month, rising, steady or falling.
import { category as categoryInfo, type CategoryId, networkType as networkInfo, type NetworkTypeId, type RateMetricId } from './catalog';
import { type Aggregate, inferCategory, type Proposal, proposeFindings, rates } from './cqd-import';
import { reviewLines, type ReviewLine } from './review-lines';
import { type CallScope, QER_TARGETS, targetFor, type TargetRow } from './targets';

export type Direction = 'rising' | 'steady' | 'falling';
export interface TrendPoint {
  month: string;
  /** Percent, rounded to 2 decimals. */
  rate: number;
  target: number;
  above: boolean;
  /** Compared with the previous month in the series; absent for the first. */
  vsPrevious?: 'better' | 'worse' | 'same';
  streams: number;
}
export interface Trend {
  key: string;
  label: string;
  metric: RateMetricId;
  points: TrendPoint[];
  /** Over the last three months (or fewer): change beyond `steadyWithin` points either way. */
  direction: Direction;
}

/** Changes smaller than this many percentage points count as "same"/"steady". */
export const STEADY_WITHIN = 0.1;

const COUNTS = ['poor', 'cdrStreams', 'setupFailed', 'setupSucceeded', 'dropped'] as const;
type Count = (typeof COUNTS)[number];
interface Sum { streams: number; counts: Partial<Record<Count, number>>; nets: Set<NetworkTypeId | undefined>; scopes: Set<CallScope> }

function trendsBy(aggregates: readonly Aggregate[], metric: RateMetricId, keyOf: (a: Aggregate) => { key: string; label: string } | undefined, table: readonly TargetRow[], targetNetwork?: NetworkTypeId): Trend[] {
  const groups = new Map<string, { label: string; months: Map<string, Sum> }>();
  for (const a of aggregates) {
    const k = keyOf(a);
    if (!k) continue;
    let g = groups.get(k.key);
    if (!g) groups.set(k.key, (g = { label: k.label, months: new Map() }));
    let s = g.months.get(a.month);
    if (!s) g.months.set(a.month, (s = { streams: 0, counts: {}, nets: new Set(), scopes: new Set() }));
    s.streams += a.streams;
    s.nets.add(a.networkType);
    s.scopes.add(a.scope ?? 'all');
    for (const f of COUNTS) if (a[f] !== undefined) s.counts[f] = (s.counts[f] ?? 0) + a[f]!;
  }
  const out: Trend[] = [];
  for (const [key, g] of groups) {
    const points: TrendPoint[] = [];
    for (const month of [...g.months.keys()].sort()) {
      const s = g.months.get(month)!;
      const r = rates({ streams: s.streams, ...s.counts })[metric];
      if (r === undefined) continue;
      // One network (and call scope) in the group → its own target; a mix → the internal target of all calls.
      const nets = [...s.nets];
      const scopes = [...s.scopes];
      const scope = !targetNetwork && scopes.length === 1 ? scopes[0]! : 'all';
      const target = targetFor({ metric, networkType: targetNetwork ?? (nets.length === 1 ? nets[0] : 'wired'), scope }, table)!.value;
      const rate = Math.round(r * 100) / 100;
      const prev = points[points.length - 1];
      const p: TrendPoint = { month, rate, target, above: rate > target, streams: s.streams };
      if (prev) p.vsPrevious = Math.abs(rate - prev.rate) < STEADY_WITHIN ? 'same' : rate < prev.rate ? 'better' : 'worse';
      points.push(p);
    }
    if (!points.length) continue;
    const window = points.slice(-3);
    const change = window[window.length - 1]!.rate - window[0]!.rate;
    out.push({ key, label: g.label, metric, points, direction: Math.abs(change) < STEADY_WITHIN ? 'steady' : change > 0 ? 'rising' : 'falling' });
  }
  return out.sort((x, y) => x.label.localeCompare(y.label));
}

/** Per building (building-level aggregates, all networks of the building together). */
export function trendsByBuilding(aggregates: readonly Aggregate[], metric: RateMetricId, table: readonly TargetRow[] = QER_TARGETS): Trend[] {
  return trendsBy(aggregates, metric, (a) => (a.level === 'building' && a.networkType !== 'external' ? { key: a.building!.toLowerCase(), label: a.building! } : undefined), table);
}

/**
 * Per category: each building-level aggregate counts toward the category a finding about it
 * would be filed under (see inferCategory), so "VPN" trends the VPN traffic, "Poor Wi-Fi
 * coverage" the Wi-Fi traffic, and so on.
 */
export function trendsByCategory(aggregates: readonly Aggregate[], metric: RateMetricId, table: readonly TargetRow[] = QER_TARGETS): Trend[] {
  return trendsBy(aggregates, metric, (a) => {
    if (a.level !== 'building' || a.networkType === 'external') return undefined;
    const c: CategoryId = inferCategory(a.level, a.networkType, metric);
    return { key: c, label: categoryInfo(c).label };
  }, table);
}

/**
 * All internal calls together, one trend per metric, against the guide's "all calls, internal"
 * target. Every call is counted once: the building-level aggregates, plus the subnet-level ones of
 * rows that named no building (a row with both is in both levels). External networks are left
 * out (the guide reports unmanaged networks separately).
 */
export function overallTrend(aggregates: readonly Aggregate[], metric: RateMetricId, table: readonly TargetRow[] = QER_TARGETS): Trend | undefined {
  return trendsBy(aggregates, metric, (a) => {
    if (a.networkType === 'external') return undefined;
    if (a.level === 'subnet' && a.building !== undefined) return undefined;
    return { key: 'all', label: 'All internal calls' };
  }, table, 'wired')[0];
}

/** Reliability before quality, as the review investigates them. */
export const TREND_METRICS: readonly RateMetricId[] = ['setup-failure-rate', 'drop-failure-rate', 'poor-stream-rate'];

/** What the stored measurements say, for the findings board and the steering-committee agenda. */
export interface QualityReport {
  /** Months with measurements, oldest first. */
  months: string[];
  latestMonth: string;
  /** All internal calls, per metric the file had. */
  overall: Trend[];
  /** Poor stream rate per category and per building. */
  byCategory: Trend[];
  byBuilding: Trend[];
  /** Buildings and subnets above target in the latest month (every metric), furthest above first. */
  aboveTarget: Proposal[];
  /** The latest month against every row of the target table, the unmanaged networks as lines of their own. */
  lines: ReviewLine[];
}

export function qualityReport(aggregates: readonly Aggregate[], table: readonly TargetRow[] = QER_TARGETS): QualityReport | undefined {
  const months = [...new Set(aggregates.map((a) => a.month))].sort();
  const latestMonth = months[months.length - 1];
  if (!latestMonth) return undefined;
  // The same check the import's proposals make, so the board and the proposals agree.
  const set = proposeFindings({ aggregates: [...aggregates], months, skippedSubnets: [] }, [], { month: latestMonth, targets: table });
  return {
    months,
    latestMonth,
    overall: TREND_METRICS.map((m) => overallTrend(aggregates, m, table)).filter((t): t is Trend => t !== undefined),
    byCategory: trendsByCategory(aggregates, 'poor-stream-rate', table),
    byBuilding: trendsByBuilding(aggregates, 'poor-stream-rate', table),
    aboveTarget: set.groups.flatMap((g) => g.proposals).sort((x, y) => y.points - x.points || x.key.localeCompare(y.key)),
    lines: reviewLines(aggregates, latestMonth, table),
  };
}

/** "Building 6 on VPN", "Subnet 10.20.6.0/24 (HQ) on Wi-Fi 5 GHz": the place as the file named it. */
export function placeLabel(p: Pick<Proposal, 'level' | 'building' | 'subnet' | 'networkType'>): string {
  const place = p.level === 'subnet' ? `Subnet ${p.subnet}${p.building ? ` (${p.building})` : ''}` : p.building ?? '';
  return `${place}${p.networkType ? ` on ${networkInfo(p.networkType).label}` : ''}`;
}
