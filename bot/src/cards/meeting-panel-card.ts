// The meeting side panel (320 px wide in Teams): the two short forms that record a decision or an
// action (first, so they are at hand without scrolling); what this meeting decided and asked to be
// done so far, each with Undo; the last meeting's actions with their status; and Close meeting.
// One column, so nothing is cut at the panel's width; user text goes into TextRuns, shown literally.
import template from './templates/meeting-panel.json';
import type { MeetingPanel, MinutesLine, CarriedAction } from '../domain/meetings/minutes';
import { MEETING_VERBS } from './meeting-verbs';
import { OPS_VERBS } from './ops-verbs';
import { clip, execute, fitCard } from './ops-card-parts';
import { expandTemplate } from './template';

export interface MeetingPanelCardInput {
  panel: MeetingPanel;
  notice?: string;
  problem?: string;
}

const STATUS_LABELS: Record<CarriedAction['status'], string> = { open: 'Open', overdue: 'Overdue', done: 'Done' };
const STATUS_COLORS: Record<CarriedAction['status'], string> = { open: 'Default', overdue: 'Attention', done: 'Good' };

const undo = (l: MinutesLine) => [execute('Undo', MEETING_VERBS.undo, { noteId: l.id }, { associatedInputs: 'none' })];

function noteLines(lines: readonly MinutesLine[], max: number, textMax: number) {
  return lines.slice(0, max).map((l) => ({
    text: clip(l.text, textMax),
    detail: clip([l.owner ? `Owner: ${l.owner.name}` : '', l.dueOn ? `due ${l.dueOn}` : '', `recorded by ${l.by}`].filter(Boolean).join(' · '), textMax),
    color: 'Default',
    buttons: undo(l),
  }));
}

function carriedLines(carried: readonly CarriedAction[], max: number, textMax: number) {
  return carried.slice(0, max).map((a) => ({
    text: clip(a.text, textMax),
    detail: clip([STATUS_LABELS[a.status], a.owner ? `owner ${a.owner}` : 'no owner', a.dueOn ? `due ${a.dueOn}` : '', a.doneBy ? `done by ${a.doneBy}` : ''].filter(Boolean).join(' · '), textMax),
    color: STATUS_COLORS[a.status],
    buttons: a.status === 'done' ? [] : [execute('Mark done', OPS_VERBS.actionDone, { actionId: a.id }, { associatedInputs: 'none' })],
  }));
}

function statusLine(p: MeetingPanel): string {
  if (!p.meeting) return 'Nothing recorded yet. What you record here goes into the minutes posted when the meeting ends.';
  return `Recording since ${p.meeting.openedAt.slice(11, 16)} UTC. The minutes are posted to the channel when the meeting ends.`;
}

export function renderMeetingPanelCard(input: MeetingPanelCardInput): Record<string, unknown> {
  const p = input.panel;
  return fitCard((max) => {
    const textMax = max >= 30 ? 500 : 160;
    const lists = [
      { heading: `Decisions (${p.decisions.length})`, empty: p.decisions.length ? '' : 'No decision recorded yet.', lines: noteLines(p.decisions, max, textMax) },
      { heading: `Actions (${p.actions.length})`, empty: p.actions.length ? '' : 'No action recorded yet.', lines: noteLines(p.actions, max, textMax) },
      {
        heading: `Actions from the last meeting${p.lastMeetingOn ? ` (${p.lastMeetingOn})` : ''}`,
        empty: p.carried.length ? '' : 'No actions carried from a previous meeting.',
        lines: carriedLines(p.carried, max, textMax),
      },
    ];
    const people = p.attendees.filter((a) => a.id).map((a) => ({ title: clip(a.name, 60), value: a.id! }));
    return expandTemplate(template, {
      status: statusLine(p),
      notice: input.notice ?? '',
      problem: input.problem ?? '',
      lists,
      people,
      ownerLabel: people.length ? 'Or type a name (used instead)' : 'Owner',
      attendees: clip(p.attendees.map((a) => a.name).join(', '), 2000),
      decisionActions: [execute('Record decision', MEETING_VERBS.record, { kind: 'decision' }, { style: 'positive' })],
      actionActions: [execute('Record action', MEETING_VERBS.record, { kind: 'action' }, { style: 'positive' })],
      actions: [
        execute('Refresh', MEETING_VERBS.refresh, {}, { associatedInputs: 'none' }),
        execute('Close meeting', MEETING_VERBS.close, {}, { associatedInputs: 'none', style: 'destructive' }),
      ],
    });
  }, [60, 30, 15, 8, 4]);
}
