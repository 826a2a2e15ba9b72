// Call Quality Dashboard CSV import: map columns by header name, validate every row (all of the
// file is checked before anything is proposed: a bad file changes nothing and names its bad
// lines), aggregate per month × building/subnet × network type, and propose a finding for every
// building or subnet above target in the reviewed month, grouped by category and deduplicated
// against the open findings.
import {
  type Actor, type Finding,
} from './finding';
import {
  category as categoryInfo, type CategoryId, defaultArea, defaultOwningRole, findNetworkType, metric as metricInfo,
  networkType as networkInfo, type NetworkTypeId, type RateMetricId, type AreaId,
} from './catalog';
import { hardToTriage, parseSubnet } from './cidr';
import { parseCsvStream, type CsvProblem, type CsvRecord } from './csv';
import { compareToTarget, formatPercent, QER_TARGETS, type TargetRow } from './targets';
import { checkText, LIMITS } from './text';

export type CqdField = 'month' | 'building' | 'subnet' | 'networkType' | 'streams' | 'poorStreams' | 'poorRate' | 'setupFailed' | 'setupRate' | 'dropped' | 'dropRate';

/** Header names are compared lower-case with everything but letters and digits removed. */
export const CQD_HEADERS: Record<CqdField, readonly string[]> = {
  month: ['month', 'month year', 'year month', 'period', 'date'],
  building: ['building', 'building name', 'second building name', 'first building name', 'site', 'site name'],
  subnet: ['subnet', 'second subnet', 'first subnet', 'ip subnet', 'network subnet'],
  networkType: ['network type', 'network', 'connection type', 'network connection detail', 'second network connection detail', 'first network connection detail'],
  streams: ['streams', 'stream count', 'audio streams', 'audio stream count', 'total streams', 'total stream count', 'total audio stream count'],
  poorStreams: ['poor streams', 'poor stream count', 'audio poor stream count', 'poor audio streams', 'audio poor streams'],
  poorRate: ['poor stream rate', 'psr', 'poor rate', 'poor stream percentage', 'audio poor percentage', 'poor percentage', 'poor stream %'],
  setupFailed: ['setup failed streams', 'setup failures', 'setup failure count', 'call setup failure count', 'audio call setup failure count'],
  setupRate: ['setup failure rate', 'call setup failure percentage', 'audio call setup failure percentage', 'setup failure percentage', 'setup failure %'],
  dropped: ['dropped streams', 'drops', 'drop failure count', 'call dropped failure count', 'audio call dropped failure count'],
  dropRate: ['drop failure rate', 'call dropped failure percentage', 'audio call dropped failure percentage', 'drop failure percentage', 'drop failure %'],
};

const squash = (s: string) => s.toLowerCase().replace(/%/g, 'percentage').replace(/[^a-z0-9]/g, '');
const HEADER_INDEX = new Map<string, CqdField>();
for (const [field, names] of Object.entries(CQD_HEADERS) as [CqdField, readonly string[]][]) for (const n of names) HEADER_INDEX.set(squash(n), field);

export type HeaderMap = Partial<Record<CqdField, number>>;

const expectedHeaders = () =>
  'Expected a header row with: Month; Building and/or Subnet; Network type (optional); Streams (total audio streams); and at least one of ' +
  'Poor streams or Poor stream rate, Setup failed streams or Setup failure rate, Dropped streams or Drop failure rate. ' +
  `Accepted names include: ${Object.values(CQD_HEADERS).map((n: readonly string[]) => n[0]).join(', ')}, ${CQD_HEADERS.poorRate.slice(3, 5).join(', ')}.`;

export function mapHeaders(headers: readonly string[]): { ok: true; value: HeaderMap } | { ok: false; error: string } {
  const map: HeaderMap = {};
  const unknown: string[] = [];
  headers.forEach((h, i) => {
    const field = HEADER_INDEX.get(squash(h));
    if (field === undefined) {
      if (h.trim()) unknown.push(h.trim());
    } else if (map[field] === undefined) map[field] = i;
  });
  const missing: string[] = [];
  if (map.month === undefined) missing.push('Month');
  if (map.building === undefined && map.subnet === undefined) missing.push('Building or Subnet');
  if (map.streams === undefined) missing.push('Streams');
  const anyMeasure = ['poorStreams', 'poorRate', 'setupFailed', 'setupRate', 'dropped', 'dropRate'].some((f) => map[f as CqdField] !== undefined);
  if (!anyMeasure) missing.push('a poor, setup-failure or drop measure');
  if (missing.length) {
    const seen = unknown.length ? ` Columns I could not place: ${unknown.slice(0, 12).map((u) => `"${u.slice(0, 40)}"`).join(', ')}.` : '';
    return { ok: false, error: `The file's header row is missing ${missing.join(', ')}.${seen} ${expectedHeaders()}` };
  }
  return { ok: true, value: map };
}

/** One month's measures for a place and network type: a CSV row, or rows added up. */
export interface CqdMeasures {
  month: string;
  building?: string;
  subnet?: string;
  networkType?: NetworkTypeId;
  streams: number;
  /** Counts (possibly fractional when derived from a rate). */
  poor?: number;
  setupFailed?: number;
  dropped?: number;
}

export interface CqdRow extends CqdMeasures {
  line: number;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const monthIndex = (name: string) => {
  const n = name.toLowerCase();
  return MONTHS.findIndex((m) => m === n || m.slice(0, 3) === n || (n === 'sept' && m === 'september'));
};

/** "2024-05", "2024-05-01", "2024/5", "202405", "May 2024", "05/2024" → "2024-05". */
export function parseMonth(text: string): string | undefined {
  const t = text.trim();
  let y: number | undefined;
  let m: number | undefined;
  let r: RegExpExecArray | null;
  if ((r = /^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2}(?:[T ].*)?)?$/.exec(t))) [y, m] = [Number(r[1]), Number(r[2])];
  else if ((r = /^(\d{4})(\d{2})$/.exec(t))) [y, m] = [Number(r[1]), Number(r[2])];
  else if ((r = /^(\d{1,2})[-/.](\d{4})$/.exec(t))) [y, m] = [Number(r[2]), Number(r[1])];
  else if ((r = /^([A-Za-z]{3,9})[\s,-]+(\d{4})$/.exec(t))) {
    const i = monthIndex(r[1]!);
    if (i >= 0) [y, m] = [Number(r[2]), i + 1];
  }
  if (y === undefined || m === undefined || m < 1 || m > 12 || y < 2000 || y > 2100) return undefined;
  return `${y}-${String(m).padStart(2, '0')}`;
}

const cell = (fields: readonly string[], i: number | undefined) => (i === undefined ? '' : (fields[i] ?? '').trim());

function parseCount(text: string): number | undefined {
  const t = text.replace(/[\s_]/g, '').replace(/,(?=\d{3}\b)/g, '');
  return /^\d+$/.test(t) ? Number(t) : undefined;
}
function parseRate(text: string): number | undefined {
  const m = /^(\d{1,3}(?:[.,]\d+)?)\s*%?$/.exec(text.trim());
  if (!m) return undefined;
  const v = Number(m[1]!.replace(',', '.'));
  return v <= 100 ? v : undefined;
}

/** One row → a validated row, or the reasons it can't be read. */
export function readRow(rec: CsvRecord, map: HeaderMap, columns: number): CqdRow | string[] {
  const f = rec.fields;
  if (f.length !== columns) return [`it has ${f.length} fields; the header has ${columns}.`];
  const errors: string[] = [];
  const monthText = cell(f, map.month);
  const month = parseMonth(monthText);
  if (!month) errors.push(`month "${monthText.slice(0, 30)}" is not a month like 2024-05.`);
  const row: CqdRow = { line: rec.line, month: month ?? '', streams: 0 };
  const building = cell(f, map.building);
  if (building) {
    const b = checkText('the building', building, LIMITS.shortText);
    if (b.ok) row.building = b.value;
    else errors.push(b.error.charAt(0).toLowerCase() + b.error.slice(1));
  }
  const subnet = cell(f, map.subnet);
  if (subnet) {
    const s = cachedSubnet(subnet);
    if (s.ok) row.subnet = s.value.canonical;
    else errors.push(`subnet: ${s.error}`);
  }
  if (!building && !subnet) errors.push('it has neither a building nor a subnet.');
  const net = cell(f, map.networkType);
  if (net) {
    const n = findNetworkType(net);
    if (n) row.networkType = n.id;
    else errors.push(`network type "${net.slice(0, 30)}" is not one of wired, Wi-Fi 2.4 GHz, Wi-Fi 5 GHz, Wi-Fi, VPN, external.`);
  }
  const streamsText = cell(f, map.streams);
  const streams = parseCount(streamsText);
  if (streams === undefined) errors.push(`streams "${streamsText.slice(0, 30)}" is not a whole number.`);
  else row.streams = streams;
  const measure = (countField: CqdField, rateField: CqdField, name: string, key: 'poor' | 'setupFailed' | 'dropped', base: () => number) => {
    const countText = cell(f, map[countField]);
    const rateText = cell(f, map[rateField]);
    if (countText) {
      const c = parseCount(countText);
      if (c === undefined) errors.push(`${name} "${countText.slice(0, 30)}" is not a whole number.`);
      else if (streams !== undefined && c > streams) errors.push(`${name} (${c}) is more than the streams (${streams}).`);
      else row[key] = c;
    } else if (rateText) {
      const r = parseRate(rateText);
      if (r === undefined) errors.push(`${name} rate "${rateText.slice(0, 30)}" is not a percentage from 0 to 100.`);
      else row[key] = (r / 100) * base();
    }
  };
  measure('poorStreams', 'poorRate', 'poor streams', 'poor', () => row.streams);
  measure('setupFailed', 'setupRate', 'setup failed streams', 'setupFailed', () => row.streams);
  // Drop failure rate is over streams that set up; with a rate given, convert on that base.
  measure('dropped', 'dropRate', 'dropped streams', 'dropped', () => row.streams - (row.setupFailed ?? 0));
  return errors.length ? errors : row;
}

export type AggregateLevel = 'building' | 'subnet';
export interface Aggregate extends CqdMeasures {
  level: AggregateLevel;
  rows: number;
}

/** The three QER rates of an aggregate (percent), where its columns allow. */
export function rates(a: Pick<Aggregate, 'streams' | 'poor' | 'setupFailed' | 'dropped'>): Partial<Record<RateMetricId, number>> {
  const out: Partial<Record<RateMetricId, number>> = {};
  if (a.streams <= 0) return out;
  if (a.poor !== undefined) out['poor-stream-rate'] = (a.poor / a.streams) * 100;
  if (a.setupFailed !== undefined) out['setup-failure-rate'] = (a.setupFailed / a.streams) * 100;
  const setUp = a.streams - (a.setupFailed ?? 0);
  if (a.dropped !== undefined && setUp > 0) out['drop-failure-rate'] = (a.dropped / setUp) * 100;
  return out;
}

const addOpt = (x: number | undefined, y: number | undefined) => (x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0));

export class CqdAggregator {
  private readonly map = new Map<string, Aggregate>();
  readonly skippedSubnets = new Map<string, string>();
  externalRows = 0;

  add(row: CqdRow): void {
    const common = row.subnet ? hardToTriageOf(row.subnet) : undefined;
    if (common) {
      // Home/hotel subnets say nothing about a building (review guide): keep them out of both.
      this.skippedSubnets.set(row.subnet!, common);
      return;
    }
    if (row.networkType === 'external') this.externalRows++;
    if (row.building) this.bump('building', row, `b|${row.month}|${row.building.toLowerCase()}|${row.networkType ?? ''}`);
    if (row.subnet) this.bump('subnet', row, `s|${row.month}|${row.subnet}|${row.networkType ?? ''}`);
  }

  private bump(level: AggregateLevel, row: CqdRow, key: string): void {
    let a = this.map.get(key);
    if (!a) {
      a = { level, month: row.month, streams: 0, rows: 0 };
      if (level === 'building') a.building = row.building;
      else {
        a.subnet = row.subnet;
        if (row.building) a.building = row.building;
      }
      if (row.networkType) a.networkType = row.networkType;
      this.map.set(key, a);
    }
    a.rows++;
    a.streams += row.streams;
    a.poor = addOpt(a.poor, row.poor);
    a.setupFailed = addOpt(a.setupFailed, row.setupFailed);
    a.dropped = addOpt(a.dropped, row.dropped);
    for (const k of ['poor', 'setupFailed', 'dropped'] as const) if (a[k] === undefined) delete a[k];
  }

  aggregates(): Aggregate[] {
    return [...this.map.values()];
  }
}

// An export repeats the same few thousand subnets on every row and month: parse each once.
const subnetCache = new Map<string, ReturnType<typeof parseSubnet>>();
const triageCache = new Map<string, string | undefined>();
function cachedSubnet(text: string): ReturnType<typeof parseSubnet> {
  let r = subnetCache.get(text);
  if (!r) {
    if (subnetCache.size > 50_000) subnetCache.clear();
    subnetCache.set(text, (r = parseSubnet(text, { defaultPrefix: { v4: 24, v6: 64 } })));
  }
  return r;
}
function hardToTriageOf(canonical: string): string | undefined {
  if (triageCache.has(canonical)) return triageCache.get(canonical);
  const s = parseSubnet(canonical);
  const common = s.ok ? hardToTriage(s.value) : undefined;
  if (triageCache.size > 50_000) triageCache.clear();
  triageCache.set(canonical, common);
  return common;
}

export interface CqdReadOptions {
  /** Called as the file is read (bytes of a byte stream) and every 1,000 rows. */
  onProgress?: (p: { bytes: number; rows: number }) => void;
  /** How many bad lines to list (all are counted). */
  maxProblems?: number;
}

export type CqdReadResult =
  | { ok: true; rows: number; aggregates: Aggregate[]; months: string[]; skippedSubnets: { subnet: string; common: string }[]; externalRows: number }
  | { ok: false; error: string; problems: CsvProblem[]; problemCount: number };

/**
 * Reads a whole CSV from a stream. Every line is validated before the result is used, so a file
 * with any unreadable line yields only the list of problems (line numbers) and nothing else.
 */
export async function readCqdCsv(source: AsyncIterable<Uint8Array | string>, opts: CqdReadOptions = {}): Promise<CqdReadResult> {
  const maxProblems = opts.maxProblems ?? 50;
  const problems: CsvProblem[] = [];
  let problemCount = 0;
  let headerError: string | undefined;
  let map: HeaderMap | undefined;
  let columns = 0;
  let rows = 0;
  let bytes = 0;
  const agg = new CqdAggregator();
  const problem = (p: CsvProblem) => {
    problemCount++;
    if (problems.length < maxProblems) problems.push(p);
  };
  const onRecord = (rec: CsvRecord) => {
    if (headerError) return;
    if (!map) {
      if (rec.fields.length === 1 && rec.fields[0]!.trim() === '') return; // blank lines before the header
      const m = mapHeaders(rec.fields);
      if (!m.ok) {
        headerError = m.error;
        return;
      }
      map = m.value;
      columns = rec.fields.length;
      return;
    }
    if (rec.fields.length === 1 && rec.fields[0]!.trim() === '') return; // blank line
    const row = readRow(rec, map, columns);
    rows++;
    if (Array.isArray(row)) problem({ line: rec.line, message: row.join(' ') });
    else if (problemCount === 0) agg.add(row); // after the first bad line, only keep checking
    if (rows % 1000 === 0) opts.onProgress?.({ bytes, rows });
  };
  const { notUtf8 } = await parseCsvStream(source, onRecord, problem, (b) => {
    bytes = b;
  });
  opts.onProgress?.({ bytes, rows });
  if (notUtf8) return { ok: false, error: 'The file is not UTF-8 text. Export the CSV again as UTF-8 (CSV UTF-8 in Excel).', problems, problemCount };
  if (headerError) return { ok: false, error: headerError, problems: [], problemCount: 0 };
  if (!map) return { ok: false, error: `The file is empty. ${expectedHeaders()}`, problems: [], problemCount: 0 };
  if (problemCount) {
    return { ok: false, error: `${problemCount} line${problemCount === 1 ? '' : 's'} of the file can't be read, so nothing was imported. Fix ${problemCount === 1 ? 'it' : 'them'} and import the whole file again.`, problems, problemCount };
  }
  if (rows === 0) return { ok: false, error: 'The file has a header but no rows.', problems: [], problemCount: 0 };
  const aggregates = agg.aggregates();
  const months = [...new Set(aggregates.map((a) => a.month))].sort();
  return { ok: true, rows, aggregates, months, skippedSubnets: [...agg.skippedSubnets].map(([subnet, common]) => ({ subnet, common })), externalRows: agg.externalRows };
}

/**
 * Category a proposal is filed under (documented so reviewers can predict it):
 * VPN network → VPN; Wi-Fi networks → Poor Wi-Fi coverage; subnet-level → Problematic subnets or
 * network devices; setup failures in a building → Incomplete firewall or proxy configuration (the
 * guide's usual cause of failures to connect); anything else → Insufficient bandwidth.
 */
export function inferCategory(level: AggregateLevel, networkType: NetworkTypeId | undefined, metric: RateMetricId): CategoryId {
  if (networkType === 'vpn') return 'vpn';
  if (networkType === 'wifi' || networkType === 'wifi-2.4' || networkType === 'wifi-5') return 'wifi';
  if (level === 'subnet') return 'subnets';
  if (metric === 'setup-failure-rate') return 'firewall-proxy';
  return 'bandwidth';
}

export interface Proposal {
  /** Stable per place × network × metric; with the import id it makes filing idempotent. */
  key: string;
  category: CategoryId;
  area: AreaId;
  level: AggregateLevel;
  month: string;
  building?: string;
  subnet?: string;
  networkType?: NetworkTypeId;
  metric: RateMetricId;
  /** Percent, rounded to 2 decimals. */
  value: number;
  target: number;
  points: number;
  relative: number;
  streams: number;
  description: string;
  owningRole: string;
  /** An open finding already covers it. */
  duplicateOf?: string;
}

export interface ProposalGroup {
  category: CategoryId;
  label: string;
  proposals: Proposal[];
}

export interface ProposalSet {
  month: string;
  groups: ProposalGroup[];
  duplicates: Proposal[];
  /** How many aggregates were at or below target. */
  withinTarget: number;
  skippedSubnets: { subnet: string; common: string }[];
}

export interface ProposeOptions {
  /** Review month (YYYY-MM); default the latest month in the file. */
  month?: string;
  targets?: readonly TargetRow[];
  roles?: readonly string[];
  /** Ignore places with fewer streams than this (noise); default 0 = none. */
  minStreams?: number;
}

const METRIC_ORDER: RateMetricId[] = ['setup-failure-rate', 'drop-failure-rate', 'poor-stream-rate']; // reliability before quality

export function proposalKey(p: Pick<Proposal, 'level' | 'building' | 'subnet' | 'networkType' | 'metric'>): string {
  const place = p.level === 'subnet' ? p.subnet! : p.building!.toLowerCase();
  return `${p.level}|${place}|${p.networkType ?? 'any'}|${p.metric}`;
}

function duplicateOf(p: Proposal, open: readonly Finding[]): string | undefined {
  return open.find((f) =>
    f.metric === p.metric &&
    (f.networkType === undefined || p.networkType === undefined || f.networkType === p.networkType) &&
    (p.level === 'subnet' ? f.subnet === p.subnet : !!f.building && f.building.toLowerCase() === p.building!.toLowerCase()),
  )?.id;
}

export function proposeFindings(
  read: Pick<Extract<CqdReadResult, { ok: true }>, 'aggregates' | 'months' | 'skippedSubnets'>,
  openFindings: readonly Finding[],
  opts: ProposeOptions = {},
): ProposalSet {
  const month = opts.month ?? read.months[read.months.length - 1] ?? '';
  const proposals: Proposal[] = [];
  let withinTarget = 0;
  for (const a of read.aggregates) {
    if (a.month !== month || a.networkType === 'external' || a.streams < (opts.minStreams ?? 0)) continue;
    const r = rates(a);
    for (const metric of METRIC_ORDER) {
      const value = r[metric];
      if (value === undefined) continue;
      const cmp = compareToTarget(value, { metric, networkType: a.networkType }, opts.targets ?? QER_TARGETS);
      if (!cmp) continue;
      if (!cmp.above) {
        withinTarget++;
        continue;
      }
      const category = inferCategory(a.level, a.networkType, metric);
      const place = a.level === 'subnet' ? `Subnet ${a.subnet}${a.building ? ` (${a.building})` : ''}` : a.building!;
      const net = a.networkType ? ` on ${networkInfo(a.networkType).label}` : '';
      const p: Proposal = {
        key: '',
        category,
        area: defaultArea(category, metric),
        level: a.level,
        month,
        metric,
        value: Math.round(value * 100) / 100,
        target: cmp.target,
        points: cmp.points,
        relative: cmp.relative,
        streams: a.streams,
        description: `${place}${net}: ${metricInfo(metric).label.toLowerCase()} ${formatPercent(value)} in ${month} over ${a.streams.toLocaleString('en-US')} streams, against a ${formatPercent(cmp.target)} target (${cmp.targetLabel}).`,
        owningRole: defaultOwningRole(category, opts.roles),
      };
      if (a.building) p.building = a.building;
      if (a.subnet) p.subnet = a.subnet;
      if (a.networkType) p.networkType = a.networkType;
      p.key = proposalKey(p);
      const dup = duplicateOf(p, openFindings);
      if (dup) p.duplicateOf = dup;
      proposals.push(p);
    }
  }
  const fresh = proposals.filter((p) => !p.duplicateOf);
  const byCategory = new Map<CategoryId, Proposal[]>();
  for (const p of fresh.sort((x, y) => METRIC_ORDER.indexOf(x.metric) - METRIC_ORDER.indexOf(y.metric) || y.points - x.points)) {
    byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p]);
  }
  return {
    month,
    groups: [...byCategory].map(([c, ps]) => ({ category: c, label: categoryInfo(c).label, proposals: ps })),
    duplicates: proposals.filter((p) => p.duplicateOf),
    withinTarget,
    skippedSubnets: read.skippedSubnets,
  };
}

/** Proposals waiting for the champion's confirmation (stored between the card and the click). */
export interface ImportBatch {
  importId: string;
  createdAt: string;
  createdBy: Actor;
  month: string;
  rows: number;
  proposals: Proposal[];
  /** Proposal key → finding id, once filed. */
  filed: Record<string, string>;
}
