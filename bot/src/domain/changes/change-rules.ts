// The rules of a request for change as pure functions: what a new RFC needs (priority is
// computed, never typed) and what each step of its lifecycle requires.
import { type Actor, invalid, okOf, type Outcome, OpsValidationError, textField, validated } from '../ops/common';
import type { Workspace } from '../workspace';
import {
  CHANGE_CATEGORIES, CHANGE_LIMITS, CHANGE_STATUS_LABELS, CHANGE_STATUSES, CHANGE_TRANSITIONS, changePriority, type ChangeCategory,
  type ChangeRequest, type ChangeSource, type ChangeStatus, LEVELS, type Level,
} from './change';

export interface NewChangeInput {
  title: unknown;
  reason: unknown;
  risk: unknown;
  urgency: unknown;
  impact: unknown;
  category: unknown;
  windowStart?: unknown;
  windowEnd?: unknown;
  approver?: unknown;
}

export type ChangeAction =
  | { type: 'status'; status: ChangeStatus; approver?: string; outcome?: string; windowStart?: string; windowEnd?: string };

function level(label: string, value: unknown): Level {
  const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
  const found = LEVELS.find((l) => l === v);
  if (!found) throw new OpsValidationError(`${label} must be low, medium or high.`);
  return found;
}

function category(value: unknown): ChangeCategory {
  const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
  const found = CHANGE_CATEGORIES.find((c) => c === v);
  if (!found) throw new OpsValidationError('The category must be standard, normal or emergency.');
  return found;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && !v.trim());

/** An ISO instant or the "YYYY-MM-DDTHH:mm" an Input.Date + Input.Time pair (or a datetime) sends, read as UTC. */
export function parseInstant(label: string, value: unknown): string {
  const s = typeof value === 'string' ? value.trim() : '';
  const withZone = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(s) ? `${s.replace(' ', 'T')}${s.length === 10 ? 'T00:00' : ''}Z` : s;
  const t = Date.parse(withZone);
  if (!s || Number.isNaN(t)) throw new OpsValidationError(`${label} must be a date and time, e.g. 2026-12-05T22:00.`);
  return new Date(t).toISOString();
}

/** The planned window: both ends or neither, the end after the start. */
export function parseWindow(start: unknown, end: unknown): { start: string; end: string } | undefined {
  if (blank(start) && blank(end)) return undefined;
  if (blank(start) || blank(end)) throw new OpsValidationError('Give both the start and the end of the planned window.');
  const w = { start: parseInstant('The window start', start), end: parseInstant('The window end', end) };
  if (w.end <= w.start) throw new OpsValidationError('The planned window must end after it starts.');
  return w;
}

export function newChange(input: NewChangeInput, ctx: { workspace: Workspace; id: string; number: number; source: ChangeSource; actor: Actor; now: Date }): Outcome<ChangeRequest> {
  return validated(() => {
    const title = textField('What will change', input.title, CHANGE_LIMITS.title);
    const reason = textField('Why', input.reason, CHANGE_LIMITS.reason, { multiline: true });
    const risk = level('The risk', input.risk);
    const urgency = level('The urgency', input.urgency);
    const impact = level('The impact', input.impact);
    const cat = category(input.category);
    const window = parseWindow(input.windowStart, input.windowEnd);
    const approver = blank(input.approver) ? undefined : textField('The approver', input.approver, CHANGE_LIMITS.approver);
    const stamp = { by: ctx.actor, at: ctx.now.toISOString() };
    const from = ctx.source.kind === 'manual' ? 'Requested' : `Requested from ${ctx.source.kind === 'task' ? `the task "${ctx.source.title}"` : ctx.source.id}`;
    return {
      id: ctx.id, number: ctx.number, workspace: ctx.workspace, title, reason, risk, urgency, impact,
      priority: changePriority(urgency, impact), category: cat, status: 'requested' as const, source: ctx.source,
      ...(window ? { window } : {}), ...(approver ? { approver } : {}),
      created: stamp, updated: stamp, history: [{ ...stamp, text: from }],
    };
  });
}

export function parseChangeStatus(value: unknown): ChangeStatus | undefined {
  const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return CHANGE_STATUSES.find((s) => s === v);
}

/** What each step needs: an approver to approve, a window to schedule, the outcome to review. */
function stepFields(c: ChangeRequest, a: ChangeAction): Partial<ChangeRequest> {
  const next: Partial<ChangeRequest> = {};
  if (!blank(a.approver)) next.approver = textField('The approver', a.approver, CHANGE_LIMITS.approver);
  if (!blank(a.outcome)) next.outcome = textField('The outcome', a.outcome, CHANGE_LIMITS.outcome, { multiline: true });
  const window = parseWindow(a.windowStart, a.windowEnd);
  if (window) next.window = window;
  if ((a.status === 'approved' || a.status === 'rejected') && !(next.approver ?? c.approver)) throw new OpsValidationError('Say who approves (or rejects) the change.');
  if (a.status === 'scheduled' && !(next.window ?? c.window)) throw new OpsValidationError('Give the planned window (start and end) to schedule the change.');
  if (a.status === 'reviewed' && !(next.outcome ?? c.outcome)) throw new OpsValidationError('Record the outcome of the change to review it.');
  return next;
}

export function applyChangeAction(c: ChangeRequest, a: ChangeAction, actor: Actor, now: Date): Outcome<{ change: ChangeRequest; summary: string }> {
  if (c.status === a.status) return invalid(`${c.id} is already ${CHANGE_STATUS_LABELS[a.status].toLowerCase()}.`);
  if (!CHANGE_TRANSITIONS[c.status].includes(a.status)) {
    const next = CHANGE_TRANSITIONS[c.status].map((s) => CHANGE_STATUS_LABELS[s].toLowerCase());
    return invalid(`A ${CHANGE_STATUS_LABELS[c.status].toLowerCase()} change cannot become ${CHANGE_STATUS_LABELS[a.status].toLowerCase()}${next.length ? `; next it can be ${next.join(' or ')}` : ''}.`);
  }
  const fields = validated(() => stepFields(c, a));
  if (!fields.ok) return invalid(fields.message);
  const stamp = { by: actor, at: now.toISOString() };
  const summary = `Status: ${CHANGE_STATUS_LABELS[a.status]}`;
  return okOf({ change: { ...c, ...fields.value, status: a.status, updated: stamp, history: [{ ...stamp, text: summary }, ...c.history].slice(0, CHANGE_LIMITS.history) }, summary });
}
