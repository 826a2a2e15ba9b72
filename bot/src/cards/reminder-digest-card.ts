// The reminder digest: one card per channel per run listing the tasks due there, each with
// done / snooze (1 hour, tomorrow) / skip / reassign; the same render serves the updated card.
import { taskRaisesChange } from '../domain/changes/change-tasks';
import { describeCadence } from '../domain/reminders/cadence';
import type { Digest } from '../domain/reminders/digest';
import type { DigestLine } from '../domain/reminders/schedule';
import { type MentionEntity, type MentionTarget, personText, withMentionEntities } from './mention';
import { CHANGE_VERBS } from './change-verbs';
import { REMINDER_VERBS } from './reminder-verbs';
import template from './templates/reminder-digest.json';
import noticeTemplate from './templates/reminder-notice.json';
import { expandTemplate } from './template';

/** Lines shown on one card; the rest are summarised (keeps the card well under 25 KB). */
export const MAX_DIGEST_LINES = 12;

export interface DigestRenderOptions {
  /** Per schedule id: what happened to it (shown instead of the buttons), e.g. "Done by Ana". */
  statuses?: Record<string, string>;
  /** Teams a task can be handed to: title + conversation id. */
  reassignChoices?: { title: string; value: string }[];
  /**
   * Per role name: the person who owns the role's tasks. One with an id is @mentioned on the
   * task's line; a name alone is shown as text. Without an entry a line shows its role's contact
   * person when the schedule carries one, else no owner line.
   */
  owners?: Readonly<Record<string, MentionTarget>>;
}

const BADGE: Record<DigestLine['kind'], { text: string; color: string }> = {
  due: { text: 'Due · ', color: 'Accent' },
  snoozed: { text: 'Snoozed · ', color: 'Warning' },
  overdue: { text: 'Overdue · ', color: 'Attention' },
};

function execute(title: string, verb: string, data: Record<string, unknown>): Record<string, unknown> {
  return { type: 'Action.Execute', title, verb, data };
}

function lineActions(line: DigestLine): Record<string, unknown>[] {
  // Only the occurrence id: the schedule id is part of it and the conversation is the invoke's own.
  const data = { occurrenceId: line.occurrenceId };
  return [
    execute('Done', REMINDER_VERBS.done, data),
    execute('Snooze 1 hour', REMINDER_VERBS.snoozeHour, data),
    execute('Tomorrow', REMINDER_VERBS.snoozeTomorrow, data),
    execute('Skip', REMINDER_VERBS.skip, data),
    // The IP-range watch ends in a request for change: the form comes filled from the task.
    ...(taskRaisesChange(line.scheduleId) ? [execute('Raise a change', CHANGE_VERBS.draft, { source: { kind: 'task', id: line.scheduleId, title: clip(line.title, 200) } })] : []),
  ];
}

/** One "Reassign" form for the whole card (per-line forms would not fit in 25 KB). */
function reassignAction(lines: DigestLine[], choices: { title: string; value: string }[]): Record<string, unknown> | undefined {
  if (!lines.length) return undefined;
  const tasks = lines.map((l) => ({ title: clip(l.title, 80), value: l.occurrenceId }));
  const body: Record<string, unknown>[] = [{ type: 'Input.ChoiceSet', id: 'reassignTask', label: 'Task', style: 'compact', isRequired: true, errorMessage: 'Choose a task.', value: tasks[0]!.value, choices: tasks }];
  // A digest the scheduler posts leaves the teams out (reading the role map for every digest
  // would cost a query each): the first press brings them, on this card, for whoever pressed.
  if (choices.length) body.push({ type: 'Input.ChoiceSet', id: 'reassignTo', label: 'Hand it to', style: 'compact', isRequired: true, errorMessage: 'Choose a team.', choices });
  else body.push({ type: 'TextBlock', text: 'Choose the task, then the team to hand it to: the teams of the role map are listed next.', wrap: true, isSubtle: true, size: 'Small' });
  return {
    type: 'Action.ShowCard',
    title: 'Reassign',
    card: { type: 'AdaptiveCard', body, actions: [execute(choices.length ? 'Reassign' : 'Choose a team', REMINDER_VERBS.reassign, {})] },
  };
}

const MAX_TITLE_SHOWN = 200;
function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

export function renderReminderDigestCard(digest: Digest, now: Date, opts: DigestRenderOptions = {}): { card: Record<string, unknown>; summary: string } {
  const all = [...digest.due, ...digest.carried];
  const shown = all.slice(0, MAX_DIGEST_LINES);
  const statuses = opts.statuses ?? {};
  const choices = (opts.reassignChoices ?? []).slice(0, 15);
  const entities: (MentionEntity | undefined)[] = [];
  const lines = shown.map((l) => {
    const status = statuses[l.scheduleId] ?? '';
    // The schedule carries its role's contact person (from the role map), so a digest the
    // scheduler posts can mention them without reading the role map.
    const person = opts.owners && Object.hasOwn(opts.owners, l.role) ? opts.owners[l.role] : l.contact;
    const owner = person ? personText(person) : undefined;
    entities.push(owner?.entity);
    return {
      hasOwner: Boolean(owner),
      owner: owner?.text ?? '',
      badge: BADGE[l.kind].text,
      badgeColor: BADGE[l.kind].color,
      title: clip(l.title, MAX_TITLE_SHOWN),
      meta: `${l.category} · ${describeCadence(l.cadence)} · ${l.team ?? l.role} · due ${l.dueLocal}`,
      note: l.note,
      status,
      open: !status,
      actions: status ? [] : lineActions(l),
    };
  });
  const dueCount = digest.due.length;
  const carriedCount = digest.carried.length;
  const card = expandTemplate(template, {
    heading: dueCount === 1 ? 'An operations task is due' : `${dueCount} operations tasks are due`,
    subtitle: `${carriedCount ? `${carriedCount} still open from earlier. ` : ''}As of ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    lines,
    more: all.length > shown.length ? `…and ${all.length - shown.length} more. Type "reminders" to see every task.` : '',
    cardActions: [
      reassignAction(shown.filter((l) => !statuses[l.scheduleId]), choices),
      execute('Refresh', REMINDER_VERBS.refresh, {}),
    ].filter((a): a is Record<string, unknown> => a !== undefined),
  });
  const summary = dueCount === 1 ? `Due: ${digest.due[0]!.title.slice(0, 80)}` : `${dueCount} operations tasks are due`;
  return { card: withMentionEntities(card, entities), summary };
}

export interface NoticeInput {
  conversationId: string;
  kind: string;
  reason: string;
}

/** Tells the service owner that reminders to a conversation stopped (once per deactivation). */
export function renderReminderNoticeCard(input: NoticeInput): { card: Record<string, unknown>; summary: string } {
  const card = expandTemplate(noticeTemplate, {
    explanation: `Service Ops can no longer post to a ${input.kind === 'channel' ? 'channel' : 'chat'}, so its reminders have stopped.`,
    conversationId: input.conversationId,
    reason: input.reason,
  });
  return { card, summary: 'Reminders stopped for a conversation' };
}
