// The proactive sender against the local connector's fault injection, alone and under the scheduler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationTarget } from '../../bot/src/domain/conversation-target';
import { startConnector, type LocalConnector } from '../support/connector';
import { createHarness, type Harness, workspace } from './reminder-harness';

let connector: LocalConnector;
let h: Harness;
beforeAll(async () => {
  connector = await startConnector();
  h = await createHarness('2024-06-03T06:00:00Z', connector.serviceUrl);
});
afterAll(async () => {
  await connector.close();
});

const isSend = (c: { method: string; path: string }) => c.method === 'POST' && c.path.includes('/activities');
const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'hi' }] };

async function target(name: string): Promise<ConversationTarget> {
  return h.addChannel(workspace(), `19:${name}-${Math.random().toString(36).slice(2)}@thread.tacv2`, connector.serviceUrl);
}

describe('ProactiveSender', () => {
  it('sends through the saved conversation reference', async () => {
    const t = await target('ok');
    const inst = h.instance();
    expect(await inst.sender.send(t, card, 'hello')).toBe('sent');
    const [sent] = connector.sent(t.conversationId);
    expect(sent.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(sent.summary).toBe('hello');
  });

  it('429 waits for Retry-After, then sends', async () => {
    const t = await target('r429');
    const inst = h.instance();
    connector.failNext({ status: 429, headers: { 'Retry-After': '7' } }, 1, isSend);
    expect(await inst.sender.send(t, card, 's')).toBe('sent');
    expect(inst.waits.filter((w) => w.cause === 'retry-after').map((w) => w.ms)).toEqual([7000]);
    expect(connector.calls.filter((c) => c.conversationId === t.conversationId).map((c) => c.status)).toEqual([429, 200]);
  });

  it('429 with a long Retry-After hands the wait back to the scheduler instead of blocking', async () => {
    const t = await target('r429long');
    const inst = h.instance();
    connector.failNext({ status: 429, headers: { 'Retry-After': '600' } }, 1, isSend);
    expect(await inst.sender.send(t, card, 's')).toEqual({ retryAfterMs: 600_000 });
    expect(connector.calls.filter((c) => c.conversationId === t.conversationId)).toHaveLength(1);
  });

  it('502 and 504 (and 412) are retried with jittered backoff, a bounded number of times', async () => {
    const t = await target('r502');
    const inst = h.instance();
    connector.failNext({ status: 502 }, 1, isSend);
    connector.failNext({ status: 504 }, 1, isSend);
    expect(await inst.sender.send(t, card, 's')).toBe('sent');
    expect(inst.waits.filter((w) => w.cause === 'backoff').map((w) => w.ms)).toEqual([375, 750]);

    const t2 = await target('r502forever');
    connector.failNext({ status: 502 }, 50, (c) => isSend(c) && c.path.includes(encodeURIComponent(t2.conversationId)));
    const before = inst.waits.length;
    expect(await inst.sender.send(t2, card, 's')).toMatchObject({ transient: expect.stringContaining('502') });
    expect(connector.calls.filter((c) => c.conversationId === t2.conversationId)).toHaveLength(4);
    expect(inst.waits.length - before).toBe(3);
    const t3 = await target('r412');
    connector.failNext({ status: 412 }, 1, isSend);
    expect(await inst.sender.send(t3, card, 's')).toBe('sent');
  });

  it.each([403, 404])('%i deactivates the target instead of retrying', async (status) => {
    const t = await target(`r${status}`);
    const inst = h.instance();
    connector.failNext({ status }, 1, isSend);
    expect(await inst.sender.send(t, card, 's')).toMatchObject({ deactivate: expect.stringContaining(String(status)) });
    expect(connector.calls.filter((c) => c.conversationId === t.conversationId)).toHaveLength(1);
    expect(await h.targets.get(t.workspace, t.conversationId)).toMatchObject({ active: false });
  });

  it('never calls a service URL that is not allow-listed', async () => {
    const t = await target('evil');
    const inst = h.instance({ allowList: ['https://smba.trafficmanager.net/'] });
    const before = connector.calls.length;
    expect(await inst.sender.send(t, card, 's')).toMatchObject({ deactivate: expect.stringContaining('allow-list') });
    expect(connector.calls.length).toBe(before);
  });

  it('paces sends to one conversation at 7 per second and 60 per 30 seconds', async () => {
    const t = await target('pace');
    const inst = h.instance();
    for (let i = 0; i < 61; i++) expect(await inst.sender.send(t, card, 's')).toBe('sent');
    const paced = inst.waits.filter((w) => w.cause === 'rate-limit').reduce((a, w) => a + w.ms, 0);
    expect(paced).toBeGreaterThanOrEqual(30_000); // the 61st waited for the 30 s window
  });
});

describe('the scheduler on connector faults', () => {
  it('a 403 stops reminders to that channel and tells the service owner once', async () => {
    connector.clear();
    const hh = await createHarness('2024-06-03T06:00:00Z', connector.serviceUrl);
    const ws = workspace();
    const ops = '19:ops-403@thread.tacv2';
    const owner = '19:owner@thread.tacv2';
    await hh.addChannel(ws, ops, connector.serviceUrl);
    await hh.addChannel(ws, owner, connector.serviceUrl);
    await hh.service.setDeploymentMode(ws, false, owner);
    await hh.service.seed(ws, { routeForRole: () => undefined, fallbackConversationId: ops, timeZone: 'UTC', time: '09:00' });
    connector.failNext({ status: 403 }, 5, (c) => isSend(c) && c.path.includes(encodeURIComponent(ops)));
    const [a, b] = [hh.instance(), hh.instance()];
    hh.clock.set('2024-06-03T09:00:00Z');
    await Promise.all([a.scheduler.tick(hh.clock.now()), b.scheduler.tick(hh.clock.now())]);
    expect(connector.calls.filter((c) => c.conversationId === ops).map((c) => c.status)).toEqual([403]);
    expect(connector.sent(owner)).toHaveLength(1);
    expect(JSON.stringify(connector.sent(owner)[0])).toContain('Reminders stopped');
    // The next day: no call to the removed channel, no second notice.
    hh.clock.set('2024-06-04T09:00:00Z');
    await Promise.all([a.scheduler.tick(hh.clock.now()), b.scheduler.tick(hh.clock.now())]);
    expect(connector.calls.filter((c) => c.conversationId === ops)).toHaveLength(1);
    expect(connector.sent(owner)).toHaveLength(1);
    expect((await hh.storage.dueIndex.listDue(hh.clock.now())).entries).toEqual([]);
  });

  it('a long 429 defers the digest until Retry-After has passed, then sends it once', async () => {
    connector.clear();
    const hh = await createHarness('2024-06-03T06:00:00Z', connector.serviceUrl);
    const ws = workspace();
    const ops = '19:ops-429@thread.tacv2';
    await hh.addChannel(ws, ops, connector.serviceUrl);
    await hh.service.seed(ws, { routeForRole: () => undefined, fallbackConversationId: ops, timeZone: 'UTC', time: '09:00' });
    connector.failNext({ status: 429, headers: { 'Retry-After': '120' } }, 1, isSend);
    const [a, b] = [hh.instance(), hh.instance()];
    hh.clock.set('2024-06-03T09:00:00Z');
    expect((await a.scheduler.tick(hh.clock.now())).deferred).toBeGreaterThan(0);
    hh.clock.advance(60_000);
    await Promise.all([a.scheduler.tick(hh.clock.now()), b.scheduler.tick(hh.clock.now())]);
    expect(connector.sent(ops)).toHaveLength(0); // still inside Retry-After
    hh.clock.advance(61_000);
    await Promise.all([a.scheduler.tick(hh.clock.now()), b.scheduler.tick(hh.clock.now())]);
    expect(connector.sent(ops)).toHaveLength(1);
    hh.clock.advance(600_000);
    await Promise.all([a.scheduler.tick(hh.clock.now()), b.scheduler.tick(hh.clock.now())]);
    expect(connector.sent(ops)).toHaveLength(1);
  });
});
