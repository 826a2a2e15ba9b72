// A filed finding and its lifecycle, as a pure state machine:
//   new → accepted → in remediation → remediated → verified
//   new | accepted | in remediation → won't fix (with a reason)
//   remediated → in remediation (verification failed: "reopen"), won't fix → new ("reopen")
//   reassign (any open status) → new for the new team, which has to accept it
//   note: any status, no change of status
// Illegal moves are refused with the reason, never silently ignored.
import type { Workspace } from '../workspace';
import type { AreaId, CategoryId, MetricId, NetworkTypeId } from './catalog';
import type { ConfirmedDraft } from './draft';
import { checkText, LIMITS } from './text';

export type FindingStatus = 'new' | 'accepted' | 'in-remediation' | 'remediated' | 'verified' | 'wont-fix';
export const OPEN_STATUSES: readonly FindingStatus[] = ['new', 'accepted', 'in-remediation', 'remediated'];
export const STATUS_LABELS: Record<FindingStatus, string> = {
  new: 'New', accepted: 'Accepted', 'in-remediation': 'In remediation', remediated: 'Remediated', verified: 'Verified', 'wont-fix': "Won't fix",
};
export const isOpen = (s: FindingStatus) => OPEN_STATUSES.includes(s);

/**
 * Overdue rule: every open status has a time box, counted from when the finding entered it.
 * New: the owning team accepts (or declines) within 7 days. Accepted: remediation starts within
 * 14 days. In remediation: remediated within 30 days, i.e. by the next monthly review.
 * Remediated: the quality champion verifies within 14 days. Closed findings are never overdue.
 * These are the defaults; a workspace can change them (quality-settings.ts).
 */
export const DUE_DAYS: Record<FindingStatus, number | undefined> = { new: 7, accepted: 14, 'in-remediation': 30, remediated: 14, verified: undefined, 'wont-fix': undefined };

/** Time boxes per status, and the remediation time box per category (remediation-targets.ts). */
export type DueDaysInput = Partial<Record<FindingStatus, number>> & { byCategory?: Partial<Record<CategoryId, number>> };

function daysFor(status: FindingStatus, dueDays: DueDaysInput, category: CategoryId | undefined): number | undefined {
  if (!isOpen(status)) return undefined;
  const own = status === 'in-remediation' && category ? dueDays.byCategory?.[category] : undefined;
  return own ?? dueDays[status] ?? DUE_DAYS[status];
}

/** When a finding entering `status` is due; in remediation, by its category's time box. */
export function dueAt(status: FindingStatus, enteredAt: Date, dueDays: DueDaysInput = DUE_DAYS, category?: CategoryId): string | undefined {
  const days = daysFor(status, dueDays, category);
  return days === undefined ? undefined : new Date(enteredAt.getTime() + days * 86_400_000).toISOString();
}

/**
 * Overdue by the due time the finding got when it entered its status. One stored without a due
 * time is held to the time box `dueDays` gives its status (and category), from `statusSince`.
 */
export function isOverdue(f: Pick<Finding, 'status' | 'dueAt'> & Partial<Pick<Finding, 'statusSince' | 'category'>>, now: Date, dueDays?: DueDaysInput): boolean {
  if (!isOpen(f.status)) return false;
  const due = f.dueAt ?? (dueDays && f.statusSince ? dueAt(f.status, new Date(f.statusSince), dueDays, f.category) : undefined);
  return due !== undefined && Date.parse(due) < now.getTime();
}

export interface Actor {
  /** AAD object id (or Teams user id); cards need it for refresh.userIds. */
  id: string;
  name: string;
}

export interface Finding extends ConfirmedDraft {
  workspace: Workspace;
  /** Human id, unique per workspace: QF-0042. */
  id: string;
  number: number;
  status: FindingStatus;
  /** Won't-fix reason. */
  statusReason?: string;
  /** Target of the metric at filing time (percent), when a rate metric was given. */
  target?: number;
  createdAt: string;
  createdBy: Actor;
  updatedAt: string;
  updatedBy: Actor;
  statusSince: string;
  dueAt?: string;
  source: 'chat' | 'import' | 'api';
  /** Increases by one with every change; history rows are keyed by it. */
  version: number;
  /** Storage concurrency token; absent until stored. */
  etag?: string;
}

export type FindingAction =
  | { type: 'accept' }
  | { type: 'start' }
  | { type: 'remediated' }
  | { type: 'verify' }
  | { type: 'reopen' }
  | { type: 'wontfix'; reason: string }
  | { type: 'reassign'; owningRole: string }
  | { type: 'note'; text: string };
export type FindingActionType = FindingAction['type'];

export interface HistoryEntry {
  findingId: string;
  version: number;
  at: string;
  actor: Actor;
  action: FindingActionType | 'create';
  from?: FindingStatus;
  to: FindingStatus;
  /** One readable line: "accepted", "reassigned from Network Operations to Help Desk". */
  summary: string;
  /** User text of the change (note, won't-fix reason); shown literally. */
  text?: string;
}

export function formatFindingId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(4, '0')}`;
}

export function parseFindingId(text: string): { prefix: string; number: number } | undefined {
  const m = /^\s*([A-Za-z]{1,8})-?(\d{1,10})\s*$/.exec(text);
  return m ? { prefix: m[1]!.toUpperCase(), number: Number(m[2]) } : undefined;
}

export function newFinding(input: {
  workspace: Workspace; id: string; number: number; draft: ConfirmedDraft; target?: number; actor: Actor; now: Date; source: Finding['source'];
  dueDays?: Partial<Record<FindingStatus, number>>;
}): { finding: Finding; history: HistoryEntry } {
  const at = input.now.toISOString();
  const finding: Finding = {
    ...input.draft,
    workspace: input.workspace,
    id: input.id,
    number: input.number,
    status: 'new',
    createdAt: at,
    createdBy: input.actor,
    updatedAt: at,
    updatedBy: input.actor,
    statusSince: at,
    dueAt: dueAt('new', input.now, input.dueDays),
    source: input.source,
    version: 1,
  };
  if (input.target !== undefined) finding.target = input.target;
  return { finding, history: { findingId: input.id, version: 1, at, actor: input.actor, action: 'create', to: 'new', summary: `filed for ${input.draft.owningRole}` } };
}

const MOVES: Record<'accept' | 'start' | 'remediated' | 'verify' | 'reopen' | 'wontfix', Partial<Record<FindingStatus, FindingStatus>>> = {
  accept: { new: 'accepted' },
  start: { new: 'in-remediation', accepted: 'in-remediation' },
  remediated: { 'in-remediation': 'remediated' },
  verify: { remediated: 'verified' },
  reopen: { remediated: 'in-remediation', 'wont-fix': 'new' },
  wontfix: { new: 'wont-fix', accepted: 'wont-fix', 'in-remediation': 'wont-fix' },
};

const VERB_TEXT: Record<FindingActionType, string> = {
  accept: 'accept', start: 'start remediation on', remediated: 'mark as remediated', verify: 'verify', reopen: 'reopen', wontfix: "close as won't fix", reassign: 'reassign', note: 'add a note to',
};

const SUMMARY: Record<keyof typeof MOVES, string> = {
  accept: 'accepted', start: 'started remediation', remediated: 'marked remediated', verify: 'verified the fix', reopen: 'reopened', wontfix: "closed as won't fix",
};

const PASSIVE: Record<keyof typeof MOVES, string> = {
  accept: 'accepted', start: 'put into remediation', remediated: 'marked remediated', verify: 'verified', reopen: 'reopened', wontfix: "closed as won't fix",
};

/** Which actions the card should offer in this status. */
export function allowedActions(status: FindingStatus): FindingActionType[] {
  const out = (Object.keys(MOVES) as (keyof typeof MOVES)[]).filter((a) => MOVES[a][status] !== undefined) as FindingActionType[];
  if (isOpen(status)) out.push('reassign');
  out.push('note');
  return out;
}

export type Transition = { ok: true; finding: Finding; history: HistoryEntry } | { ok: false; error: string };

/**
 * Applies an action to a finding. Pure: the caller stores both results together (the finding
 * with its ETag and the history entry), so a change is never without its record.
 */
export function applyAction(f: Finding, action: FindingAction, actor: Actor, now: Date, roles?: readonly string[], dueDays?: DueDaysInput): Transition {
  const at = now.toISOString();
  const base = { ...f, updatedAt: at, updatedBy: actor, version: f.version + 1 };
  const entry = (to: FindingStatus, summary: string, text?: string): HistoryEntry => {
    const h: HistoryEntry = { findingId: f.id, version: base.version, at, actor, action: action.type, from: f.status, to, summary };
    if (text !== undefined) h.text = text;
    return h;
  };
  const refuse = (why: string): Transition => ({ ok: false, error: `Can't ${VERB_TEXT[action.type]} ${f.id}: ${why}` });

  switch (action.type) {
    case 'note': {
      const t = checkText('The note', action.text ?? '', LIMITS.note, { multiline: true });
      if (!t.ok) return { ok: false, error: t.error };
      return { ok: true, finding: base, history: entry(f.status, 'added a note', t.value) };
    }
    case 'reassign': {
      if (!isOpen(f.status)) return refuse(`it is ${STATUS_LABELS[f.status].toLowerCase()}; reopen it first.`);
      const t = checkText('The team name', action.owningRole ?? '', LIMITS.roleName);
      if (!t.ok) return { ok: false, error: t.error };
      const role = roles && roles.length ? roles.find((r) => r.toLowerCase() === t.value.toLowerCase()) : t.value;
      if (!role) return { ok: false, error: `"${t.value.slice(0, 60)}" is not a team in the role map. Choose one of: ${roles!.join(', ')}.` };
      if (role === f.owningRole) return refuse(`it is already owned by ${role}.`);
      // The new team has not agreed to anything yet: it starts again at "new" with a fresh time box.
      const finding: Finding = { ...base, owningRole: role, status: 'new', statusSince: at, dueAt: dueAt('new', now, dueDays) };
      delete finding.statusReason;
      return { ok: true, finding, history: entry('new', `reassigned from ${f.owningRole} to ${role}`) };
    }
    default: {
      const to = MOVES[action.type][f.status];
      if (!to) {
        const can = allowedActions(f.status).filter((a) => a !== 'note' && a !== 'reassign').map((a) => PASSIVE[a as keyof typeof MOVES]);
        const list = can.length > 1 ? `${can.slice(0, -1).join(', ')} or ${can[can.length - 1]}` : can[0];
        return {
          ok: false,
          error: `${f.id} is ${STATUS_LABELS[f.status].toLowerCase()}, so it can't be ${PASSIVE[action.type]}.${list ? ` From here it can be ${list}.` : ''}`,
        };
      }
      const finding: Finding = { ...base, status: to, statusSince: at };
      const due = dueAt(to, now, dueDays, f.category);
      if (due) finding.dueAt = due;
      else delete finding.dueAt;
      let text: string | undefined;
      if (action.type === 'wontfix') {
        const t = checkText("The won't-fix reason", action.reason ?? '', LIMITS.reason, { multiline: true });
        if (!t.ok) return { ok: false, error: t.error.replace("can't be empty", "is needed: say why it won't be fixed") };
        finding.statusReason = t.value;
        text = t.value;
      } else delete finding.statusReason;
      return { ok: true, finding, history: entry(to, SUMMARY[action.type], text) };
    }
  }
}
