// Card actions on a reminded task as a state machine with idempotency keys: the same invoke
// delivered three times (Teams retries, double clicks, two people) changes the schedule once.
import type { CadenceContext } from './cadence';
import { type ReminderSchedule, RECENT_ACTIONS_KEPT, type TeamRoute, computeNextDue } from './schedule';
import { addDays, civilDateOf, parseWallTime, zonedToInstant } from './zoned-time';

export type TaskVerb = 'done' | 'snooze-hour' | 'snooze-tomorrow' | 'skip' | 'reassign';

export interface TaskAction {
  verb: TaskVerb;
  /** The occurrence the card line was for. */
  occurrenceId: string;
  /** Who acted (display name), for the history. */
  by?: string;
  reassignTo?: TeamRoute & { role?: string };
}

export interface CompletionRecord {
  scheduleId: string;
  title: string;
  team: string;
  /** First due instant of the occurrence that was resolved. */
  dueAt: string;
  resolvedAt: string;
  outcome: 'done' | 'skipped';
  /** Done before the next occurrence fell due (nothing was missed). */
  onTime: boolean;
  /** Occurrences that passed while it stayed open. */
  missed: number;
  by?: string;
}

export type ActionResult =
  | { outcome: 'applied'; schedule: ReminderSchedule; completion?: CompletionRecord; message: string }
  | { outcome: 'duplicate' | 'stale'; message: string };

export function actionKey(a: TaskAction): string {
  return `${a.occurrenceId}:${a.verb}`;
}

export function applyTaskAction(s: ReminderSchedule, a: TaskAction, now: Date, ctx: CadenceContext): ActionResult {
  const key = actionKey(a);
  if (s.recentActions.includes(key)) return { outcome: 'duplicate', message: 'That was already recorded.' };
  const stamp = (next: ReminderSchedule): ReminderSchedule => ({ ...next, recentActions: [...s.recentActions, key].slice(-RECENT_ACTIONS_KEPT), updatedAt: now.toISOString() });
  if (a.verb === 'reassign') {
    const to = a.reassignTo;
    if (!to?.conversationId) return { outcome: 'stale', message: 'Choose the team to hand this task to.' };
    const next = stamp({ ...s, targetConversationId: to.conversationId, ...(to.role ? { role: to.role } : {}) });
    if (to.team) next.team = to.team;
    else delete next.team;
    // The contact belongs to the owning role: another role without a person leaves nobody to mention.
    if (to.contact) next.contact = to.contact;
    else if (to.role && to.role !== s.role) delete next.contact;
    return { outcome: 'applied', schedule: next, message: `Reassigned to ${to.team ?? to.role ?? 'the chosen team'}.` };
  }
  if (!s.open) return { outcome: 'stale', message: 'This task is not open any more; nothing changed.' };
  switch (a.verb) {
    case 'done':
    case 'skip': {
      const next = stamp({ ...s });
      delete next.open;
      delete next.snoozedUntil;
      if (a.verb === 'done') next.lastDoneAt = now.toISOString();
      const completion: CompletionRecord = {
        scheduleId: s.id,
        title: s.title,
        team: s.team ?? s.role,
        dueAt: s.open.firstDueAt,
        resolvedAt: now.toISOString(),
        outcome: a.verb === 'done' ? 'done' : 'skipped',
        onTime: a.verb === 'done' && s.open.missed === 0,
        missed: s.open.missed,
        ...(a.by ? { by: a.by } : {}),
      };
      return { outcome: 'applied', schedule: next, completion, message: a.verb === 'done' ? 'Marked done.' : 'Skipped this time.' };
    }
    case 'snooze-hour':
    case 'snooze-tomorrow': {
      const until = a.verb === 'snooze-hour' ? new Date(now.getTime() + 3_600_000) : tomorrowAt(s, now);
      // A snooze past the next regular occurrence is absorbed by it (the task is carried there).
      const next = stamp({ ...s, snoozedUntil: until.toISOString() });
      if (!next.nextDueAt) next.nextDueAt = computeNextDue(s, now, ctx);
      return { outcome: 'applied', schedule: next, message: a.verb === 'snooze-hour' ? 'Snoozed for an hour.' : 'Snoozed until tomorrow.' };
    }
  }
}

/** Tomorrow (in the schedule's zone) at the schedule's time of day. */
export function tomorrowAt(s: Pick<ReminderSchedule, 'time' | 'timeZone'>, now: Date): Date {
  const t = parseWallTime(s.time) ?? { hour: 9, minute: 0 };
  return zonedToInstant(addDays(civilDateOf(now, s.timeZone), 1), t, s.timeZone);
}
