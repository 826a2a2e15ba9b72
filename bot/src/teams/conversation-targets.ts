// Saves where the bot can reach a conversation later (proactive reminders need it). The row is
// written only when something a sender needs changed, or it is older than REFRESH_MS (so
// lastSeenAt stays roughly current): an ordinary turn, and every replay of one, writes nothing.
import { type Activity, TurnContext } from 'botbuilder';
import type { ConversationTarget, ConversationTargetRepository } from '../domain/conversation-target';
import { conversationKind, targetConversationId, workspaceOf } from './activity-context';

/** How stale lastSeenAt may get before an unchanged reference is written again. */
export const REFRESH_MS = 24 * 60 * 60 * 1000;

export class ConversationTargets {
  constructor(private readonly repo: ConversationTargetRepository, private readonly now: () => Date = () => new Date()) {}

  /** `known` is the row this turn already read (target undefined: there is none), saving a read. */
  async remember(activity: Activity, opts: { installed?: boolean; known?: { target?: ConversationTarget } } = {}): Promise<void> {
    const reference = TurnContext.getConversationReference(activity);
    const conversationId = targetConversationId(activity);
    reference.conversation = { ...reference.conversation!, id: conversationId };
    delete reference.activityId; // a channel reference points at the channel, not one message
    const now = this.now();
    const at = now.toISOString();
    const target = {
      workspace: workspaceOf(activity),
      conversationId,
      kind: conversationKind(activity),
      serviceUrl: activity.serviceUrl,
      channelId: activity.channelId,
      reference: JSON.stringify(reference),
      active: true,
      lastSeenAt: at,
      ...(opts.installed ? { installedAt: at } : {}),
    };
    if (!opts.installed) {
      const stored = opts.known ? opts.known.target : await this.repo.get(target.workspace, conversationId);
      const same = stored && stored.active && stored.reference === target.reference && stored.serviceUrl === target.serviceUrl && stored.kind === target.kind;
      if (same && now.getTime() - Date.parse(stored.lastSeenAt) < REFRESH_MS) return;
    }
    await this.repo.upsert(target);
  }

  async forget(activity: Activity, reason: string): Promise<void> {
    await this.repo.markInactive(workspaceOf(activity), targetConversationId(activity), reason, this.now().toISOString());
  }
}
