// Reads who/where from a Teams activity: the workspace, the kind of conversation, and the id
// to post to proactively. Kept apart from handlers so every feature derives them the same way.
import { type Activity, TurnContext } from 'botbuilder';
import type { ConversationKind } from '../domain/conversation-target';
import type { Workspace } from '../domain/workspace';

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
}

export function channelData(activity: Partial<Activity>): TeamsChannelData {
  return (activity.channelData ?? {}) as TeamsChannelData;
}

export function conversationKind(activity: Partial<Activity>): ConversationKind {
  const t = activity.conversation?.conversationType;
  if (t === 'channel') return 'channel';
  if (t === 'groupChat' || activity.conversation?.isGroup) return 'groupChat';
  return 'personal';
}

/** The conversation to post to: the channel itself, not the thread the message came in on. */
export function targetConversationId(activity: Partial<Activity>): string {
  const id = activity.conversation?.id ?? '';
  const channelId = channelData(activity).channel?.id;
  if (conversationKind(activity) === 'channel' && channelId) return channelId;
  return id.replace(/;messageid=\d+$/, '');
}

export function tenantId(activity: Partial<Activity>): string {
  return channelData(activity).tenant?.id ?? activity.conversation?.tenantId ?? 'local';
}

export function workspaceOf(activity: Partial<Activity>): Workspace {
  const teamId = channelData(activity).team?.id;
  if (teamId) return { tenantId: tenantId(activity), scope: 'team', scopeId: teamId };
  return { tenantId: tenantId(activity), scope: 'chat', scopeId: targetConversationId(activity) };
}

/** Message text with the bot's @mention removed (channels and group chats include it). */
export function commandText(activity: Partial<Activity>): string {
  const withoutMention = activity.recipient?.id ? TurnContext.removeMentionText(activity, activity.recipient.id) : activity.text;
  return (withoutMention ?? activity.text ?? '').replace(/<at>[^<]*<\/at>/g, '').replace(/&nbsp;/g, ' ').trim();
}

export function userOf(activity: Partial<Activity>): { id: string; aadObjectId?: string; name: string } {
  const from = activity.from ?? { id: 'unknown', name: '' };
  return { id: from.id, aadObjectId: from.aadObjectId, name: from.name || 'Someone' };
}
