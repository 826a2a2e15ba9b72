// The per-workspace summary of problems and changes that the steering-committee agenda reads
// in one point read: how many records there are by status, the open problems in top-ten order
// (a few more than ten, so a problem closing still leaves ten) and the emergency changes
// awaiting review. Every problem or change write replaces its own entry here, in the same
// transaction as the record. It also tallies the service review's monthly counts (problems
// opened and closed, changes raised per category, emergency changes reviewed) as they happen,
// so a month's figures are one point read, never a scan of the records.
import { monthRange } from '../../platform/zoned-time';
import { awaitsReview, CHANGE_CATEGORIES, type ChangeCategory, type ChangeRequest } from './change';
import { compareProblemRank, isOpenProblem, type Problem } from '../problems/problem';

export const CONTROL_SUMMARY_SCHEMA = 1;
/** Entries kept per list: the agenda names ten, the rest says how many more. */
export const SUMMARY_KEPT = 25;

export interface SummaryProblem {
  id: string;
  number: number;
  title: string;
  status: Problem['status'];
  owner?: string;
  incidents: string[];
  findings: string[];
  hasRootCause: boolean;
  changes: number;
}

export interface SummaryChange {
  id: string;
  number: number;
  title: string;
  status: ChangeRequest['status'];
  priority: ChangeRequest['priority'];
  createdAt: string;
  window?: { start: string; end: string };
}

export interface ControlSummary {
  schema: typeof CONTROL_SUMMARY_SCHEMA;
  problemCounts: Partial<Record<Problem['status'], number>>;
  changeCounts: Partial<Record<ChangeRequest['status'], number>>;
  /** Open problems, top-ten order, at most SUMMARY_KEPT. */
  openProblems: SummaryProblem[];
  /** Open problems in all (more than openProblems holds when the list was cut). */
  openProblemTotal: number;
  /** Emergency changes not yet reviewed, oldest first. */
  emergencyChanges: SummaryChange[];
  emergencyTotal: number;
  /** The monthly tally; absent on a summary written before it was kept (counting starts at its next write). */
  tally?: ControlTally;
}

/** What the tally counts, in the order of its count arrays. */
export const TALLY_EVENTS = ['problemOpened', 'problemClosed', 'standard', 'normal', 'emergency', 'emergencyReviewed'] as const;
export type TallyEvent = (typeof TALLY_EVENTS)[number];

/**
 * Counts by UTC month, except the events within EDGE_HOURS of a UTC month boundary, which are
 * kept with their instant: every time zone's midnight lies in that window, so a calendar month
 * in any zone adds up exactly (its UTC month's counts plus the edge events inside it).
 */
export interface ControlTally {
  /** From when events were counted: '' from the first record; else the first write that kept a tally. */
  since: string;
  /** "2026-11" → counts in TALLY_EVENTS order. */
  months: Record<string, number[]>;
  edges: { at: string; e: number }[];
}

/** UTC offsets run from -12 to +14 hours. */
export const EDGE_HOURS = 14;
/** Months kept: two years of service reviews, and the year before for comparison. */
export const TALLY_MONTHS_KEPT = 36;

export const EMPTY_CONTROL_SUMMARY: ControlSummary = {
  schema: CONTROL_SUMMARY_SCHEMA, problemCounts: {}, changeCounts: {}, openProblems: [], openProblemTotal: 0, emergencyChanges: [], emergencyTotal: 0,
  tally: { since: '', months: {}, edges: [] },
};

function bump<K extends string>(counts: Partial<Record<K, number>>, before: K | undefined, after: K): Partial<Record<K, number>> {
  const next = { ...counts };
  if (before) next[before] = Math.max(0, (next[before] ?? 0) - 1);
  next[after] = (next[after] ?? 0) + 1;
  return next;
}

const problemEntry = (p: Problem): SummaryProblem => ({
  id: p.id, number: p.number, title: p.title, status: p.status, ...(p.owner ? { owner: p.owner } : {}),
  incidents: p.incidents, findings: p.findings, hasRootCause: Boolean(p.rootCause), changes: p.changes.length,
});

/** The summary after `after` was written (`before` is what was stored, undefined for a new problem). */
export function summaryAfterProblem(s: ControlSummary, before: Problem | undefined, after: Problem): ControlSummary {
  const wasOpen = before ? isOpenProblem(before.status) : false;
  const isOpen = isOpenProblem(after.status);
  const rest = s.openProblems.filter((e) => e.id !== after.id);
  const ranked = isOpen ? [...rest, problemEntry(after)] : rest;
  ranked.sort(compareProblemRank);
  return {
    ...s,
    tally: tallied(s.tally, problemEvents(before, after), after.updated.at),
    problemCounts: bump(s.problemCounts, before?.status, after.status),
    openProblems: ranked.slice(0, SUMMARY_KEPT),
    openProblemTotal: Math.max(0, s.openProblemTotal + Number(isOpen) - Number(wasOpen)),
  };
}

export function summaryAfterChange(s: ControlSummary, before: ChangeRequest | undefined, after: ChangeRequest): ControlSummary {
  const was = before ? awaitsReview(before) : false;
  const is = awaitsReview(after);
  const rest = s.emergencyChanges.filter((e) => e.id !== after.id);
  const entry: SummaryChange = {
    id: after.id, number: after.number, title: after.title, status: after.status, priority: after.priority, createdAt: after.created.at, ...(after.window ? { window: after.window } : {}),
  };
  const list = (is ? [...rest, entry] : rest).sort((a, b) => a.number - b.number);
  return {
    ...s,
    tally: tallied(s.tally, changeEvents(before, after), after.updated.at),
    changeCounts: bump(s.changeCounts, before?.status, after.status),
    emergencyChanges: list.slice(0, SUMMARY_KEPT),
    emergencyTotal: Math.max(0, s.emergencyTotal + Number(is) - Number(was)),
  };
}

/** The problem's events in the service review's tally: opened, and each time it stops being open (resolved or closed). */
export function problemEvents(before: Problem | undefined, after: Problem): { at: string; event: TallyEvent }[] {
  const events: { at: string; event: TallyEvent }[] = [];
  if (!before) events.push({ at: after.created.at, event: 'problemOpened' });
  const wasOpen = before ? isOpenProblem(before.status) : true;
  if (wasOpen && !isOpenProblem(after.status)) events.push({ at: after.updated.at, event: 'problemClosed' });
  return events;
}

/** The change's events: raised in its category, and an emergency change's review. */
export function changeEvents(before: ChangeRequest | undefined, after: ChangeRequest): { at: string; event: TallyEvent }[] {
  const events: { at: string; event: TallyEvent }[] = [];
  if (!before) events.push({ at: after.created.at, event: after.category });
  if (after.category === 'emergency' && after.status === 'reviewed' && before?.status !== 'reviewed') events.push({ at: after.updated.at, event: 'emergencyReviewed' });
  return events;
}

const HOUR = 3_600_000;
const utcMonthKey = (ms: number) => new Date(ms).toISOString().slice(0, 7);
const monthStartMs = (key: string) => Date.parse(`${key}-01T00:00:00.000Z`);
const nextMonthKey = (key: string) => utcMonthKey(monthStartMs(key) + 32 * 24 * HOUR);

/** Whether an instant lies within EDGE_HOURS of a UTC month boundary. */
function nearBoundary(ms: number): boolean {
  const key = utcMonthKey(ms);
  return ms - monthStartMs(key) < EDGE_HOURS * HOUR || monthStartMs(nextMonthKey(key)) - ms <= EDGE_HOURS * HOUR;
}

/** The tally with `events` added, months older than TALLY_MONTHS_KEPT before the newest dropped. */
export function tallied(tally: ControlTally | undefined, events: readonly { at: string; event: TallyEvent }[], now: string): ControlTally | undefined {
  // A summary kept before the tally starts counting at its next write, whatever that write is.
  if (!events.length && tally) return tally;
  const t: ControlTally = tally ? { since: tally.since, months: { ...tally.months }, edges: [...tally.edges] } : { since: now, months: {}, edges: [] };
  for (const { at, event } of events) {
    const ms = Date.parse(at);
    if (Number.isNaN(ms)) continue;
    const e = TALLY_EVENTS.indexOf(event);
    if (nearBoundary(ms)) t.edges.push({ at: new Date(ms).toISOString(), e });
    else {
      const key = utcMonthKey(ms);
      const counts = [...(t.months[key] ?? TALLY_EVENTS.map(() => 0))];
      counts[e] = (counts[e] ?? 0) + 1;
      t.months[key] = counts;
    }
  }
  const keys = [...Object.keys(t.months), ...t.edges.map((x) => x.at.slice(0, 7))].sort();
  const newest = keys[keys.length - 1];
  if (newest) {
    const index = Number(newest.slice(0, 4)) * 12 + Number(newest.slice(5, 7)) - 1 - (TALLY_MONTHS_KEPT - 1);
    const oldest = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    for (const k of Object.keys(t.months)) if (k < oldest) delete t.months[k];
    t.edges = t.edges.filter((x) => x.at.slice(0, 7) >= oldest);
  }
  return t;
}

/** A month's problem and change figures for the service review. */
export interface ControlMonthFigures {
  year: number;
  month: number;
  timeZone: string;
  /** 'full': every event of the month was counted; 'partial': counting began during it (from `since`); 'none': before counting began. */
  counted: 'full' | 'partial' | 'none';
  since?: string;
  problemsOpened: number;
  /** Problems that stopped being open (resolved or closed) in the month. */
  problemsClosed: number;
  changes: Record<ChangeCategory, number>;
  emergencyReviewed: number;
}

/** The month (a calendar month in `timeZone`) from the summary's tally. */
export function controlMonthFigures(summary: ControlSummary, year: number, month: number, timeZone: string): ControlMonthFigures {
  const { start, end } = monthRange(year, month, timeZone);
  const tally = summary.tally;
  const counts = TALLY_EVENTS.map(() => 0);
  if (tally) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    (tally.months[key] ?? []).forEach((n, i) => (counts[i] = (counts[i] ?? 0) + n));
    for (const x of tally.edges) {
      const ms = Date.parse(x.at);
      if (ms >= start.getTime() && ms < end.getTime()) counts[x.e] = (counts[x.e] ?? 0) + 1;
    }
  }
  const since = tally?.since ? Date.parse(tally.since) : undefined;
  const counted = !tally ? 'none' : since === undefined || since <= start.getTime() ? 'full' : since < end.getTime() ? 'partial' : 'none';
  const at = (e: TallyEvent) => counts[TALLY_EVENTS.indexOf(e)] ?? 0;
  return {
    year, month, timeZone, counted, ...(tally?.since && counted !== 'full' ? { since: tally.since } : {}),
    problemsOpened: at('problemOpened'),
    problemsClosed: at('problemClosed'),
    changes: Object.fromEntries(CHANGE_CATEGORIES.map((c) => [c, at(c)])) as Record<ChangeCategory, number>,
    emergencyReviewed: at('emergencyReviewed'),
  };
}
