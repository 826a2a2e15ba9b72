// The month's calls against every row of the Quality Experience Review's target table: all
// calls, conferencing and peer-to-peer (CQD's Is Server Pair), each on the networks its rows
// name. Places above target become proposals (cqd-import.ts); these lines answer the review's
// "this month's rate, above or below target?" for the traffic as a whole, and carry the
// unmanaged networks (home, hotel, airport) as a line of their own: the guide reports them
// separately, and they are never filed against a building.
import { metric as metricInfo, type NetworkTypeId, type RateMetricId } from './catalog';
import { type Aggregate, rates } from './cqd-import';
import { type CallScope, formatPercent, QER_TARGETS, SCOPE_LABELS, type TargetNetwork, type TargetRow, targetRow } from './targets';
import { capital } from '../text/capital';

export type LineTraffic = 'managed' | 'unmanaged' | 'overall';

export interface LineMeasure {
  metric: RateMetricId;
  /** Percent, rounded to 2 decimals. */
  value: number;
  target: number;
  above: boolean;
}

export interface ReviewLine {
  key: string;
  scope: CallScope;
  /** The target row applied (an unmanaged line is held to its scope's "overall" row). */
  network: TargetNetwork;
  traffic: LineTraffic;
  label: string;
  targetLabel: string;
  streams: number;
  measures: LineMeasure[];
}

interface LineSpec {
  network: TargetNetwork;
  traffic: LineTraffic;
  /** Managed networks counted (undefined = every one). */
  nets?: readonly NetworkTypeId[];
}

const WIRED_WIFI5: readonly NetworkTypeId[] = ['wired', 'wifi-5'];

/** Which rows of the guide's table apply to which traffic, per scope (every row of the table is here). */
const SPECS: Record<CallScope, readonly LineSpec[]> = {
  all: [
    { network: 'internal', traffic: 'managed' },
    { network: 'overall', traffic: 'overall' },
    { network: 'overall', traffic: 'unmanaged' },
  ],
  conferencing: [
    { network: 'internal', traffic: 'managed' },
    { network: 'wired-internal', traffic: 'managed', nets: ['wired'] },
    { network: 'wifi-5-internal', traffic: 'managed', nets: ['wifi-5'] },
    { network: 'wifi-2.4-internal', traffic: 'managed', nets: ['wifi-2.4'] },
    { network: 'overall', traffic: 'overall' },
    { network: 'overall', traffic: 'unmanaged' },
  ],
  'peer-to-peer': [
    { network: 'internal', traffic: 'managed' },
    { network: 'wired-wifi-5-internal', traffic: 'managed', nets: WIRED_WIFI5 },
    { network: 'wired-wifi-5-overall', traffic: 'overall', nets: WIRED_WIFI5 },
    { network: 'overall', traffic: 'overall' },
    { network: 'overall', traffic: 'unmanaged' },
  ],
};

const COUNTS = ['poor', 'cdrStreams', 'setupFailed', 'setupSucceeded', 'dropped'] as const;
const METRICS: readonly RateMetricId[] = ['setup-failure-rate', 'drop-failure-rate', 'poor-stream-rate'];

/** Managed calls counted once: building rows, plus subnet rows that named no building. */
const managedOnce = (a: Aggregate) => a.level !== 'unmanaged' && a.networkType !== 'external' && !(a.level === 'subnet' && a.building !== undefined);

function counts(spec: LineSpec, a: Aggregate): boolean {
  const unmanaged = a.level === 'unmanaged';
  if (spec.traffic === 'managed' && unmanaged) return false;
  if (spec.traffic === 'unmanaged' && !unmanaged) return false;
  if (!unmanaged && !managedOnce(a)) return false;
  if (!spec.nets) return true;
  const net = unmanaged ? a.connection : a.networkType;
  return net !== undefined && spec.nets.includes(net);
}

function sum(list: readonly Aggregate[]): Pick<Aggregate, 'streams' | (typeof COUNTS)[number]> {
  const out: Pick<Aggregate, 'streams' | (typeof COUNTS)[number]> = { streams: 0 };
  for (const a of list) {
    out.streams += a.streams;
    for (const k of COUNTS) if (a[k] !== undefined) out[k] = (out[k] ?? 0) + a[k]!;
  }
  return out;
}

function lineOf(scope: CallScope, spec: LineSpec, list: readonly Aggregate[], row: TargetRow): ReviewLine | undefined {
  const picked = list.filter((a) => counts(spec, a));
  if (!picked.length) return undefined;
  const total = sum(picked);
  const r = rates(total);
  const measures = METRICS.flatMap((metric): LineMeasure[] => {
    const v = r[metric];
    if (v === undefined) return [];
    const value = Math.round(v * 100) / 100;
    return [{ metric, value, target: row.targets[metric], above: value > row.targets[metric] }];
  });
  if (!measures.length) return undefined;
  const label = spec.traffic === 'unmanaged' ? `Unmanaged networks, ${SCOPE_LABELS[scope].toLowerCase()}` : capital(row.label);
  return { key: `${scope}|${spec.traffic}|${spec.network}`, scope, network: spec.network, traffic: spec.traffic, label, targetLabel: row.label, streams: total.streams, measures };
}


/**
 * The lines of `month`: all calls, then conferencing and peer-to-peer when the file named the
 * scope. A line with no streams is left out, as is a row the table does not have.
 */
export function reviewLines(aggregates: readonly Aggregate[], month: string, table: readonly TargetRow[] = QER_TARGETS): ReviewLine[] {
  const inMonth = aggregates.filter((a) => a.month === month);
  const scopes: CallScope[] = ['all', ...(['conferencing', 'peer-to-peer'] as const).filter((s) => inMonth.some((a) => a.scope === s))];
  const out: ReviewLine[] = [];
  for (const scope of scopes) {
    const list = scope === 'all' ? inMonth : inMonth.filter((a) => a.scope === scope);
    for (const spec of SPECS[scope]) {
      const row = targetRow(scope, spec.network, table);
      const line = row && lineOf(scope, spec, list, row);
      if (line) out.push(line);
    }
  }
  return out;
}

/** "Conferencing, wired internal (1,200 streams): setup failure rate 0.11 % within 0.5 % · …" */
export function lineText(line: ReviewLine): string {
  const parts = line.measures.map((m) => `${metricInfo(m.metric).label.toLowerCase()} ${formatPercent(m.value)} ${m.above ? 'above' : 'within'} ${formatPercent(m.target)}`);
  const against = line.traffic === 'unmanaged' ? ` against the ${line.targetLabel} target` : '';
  return `${line.label} (${Math.round(line.streams).toLocaleString('en-US')} streams${against}): ${parts.join(' · ')}`;
}

export const isUnmanagedLine = (l: ReviewLine) => l.traffic === 'unmanaged';
