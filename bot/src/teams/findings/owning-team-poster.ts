// Posts a newly filed finding's card to the owning team's channel, when the role map names one,
// through the app's one proactive sending path (saved reference, rate limits, allow-list).
import type { Finding } from '../../domain/findings/finding';
import type { OwningTeamChannels } from '../../domain/findings/owning-team-channels';
import type { Sender } from '../../domain/sender';
import type { Logger } from '../service-ops-bot';

export type PostOutcome = 'posted' | 'no-channel' | 'same-conversation' | 'failed';

export class OwningTeamPoster {
  constructor(private readonly sender: Sender, private readonly log: Logger, private readonly channels: OwningTeamChannels) {}

  async post(finding: Finding, card: Record<string, unknown>, filedInConversationId: string): Promise<PostOutcome> {
    try {
      const target = await this.channels.channelFor(finding.workspace, finding.owningRole);
      if (!target || !target.active) return 'no-channel';
      if (target.conversationId === filedInConversationId) return 'same-conversation';
      const outcome = await this.sender.send(target, card, `${finding.id} for ${finding.owningRole}`);
      if (outcome === 'sent') return 'posted';
      this.log.warn('could not post the finding to the owning team', { finding: finding.id, outcome: JSON.stringify(outcome) });
      return 'failed';
    } catch (e) {
      // Filing succeeded; the announcement is best effort and the card is in the filer's chat.
      this.log.warn('could not post the finding to the owning team', { finding: finding.id, error: String(e) });
      return 'failed';
    }
  }
}
