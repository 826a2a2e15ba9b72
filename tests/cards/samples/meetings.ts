// Sample renderings of the meeting cards: the side panel (empty, typical, full, hostile text)
// and the minutes (typical with a mentioned owner, nothing recorded, full, hostile text).
import { renderMeetingMinutesCard } from '../../../bot/src/cards/meeting-minutes-card';
import { renderMeetingPanelCard } from '../../../bot/src/cards/meeting-panel-card';
import type { MeetingNote, OpenMeeting } from '../../../bot/src/domain/meetings/meeting-notes';
import type { ClosedMeeting } from '../../../bot/src/domain/meetings/meeting-repository';
import { type CarriedAction, minutesOf, panelOf } from '../../../bot/src/domain/meetings/minutes';
import type { CardSample } from '../card-samples';
import { HOSTILE } from './ops';

const ana = { id: 'aad-ana', name: 'Ana Ops' };
const at = '2026-11-30T10:05:00Z';
const note = (i: number, kind: MeetingNote['kind'], text: string, owner?: MeetingNote['owner']): MeetingNote => ({
  id: `n-${i}`, kind, text, recorded: { by: ana, at }, ...(kind === 'action' ? { owner: owner ?? { name: 'Network Operations' }, dueOn: '2026-12-15' } : {}),
});

export function sampleMeeting(text = 'Fund the Wi-Fi survey', n = 1): OpenMeeting {
  return {
    id: 'mt-1', openedAt: '2026-11-30T10:00:00Z', title: 'Steering committee, November',
    notes: [
      ...Array.from({ length: n }, (_, i) => note(i, 'decision', text)),
      ...Array.from({ length: n }, (_, i) => note(100 + i, 'action', text, i % 2 ? { name: 'Bo Lead', id: 'aad-bo' } : undefined)),
      { ...note(999, 'decision', 'Recorded by mistake'), removed: { by: ana, at } },
    ],
    attendees: [ana, { id: 'aad-bo', name: 'Bo Lead' }, { name: 'Guest without id' }],
  };
}

const carried = (text: string, n: number): CarriedAction[] => Array.from({ length: n }, (_, i) => ({
  id: `a${i}`, text, owner: text.slice(0, 100), dueOn: '2026-11-01', status: (['open', 'overdue', 'done'] as const)[i % 3]!, ...(i % 3 === 2 ? { doneBy: 'Bo' } : {}),
}));

const closed = (m: OpenMeeting, how: 'end' | 'close'): ClosedMeeting => ({
  ...m, closeKey: how === 'end' ? 'end:MCMxOTptZWV0aW5n:2026-11-30T11:00:00Z' : `close:${m.id}`, closedAt: '2026-11-30T11:00:00Z', closedBy: how === 'end' ? { id: 'teams', name: 'Teams' } : ana, minutes: 'posting',
});

const panel = (text: string, n: number, m = 3) => renderMeetingPanelCard({ panel: panelOf(sampleMeeting(text, n), carried(text, m), '2026-11-02') });

export const samples: CardSample[] = [
  { template: 'meeting-panel.json', name: 'side panel before anything is recorded', render: () => renderMeetingPanelCard({ panel: panelOf(undefined, []) }) },
  { template: 'meeting-panel.json', name: 'side panel during a meeting', render: () => panel('Fund the Wi-Fi survey', 2) },
  { template: 'meeting-panel.json', name: 'side panel with a refusal', render: () => renderMeetingPanelCard({ panel: panelOf(sampleMeeting(), []), problem: 'The decision is required.' }) },
  { template: 'meeting-panel.json', name: 'side panel at the limits (30 decisions, 30 actions, 100 carried)', render: () => panel('L'.repeat(500), 30, 100) },
  { template: 'meeting-panel.json', name: 'side panel with hostile text', render: () => panel(HOSTILE, 3), literal: [HOSTILE] },
  { template: 'meeting-minutes.json', name: 'minutes of a meeting that ended in Teams', render: () => renderMeetingMinutesCard(minutesOf(closed(sampleMeeting('Fund the Wi-Fi survey', 2), 'end'))) },
  { template: 'meeting-minutes.json', name: 'minutes with nothing recorded', render: () => renderMeetingMinutesCard(minutesOf(closed({ ...sampleMeeting(), notes: [] }, 'close'))) },
  { template: 'meeting-minutes.json', name: 'minutes at the limits', render: () => renderMeetingMinutesCard(minutesOf(closed(sampleMeeting('L'.repeat(500), 30), 'end'))) },
  { template: 'meeting-minutes.json', name: 'minutes with hostile text', render: () => renderMeetingMinutesCard(minutesOf(closed(sampleMeeting(HOSTILE, 2), 'close'))), literal: [HOSTILE] },
];
