// Month over month against target, the questions every review answers: this month's rate,
// above or below target, better or worse than last month, rising, steady or falling.
import { category as categoryInfo, type CategoryId, type NetworkTypeId, type RateMetricId } from './catalog';
import { type Aggregate, inferCategory, rates } from './cqd-import';
import { QER_TARGETS, targetFor, type TargetRow } from './targets';

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

interface Sum { streams: number; poor: number; setupFailed: number; dropped: number; has: Set<'poor' | 'setupFailed' | 'dropped'>; nets: Set<NetworkTypeId | undefined> }

function trendsBy(aggregates: readonly Aggregate[], metric: RateMetricId, keyOf: (a: Aggregate) => { key: string; label: string } | undefined, table: readonly TargetRow[]): Trend[] {
  const groups = new Map<string, { label: string; months: Map<string, Sum> }>();
  for (const a of aggregates) {
    const k = keyOf(a);
    if (!k) continue;
    let g = groups.get(k.key);
    if (!g) groups.set(k.key, (g = { label: k.label, months: new Map() }));
    let s = g.months.get(a.month);
    if (!s) g.months.set(a.month, (s = { streams: 0, poor: 0, setupFailed: 0, dropped: 0, has: new Set(), nets: new Set() }));
    s.streams += a.streams;
    s.nets.add(a.networkType);
    for (const f of ['poor', 'setupFailed', 'dropped'] as const) {
      if (a[f] !== undefined) {
        s[f] += a[f]!;
        s.has.add(f);
      }
    }
  }
  const out: Trend[] = [];
  for (const [key, g] of groups) {
    const points: TrendPoint[] = [];
    for (const month of [...g.months.keys()].sort()) {
      const s = g.months.get(month)!;
      const r = rates({ streams: s.streams, poor: s.has.has('poor') ? s.poor : undefined, setupFailed: s.has.has('setupFailed') ? s.setupFailed : undefined, dropped: s.has.has('dropped') ? s.dropped : undefined })[metric];
      if (r === undefined) continue;
      // One network in the group → its own target; a mix → the internal target of all calls.
      const nets = [...s.nets];
      const target = targetFor({ metric, networkType: nets.length === 1 ? nets[0] : 'wired' }, table)!.value;
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
