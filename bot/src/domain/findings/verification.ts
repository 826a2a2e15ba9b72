// Verifying a remediation with data: the review asks each month whether a place is back within
// target. When an import brings a month measured after a finding was marked remediated, each
// remediated finding with a place and a rate metric is checked against that month's figures for
// the same place (and network, when the finding names one), each figure against its own target
// row (scope and network). Back within target → the import proposes "verified" (the champion
// confirms; nothing changes without it). Still above → reported as not yet verified.
import { metric as metricInfo, type RateMetricId } from './catalog';
import { type Aggregate, aggregatePlace, rates } from './cqd-import';
import type { Finding } from './finding';
import { formatPercent, QER_TARGETS, targetFor, type TargetRow } from './targets';

export type VerificationOutcome = 'within-target' | 'above-target' | 'no-data';

export interface VerificationCheck {
  findingId: string;
  /** The finding's ETag when checked: confirming acts on that version only. */
  etag?: string;
  outcome: VerificationOutcome;
  month: string;
  /** One sentence naming the measured values and targets. */
  summary: string;
}

const RATE_METRICS: readonly string[] = ['poor-stream-rate', 'setup-failure-rate', 'drop-failure-rate'];

function matches(f: Finding, a: Aggregate): boolean {
  if (a.level === 'unmanaged' || a.networkType === 'external') return false;
  if (f.networkType && a.networkType !== f.networkType) return false;
  // A subnet is the more exact place: a finding that names one is checked on it.
  if (f.subnet) return a.level === 'subnet' && a.subnet === f.subnet;
  return a.level === 'building' && !!a.building && a.building.toLowerCase() === f.building!.toLowerCase();
}

/** The month a finding entered its status, YYYY-MM (UTC). */
const monthOf = (iso: string) => iso.slice(0, 7);

/** Whether `month` was measured entirely after the finding was marked remediated. */
export const measuredAfter = (f: Pick<Finding, 'statusSince'>, month: string) => month > monthOf(f.statusSince);

export function verificationChecks(findings: readonly Finding[], aggregates: readonly Aggregate[], month: string, table: readonly TargetRow[] = QER_TARGETS): VerificationCheck[] {
  const out: VerificationCheck[] = [];
  for (const f of findings) {
    if (f.status !== 'remediated' || !f.metric || !RATE_METRICS.includes(f.metric) || (!f.building && !f.subnet) || !measuredAfter(f, month)) continue;
    const metric = f.metric as RateMetricId;
    const figures = aggregates.filter((a) => a.month === month && matches(f, a)).flatMap((a) => {
      const value = rates(a)[metric];
      const t = value === undefined ? undefined : targetFor({ metric, networkType: a.networkType, scope: a.scope ?? 'all' }, table);
      return value === undefined || !t ? [] : [{ a, value, target: t.value, label: t.row.label }];
    });
    const base = { findingId: f.id, month, ...(f.etag ? { etag: f.etag } : {}) };
    const name = metricInfo(metric).label.toLowerCase();
    if (!figures.length) {
      out.push({ ...base, outcome: 'no-data', summary: `${f.id}: the ${month} data has no ${name} for ${f.subnet ? `subnet ${f.subnet}` : f.building}, so it can't be verified from it.` });
      continue;
    }
    const above = figures.some((x) => x.value > x.target);
    const parts = figures.map((x) => `${aggregatePlace(x.a)} ${formatPercent(x.value)} ${x.value > x.target ? 'above' : 'within'} the ${formatPercent(x.target)} target (${x.label})`);
    out.push({
      ...base,
      outcome: above ? 'above-target' : 'within-target',
      summary: `${f.id}: ${name} in ${month}: ${parts.join('; ')}. ${above ? 'Not yet verified: still above target.' : 'Back within target: it can be verified.'}`,
    });
  }
  return out;
}
