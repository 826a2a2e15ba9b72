// How the meeting side panel is rendered for both doors (the tab's side panel and a chat card):
// the open meeting's notes (one point read) and the last meeting's actions with their status
// (the committee's records, one query).
import { renderMeetingPanelCard } from '../../cards/meeting-panel-card';
import type { MeetingService } from '../../domain/meetings/meeting-service';
import { carriedStatus, type MeetingPanel, panelOf } from '../../domain/meetings/minutes';
import type { SteeringService } from '../../domain/ops/steering';
import type { Workspace } from '../../domain/workspace';
import type { Card } from '../card-actions';

export interface PanelNote {
  notice?: string;
  problem?: string;
}

const STATUS_ORDER = { overdue: 0, open: 1, done: 2 } as const;

export class MeetingViews {
  constructor(readonly meetings: MeetingService, private readonly steering: SteeringService, private readonly clock: () => Date) {}

  async panel(ws: Workspace): Promise<MeetingPanel> {
    const [open, last] = await Promise.all([this.meetings.current(ws), this.steering.lastMeetingActions(ws)]);
    const today = this.clock().toISOString().slice(0, 10);
    const carried = last.actions.map((a) => carriedStatus(a, today)).sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
    return panelOf(open, carried, last.lastMeeting?.heldAt.slice(0, 10));
  }

  async panelCard(ws: Workspace, note: PanelNote = {}): Promise<Card> {
    return renderMeetingPanelCard({ panel: await this.panel(ws), ...note });
  }
}
