// The bot driven the way Teams drives it: activities POSTed to /api/messages, replies captured
// by a local connector, conversation references checked in Azurite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableConversationTargetRepository } from '../../bot/src/storage/table-conversation-target-repository';
import { conversation, type Scope } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let targets: TableConversationTargetRepository;

beforeAll(async () => {
  connector = await startConnector();
  bot = await startServiceOps();
  targets = new TableConversationTargetRepository(bot.app.store.client('Conversations'));
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

function cardOf(activity: any): any {
  const att = activity?.attachments?.find((a: any) => a.contentType === ADAPTIVE);
  return att?.content;
}
function cardText(card: any): string {
  return JSON.stringify(card);
}

describe.each<Scope>(['personal', 'groupChat', 'channel'])('install and help in %s', (scope) => {
  it('welcomes on install, saves the reference, and shows the same card for help', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope });
    const install = await bot.send(conv.botAdded());
    expect(install.status).toBe(200);

    const welcome = connector.sent(conv.targetId).concat(connector.sent(conv.conversationId)).map(cardOf).find(Boolean);
    expect(welcome).toBeDefined();
    expect(welcome.version).toBe('1.5');
    for (const command of ['help', 'finding', 'escalate', 'findings', 'incidents', 'roles', 'agenda', 'checklists', 'reminders']) {
      expect(cardText(welcome)).toContain(`"text":"${command}"`);
    }

    const ws = scope === 'channel'
      ? { tenantId: conv.tenantId, scope: 'team' as const, scopeId: conv.teamId! }
      : { tenantId: conv.tenantId, scope: 'chat' as const, scopeId: conv.targetId };
    const saved = await targets.get(ws, conv.targetId);
    expect(saved?.active).toBe(true);
    expect(saved?.kind).toBe(scope);
    expect(saved?.serviceUrl).toBe(connector.serviceUrl);
    expect(JSON.parse(saved!.reference).conversation.id).toBe(conv.targetId);

    connector.clear();
    const help = await bot.send(conv.message('help'));
    expect(help.status).toBe(200);
    const replies = connector.sent();
    expect(replies).toHaveLength(1);
    const helpCard = cardOf(replies[0]);
    // Same card as the welcome, apart from nothing: help and install show one card.
    expect(helpCard).toEqual(welcome);
    expect(cardText(helpCard)).toContain(scope === 'channel' ? '@Service Ops help' : 'Type a command');
  });
});

describe('messages', () => {
  it('strips the @mention in channels before reading the command', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    connector.clear();
    await bot.send(conv.message('HELP'));
    expect(cardOf(connector.sent()[0])).toBeDefined();
  });

  it('answers a command whose feature is not installed honestly, without a fake result', async () => {
    // A bot without features: every command but help is unregistered.
    const bare = await startServiceOps({}, { features: [] });
    const conv = conversation({ serviceUrl: connector.serviceUrl });
    for (const command of ['finding', 'escalate', 'findings', 'incidents', 'roles', 'agenda', 'checklists', 'reminders']) {
      connector.clear();
      await bare.send(conv.message(command));
      const [reply] = connector.sent();
      expect(reply.text).toContain(`"${command}" is coming soon`);
      expect(reply.text).toContain('nothing was recorded');
      expect(reply.attachments ?? []).toHaveLength(0);
    }
    await bare.close();
  });

  it('replies to unknown text briefly, suggests a close command, and shows user text literally', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl });
    connector.clear();
    await bot.send(conv.message('finidngs'));
    // A likely typo: offered as a card whose button runs the command (tests/teams/understanding.test.ts presses it).
    const offer = cardOf(connector.sent()[0]);
    expect(cardText(offer)).toContain('Did you mean \\"');
    expect(offer.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'command.run', data: { command: 'findings' } });

    connector.clear();
    await bot.send(conv.message('[x](https://e.example) ${x} **b**'));
    const reply = connector.sent()[0];
    expect(reply.textFormat).toBe('plain');
    expect(reply.text).toContain('[x](https://e.example) ${x} **b**');
  });

  it('refreshes the conversation reference on every message', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'groupChat' });
    await bot.send(conv.message('help'));
    const ws = { tenantId: conv.tenantId, scope: 'chat' as const, scopeId: conv.targetId };
    const first = await targets.get(ws, conv.targetId);
    expect(first).toBeDefined();
    // A later message from a moved service URL (Teams does move them) replaces the stored one.
    const moved = conversation({ serviceUrl: connector.serviceUrl.replace('127.0.0.1', 'localhost'), scope: 'groupChat', tenantId: conv.tenantId, conversationId: conv.conversationId, user: conv.user });
    await bot.send(moved.message('help'));
    const second = await targets.get(ws, conv.targetId);
    expect(second?.serviceUrl).toBe(moved.message('x').serviceUrl);
    expect(second!.lastSeenAt >= first!.lastSeenAt).toBe(true);
  });

  it('marks the conversation inactive when the bot is removed, and active again when it is back', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'groupChat' });
    const ws = { tenantId: conv.tenantId, scope: 'chat' as const, scopeId: conv.targetId };
    await bot.send(conv.installationUpdate('add'));
    expect((await targets.get(ws, conv.targetId))?.active).toBe(true);
    await bot.send(conv.installationUpdate('remove'));
    const removed = await targets.get(ws, conv.targetId);
    expect(removed?.active).toBe(false);
    expect(removed?.inactiveReason).toBe('app uninstalled');
    expect(await targets.listActive(ws)).toHaveLength(0);
    await bot.send(conv.botAdded());
    expect((await targets.get(ws, conv.targetId))?.active).toBe(true);
    await bot.send(conv.botRemoved());
    expect((await targets.get(ws, conv.targetId))?.inactiveReason).toBe('bot removed');
  });

  it('never calls a service URL that is not allow-listed, and saves nothing for it', async () => {
    const conv = conversation({ serviceUrl: 'https://attacker.example/', scope: 'personal' });
    connector.clear();
    const res = await bot.send(conv.message('help'));
    expect(res.status).toBe(200);
    expect(connector.calls).toHaveLength(0);
    const ws = { tenantId: conv.tenantId, scope: 'chat' as const, scopeId: conv.targetId };
    expect(await targets.get(ws, conv.targetId)).toBeUndefined();
    expect(bot.logs.some((l) => l.message.includes('not allow-listed'))).toBe(true);
  });
});

describe('health', () => {
  it('reports storage reachability', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', mode: 'local', storage: { reachable: true } });
  });

  it('says degraded (503) when storage stops answering', async () => {
    const { startAzurite } = await import('../../scripts/lib/azurite.mjs' as string);
    const azurite = await startAzurite({ inMemory: true });
    const own = await startServiceOps({ STORAGE_CONNECTION_STRING: azurite.connectionString });
    try {
      expect((await fetch(`${own.url}/healthz`)).status).toBe(200);
      await azurite.stop();
      const res = await fetch(`${own.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'degraded', storage: { reachable: false } });
    } finally {
      await own.close();
    }
  });
});
