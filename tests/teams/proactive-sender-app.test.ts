// The proactive sender as the app wires it: over the app's own CloudAdapter (whose turn-error
// handler would otherwise swallow the connector's answer), against the local connector.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../bot/src/config';
import { RateLimiter } from '../../bot/src/platform/rate-limiter';
import { TableConversationTargetRepository } from '../../bot/src/storage/table-conversation-target-repository';
import { createTableStore } from '../../bot/src/storage/table-store';
import { createAdapter } from '../../bot/src/teams/adapter';
import { ConversationTargets } from '../../bot/src/teams/conversation-targets';
import { ProactiveSender } from '../../bot/src/teams/proactive-sender';
import type { Logger } from '../../bot/src/teams/service-ops-bot';
import { conversation } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { uniqueTablePrefix } from '../support/service-ops';

let connector: LocalConnector;
let repo: TableConversationTargetRepository;
let sender: ProactiveSender;
const logs: string[] = [];
const log: Logger = { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) };

beforeAll(async () => {
  connector = await startConnector();
  const config = loadConfig({ HOST: '127.0.0.1' });
  const store = createTableStore({ kind: 'connection-string', connectionString: inject('azuriteConnectionString') }, uniqueTablePrefix());
  await store.ensureTables(['Conversations']);
  repo = new TableConversationTargetRepository(store.client('Conversations'));
  // No waiting in tests: retries and rate limits still decide, they just do not sleep.
  sender = new ProactiveSender(createAdapter(config, log), '', config.serviceUrlAllowList, new RateLimiter(), () => new Date(), { targets: repo, sleep: async () => {} });
});
afterAll(async () => {
  await connector?.close();
});

async function savedTarget(scope: 'personal' | 'channel' = 'channel') {
  const conv = conversation({ serviceUrl: connector.serviceUrl, scope });
  await new ConversationTargets(repo).remember(conv.botAdded() as never, { installed: true });
  const ws = scope === 'channel' ? { tenantId: conv.tenantId, scope: 'team' as const, scopeId: conv.teamId! } : { tenantId: conv.tenantId, scope: 'chat' as const, scopeId: conv.targetId };
  return { conv, ws, target: (await repo.get(ws, conv.targetId))! };
}
const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Due today' }] };
const toTarget = (id: string) => (c: { method: string; path: string }) => c.method === 'POST' && decodeURIComponent(c.path).includes(id);

describe('proactive sends through the app adapter', () => {
  it('sends the card to the saved conversation', async () => {
    const { conv, target } = await savedTarget();
    expect(await sender.send(target, card, 'Due today')).toBe('sent');
    expect(connector.sent(conv.targetId).at(-1).attachments[0].content).toEqual(card);
  });

  it.each([403, 404])('deactivates the target on %i instead of retrying', async (status) => {
    const { ws, conv, target } = await savedTarget();
    connector.failNext({ status }, 5, toTarget(conv.targetId));
    const before = connector.calls.length;
    expect(await sender.send(target, card, 'x')).toMatchObject({ deactivate: expect.any(String) });
    expect(connector.calls.length - before).toBe(1);
    expect((await repo.get(ws, conv.targetId))?.active).toBe(false);
  });

  it('hands a long Retry-After back to the caller, and gives up on 502 after bounded retries', async () => {
    const { conv, target } = await savedTarget('personal');
    connector.failNext({ status: 429, headers: { 'Retry-After': '300' } }, 1, toTarget(conv.targetId));
    expect(await sender.send(target, card, 'x')).toEqual({ retryAfterMs: 300_000 });
    connector.failNext({ status: 502 }, 50, toTarget(conv.targetId));
    const before = connector.calls.length;
    expect(await sender.send(target, card, 'x')).toMatchObject({ transient: expect.any(String) });
    const attempts = connector.calls.length - before;
    expect(attempts).toBeGreaterThan(1);
    expect(attempts).toBeLessThan(10);
  });
});
