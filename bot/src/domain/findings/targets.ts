// Suggested targets of the Quality Experience Review guide (starting points; an organization may
// pass its own table) and the check every review asks: above target, and by how much.
import { metric as metricInfo, networkType as networkInfo, type NetworkTypeId, type RateMetricId } from './catalog';

export type CallScope = 'all' | 'conferencing' | 'peer-to-peer';
/** The scope a CQD row can name (its Is Server Pair); a file without it is reviewed as "all". */
export type ReviewScope = Exclude<CallScope, 'all'>;
export const SCOPE_LABELS: Record<CallScope, string> = { all: 'All calls', conferencing: 'Conferencing', 'peer-to-peer': 'Peer-to-peer' };
/** Network rows of the guide's table. */
export type TargetNetwork = 'internal' | 'overall' | 'wired-internal' | 'wifi-5-internal' | 'wifi-2.4-internal' | 'wired-wifi-5-internal' | 'wired-wifi-5-overall';

export interface TargetRow {
  scope: CallScope;
  network: TargetNetwork;
  label: string;
  /** Percentages. */
  targets: Record<RateMetricId, number>;
}

const row = (scope: CallScope, network: TargetNetwork, label: string, psr: number, setup: number, drop: number): TargetRow => ({
  scope, network, label, targets: { 'poor-stream-rate': psr, 'setup-failure-rate': setup, 'drop-failure-rate': drop },
});

export const QER_TARGETS: readonly TargetRow[] = [
  row('all', 'internal', 'all calls, internal', 2.0, 0.5, 2.0),
  row('all', 'overall', 'all calls, overall', 3.0, 1.0, 3.0),
  row('conferencing', 'internal', 'conferencing, internal', 2.0, 0.5, 2.0),
  row('conferencing', 'wired-internal', 'conferencing, wired internal', 1.0, 0.5, 1.0),
  row('conferencing', 'wifi-5-internal', 'conferencing, Wi-Fi 5 GHz internal', 1.0, 0.5, 1.0),
  row('conferencing', 'wifi-2.4-internal', 'conferencing, Wi-Fi 2.4 GHz internal', 2.0, 0.5, 2.0),
  row('conferencing', 'overall', 'conferencing, overall', 2.0, 0.5, 3.0),
  row('peer-to-peer', 'internal', 'peer-to-peer, internal', 2.0, 0.5, 2.0),
  row('peer-to-peer', 'wired-wifi-5-internal', 'peer-to-peer, wired / Wi-Fi 5 GHz internal', 1.0, 0.5, 1.0),
  row('peer-to-peer', 'wired-wifi-5-overall', 'peer-to-peer, wired / Wi-Fi 5 GHz overall', 2.0, 1.0, 1.0),
  row('peer-to-peer', 'overall', 'peer-to-peer, overall', 2.0, 1.0, 3.0),
];

/**
 * The most specific row of the table that applies, tried in order. Wired, Wi-Fi and VPN are
 * internal networks in the guide; an external or unknown network is held to the "overall" row,
 * the only one that covers traffic outside the managed network.
 */
function candidates(scope: CallScope, net: NetworkTypeId | undefined): TargetNetwork[] {
  if (!net || !networkInfo(net).internal) return ['overall'];
  if (scope === 'conferencing') {
    if (net === 'wired') return ['wired-internal', 'internal'];
    if (net === 'wifi-5') return ['wifi-5-internal', 'internal'];
    if (net === 'wifi-2.4') return ['wifi-2.4-internal', 'internal'];
    return ['internal'];
  }
  if (scope === 'peer-to-peer' && (net === 'wired' || net === 'wifi-5')) return ['wired-wifi-5-internal', 'internal'];
  return ['internal'];
}

export interface TargetLookup {
  metric: RateMetricId;
  networkType?: NetworkTypeId;
  scope?: CallScope;
}

export interface Target {
  value: number;
  row: TargetRow;
}

/** The row of `table` for exactly this scope and network, if the table has it. */
export function targetRow(scope: CallScope, network: TargetNetwork, table: readonly TargetRow[] = QER_TARGETS): TargetRow | undefined {
  return table.find((t) => t.scope === scope && t.network === network);
}

export function targetFor(q: TargetLookup, table: readonly TargetRow[] = QER_TARGETS): Target | undefined {
  const scope = q.scope ?? 'all';
  for (const network of candidates(scope, q.networkType)) {
    const r = table.find((t) => t.scope === scope && t.network === network);
    if (r) return { value: r.targets[q.metric], row: r };
  }
  return undefined;
}

export interface TargetComparison {
  value: number;
  target: number;
  /** Strictly above: a value equal to the target meets it. */
  above: boolean;
  /** value − target in percentage points, rounded to 2 decimals. */
  points: number;
  /** (value − target) / target, e.g. 1.05 = 105 % above; rounded to 3 decimals. */
  relative: number;
  targetLabel: string;
  /** One plain sentence for chat and cards. */
  summary: string;
}

const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;
/** 4.1 → "4.1 %", 2 → "2.0 %", 4.125 → "4.13 %". */
export const formatPercent = (n: number) => `${round(n, 2).toFixed(2).replace(/0$/, '')} %`;

export function compareToTarget(value: number, q: TargetLookup, table: readonly TargetRow[] = QER_TARGETS): TargetComparison | undefined {
  const t = targetFor(q, table);
  if (!t) return undefined;
  const points = round(value - t.value, 2);
  const relative = t.value === 0 ? (value > 0 ? Infinity : 0) : round((value - t.value) / t.value, 3);
  const above = value > t.value;
  const name = metricInfo(q.metric).label.toLowerCase();
  const summary = above
    ? `${formatPercent(value)} ${name} is above the ${formatPercent(t.value)} target (${t.row.label}) by ${round(points, 2)} percentage points (${Math.round(relative * 100)} % over).`
    : value === t.value
      ? `${formatPercent(value)} ${name} is exactly at the ${formatPercent(t.value)} target (${t.row.label}).`
      : `${formatPercent(value)} ${name} is within the ${formatPercent(t.value)} target (${t.row.label}), ${round(-points, 2)} percentage points below it.`;
  return { value, target: t.value, above, points, relative, targetLabel: t.row.label, summary };
}
