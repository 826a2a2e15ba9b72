// Puts real records into a workspace the way people do: by talking to the bot over HTTP (a
// finding through the one-line shortcut, an incident through the escalate dialog), so tests of
// the agenda and the tabs see what the product stores, not hand-made rows.
import { randomUUID } from 'node:crypto';
import type { TabViewRegistry } from '../../bot/src/api';
import type { Workspace } from '../../bot/src/domain/workspace';
import type { Feature } from '../../bot/src/features/feature';
import { TableConversationTargetRepository } from '../../bot/src/storage/table-conversation-target-repository';
import { conversation, cardAction } from './activities';
import type { LocalConnector } from './connector';
import type { ServiceOpsUnderTest } from './service-ops';

export type Conv = ReturnType<typeof conversation>;

export const workspaceOf = (conv: Conv): Workspace =>
  (conv.teamId ? { tenantId: conv.tenantId, scope: 'team', scopeId: conv.teamId } : { tenantId: conv.tenantId, scope: 'chat', scopeId: conv.conversationId });

/** The workspace as the tab page names it (?workspace=…). */
export const workspaceParam = (ws: Workspace) => `${ws.tenantId}|${ws.scope}|${ws.scopeId}`;

export const invoke = (conv: Conv, verb: string, data: Record<string, unknown> = {}) => cardAction(conv, verb, data);

const textOf = (a: any) => JSON.stringify(a?.attachments?.[0]?.content ?? a?.text ?? '');

export class WorkspaceSeeder {
  /** `bot` needs only `send` (the benchmark passes its own app, outside vitest). */
  constructor(private readonly bot: Pick<ServiceOpsUnderTest, 'send'>, private readonly connector: LocalConnector) {}

  /** A channel conversation in a new team, with the bot installed (what makes the tab API serve it). */
  async installedChannel(userName = 'Alex Rivera'): Promise<Conv> {
    const conv = conversation({ serviceUrl: this.connector.serviceUrl, scope: 'channel', user: { id: `29:user-${randomUUID()}`, name: userName, aadObjectId: randomUUID() } });
    const res = await this.bot.send(conv.botAdded());
    if (res.status >= 300) throw new Error(`install failed: ${res.status}`);
    return conv;
  }

  private async say(conv: Conv, text: string): Promise<string> {
    const before = this.connector.sent().length;
    const res = await this.bot.send(conv.message(text));
    if (res.status >= 300) throw new Error(`"${text}" answered ${res.status}`);
    return this.connector.sent().slice(before).map(textOf).join('\n');
  }

  /** Files a finding with the one-line shortcut and the confirmation card; returns its id (QF-…). */
  async fileFinding(conv: Conv, shortcut: string): Promise<string> {
    const draft = await this.say(conv, shortcut);
    if (!draft.includes('Check the finding before I file it')) throw new Error(`no draft for "${shortcut}": ${draft.slice(0, 300)}`);
    const res = await this.bot.send(invoke(conv, 'finding.confirm', { draftId: 'x' }));
    const id = /QF-\d{4}/.exec(JSON.stringify(res.body))?.[0];
    if (!id) throw new Error(`no finding id in ${JSON.stringify(res.body).slice(0, 300)}`);
    return id;
  }

  /**
   * Files an incident through the escalate dialog: service, problem, impact, affected users,
   * start, severity, then "vendor" (not an excluded area); returns its SR number.
   */
  async fileIncident(conv: Conv, answers: { service: string; problem: string; impact: string; affected: string; started: string; severity: string }): Promise<string> {
    await this.say(conv, 'escalate');
    for (const a of [answers.service, answers.problem, answers.impact, answers.affected, answers.started, answers.severity, 'vendor']) await this.say(conv, a);
    const res = await this.bot.send(invoke(conv, 'escalation.confirm', {}));
    const id = /SR-\d{6}-\d{4,}/.exec(JSON.stringify(res.body))?.[0];
    if (!id) throw new Error(`no SR number in ${JSON.stringify(res.body).slice(0, 400)}`);
    return id;
  }
}

/**
 * Records that the bot is installed in `workspace` (an active conversation target), straight in
 * storage: for apps with an app id, where /api/messages needs a real Bot Framework token.
 */
export async function installDirectly(bot: Pick<ServiceOpsUnderTest, 'app'>, workspace: Workspace): Promise<Workspace> {
  const now = new Date().toISOString();
  await new TableConversationTargetRepository(bot.app.store.client('Conversations')).upsert({
    workspace, conversationId: `${workspace.scopeId};messageid=1`, kind: workspace.scope === 'team' ? 'channel' : 'groupChat',
    serviceUrl: 'https://smba.trafficmanager.net/teams/', channelId: 'msteams', reference: '{}', active: true, lastSeenAt: now, installedAt: now,
  });
  return workspace;
}

/** A feature that only registers tab views (tests of the tab API's routes, without the product's features). */
export function viewsFeature(register: (registry: TabViewRegistry) => void): Feature {
  return { name: 'test-views', tables: [], register: (ctx) => register(ctx.tabViews) };
}
