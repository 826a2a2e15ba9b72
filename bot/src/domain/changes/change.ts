// A request for change (RFC). Seed 002 asks how changes are classified "in terms of priority,
// category, urgency, and impact" and how emergency changes are reviewed and authorized: an RFC
// records what and why, its risk, urgency and impact (priority follows from the last two, by
// the matrix below), its category, the planned window, the approver, and its outcome.
import type { Stamp } from '../ops/common';
import type { Workspace } from '../workspace';

export type Level = 'low' | 'medium' | 'high';
export const LEVELS: readonly Level[] = ['low', 'medium', 'high'];
export const LEVEL_LABELS: Record<Level, string> = { low: 'Low', medium: 'Medium', high: 'High' };

export type ChangePriority = 'critical' | 'high' | 'medium' | 'low';
export const PRIORITY_LABELS: Record<ChangePriority, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

/**
 * The priority matrix, impact (rows) × urgency (columns):
 *
 *   impact \ urgency   low      medium   high
 *   high               medium   high     critical
 *   medium             low      medium   high
 *   low                low      low      medium
 *
 * Both high is critical; one step down on either is high; the middle is medium, and so is
 * a high on one side with a low on the other; anything lower is low.
 */
export const PRIORITY_MATRIX: Record<Level, Record<Level, ChangePriority>> = {
  high: { low: 'medium', medium: 'high', high: 'critical' },
  medium: { low: 'low', medium: 'medium', high: 'high' },
  low: { low: 'low', medium: 'low', high: 'medium' },
};

export function changePriority(urgency: Level, impact: Level): ChangePriority {
  return PRIORITY_MATRIX[impact][urgency];
}

export type ChangeCategory = 'standard' | 'normal' | 'emergency';
export const CHANGE_CATEGORIES: readonly ChangeCategory[] = ['standard', 'normal', 'emergency'];
export const CATEGORY_LABELS: Record<ChangeCategory, string> = { standard: 'Standard', normal: 'Normal', emergency: 'Emergency' };

export type ChangeStatus = 'requested' | 'approved' | 'rejected' | 'scheduled' | 'implemented' | 'reviewed';
export const CHANGE_STATUSES: readonly ChangeStatus[] = ['requested', 'approved', 'rejected', 'scheduled', 'implemented', 'reviewed'];
export const OPEN_CHANGE_STATUSES: readonly ChangeStatus[] = ['requested', 'approved', 'scheduled', 'implemented'];
export const CHANGE_STATUS_LABELS: Record<ChangeStatus, string> = {
  requested: 'Requested', approved: 'Approved', rejected: 'Rejected', scheduled: 'Scheduled', implemented: 'Implemented', reviewed: 'Reviewed',
};

/** requested → approved / rejected → scheduled → implemented → reviewed. */
export const CHANGE_TRANSITIONS: Record<ChangeStatus, readonly ChangeStatus[]> = {
  requested: ['approved', 'rejected'],
  approved: ['scheduled', 'rejected'],
  scheduled: ['implemented', 'rejected'],
  implemented: ['reviewed'],
  rejected: [],
  reviewed: [],
};

export const CHANGE_LIMITS = { title: 200, reason: 2000, approver: 200, outcome: 2000, history: 30, sourceTitle: 200 } as const;

/** Where the change was raised from. */
export type ChangeSource =
  | { kind: 'problem'; id: string }
  | { kind: 'finding'; id: string }
  | { kind: 'task'; id: string; title: string }
  | { kind: 'manual' };

export interface ChangeRequest {
  /** RFC-0001: the workspace's change counter, never reused. */
  id: string;
  number: number;
  workspace: Workspace;
  /** What is to change. */
  title: string;
  /** Why. */
  reason: string;
  risk: Level;
  urgency: Level;
  impact: Level;
  priority: ChangePriority;
  category: ChangeCategory;
  status: ChangeStatus;
  source: ChangeSource;
  /** Planned window, ISO instants; end after start. */
  window?: { start: string; end: string };
  /** Who approves: a name or a mailbox, free text. */
  approver?: string;
  outcome?: string;
  created: Stamp;
  updated: Stamp;
  history: { at: string; by: Stamp['by']; text: string }[];
  etag?: string;
}

export const isOpenChange = (s: ChangeStatus) => OPEN_CHANGE_STATUSES.includes(s);

/**
 * An emergency change is made before the usual review, so the steering committee reviews it at
 * its next meeting: flagged until it is reviewed (or was rejected, so nothing was changed).
 */
export const awaitsReview = (c: Pick<ChangeRequest, 'category' | 'status'>) => c.category === 'emergency' && c.status !== 'reviewed' && c.status !== 'rejected';

export function formatChangeId(n: number): string {
  return `RFC-${String(n).padStart(4, '0')}`;
}

export function parseChangeId(text: string): number | undefined {
  const m = /^\s*RFC[-\s]?(\d{1,9})\s*$/i.exec(text);
  const n = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
