// Saves where the bot can reach a conversation later (proactive reminders need it). The row is
// written only when something a sender needs changed, or it is older than REFRESH_MS (so
// lastSeenAt stays roughly current): an ordinary turn, and every replay of one, writes nothing.
import { type Activity, TurnContext } from 'botbuilder';
import type { ConversationTarget, ConversationTargetRepository, TargetUpdate } from '../domain/conversation-target';
import { conversationKind, targetConversationId, workspaceOf } from './activity-context';

/** How stale lastSeenAt may get before an unchanged reference is written again. */
export const REFRESH_MS = 24 * 60 * 60 * 1000;

export class ConversationTargets {
  constructor(private readonly repo: ConversationTargetRepository, private readonly now: () => Date = () => new Date()) {}

  /** Where this activity says the bot can reach its conversation, as it would be saved now. */
  targetOf(activity: Activity, installed = false): TargetUpdate {
    const reference = TurnContext.getConversationReference(activity);
    const conversationId = targetConversationId(activity);
    reference.conversation = { ...reference.conversation!, id: conversationId };
    delete reference.activityId; // a channel reference points at the channel, not one message
    const at = this.now().toISOString();
    return {
      workspace: workspaceOf(activity),
      conversationId,
      kind: conversationKind(activity),
      serviceUrl: activity.serviceUrl,
      channelId: activity.channelId,
      reference: JSON.stringify(reference),
      active: true,
      lastSeenAt: at,
      ...(installed ? { installedAt: at } : {}),
    };
  }

  /** `known` is the row this turn already read (target undefined: there is none), saving a read. */
  async remember(activity: Activity, opts: { installed?: boolean; known?: { target?: ConversationTarget } } = {}): Promise<void> {
    const target = this.targetOf(activity, opts.installed);
    if (!opts.installed) {
      const stored = opts.known ? opts.known.target : await this.repo.get(target.workspace, target.conversationId);
      const same = stored && stored.active && stored.reference === target.reference && stored.serviceUrl === target.serviceUrl && stored.kind === target.kind;
      if (same && Date.parse(target.lastSeenAt) - Date.parse(stored.lastSeenAt) < REFRESH_MS) return;
    }
    await this.repo.upsert(target);
  }

  /** Saves a target made earlier in the turn (one nothing else saved). */
  async save(target: TargetUpdate): Promise<void> {
    await this.repo.upsert(target);
  }

  async forget(activity: Activity, reason: string): Promise<void> {
    await this.repo.markInactive(workspaceOf(activity), targetConversationId(activity), reason, this.now().toISOString());
  }
}
