// A problem record: the unknown underlying cause of one or more incidents (and of findings),
// researched to a root cause, held as a known error with a workaround meanwhile, and resolved
// for good, usually through a change. The statuses follow the problem-management flow of
// Microsoft Operations Framework: new → investigating → known error → resolved / closed.
import type { Actor, Stamp } from '../ops/common';
import type { Workspace } from '../workspace';

export type ProblemStatus = 'new' | 'investigating' | 'known-error' | 'resolved' | 'closed';

export const PROBLEM_STATUSES: readonly ProblemStatus[] = ['new', 'investigating', 'known-error', 'resolved', 'closed'];
export const OPEN_PROBLEM_STATUSES: readonly ProblemStatus[] = ['new', 'investigating', 'known-error'];

export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, string> = {
  new: 'New', investigating: 'Investigating', 'known-error': 'Known error', resolved: 'Resolved', closed: 'Closed',
};

/** Where each status may go next. A resolved problem can be investigated again when it recurs. */
export const PROBLEM_TRANSITIONS: Record<ProblemStatus, readonly ProblemStatus[]> = {
  new: ['investigating', 'closed'],
  investigating: ['known-error', 'resolved', 'closed'],
  'known-error': ['investigating', 'resolved', 'closed'],
  resolved: ['investigating', 'closed'],
  closed: [],
};

export const PROBLEM_LIMITS = { title: 200, rootCause: 2000, knownError: 1000, workaround: 2000, links: 50, history: 30, owner: 80 } as const;

export type LinkKind = 'incident' | 'finding';

export interface ProblemHistoryEntry {
  at: string;
  by: Actor;
  text: string;
}

export interface Problem {
  /** PRB-0001: the workspace's problem counter, never reused. */
  id: string;
  number: number;
  workspace: Workspace;
  title: string;
  status: ProblemStatus;
  /** A role of the operational role map (its name). */
  owner?: string;
  /** SR numbers of the incidents this problem causes. */
  incidents: string[];
  /** QF numbers of the findings it explains. */
  findings: string[];
  /** Requests for change raised to remove it (RFC numbers). */
  changes: string[];
  rootCause?: { text: string } & Stamp;
  knownError?: { description: string; workaround: string } & Stamp;
  created: Stamp;
  updated: Stamp;
  /** Newest first, capped: the card shows the latest few. */
  history: ProblemHistoryEntry[];
  etag?: string;
}

export const isOpenProblem = (s: ProblemStatus) => OPEN_PROBLEM_STATUSES.includes(s);

export function formatProblemId(n: number): string {
  return `PRB-${String(n).padStart(4, '0')}`;
}

/** "PRB-0007", "prb 7", "PRB7" → 7. */
export function parseProblemId(text: string): number | undefined {
  const m = /^\s*PRB[-\s]?(\d{1,9})\s*$/i.exec(text);
  const n = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * The top-ten order: seed 002 asks managers for the top ten problems, those that recur
 * chronically or are the root cause of multiple incidents. So the most linked incidents first,
 * then the most findings, then the oldest.
 */
export function compareProblemRank(a: Pick<Problem, 'incidents' | 'findings' | 'number'>, b: Pick<Problem, 'incidents' | 'findings' | 'number'>): number {
  return b.incidents.length - a.incidents.length || b.findings.length - a.findings.length || a.number - b.number;
}

export const TOP_PROBLEMS = 10;
