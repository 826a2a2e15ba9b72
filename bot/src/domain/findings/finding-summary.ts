// The per-workspace summary of the findings: what the steering-committee agenda and the findings
// board read instead of every finding. Storage keeps it in the same transaction as each change it
// reflects, so it is never behind; it can always be rebuilt from the findings (summaryBuilder).
//
// It holds the counts per status, the open findings due soonest (the agenda's overdue lines), the
// findings filed last (its "new since the last meeting" lines), two histograms that count what
// lies beyond those two lists, and the values findings reported per month (the board's chart
// before any call-quality data was imported). Its size is bounded whatever the number of findings.
import type { RateMetricId } from './catalog';
import { type Finding, type FindingStatus, isOpen, STATUS_LABELS } from './finding';

/** Bumped when the shape or the meaning of a field changes: an older summary is rebuilt. */
export const SUMMARY_SCHEMA = 1;
/** Entries in each list: the agenda tab shows at most this many lines per section. */
export const SUMMARY_LIST_SIZE = 50;
/** Months of reported values kept (the board charts at most 36). */
export const REPORTED_MONTHS = 36;
const TITLE_MAX = 200;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Filing days kept one by one: the last meeting is weeks ago, not years. */
const CREATED_DAYS_KEPT = 400;
const RATE_METRICS: readonly RateMetricId[] = ['poor-stream-rate', 'setup-failure-rate', 'drop-failure-rate'];

/** What the agenda says about one finding. */
export interface SummaryEntry {
  id: string;
  number: number;
  /** First line of the description, at most 200 characters. */
  title: string;
  status: FindingStatus;
  createdAt: string;
  dueAt?: string;
}

export interface ReportedValues {
  /** Month filed (YYYY-MM) → [sum of the values, how many]; the latest REPORTED_MONTHS months. */
  months: Record<string, [number, number]>;
  /** Values reported over every month, also those no longer kept. */
  total: number;
}

export interface FindingSummary {
  schema: number;
  /** Findings per status, every status. */
  counts: Record<FindingStatus, number>;
  /** The entries the two lists name, by number. */
  entries: Record<string, SummaryEntry>;
  /** Numbers of the SUMMARY_LIST_SIZE open findings due soonest, in due order; every open one when fewer are open. */
  due: number[];
  /** Numbers of the SUMMARY_LIST_SIZE findings filed last (any status), newest first. */
  recent: number[];
  /** Open findings per UTC hour (epoch hours) they fall due; hours before `duePastBefore` are folded into `duePast`. */
  dueHours: Record<string, number>;
  duePast: number;
  duePastBefore: number;
  /** Open findings per UTC day (epoch days) they were filed; days before `createdOldBefore` are folded into `createdOld`. */
  createdDays: Record<string, number>;
  createdOld: number;
  createdOldBefore: number;
  /** Values reported in findings, per rate metric (every status: a closed finding still reported what it saw). */
  reported: Partial<Record<RateMetricId, ReportedValues>>;
}

export function emptySummary(): FindingSummary {
  return {
    schema: SUMMARY_SCHEMA,
    counts: { new: 0, accepted: 0, 'in-remediation': 0, remediated: 0, verified: 0, 'wont-fix': 0 },
    entries: {}, due: [], recent: [], dueHours: {}, duePast: 0, duePastBefore: 0, createdDays: {}, createdOld: 0, createdOldBefore: 0, reported: {},
  };
}

export function findingTitle(description: string): string {
  const line = (description.split('\n')[0] ?? '').trim();
  return line.length > TITLE_MAX ? `${line.slice(0, TITLE_MAX - 1)}…` : line;
}

export function summaryEntry(f: Finding): SummaryEntry {
  const e: SummaryEntry = { id: f.id, number: f.number, title: findingTitle(f.description), status: f.status, createdAt: f.createdAt };
  if (f.dueAt !== undefined) e.dueAt = f.dueAt;
  return e;
}

/** Sort key of the due order; storage keys its due index the same way. A missing due date sorts last. */
export function dueOrderKey(e: Pick<SummaryEntry, 'dueAt' | 'number'>): string {
  return `${e.dueAt ?? '~'}|${String(e.number).padStart(10, '0')}`;
}

export const totalFindings = (s: FindingSummary) => Object.values(s.counts).reduce((a, n) => a + n, 0);
export const openFindings = (s: FindingSummary) => (Object.keys(s.counts) as FindingStatus[]).filter(isOpen).reduce((a, k) => a + s.counts[k], 0);

// ---- maintenance ----------------------------------------------------------------------------

const hourOf = (iso: string | undefined) => (iso === undefined || Number.isNaN(Date.parse(iso)) ? undefined : Math.floor(Date.parse(iso) / HOUR));
const dayOf = (iso: string) => Math.floor(Date.parse(iso) / DAY);
const bump = (h: Record<string, number>, key: number, by: number) => {
  const n = (h[key] ?? 0) + by;
  if (n > 0) h[key] = n;
  else delete h[key];
};

/**
 * Hours that ended before `now` can never fall due again, and filing days over a year old are
 * before any meeting the agenda looks back to: fold them, so the histograms stay small.
 */
function fold(s: FindingSummary, now: Date): void {
  const into = (h: Record<string, number>, before: number) => {
    let n = 0;
    for (const [k, c] of Object.entries(h)) {
      if (Number(k) < before) {
        n += c;
        delete h[k];
      }
    }
    return n;
  };
  const hour = Math.floor(now.getTime() / HOUR);
  if (hour > s.duePastBefore) {
    s.duePast += into(s.dueHours, hour);
    s.duePastBefore = hour;
  }
  const day = Math.floor(now.getTime() / DAY) - CREATED_DAYS_KEPT;
  if (day > s.createdOldBefore) {
    s.createdOld += into(s.createdDays, day);
    s.createdOldBefore = day;
  }
}

/** Counts one finding in (+1) or out (-1) of the counters and histograms. */
function count(s: FindingSummary, f: Pick<Finding, 'status' | 'dueAt' | 'createdAt'>, by: 1 | -1): void {
  s.counts[f.status] = Math.max(0, s.counts[f.status] + by);
  if (!isOpen(f.status)) return;
  const h = hourOf(f.dueAt);
  if (h !== undefined) {
    if (h < s.duePastBefore) s.duePast = Math.max(0, s.duePast + by);
    else bump(s.dueHours, h, by);
  }
  if (Number.isNaN(Date.parse(f.createdAt))) return;
  const d = dayOf(f.createdAt);
  if (d < s.createdOldBefore) s.createdOld = Math.max(0, s.createdOld + by);
  else bump(s.createdDays, d, by);
}

function report(s: FindingSummary, f: Finding): void {
  const metric = f.metric as RateMetricId | undefined;
  if (!metric || !RATE_METRICS.includes(metric) || typeof f.value !== 'number' || !Number.isFinite(f.value) || (f.unit && f.unit !== '%')) return;
  const r = (s.reported[metric] ??= { months: {}, total: 0 });
  const month = f.createdAt.slice(0, 7);
  const m = r.months[month] ?? [0, 0];
  r.months[month] = [m[0] + f.value, m[1] + 1];
  r.total++;
  const months = Object.keys(r.months).sort();
  for (const old of months.slice(0, Math.max(0, months.length - REPORTED_MONTHS))) delete r.months[old];
}

/** Drops entries neither list names any more. */
function prune(s: FindingSummary): void {
  const keep = new Set([...s.due, ...s.recent].map(String));
  for (const k of Object.keys(s.entries)) if (!keep.has(k)) delete s.entries[k];
}

function setDue(s: FindingSummary, candidates: readonly SummaryEntry[]): void {
  const byNumber = new Map(candidates.map((e) => [e.number, e]));
  const sorted = [...byNumber.values()].sort((a, b) => dueOrderKey(a).localeCompare(dueOrderKey(b))).slice(0, SUMMARY_LIST_SIZE);
  s.due = sorted.map((e) => e.number);
  for (const e of sorted) s.entries[e.number] = e;
}

const dueEntries = (s: FindingSummary) => s.due.map((n) => s.entries[n]).filter((e): e is SummaryEntry => e !== undefined);

/** A new finding. */
export function summaryAfterCreate(summary: FindingSummary, f: Finding, now: Date): FindingSummary {
  const s = structuredClone(summary);
  fold(s, now);
  count(s, f, 1);
  report(s, f);
  const e = summaryEntry(f);
  s.entries[e.number] = e;
  s.recent = [e.number, ...s.recent.filter((n) => n !== e.number)].sort((a, b) => b - a).slice(0, SUMMARY_LIST_SIZE);
  if (isOpen(f.status)) setDue(s, [...dueEntries(s), e]);
  prune(s);
  return s;
}

/** Whether a change touches the summary at all (a note does not). */
export function changesSummary(before: Finding, after: Finding): boolean {
  const a = summaryEntry(before);
  const b = summaryEntry(after);
  return a.status !== b.status || a.dueAt !== b.dueAt || a.title !== b.title || a.createdAt !== b.createdAt;
}

/**
 * What the due list needs from the due index when `before` leaves it: the first open finding after
 * `afterKey` in due order (the store's index still holds `before`'s own row, which is skipped).
 * Undefined when the list keeps every finding it needs.
 */
export function dueRefillNeeded(s: FindingSummary, before: Finding): { afterKey: string; skip: number } | undefined {
  if (!s.due.includes(before.number) || s.due.length < SUMMARY_LIST_SIZE) return undefined;
  const others = dueEntries(s).filter((e) => e.number !== before.number);
  const last = others[others.length - 1];
  return { afterKey: last ? dueOrderKey(last) : '', skip: before.number };
}

/** A change of one finding; `refill` is what the due index returned for dueRefillNeeded, if asked. */
export function summaryAfterChange(summary: FindingSummary, before: Finding, after: Finding, now: Date, refill: readonly SummaryEntry[] = []): FindingSummary {
  const s = structuredClone(summary);
  fold(s, now);
  count(s, before, -1);
  count(s, after, 1);
  const e = summaryEntry(after);
  if (s.recent.includes(e.number)) s.entries[e.number] = e;
  const wasListed = s.due.includes(before.number);
  const kept = dueEntries(s).filter((x) => x.number !== before.number);
  const last = kept[kept.length - 1];
  // An open finding belongs in the list if it was there, if the list has room, or if it falls due before the last one.
  const fits = wasListed || s.due.length < SUMMARY_LIST_SIZE || (last !== undefined && dueOrderKey(e) < dueOrderKey(last));
  const candidates = [...kept, ...refill.filter((r) => r.number !== before.number && isOpen(r.status))];
  if (isOpen(after.status) && fits) candidates.push(e);
  setDue(s, candidates);
  prune(s);
  return s;
}

/** Builds a summary from every finding of a workspace (in any order), e.g. when none is stored. */
export function summaryBuilder() {
  const s = emptySummary();
  let due: SummaryEntry[] = [];
  let recent: SummaryEntry[] = [];
  const trim = () => {
    due = due.sort((a, b) => dueOrderKey(a).localeCompare(dueOrderKey(b))).slice(0, SUMMARY_LIST_SIZE);
    recent = recent.sort((a, b) => b.number - a.number).slice(0, SUMMARY_LIST_SIZE);
  };
  return {
    add(f: Finding): void {
      count(s, f, 1);
      report(s, f);
      const e = summaryEntry(f);
      recent.push(e);
      if (isOpen(f.status)) due.push(e);
      if (due.length > 4 * SUMMARY_LIST_SIZE || recent.length > 4 * SUMMARY_LIST_SIZE) trim();
    },
    result(): FindingSummary {
      trim();
      s.due = due.map((e) => e.number);
      s.recent = recent.map((e) => e.number);
      for (const e of [...due, ...recent]) s.entries[e.number] = e;
      return s;
    },
  };
}

// ---- reading ----------------------------------------------------------------------------------

/** An open finding for the agenda: new since the last meeting, or overdue. */
export interface AgendaFindingEntry extends SummaryEntry {
  statusLabel: string;
  overdue: boolean;
}

export interface AgendaFindingsDigest {
  /** Every open finding the summary names that is overdue or filed after `since` (all open ones without `since`). */
  findings: AgendaFindingEntry[];
  /** How many open findings are overdue or filed after `since` in all; at least findings.length. */
  total: number;
}

/**
 * The agenda's findings section from the summary. The lines are exact. The total is exact while
 * the two lists reach far enough (up to 50 overdue findings, up to 50 filed since the last
 * meeting); beyond that it is counted from the histograms, to the hour for due dates and to the
 * day for filing days, so in a workspace with more than 50 such findings it can miss those
 * falling due in the current hour, filed on the meeting's own day, or (a meeting over a year ago)
 * filed more than a year ago.
 */
export function agendaFindings(s: FindingSummary, now: Date, since?: string): AgendaFindingsDigest {
  const t = now.getTime();
  const overdue = (e: SummaryEntry) => isOpen(e.status) && e.dueAt !== undefined && Date.parse(e.dueAt) < t;
  const due = dueEntries(s);
  const overdueListed = due.filter(overdue);
  const recent = s.recent.map((n) => s.entries[n]).filter((e): e is SummaryEntry => e !== undefined);
  const newListed = recent.filter((e) => isOpen(e.status) && (since === undefined || e.createdAt > since));
  const byNumber = new Map<number, AgendaFindingEntry>();
  for (const e of [...overdueListed, ...newListed]) byNumber.set(e.number, { ...e, statusLabel: STATUS_LABELS[e.status], overdue: overdue(e) });
  const findings = [...byNumber.values()];
  const open = openFindings(s);
  if (since === undefined) return { findings, total: Math.max(findings.length, open) };

  // Overdue: the due list holds every overdue finding unless all of its entries are overdue.
  let overdueCount = overdueListed.length;
  if (due.length >= SUMMARY_LIST_SIZE && overdueListed.length === due.length) {
    const hour = Math.floor(t / HOUR);
    let n = s.duePast;
    for (const [k, c] of Object.entries(s.dueHours)) if (Number(k) < hour) n += c;
    n += overdueListed.filter((e) => hourOf(e.dueAt) === hour).length;
    overdueCount = Math.max(overdueCount, n);
  }
  // New and not overdue: the recent list holds every finding filed after `since` unless all of it was.
  const newOnly = newListed.filter((e) => !overdue(e)).length;
  let newCount = newOnly;
  const oldest = recent[recent.length - 1];
  if (recent.length >= SUMMARY_LIST_SIZE && oldest && oldest.createdAt > since) {
    const sinceDay = Number.isNaN(Date.parse(since)) ? -Infinity : dayOf(since);
    let filed = newListed.filter((e) => dayOf(e.createdAt) === sinceDay).length;
    for (const [k, c] of Object.entries(s.createdDays)) if (Number(k) > sinceDay) filed += c;
    const overdueAndNew = overdueListed.filter((e) => e.createdAt > since).length;
    newCount = Math.max(newOnly, filed - overdueAndNew);
  }
  return { findings, total: Math.min(open, Math.max(findings.length, overdueCount + newCount)) };
}

/** Per rate metric, the monthly average of the values reported in findings (oldest month first). */
export function reportedAverages(s: FindingSummary): { metric: RateMetricId; total: number; points: { month: string; rate: number }[] }[] {
  const out: { metric: RateMetricId; total: number; points: { month: string; rate: number }[] }[] = [];
  for (const metric of RATE_METRICS) {
    const r = s.reported[metric];
    if (!r || !Object.keys(r.months).length) continue;
    const points = Object.keys(r.months).sort().slice(-REPORTED_MONTHS).map((month) => {
      const [sum, n] = r.months[month]!;
      return { month, rate: Math.round((sum / n) * 100) / 100 };
    });
    out.push({ metric, total: r.total, points });
  }
  return out;
}
