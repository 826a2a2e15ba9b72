// The Teams meeting events the bot receives (event activities, name "application/vnd.microsoft.…"):
// meetingEnd closes the workspace's open meeting and posts its minutes once (a redelivery
// carries the same meeting id and end time, so it finds the meeting it closed); a participant
// join adds the attendees.
import type { TurnContext } from 'botbuilder';
import type { MeetingService } from '../../domain/meetings/meeting-service';
import type { Attendee } from '../../domain/meetings/meeting-notes';
import type { Logger } from '../../platform/logger';
import { channelData, targetConversationId, workspaceOf } from '../activity-context';
import type { EventRouter } from '../event-router';
import type { MinutesPoster } from './minutes-poster';

export const MEETING_END_EVENT = 'application/vnd.microsoft.meetingEnd';
export const PARTICIPANT_JOIN_EVENT = 'application/vnd.microsoft.meetingParticipantJoin';

/** Teams' meeting end payload (botbuilder's TeamsMeetingEnd): PascalCase, times as ISO strings. */
interface MeetingEndValue {
  Id?: unknown;
  Title?: unknown;
  EndTime?: unknown;
  MeetingType?: unknown;
}

interface ParticipantsValue {
  members?: { user?: { id?: unknown; aadObjectId?: unknown; name?: unknown } }[];
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export class MeetingEvents {
  constructor(private readonly deps: { meetings: MeetingService; poster: MinutesPoster; log: Logger }) {}

  /** Registers the meeting events this feature handles. */
  register(events: EventRouter): void {
    events.register(MEETING_END_EVENT, (c) => this.guarded(c, () => this.ended(c)));
    events.register(PARTICIPANT_JOIN_EVENT, (c) => this.guarded(c, () => this.joined(c)));
  }

  /** An event has no one to answer: a failure is logged, and a redelivery can try again. */
  private async guarded(context: TurnContext, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (e) {
      this.deps.log.warn('a meeting event could not be handled', { event: context.activity.name, error: String(e) });
    }
  }

  private async ended(context: TurnContext): Promise<void> {
    const a = context.activity;
    const value = (a.value ?? {}) as MeetingEndValue;
    const meetingId = text(value.Id) ?? text((channelData(a) as { meeting?: { id?: unknown } }).meeting?.id);
    const key = `end:${meetingId ?? a.conversation?.id ?? ''}:${text(value.EndTime) ?? a.id ?? ''}`;
    const title = text(value.Title);
    const r = await this.deps.poster.closeAndPost(workspaceOf(a), {
      key, by: { id: 'teams', name: 'Teams' }, ...(meetingId ? { teamsMeetingId: meetingId } : {}), ...(title ? { title } : {}),
    }, targetConversationId(a));
    this.deps.log.info('meeting ended', { outcome: r.kind, posted: r.posted ?? false });
  }

  private async joined(context: TurnContext): Promise<void> {
    const a = context.activity;
    const members = ((a.value ?? {}) as ParticipantsValue).members ?? [];
    const people: Attendee[] = members.flatMap((m) => {
      const name = text(m.user?.name);
      const id = text(m.user?.aadObjectId) ?? text(m.user?.id);
      return name ? [{ name, ...(id ? { id } : {}) }] : [];
    });
    const meetingId = text((channelData(a) as { meeting?: { id?: unknown } }).meeting?.id);
    await this.deps.meetings.attend(workspaceOf(a), people, meetingId);
  }
}
