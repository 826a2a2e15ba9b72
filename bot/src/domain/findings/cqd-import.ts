// Call Quality Dashboard CSV import: map columns by header name, validate every row (all of the
// file is checked before anything is proposed: a bad file changes nothing and names its bad
// lines), aggregate per month × building/subnet × network type, and propose a finding for every
// building or subnet above target in the reviewed month, grouped by category and deduplicated
// against the open findings.
//
// The column names and value spellings are CQD's, from "Dimensions and measurements available in
// Call Quality Dashboard (CQD)" (learn.microsoft.com/microsoftteams/dimensions-and-measures-available-in-call-quality-dashboard);
// the rate formulas are the Quality Experience Review guide's.
import {
  type Actor, type Finding,
} from './finding';
import {
  category as categoryInfo, type CategoryId, defaultArea, defaultOwningRole, findNetworkType, metric as metricInfo,
  networkType as networkInfo, type NetworkTypeId, type RateMetricId, type AreaId,
} from './catalog';
import { hardToTriage, parseSubnet } from './cidr';
import { parseCsvStream, type CsvProblem, type CsvRecord } from './csv';
import { compareToTarget, formatPercent, QER_TARGETS, type ReviewScope, SCOPE_LABELS, type TargetRow } from './targets';
import { checkText, LIMITS } from './text';
import type { ReviewLine } from './review-lines';
import type { VerificationCheck } from './verification';

export type CqdField =
  | 'month' | 'year' | 'building' | 'subnet' | 'networkType' | 'networkPair' | 'wifiBand' | 'insideCorp' | 'vpn' | 'serverPair'
  | 'streams' | 'poorStreams' | 'poorRate' | 'cdrStreams' | 'setupFailed' | 'setupSucceeded' | 'setupRate' | 'dropped' | 'dropRate';

/**
 * Column names per field, the preferred first: when a file has two columns for one field, the
 * earlier name is read and the other is reported as not read. The Call Quality Dashboard's own
 * dimension and measurement names lead (a CQD report exported to CSV has them as its headers);
 * "Second …" before "First …" because CQD makes the server the first endpoint and the client the
 * second. The other names are the ones earlier versions of this import accepted.
 * Names are compared lower-case with everything but letters and digits removed.
 */
export const CQD_HEADERS: Record<CqdField, readonly string[]> = {
  month: ['month year', 'full month', 'month', 'year month', 'period', 'date'],
  year: ['year'],
  building: ['second building name', 'first building name', 'building name', 'building', 'site name', 'site'],
  subnet: ['second subnet', 'first subnet', 'subnet', 'ip subnet', 'network subnet'],
  networkType: ['second network connection detail', 'first network connection detail', 'network connection detail', 'network type', 'network', 'connection type'],
  networkPair: ['network connection detail pair'],
  wifiBand: ['second wifi band', 'first wifi band', 'wifi band'],
  insideCorp: ['second inside corp', 'first inside corp', 'inside corp'],
  vpn: ['second vpn', 'first vpn', 'vpn'],
  // The call scope: CQD's Is Server Pair ("Client : Server" = a conference, "Client : Client" = peer-to-peer).
  serverPair: ['is server pair', 'server pair'],
  streams: ['audio stream count', 'total stream count', 'streams', 'stream count', 'audio streams', 'total streams', 'total audio stream count'],
  poorStreams: ['audio poor stream count', 'poor streams', 'poor stream count', 'poor audio streams', 'audio poor streams'],
  poorRate: ['audio poor percentage', 'poor stream rate', 'psr', 'poor rate', 'poor stream percentage', 'poor percentage', 'poor stream %'],
  cdrStreams: ['total cdr available stream count', 'cdr available stream count'],
  setupFailed: ['total call setup failed stream count', 'call setup failed stream count', 'setup failed streams', 'setup failures', 'setup failure count', 'call setup failure count', 'audio call setup failure count'],
  setupSucceeded: ['total call setup succeeded stream count', 'call setup succeeded stream count', 'setup succeeded streams'],
  setupRate: ['total call setup failure percentage', 'setup failure rate', 'call setup failure percentage', 'audio call setup failure percentage', 'setup failure percentage', 'setup failure %'],
  dropped: ['total call dropped stream count', 'call dropped stream count', 'dropped streams', 'drops', 'drop failure count', 'call dropped failure count', 'audio call dropped failure count'],
  dropRate: ['total call dropped failure percentage', 'drop failure rate', 'call dropped failure percentage', 'audio call dropped failure percentage', 'drop failure percentage', 'drop failure %'],
};

const squash = (s: string) => s.toLowerCase().replace(/%/g, 'percentage').replace(/[^a-z0-9]/g, '');
/** Squashed name → field and its rank among the field's names (0 = preferred). */
const HEADER_INDEX = new Map<string, { field: CqdField; rank: number }>();
for (const [field, names] of Object.entries(CQD_HEADERS) as [CqdField, readonly string[]][]) {
  names.forEach((n, rank) => HEADER_INDEX.set(squash(n), { field, rank }));
}

export type HeaderMap = Partial<Record<CqdField, number>>;

const MEASURE_FIELDS: readonly CqdField[] = ['poorStreams', 'poorRate', 'setupFailed', 'setupRate', 'dropped', 'dropRate'];
const FIELD_NAMES = (fields: readonly CqdField[]) => fields.map((f) => titleCase(CQD_HEADERS[f][0]!)).join(', ');
const titleCase = (s: string) => s.replace(/\b([a-z])/g, (c) => c.toUpperCase()).replace(/\bCdr\b/, 'CDR').replace(/\bVpn\b/, 'VPN').replace(/\bWi-fi\b/, 'Wi-Fi');

const expectedHeaders = () =>
  'Expected a header row with: Month; Building and/or Subnet; Network type (optional); Streams (total audio streams); and at least one of ' +
  'Poor streams or Poor stream rate, Setup failed streams or Setup failure rate, Dropped streams or Drop failure rate. ' +
  `The Call Quality Dashboard's names are read: ${FIELD_NAMES(['month', 'building', 'subnet', 'networkType', 'insideCorp', 'vpn', 'serverPair', 'streams', 'poorStreams', 'cdrStreams', 'setupFailed', 'setupSucceeded', 'dropped'])} ` +
  `(or the percentages ${FIELD_NAMES(['poorRate', 'setupRate', 'dropRate'])}). Simpler names work too: Month, Building, Subnet, Network type, Streams, Poor streams, Setup failed streams, Dropped streams.`;

export type HeaderMapping = { ok: true; value: HeaderMap; ignored: string[] } | { ok: false; error: string };

/** Most columns listed as not read (each name clipped); a wider file says how many more. */
const MAX_IGNORED = 100;

/**
 * Places each column by its header. A column that is not read — an unknown name, or a second
 * column for a field already placed — is listed in `ignored`, so the summary can say so.
 */
export function mapHeaders(headers: readonly string[]): HeaderMapping {
  const chosen = new Map<CqdField, { index: number; rank: number }>();
  headers.forEach((h, index) => {
    const hit = HEADER_INDEX.get(squash(h));
    if (!hit) return;
    const cur = chosen.get(hit.field);
    if (!cur || hit.rank < cur.rank) chosen.set(hit.field, { index, rank: hit.rank });
  });
  const map: HeaderMap = {};
  for (const [field, { index }] of chosen) map[field] = index;
  const used = new Set(Object.values(map));
  const unknown: string[] = [];
  const ignored: string[] = [];
  headers.forEach((h, i) => {
    if (used.has(i)) return;
    const name = h.trim();
    if (!HEADER_INDEX.has(squash(h)) && name) unknown.push(name);
    ignored.push(name ? name.slice(0, 100) : `column ${i + 1} (no header)`);
  });
  if (ignored.length > MAX_IGNORED) ignored.splice(MAX_IGNORED, Infinity, `… and ${ignored.length - MAX_IGNORED} more columns`);
  const missing: string[] = [];
  if (map.month === undefined) missing.push('Month');
  if (map.building === undefined && map.subnet === undefined) missing.push('Building or Subnet');
  if (map.streams === undefined) missing.push('Streams');
  if (!MEASURE_FIELDS.some((f) => map[f] !== undefined)) missing.push('a poor, setup-failure or drop measure');
  if (missing.length) {
    const seen = unknown.length ? ` Columns I could not place: ${unknown.slice(0, 12).map((u) => `"${u.slice(0, 40)}"`).join(', ')}.` : '';
    return { ok: false, error: `The file's header row is missing ${missing.join(', ')}.${seen} ${expectedHeaders()}` };
  }
  return { ok: true, value: map, ignored };
}

/** One month's measures for a place and network type: a CSV row, or rows added up. */
export interface CqdMeasures {
  month: string;
  building?: string;
  subnet?: string;
  networkType?: NetworkTypeId;
  /** Conferencing or peer-to-peer (CQD Is Server Pair); absent when the file does not say. */
  scope?: ReviewScope;
  /** Of unmanaged traffic (networkType external): the connection it ran over (wired, Wi-Fi band), for the guide's "overall" rows. */
  connection?: NetworkTypeId;
  /** Audio streams: the poor stream rate's denominator. */
  streams: number;
  /** Counts (possibly fractional when derived from a rate). */
  poor?: number;
  /** Streams with a call detail record (CQD "Total CDR Available Stream Count"): the setup failure rate's denominator. */
  cdrStreams?: number;
  setupFailed?: number;
  /** Streams whose media path was set up (CQD "Total Call Setup Succeeded Stream Count"): the drop failure rate's denominator. */
  setupSucceeded?: number;
  dropped?: number;
}

export interface CqdRow extends CqdMeasures {
  line: number;
}

type Bases = Pick<CqdMeasures, 'streams' | 'cdrStreams' | 'setupFailed' | 'setupSucceeded'>;

/**
 * The setup failure rate's denominator, as the review guide defines it (Total Call Setup Failed
 * Stream Count / Total CDR Available Stream Count): the streams with a call record; without that
 * column, the setups attempted (failed + succeeded); a file with neither has only its streams.
 */
export function setupBase(m: Bases): number {
  if (m.cdrStreams !== undefined) return m.cdrStreams;
  if (m.setupSucceeded !== undefined) return m.setupSucceeded + (m.setupFailed ?? 0);
  return m.streams;
}

/** The drop failure rate's denominator (Total Call Dropped Stream Count / Total Call Setup Succeeded Stream Count): the streams that set up. */
export function dropBase(m: Bases): number {
  return m.setupSucceeded ?? setupBase(m) - (m.setupFailed ?? 0);
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const monthIndex = (name: string) => {
  const n = name.toLowerCase();
  return MONTHS.findIndex((m) => m === n || m.slice(0, 3) === n || (n === 'sept' && m === 'september'));
};

/** "2024-05", "2024-05-01", "2024-05-01T00:00:00" (CQD Full Month), "2024/5", "202405", "May 2024", "05/2024" → "2024-05". */
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

/** CQD's Network Connection Detail values. A tunnel may or may not be a VPN, and "Other" says nothing: both leave the type unknown (the VPN column decides VPN). */
const CONNECTION_DETAIL: Record<string, NetworkTypeId | null> = { wired: 'wired', wifi: 'wifi', mobilebb: 'external', tunnel: null, other: null };

/** A connection detail → network type; null for a known value that names none; undefined for text it does not know. */
function connectionType(text: string): NetworkTypeId | null | undefined {
  const cqd = CONNECTION_DETAIL[squash(text)];
  if (cqd !== undefined) return cqd;
  return findNetworkType(text)?.id;
}

/**
 * CQD's Network Connection Detail Pair ("Wired : wifi") does not say which side is the client,
 * so only a pair whose two sides agree names a network type.
 */
function pairType(text: string): NetworkTypeId | undefined {
  const sides = text.split(':').map((s) => s.trim().toLowerCase());
  if (sides.length !== 2 || !sides[0] || sides[0] !== sides[1]) return undefined;
  return connectionType(sides[0]) ?? undefined;
}

/** CQD's Wi-Fi Band ("5.0 Ghz"). Lenient on purpose: an unexpected band leaves the Wi-Fi band unknown rather than refusing the file. */
function wifiBandType(text: string): NetworkTypeId | undefined {
  const m = /^(\d+(?:[.,]\d+)?)\s*ghz$/i.exec(text.trim());
  const ghz = m ? Number(m[1]!.replace(',', '.')) : NaN;
  return ghz === 2.4 ? 'wifi-2.4' : ghz === 5 ? 'wifi-5' : undefined;
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'vpn']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'nonvpn', 'notvpn']);
/** CQD's VPN is a Boolean (True/False, sometimes 1/0). */
function parseVpn(text: string): boolean | undefined | 'bad' {
  if (!text) return undefined;
  const t = squash(text);
  return TRUE_WORDS.has(t) ? true : FALSE_WORDS.has(t) ? false : 'bad';
}
/** CQD's Inside Corp is Inside or Outside (outside unless the subnet is mapped as corporate). */
function parseInside(text: string): boolean | undefined | 'bad' {
  if (!text) return undefined;
  const t = squash(text);
  return t === 'inside' || t === 'true' || t === '1' ? true : t === 'outside' || t === 'false' || t === '0' ? false : 'bad';
}

/** CQD describes its subnet as "with dashes separating each octet": 10-20-5-0 is 10.20.5.0. */
const dashedV4 = (text: string) => (/^\d{1,3}(?:-\d{1,3}){3}$/.test(text) ? text.replace(/-/g, '.') : text);

/**
 * One row → a validated row, 'unplaced' (neither a building nor a subnet), 'server-pair' (a
 * stream between two servers: no person's call, left out), or the reasons it can't be read.
 */
export function readRow(rec: CsvRecord, map: HeaderMap, columns: number): CqdRow | 'unplaced' | 'server-pair' | string[] {
  const f = rec.fields;
  if (f.length !== columns) return [`it has ${f.length} fields; the header has ${columns}.`];
  const errors: string[] = [];
  let monthText = cell(f, map.month);
  // CQD's Month dimension is a number (2) beside a Year column (2025).
  if (/^\d{1,2}$/.test(monthText) && map.year !== undefined) monthText = `${cell(f, map.year)}-${monthText}`;
  const month = parseMonth(monthText);
  if (!month) errors.push(`month "${monthText.slice(0, 30)}" is not a month like 2024-05.`);
  const row: CqdRow = { line: rec.line, month: month ?? '', streams: 0 };
  readRowPlace(f, map, row, errors);
  const net = readNetworkType(f, map, errors);
  if (net.type) row.networkType = net.type;
  if (net.connection) row.connection = net.connection;
  const scope = readScope(f, map, errors);
  if (scope && scope !== 'server') row.scope = scope;
  readRowStreams(f, map, row, errors);
  readRowMeasures(f, map, row, errors);
  if (errors.length) return errors;
  if (scope === 'server') return 'server-pair';
  outsideBuildingMap(map, row);
  // CQD leaves both blank where it could not place the endpoint (an unmapped subnet, IPv6, a media path never set up).
  return row.building || row.subnet ? row : 'unplaced';
}

/**
 * CQD's Is Server Pair. A stream through a conferencing server (AV MCU) is "Client : Server": a
 * conference; "Client : Client" is a peer-to-peer call; "Server : Server" is no person's stream.
 */
function readScope(f: readonly string[], map: HeaderMap, errors: string[]): ReviewScope | 'server' | undefined {
  const text = cell(f, map.serverPair);
  if (!text) return undefined;
  const t = squash(text);
  if (t === 'clientclient') return 'peer-to-peer';
  if (t === 'clientserver' || t === 'serverclient') return 'conferencing';
  if (t === 'serverserver') return 'server';
  errors.push(`is server pair "${text.slice(0, 30)}" is not Client : Client, Client : Server or Server : Server.`);
  return undefined;
}

/**
 * A subnet the building map does not know is unmanaged: CQD leaves its building blank (and calls
 * it Outside by default). Only decided here for a file that has a building column but no Inside
 * Corp column; with Inside Corp, CQD's own answer (readNetworkType) is used. VPN stays managed.
 */
function outsideBuildingMap(map: HeaderMap, row: CqdRow): void {
  if (map.building === undefined || map.insideCorp !== undefined || row.building || !row.subnet) return;
  if (row.networkType === 'vpn' || row.networkType === 'external') return;
  if (row.networkType) row.connection = row.networkType;
  row.networkType = 'external';
}

/** The row's building and subnet. */
function readRowPlace(f: readonly string[], map: HeaderMap, row: CqdRow, errors: string[]): void {
  const building = cell(f, map.building);
  if (building) {
    const b = checkText('the building', building, LIMITS.shortText);
    if (b.ok) row.building = b.value;
    else errors.push(b.error.charAt(0).toLowerCase() + b.error.slice(1));
  }
  const subnet = dashedV4(cell(f, map.subnet));
  if (subnet) {
    const s = cachedSubnet(subnet);
    if (s.ok) row.subnet = s.value.canonical;
    else errors.push(`subnet: ${s.error}`);
  }
}

/** The stream count and the bases the failure rates are over. */
function readRowStreams(f: readonly string[], map: HeaderMap, row: CqdRow, errors: string[]): void {
  // An empty count is no streams: the dashboard leaves a measure blank where nothing was counted.
  const streamsText = cell(f, map.streams);
  const streams = streamsText ? parseCount(streamsText) : 0;
  if (streams === undefined) errors.push(`streams "${streamsText.slice(0, 30)}" is not a whole number.`);
  else row.streams = streams;
  const readBase = (field: 'cdrStreams' | 'setupSucceeded', name: string) => {
    if (map[field] === undefined) return;
    const text = cell(f, map[field]);
    const c = text ? parseCount(text) : 0;
    if (c === undefined) errors.push(`${name} "${text.slice(0, 30)}" is not a whole number.`);
    else row[field] = c;
  };
  readBase('cdrStreams', 'streams with a call record');
  readBase('setupSucceeded', 'setup succeeded streams');
  if (row.cdrStreams !== undefined && row.setupSucceeded !== undefined && row.setupSucceeded > row.cdrStreams) {
    errors.push(`setup succeeded streams (${row.setupSucceeded}) is more than the streams with a call record (${row.cdrStreams}).`);
  }
}

/** The poor, setup-failed and dropped streams, each as a count or as a rate of its base. */
function readRowMeasures(f: readonly string[], map: HeaderMap, row: CqdRow, errors: string[]): void {
  const measure = (countField: CqdField, rateField: CqdField, name: string, key: 'poor' | 'setupFailed' | 'dropped', base: () => { n: number; what: string }) => {
    const countText = cell(f, map[countField]);
    const rateText = cell(f, map[rateField]);
    if (countText) {
      const c = parseCount(countText);
      const b = base();
      if (c === undefined) errors.push(`${name} "${countText.slice(0, 30)}" is not a whole number.`);
      else if (c > b.n) errors.push(`${name} (${c}) is more than the ${b.what} (${b.n}).`);
      else row[key] = c;
    } else if (rateText) {
      const r = parseRate(rateText);
      if (r === undefined) errors.push(`${name} rate "${rateText.slice(0, 30)}" is not a percentage from 0 to 100.`);
      else row[key] = (r / 100) * base().n;
    }
  };
  measure('poorStreams', 'poorRate', 'poor streams', 'poor', () => ({ n: row.streams, what: 'streams' }));
  measure('setupFailed', 'setupRate', 'setup failed streams', 'setupFailed', () => ({ n: setupBase(row), what: row.cdrStreams !== undefined ? 'streams with a call record' : 'streams' }));
  measure('dropped', 'dropRate', 'dropped streams', 'dropped', () => ({ n: dropBase(row), what: 'streams that set up' }));
}

/**
 * The network a row's calls ran over. CQD's VPN flag wins (a VPN adapter often reports itself as
 * wired); an endpoint outside the corporate network is external (unmanaged, reported apart);
 * otherwise the connection detail, with the Wi-Fi band where the file has it.
 */
function readNetworkType(f: readonly string[], map: HeaderMap, errors: string[]): { type?: NetworkTypeId; connection?: NetworkTypeId } {
  const vpnText = cell(f, map.vpn);
  const vpn = parseVpn(vpnText);
  if (vpn === 'bad') errors.push(`VPN "${vpnText.slice(0, 30)}" is not True or False.`);
  const insideText = cell(f, map.insideCorp);
  const inside = parseInside(insideText);
  if (inside === 'bad') errors.push(`inside corp "${insideText.slice(0, 30)}" is not Inside or Outside.`);
  let type: NetworkTypeId | undefined;
  const net = cell(f, map.networkType);
  if (net) {
    const t = connectionType(net);
    if (t === undefined) errors.push(`network type "${net.slice(0, 30)}" is not one of the dashboard's Wired, WiFi, MobileBB, Tunnel, Other, nor wired, Wi-Fi 2.4 GHz, Wi-Fi 5 GHz, Wi-Fi, VPN, external.`);
    else if (t) type = t;
  } else if (map.networkType === undefined) {
    type = pairType(cell(f, map.networkPair));
  }
  if (type === 'wifi') type = wifiBandType(cell(f, map.wifiBand)) ?? type;
  if (vpn === true) return { type: 'vpn' };
  // Unmanaged (home, hotel, airport), as the review guide splits them: the connection is kept for its "overall" rows.
  if (inside === false || type === 'external') return type && type !== 'external' ? { type: 'external', connection: type } : { type: 'external' };
  return type ? { type } : {};
}

/** A place a finding can be filed against. */
export type PlaceLevel = 'building' | 'subnet';
/** "unmanaged": the month's traffic on networks the organization does not run, summed apart from every place. */
export type AggregateLevel = PlaceLevel | 'unmanaged';
export interface Aggregate extends CqdMeasures {
  level: AggregateLevel;
  rows: number;
}

/** The three QER rates of an aggregate (percent), where its columns allow, each over its own denominator. */
export function rates(a: Pick<Aggregate, 'streams' | 'poor' | 'cdrStreams' | 'setupFailed' | 'setupSucceeded' | 'dropped'>): Partial<Record<RateMetricId, number>> {
  const out: Partial<Record<RateMetricId, number>> = {};
  if (a.poor !== undefined && a.streams > 0) out['poor-stream-rate'] = (a.poor / a.streams) * 100;
  const attempted = setupBase(a);
  if (a.setupFailed !== undefined && attempted > 0) out['setup-failure-rate'] = (a.setupFailed / attempted) * 100;
  const setUp = dropBase(a);
  if (a.dropped !== undefined && setUp > 0) out['drop-failure-rate'] = (a.dropped / setUp) * 100;
  return out;
}

/** What a rate was measured over, for the proposal's sentence. */
function denominator(a: Aggregate, metric: RateMetricId): string {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  if (metric === 'poor-stream-rate') return `${n(a.streams)} streams`;
  if (metric === 'drop-failure-rate') return `${n(dropBase(a))} streams that set up`;
  if (a.cdrStreams !== undefined) return `${n(a.cdrStreams)} streams with a call record`;
  return a.setupSucceeded !== undefined ? `${n(setupBase(a))} setups attempted` : `${n(a.streams)} streams`;
}

const addOpt = (x: number | undefined, y: number | undefined) => (x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0));

const SUMMED = ['poor', 'cdrStreams', 'setupFailed', 'setupSucceeded', 'dropped'] as const;

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
    const scope = row.scope ?? '';
    if (row.networkType === 'external') {
      // Unmanaged traffic is its own line of the review and never counts toward a building or subnet.
      this.externalRows++;
      this.bump('unmanaged', row, `u|${row.month}|${scope}|${row.connection ?? ''}`);
      return;
    }
    if (row.building) this.bump('building', row, `b|${row.month}|${row.building.toLowerCase()}|${row.networkType ?? ''}|${scope}`);
    if (row.subnet) this.bump('subnet', row, `s|${row.month}|${row.subnet}|${row.networkType ?? ''}|${scope}`);
  }

  private bump(level: AggregateLevel, row: CqdRow, key: string): void {
    let a = this.map.get(key);
    if (!a) {
      a = { level, month: row.month, streams: 0, rows: 0 };
      if (level === 'building') a.building = row.building;
      else if (level === 'subnet') {
        a.subnet = row.subnet;
        if (row.building) a.building = row.building;
      } else if (row.connection) a.connection = row.connection;
      if (row.networkType) a.networkType = row.networkType;
      if (row.scope) a.scope = row.scope;
      this.map.set(key, a);
    }
    a.rows++;
    a.streams += row.streams;
    for (const k of SUMMED) {
      const sum = addOpt(a[k], row[k]);
      if (sum === undefined) delete a[k];
      else a[k] = sum;
    }
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
  | {
    ok: true; rows: number; aggregates: Aggregate[]; months: string[]; skippedSubnets: { subnet: string; common: string }[];
    /** Rows on unmanaged networks (summed as the "unmanaged" aggregates, never a place's). */
    externalRows: number;
    /** Rows whose Is Server Pair is Server : Server, left out. */
    serverPairRows: number;
    /** Columns of the file that were not read (unknown, or a second column for one field): shown in the summary. */
    ignoredColumns: string[];
    /** Rows that named neither a building nor a subnet, left out. */
    unplacedRows: number;
  }
  | { ok: false; error: string; problems: CsvProblem[]; problemCount: number };

/** Why a file with rows has no building or subnet to review, counting where its rows went. */
function nothingToReview(rows: number, unplaced: number, unmanaged: number, serverPairs: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const others = [`${n(unplaced)} name neither`, ...(unmanaged ? [`${n(unmanaged)} are on unmanaged networks`] : []), ...(serverPairs ? [`${n(serverPairs)} are between two servers`] : [])];
  const home = rows - unplaced - unmanaged - serverPairs;
  return `No row names a building or a subnet that can be reviewed (of ${n(rows)}, ${others.join(', ')} and ${n(home)} are on home and hotel subnets). Add Second Building Name or Second Subnet to the report and export it again.`;
}

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
  let ignoredColumns: string[] = [];
  let unplacedRows = 0;
  let serverPairRows = 0;
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
      ignoredColumns = m.ignored;
      columns = rec.fields.length;
      return;
    }
    if (rec.fields.length === 1 && rec.fields[0]!.trim() === '') return; // blank line
    const row = readRow(rec, map, columns);
    rows++;
    if (Array.isArray(row)) problem({ line: rec.line, message: row.join(' ') });
    else if (row === 'unplaced') unplacedRows++;
    else if (row === 'server-pair') serverPairRows++;
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
  if (!aggregates.some((a) => a.level !== 'unmanaged')) return { ok: false, error: nothingToReview(rows, unplacedRows, agg.externalRows, serverPairRows), problems: [], problemCount: 0 };
  const months = [...new Set(aggregates.map((a) => a.month))].sort();
  return { ok: true, rows, aggregates, months, skippedSubnets: [...agg.skippedSubnets].map(([subnet, common]) => ({ subnet, common })), externalRows: agg.externalRows, serverPairRows, ignoredColumns, unplacedRows };
}

/**
 * Category a proposal is filed under (documented so reviewers can predict it):
 * VPN network → VPN; Wi-Fi networks → Poor Wi-Fi coverage; subnet-level → Problematic subnets or
 * network devices; setup failures in a building → Incomplete firewall or proxy configuration (the
 * guide's usual cause of failures to connect); anything else → Insufficient bandwidth.
 */
export function inferCategory(level: PlaceLevel, networkType: NetworkTypeId | undefined, metric: RateMetricId): CategoryId {
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
  level: PlaceLevel;
  month: string;
  /** Conferencing or peer-to-peer, when the file said (CQD Is Server Pair). */
  scope?: ReviewScope;
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
  /** Remediated findings checked against the month (verification.ts); set by the import service. */
  verifications?: VerificationCheck[];
  /** The month against every row of the target table, unmanaged networks apart (review-lines.ts); set by the import service. */
  lines?: ReviewLine[];
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

export function proposalKey(p: Pick<Proposal, 'level' | 'building' | 'subnet' | 'networkType' | 'metric' | 'scope'>): string {
  const place = p.level === 'subnet' ? p.subnet! : p.building!.toLowerCase();
  return `${p.level}|${place}|${p.networkType ?? 'any'}|${p.metric}${p.scope ? `|${p.scope}` : ''}`;
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
    // Unmanaged traffic is reported on its own line (review-lines.ts), never proposed against a place.
    if (a.month !== month || a.level === 'unmanaged' || a.networkType === 'external' || a.streams < (opts.minStreams ?? 0)) continue;
    const r = rates(a);
    for (const metric of METRIC_ORDER) {
      const value = r[metric];
      if (value === undefined) continue;
      const cmp = compareToTarget(value, { metric, networkType: a.networkType, scope: a.scope ?? 'all' }, opts.targets ?? QER_TARGETS);
      if (!cmp) continue;
      if (!cmp.above) {
        withinTarget++;
        continue;
      }
      const p = proposalOf({ ...a, level: a.level }, metric, value, cmp, opts.roles);
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

/** "Building 6 on VPN, conferencing calls": the place, its network and the call scope the file named. */
export function aggregatePlace(a: Pick<Aggregate, 'level' | 'building' | 'subnet' | 'networkType' | 'scope'>): string {
  const place = a.level === 'subnet' ? `Subnet ${a.subnet}${a.building ? ` (${a.building})` : ''}` : a.building ?? '';
  const net = a.networkType ? ` on ${networkInfo(a.networkType).label}` : '';
  return `${place}${net}${a.scope ? `, ${SCOPE_LABELS[a.scope].toLowerCase()} calls` : ''}`;
}

function proposalOf(a: Aggregate & { level: PlaceLevel }, metric: RateMetricId, value: number, cmp: NonNullable<ReturnType<typeof compareToTarget>>, roles?: readonly string[]): Proposal {
  const category = inferCategory(a.level, a.networkType, metric);
  const p: Proposal = {
    key: '',
    category,
    area: defaultArea(category, metric),
    level: a.level,
    month: a.month,
    metric,
    value: Math.round(value * 100) / 100,
    target: cmp.target,
    points: cmp.points,
    relative: cmp.relative,
    streams: a.streams,
    description: `${aggregatePlace(a)}: ${metricInfo(metric).label.toLowerCase()} ${formatPercent(value)} in ${a.month} over ${denominator(a, metric)}, against a ${formatPercent(cmp.target)} target (${cmp.targetLabel}).`,
    owningRole: defaultOwningRole(category, roles),
  };
  if (a.building) p.building = a.building;
  if (a.subnet) p.subnet = a.subnet;
  if (a.networkType) p.networkType = a.networkType;
  if (a.scope) p.scope = a.scope;
  p.key = proposalKey(p);
  return p;
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
  /** The remediated findings this month's data verifies (or not); "verified" waits for the champion's confirmation. */
  verifications?: VerificationCheck[];
}
