// Closes a meeting and posts its minutes to the project channel through the one proactive
// Sender. The conversation the meeting happened in comes first (Teams names it on the meeting
// end); otherwise the workspace's own conversation (a team's General channel, or the chat),
// then any conversation of the workspace where the bot is installed.
import { renderMeetingMinutesCard } from '../../cards/meeting-minutes-card';
import type { ConversationTarget, ConversationTargetRepository } from '../../domain/conversation-target';
import type { CloseOutcome, CloseTrigger, MeetingService } from '../../domain/meetings/meeting-service';
import { type Minutes, minutesOf } from '../../domain/meetings/minutes';
import type { Sender } from '../../domain/sender';
import type { Workspace } from '../../domain/workspace';
import type { Logger } from '../../platform/logger';

export interface PostResult {
  kind: CloseOutcome['kind'];
  minutes?: Minutes;
  /** Set when the minutes were claimed: whether they went out. */
  posted?: boolean;
  /** Why they did not. */
  failure?: string;
}

export interface MinutesPosterDeps {
  meetings: MeetingService;
  sender: Sender;
  targets: ConversationTargetRepository;
  log: Logger;
}

export class MinutesPoster {
  constructor(private readonly deps: MinutesPosterDeps) {}

  async closeAndPost(ws: Workspace, trigger: CloseTrigger, conversationId?: string): Promise<PostResult> {
    const outcome = await this.deps.meetings.close(ws, trigger);
    if (outcome.kind !== 'post') return { kind: outcome.kind };
    const minutes = minutesOf(outcome.meeting);
    const target = await this.target(ws, conversationId);
    if (!target) {
      await this.deps.meetings.unclaim(ws, outcome.meeting);
      this.deps.log.warn('no channel to post the minutes to', { workspace: `${ws.tenantId}|${ws.scope}` });
      return { kind: 'post', minutes, posted: false, failure: 'Service Ops is not installed in a channel of this team or chat' };
    }
    const sent = await this.deps.sender.send(target, renderMeetingMinutesCard(minutes), `Minutes: ${minutes.title}`);
    if (sent === 'sent') {
      await this.deps.meetings.posted(ws, outcome.meeting);
      return { kind: 'post', minutes, posted: true };
    }
    // Left claimable: a redelivered meeting end posts them then.
    await this.deps.meetings.unclaim(ws, outcome.meeting);
    this.deps.log.warn('the minutes could not be posted', { outcome: JSON.stringify(sent) });
    return { kind: 'post', minutes, posted: false, failure: 'Teams did not accept the message just now' };
  }

  private async target(ws: Workspace, conversationId: string | undefined): Promise<ConversationTarget | undefined> {
    for (const id of [conversationId, ws.scopeId]) {
      if (!id) continue;
      const t = await this.deps.targets.get(ws, id);
      if (t?.active) return t;
    }
    return (await this.deps.targets.listActive(ws))[0];
  }
}
