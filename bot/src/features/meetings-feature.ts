// The steering committee inside its Teams meeting: the side panel's notes (decisions, actions),
// the minutes posted when the meeting ends, and the carry of its decisions and actions into the
// committee's records, so the next agenda shows them. Built after the ops feature (wiring.ts),
// whose steering service keeps the committee's records.
import { randomBytes } from 'node:crypto';
import { meetingView } from '../api/views/meeting-view';
import { liveNotes } from '../domain/meetings/meeting-notes';
import type { ClosedMeeting } from '../domain/meetings/meeting-repository';
import { MeetingService, type MinutesCarry } from '../domain/meetings/meeting-service';
import type { SteeringService } from '../domain/ops/steering';
import { MEETING_TABLE, MEETING_TABLES, TableMeetingRepository } from '../storage/table-meeting-repository';
import type { ActionRegistry } from '../teams/card-actions';
import { createMeetingActions } from '../teams/meetings/meeting-actions';
import { MeetingEvents } from '../teams/meetings/meeting-events';
import { MeetingViews } from '../teams/meetings/meeting-views';
import { MinutesPoster } from '../teams/meetings/minutes-poster';
import type { FeatureContext } from './feature';

export const MEETINGS_FEATURE_TABLES = MEETING_TABLES;

const newId = () => `mt-${randomBytes(6).toString('hex')}`;

export interface BuiltMeetings {
  service: MeetingService;
  views: MeetingViews;
  poster: MinutesPoster;
  actions: ActionRegistry;
}

/** A closed meeting's live decisions and actions become a recorded committee meeting (idempotent on its id). */
export function steeringCarry(steering: SteeringService): MinutesCarry {
  return {
    async carry(ws, m: ClosedMeeting) {
      const decisions = liveNotes(m, 'decision').map((n) => n.text);
      const actions = liveNotes(m, 'action').map((n) => ({ text: n.text, owner: n.owner?.name ?? '', ...(n.dueOn ? { dueOn: n.dueOn } : {}) }));
      if (!decisions.length && !actions.length) return;
      const r = await steering.recordMeeting(ws, { decisions, actions, heldAt: m.openedAt }, m.closedBy, m.id);
      if (!r.ok) throw new Error(r.message);
    },
  };
}

export function buildMeetings(ctx: FeatureContext, steering: SteeringService): BuiltMeetings {
  const service = new MeetingService({
    repo: new TableMeetingRepository(ctx.store.client(MEETING_TABLE)),
    clock: ctx.clock,
    newId,
    carry: steeringCarry(steering),
    onCarryError: (error) => ctx.log.warn('a meeting could not be carried into the agenda', { error: String(error) }),
  });
  const views = new MeetingViews(service, steering, ctx.clock);
  const poster = new MinutesPoster({ meetings: service, sender: ctx.sender, targets: ctx.targets, log: ctx.log });
  return { service, views, poster, actions: createMeetingActions({ views, poster }) };
}

export function registerMeetings(ctx: FeatureContext, built: BuiltMeetings, opsActions: ActionRegistry): void {
  ctx.verbs.routeActions(built.actions);
  ctx.tabViews.register(meetingView(built.views, built.actions, opsActions));
  new MeetingEvents({ meetings: built.service, poster: built.poster, log: ctx.log }).register(ctx.events);
}
