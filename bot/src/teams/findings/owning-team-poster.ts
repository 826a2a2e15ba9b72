// Posts a newly filed finding's card to the owning team's channel, when the role map names one.
// Sends proactively (continueConversationAsync) because filing completes inside the form
// runner, which does not hand the turn to the form; the adapter is built from the same config
// as the bot's own, so the same credentials and service-URL allow-list apply.
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { AppConfig } from '../../config';
import type { Finding } from '../../domain/findings/finding';
import type { OwningTeamChannels } from '../../domain/findings/owning-team-channels';
import { createAdapter, isAllowedServiceUrl } from '../adapter';
import { cardMessage } from '../replies';
import type { Logger } from '../service-ops-bot';

export type PostOutcome = 'posted' | 'no-channel' | 'same-conversation' | 'failed';

export class OwningTeamPoster {
  private adapter?: CloudAdapter;

  constructor(private readonly config: AppConfig, private readonly log: Logger, private readonly channels: OwningTeamChannels) {}

  async post(finding: Finding, card: Record<string, unknown>, filedInConversationId: string): Promise<PostOutcome> {
    try {
      const target = await this.channels.channelFor(finding.workspace, finding.owningRole);
      if (!target || !target.active) return 'no-channel';
      if (target.conversationId === filedInConversationId) return 'same-conversation';
      const reference = JSON.parse(target.reference) as Partial<ConversationReference>;
      const serviceUrl = reference.serviceUrl ?? target.serviceUrl;
      if (!isAllowedServiceUrl(serviceUrl, this.config.serviceUrlAllowList)) {
        this.log.warn('owning-team channel is not on the service-URL allow-list', { serviceUrl });
        return 'failed';
      }
      this.adapter ??= createAdapter(this.config, this.log);
      await this.adapter.continueConversationAsync(this.config.bot.appId ?? '', { ...reference, serviceUrl }, async (context) => {
        await context.sendActivity(cardMessage(card, `${finding.id} for ${finding.owningRole}`));
      });
      return 'posted';
    } catch (e) {
      // Filing succeeded; the announcement is best effort and the card is in the filer's chat.
      this.log.warn('could not post the finding to the owning team', { finding: finding.id, error: String(e) });
      return 'failed';
    }
  }
}
