// Closing with the requester: a resolved incident asks whoever filed it to confirm the fix. Their
// confirmation closes it; "not fixed" reopens it with their reason. After closing, they answer one
// question (seed 001's KSI "I am satisfied with the quality of technical support", measured after
// each incident) on a 1 to 5 scale.
import { TEXT_LIMITS, type TimelineEntry } from './incident';
import type { Step, StepContext } from './lifecycle';
import { checkFreeText } from '../text/free-text';

export type ClosureAction = { type: 'confirm-resolved' } | { type: 'not-fixed'; reason: string } | { type: 'satisfaction'; rating: number };

export const SATISFACTION_SCALE = [1, 2, 3, 4, 5] as const;

export function parseClosureAction(a: Record<string, unknown>): ClosureAction | { error: string } | undefined {
  switch (a.type) {
    case 'confirm-resolved':
      return { type: 'confirm-resolved' };
    case 'not-fixed':
      return { type: 'not-fixed', reason: typeof a.reason === 'string' ? a.reason : '' };
    case 'satisfaction': {
      const n = typeof a.rating === 'number' ? a.rating : typeof a.rating === 'string' ? Number(a.rating) : NaN;
      return Number.isInteger(n) && n >= 1 && n <= 5 ? { type: 'satisfaction', rating: n } : { error: 'Choose how satisfied you are, from 1 to 5.' };
    }
    default:
      return undefined;
  }
}

export function closureStep(cx: StepContext, action: ClosureAction): Step {
  const { incident, actor } = cx;
  if (actor.id !== incident.recordedBy.id) return { refused: `Only ${incident.recordedBy.name}, who reported ${incident.id}, can answer this.` };
  switch (action.type) {
    case 'confirm-resolved':
      return confirm(cx);
    case 'not-fixed':
      return notFixed(cx, action.reason);
    case 'satisfaction':
      return rate(cx, action.rating);
  }
}

function confirm({ incident, actor, at, state }: StepContext): Step {
  if (state === 'closed') return { refused: `${incident.id} is closed already. Thank you for confirming.` };
  if (state !== 'resolved') return { refused: `${incident.id} is not resolved yet, so there is no fix to confirm.` };
  return {
    next: { ...incident, state: 'closed', closedAt: at, validation: { requestedAt: incident.validation?.requestedAt ?? at, confirmedAt: at } },
    kind: 'validated',
    summary: `${actor.name} confirmed the fix; closed`,
    extra: { from: state, to: 'closed' },
  };
}

function notFixed({ incident, actor, at, state, now, rule }: StepContext, input: string): Step {
  if (state !== 'resolved') return { refused: `${incident.id} is not waiting for your confirmation; it is ${state}.` };
  const reason = checkFreeText(input, { label: 'What is still wrong', max: TEXT_LIMITS.note, min: 3, multiline: true, whenMissing: 'Please say what is still not working.' });
  if (!reason.ok) return { refused: reason.error };
  const ownDue = incident.vendorCase && !rule.updatesBothWays ? undefined : rule.updateEveryMinutes === null ? undefined : new Date(now.getTime() + rule.updateEveryMinutes * 60_000).toISOString();
  return {
    next: {
      ...incident,
      state: 'investigating',
      resolvedAt: undefined,
      resolution: undefined,
      nextUpdateDueAt: ownDue,
      remindersSent: incident.remindersSent.filter((k) => k.startsWith('vendor-')),
      validation: { requestedAt: incident.validation?.requestedAt ?? at, rejectedAt: at },
    },
    kind: 'reopened',
    summary: `Reopened: ${actor.name} says it is not fixed`,
    extra: { text: reason.value, from: state, to: 'investigating' },
  };
}

function rate({ incident, actor, at, state }: StepContext, rating: number): Step {
  if (state !== 'closed' && state !== 'archived') return { refused: `${incident.id} is not closed yet; the survey comes after closing.` };
  if (incident.satisfaction) return { refused: `You rated ${incident.id} already (${incident.satisfaction.rating} of 5). Thank you.` };
  return { next: { ...incident, satisfaction: { rating, at } }, kind: 'satisfaction', summary: `${actor.name} rated the support ${rating} of 5` };
}

/** What the requester is asked after the entries just written: to confirm a fix, or to rate the support. */
export type RequesterAsk = 'validation' | 'satisfaction';

export function requesterAsks(entries: readonly TimelineEntry[]): RequesterAsk[] {
  const out: RequesterAsk[] = [];
  for (const e of entries) {
    if (e.kind === 'resolved') out.push('validation');
    if (e.kind === 'validated' || e.kind === 'closed') out.push('satisfaction');
  }
  return out;
}
