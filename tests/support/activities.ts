// Builds activities shaped like the ones Teams sends, for personal, group chat and channel.
import { randomUUID } from 'node:crypto';

export type Scope = 'personal' | 'groupChat' | 'channel';

export interface ConversationSpec {
  serviceUrl: string;
  scope?: Scope;
  tenantId?: string;
  teamId?: string;
  conversationId?: string;
  botId?: string;
  user?: { id: string; name: string; aadObjectId?: string };
}

export function conversation(spec: ConversationSpec) {
  const scope = spec.scope ?? 'personal';
  const tenantId = spec.tenantId ?? randomUUID();
  const botId = spec.botId ?? '28:service-ops-bot';
  const teamId = spec.teamId ?? `19:team-${randomUUID()}@thread.tacv2`;
  const channelId = scope === 'channel' ? teamId : undefined;
  const conversationId = spec.conversationId ?? (
    scope === 'personal' ? `a:1${randomUUID()}` : scope === 'groupChat' ? `19:chat-${randomUUID()}@thread.v2` : `${channelId};messageid=${Date.now()}`);
  const user = spec.user ?? { id: `29:user-${randomUUID()}`, name: 'Alex Rivera', aadObjectId: randomUUID() };

  const base = (extra: Record<string, unknown>) => ({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: spec.serviceUrl,
    timestamp: new Date().toISOString(),
    from: user,
    recipient: { id: botId, name: 'Service Ops' },
    conversation: {
      id: conversationId,
      conversationType: scope,
      tenantId,
      ...(scope === 'personal' ? {} : { isGroup: true }),
    },
    channelData: {
      tenant: { id: tenantId },
      ...(scope === 'channel' ? { team: { id: teamId, name: 'Service Ops project' }, channel: { id: channelId, name: 'General' } } : {}),
    },
    locale: 'en-US',
    ...extra,
  });

  const mention = scope === 'personal' ? '' : '<at>Service Ops</at> ';
  const mentionEntities = scope === 'personal' ? [] : [{ type: 'mention', text: '<at>Service Ops</at>', mentioned: { id: botId, name: 'Service Ops' } }];

  return {
    tenantId,
    teamId: scope === 'channel' ? teamId : undefined,
    conversationId,
    user,
    botId,
    /** The id proactive messages go to: the channel, not the thread. */
    targetId: scope === 'channel' ? channelId! : conversationId,
    message: (text: string, extra: Record<string, unknown> = {}) =>
      base({ type: 'message', text: mention + text, textFormat: 'plain', entities: mentionEntities, ...extra }),
    botAdded: () => base({ type: 'conversationUpdate', membersAdded: [{ id: botId }], ...(scope === 'channel' ? { channelData: { tenant: { id: tenantId }, team: { id: teamId }, eventType: 'teamMemberAdded' } } : {}) }),
    botRemoved: () => base({ type: 'conversationUpdate', membersRemoved: [{ id: botId }] }),
    installationUpdate: (action: 'add' | 'remove') => base({ type: 'installationUpdate', action }),
  };
}

/**
 * An Action.Execute press as Teams delivers it: an `adaptiveCard/action` invoke in the same
 * conversation, from the same user. Teams redelivers with the same id, so tests pass one to
 * simulate retries.
 */
export function cardAction(
  conv: { message(text: string): Record<string, unknown> },
  verb: string,
  data: Record<string, unknown> = {},
  options: { id?: string; replyToId?: string; extra?: Record<string, unknown> } = {},
) {
  return {
    ...conv.message(''),
    id: options.id ?? `invoke-${randomUUID()}`,
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    value: { action: { type: 'Action.Execute', verb, data } },
    replyToId: options.replyToId ?? 'card-1',
    ...options.extra,
  };
}
