// Saves where the bot can reach a conversation later (proactive reminders need it).
import { type Activity, TurnContext } from 'botbuilder';
import type { ConversationTargetRepository } from '../domain/conversation-target';
import { conversationKind, targetConversationId, workspaceOf } from './activity-context';

export class ConversationTargets {
  constructor(private readonly repo: ConversationTargetRepository, private readonly now: () => Date = () => new Date()) {}

  async remember(activity: Activity, opts: { installed?: boolean } = {}): Promise<void> {
    const reference = TurnContext.getConversationReference(activity);
    const conversationId = targetConversationId(activity);
    reference.conversation = { ...reference.conversation!, id: conversationId };
    delete reference.activityId; // a channel reference points at the channel, not one message
    const at = this.now().toISOString();
    await this.repo.upsert({
      workspace: workspaceOf(activity),
      conversationId,
      kind: conversationKind(activity),
      serviceUrl: activity.serviceUrl,
      channelId: activity.channelId,
      reference: JSON.stringify(reference),
      active: true,
      lastSeenAt: at,
      ...(opts.installed ? { installedAt: at } : {}),
    });
  }

  async forget(activity: Activity, reason: string): Promise<void> {
    await this.repo.markInactive(workspaceOf(activity), targetConversationId(activity), reason, this.now().toISOString());
  }
}
