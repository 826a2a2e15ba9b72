// The steering-committee agenda card: the next meeting, then every section in order with
// its lines (or its empty-state sentence). In chat, long sections are cut to a few lines with a
// count of the rest and a pointer to the agenda tab; the tab asks for many more lines per
// section (maxLinesPerSection). Either way the card stays under 25 KB: when the lines don't fit,
// fewer are shown and the card says how many more there are.
import template from './templates/agenda.json';
import type { Agenda } from '../domain/ops/agenda';
import { describeCadence, type MeetingCadence, WEEKDAYS, WEEKDAY_LABELS } from '../domain/ops/cadence';
import { clip, execute, fitCard, toneColor } from './ops-card-parts';
import { OPS_VERBS } from './ops-verbs';
import { expandTemplate } from './template';

export interface AgendaCardInput {
  agenda: Agenda;
  cadence: MeetingCadence;
  /** ETag of the stored schedule, if any, for the schedule form. */
  settingsEtag?: string;
  notice?: string;
  problem?: string;
  /**
   * Lines shown per section at most (default 5, the chat's card). The agenda tab passes more, so
   * "open the agenda tab to see them all" holds; fewer are shown only when the card would pass 25 KB.
   */
  maxLinesPerSection?: number;
}

/** Lines per section on the chat's card. */
export const CHAT_LINES_PER_SECTION = 5;

/** Budgets to try, largest first: the maximum, then halving down to the chat's 5..1. */
function lineBudgets(max: number): number[] {
  const out = new Set<number>();
  for (let b = max; b > CHAT_LINES_PER_SECTION; b = Math.ceil(b / 2)) out.add(b);
  for (let b = Math.min(max, CHAT_LINES_PER_SECTION); b >= 1; b--) out.add(b);
  return [...out];
}

export function renderAgendaCard(input: AgendaCardInput): Record<string, unknown> {
  const { agenda, cadence } = input;
  const max = Math.max(1, Math.floor(input.maxLinesPerSection ?? CHAT_LINES_PER_SECTION));
  // The chat's card points to the tab; the tab's card has nowhere else to point.
  const moreText = (n: number) => (max > CHAT_LINES_PER_SECTION ? `…and ${n} more, not shown to keep this card small.` : `…and ${n} more; open the agenda tab to see them all.`);
  return fitCard((perSection) => {
    const textMax = perSection >= 5 ? 240 : 160;
    const sections = agenda.sections.map((s) => {
      const shown = s.lines.slice(0, perSection);
      // A section built from a summary names its first records and says how many there are in all.
      const count = Math.max(s.total ?? 0, s.lines.length);
      return {
        // A section of facts (the quality trend) shows no count: its lines are not records to deal with.
        heading: `${s.title}${count && s.counted !== false ? ` (${count})` : ''}`,
        intro: s.intro ?? '',
        unavailable: s.unavailable ?? '',
        empty: s.lines.length ? '' : s.empty,
        lines: shown.map((l) => ({
          text: clip(l.text, textMax),
          detail: clip(l.detail, textMax),
          color: toneColor(l.tone),
          buttons: l.ref?.kind === 'item' || l.ref?.kind === 'decision'
            ? [execute('Remove', OPS_VERBS.agendaRemove, { itemId: l.ref.id }, { associatedInputs: 'none' })]
            : l.ref?.kind === 'action'
              ? [execute('Mark done', OPS_VERBS.actionDone, { actionId: l.ref.id }, { associatedInputs: 'none' })]
              : [],
        })),
        more: count > shown.length ? moreText(count - shown.length) : '',
      };
    });
    return expandTemplate(template, {
      meeting: `Next meeting: ${agenda.meetingLabel}`,
      cadence: `${describeCadence(cadence)}${agenda.lastMeetingAt ? ` · last meeting recorded ${agenda.lastMeetingAt.slice(0, 10)}` : ''}`,
      notice: input.notice ?? '',
      problem: input.problem ?? '',
      sections,
      actions: [
        execute('Refresh', OPS_VERBS.agendaRefresh, {}, { associatedInputs: 'none' }),
        {
          type: 'Action.ShowCard', title: 'Add an item',
          card: {
            type: 'AdaptiveCard', version: '1.5',
            body: [
              { type: 'Input.Text', id: 'agendaText', label: 'What should the committee discuss?', isMultiline: true, maxLength: 500, isRequired: true, errorMessage: 'Write the item first.' },
              { type: 'Input.ChoiceSet', id: 'agendaKind', label: 'Kind', value: 'topic', choices: [{ title: 'Topic to discuss', value: 'topic' }, { title: 'Decision requested', value: 'decision' }] },
            ],
            actions: [execute('Add to the agenda', OPS_VERBS.agendaAdd, {}, { style: 'positive' })],
          },
        },
        {
          type: 'Action.ShowCard', title: 'Record the meeting',
          card: {
            type: 'AdaptiveCard', version: '1.5',
            body: [
              { type: 'TextBlock', text: 'Recording closes every item on this agenda; open actions carry over to the next one.', wrap: true, size: 'Small', isSubtle: true },
              { type: 'Input.Text', id: 'decisions', label: 'Decisions, one per line', isMultiline: true, maxLength: 5000 },
              { type: 'Input.Text', id: 'actions', label: 'Actions, one per line: what | owner | YYYY-MM-DD', isMultiline: true, maxLength: 5000 },
            ],
            actions: [execute('Record', OPS_VERBS.agendaRecord, {}, { style: 'positive' })],
          },
        },
        {
          type: 'Action.ShowCard', title: 'Schedule',
          card: {
            type: 'AdaptiveCard', version: '1.5',
            body: [
              { type: 'Input.Number', id: 'everyWeeks', label: 'Every how many weeks', min: 1, max: 13, value: cadence.everyWeeks },
              { type: 'Input.ChoiceSet', id: 'weekday', label: 'Weekday', value: cadence.weekday, choices: WEEKDAYS.map((w) => ({ title: WEEKDAY_LABELS[w], value: w })) },
              { type: 'Input.Time', id: 'time', label: 'Time', value: cadence.time },
              { type: 'Input.Text', id: 'timeZone', label: 'Time zone (IANA name, e.g. Europe/London)', value: cadence.timeZone, maxLength: 64 },
              { type: 'Input.Date', id: 'startsOn', label: 'Counting from', value: cadence.startsOn },
            ],
            actions: [execute('Save schedule', OPS_VERBS.agendaCadence, { etag: input.settingsEtag ?? '' }, { style: 'positive' })],
          },
        },
      ],
    });
  }, lineBudgets(max));
}
