// The conversation reference is written when a sender needs something new (installed, a new
// service URL, reactivated), or once it is a day old: an ordinary message writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceKey } from '../../bot/src/domain/workspace';
import { encodeKey } from '../../bot/src/storage/keys';
import { conversation } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

let nowMs = Date.parse('2026-06-01T07:00:00Z');
let connector: LocalConnector;
let other: LocalConnector;
let bot: ServiceOpsUnderTest;
beforeAll(async () => {
  connector = await startConnector();
  other = await startConnector();
  bot = await startServiceOps({}, { clock: () => new Date(nowMs) });
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
  await other?.close();
});

describe('the conversation reference', () => {
  it('is written on install, not on every message, again for a new service URL, and after a day', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const row = async () => bot.app.store.client('Conversations').getEntity<Record<string, unknown>>(encodeKey(workspaceKey({ tenantId: conv.tenantId, scope: 'team', scopeId: conv.teamId! })), encodeKey(conv.targetId));
    await bot.send(conv.botAdded());
    const installed = await row();
    await bot.send(conv.message('help'));
    nowMs += 60 * 60 * 1000;
    await bot.send(conv.message('help'));
    expect((await row()).etag).toBe(installed.etag);

    await bot.send({ ...conv.message('help'), serviceUrl: other.serviceUrl });
    const moved = await row();
    expect(moved.serviceUrl).toBe(other.serviceUrl);

    nowMs += 25 * 60 * 60 * 1000;
    await bot.send({ ...conv.message('help'), serviceUrl: other.serviceUrl });
    expect((await row()).etag).not.toBe(moved.etag);
  });
});
