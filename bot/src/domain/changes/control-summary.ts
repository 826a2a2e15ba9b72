// The per-workspace summary of problems and changes that the steering-committee agenda reads
// in one point read: how many records there are by status, the open problems in top-ten order
// (a few more than ten, so a problem closing still leaves ten) and the emergency changes
// awaiting review. Every problem or change write replaces its own entry here, in the same
// transaction as the record.
import { awaitsReview, type ChangeRequest } from './change';
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
}

export const EMPTY_CONTROL_SUMMARY: ControlSummary = {
  schema: CONTROL_SUMMARY_SCHEMA, problemCounts: {}, changeCounts: {}, openProblems: [], openProblemTotal: 0, emergencyChanges: [], emergencyTotal: 0,
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
    changeCounts: bump(s.changeCounts, before?.status, after.status),
    emergencyChanges: list.slice(0, SUMMARY_KEPT),
    emergencyTotal: Math.max(0, s.emergencyTotal + Number(is) - Number(was)),
  };
}
