// The incidents' communication rhythm on a fake clock: reminders claimed once and sent through
// the real proactive path (CloudAdapter.continueConversationAsync → the local connector),
// with the owner mentioned; two bot instances sharing storage still send each reminder once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../bot/src/domain/workspace';
import { type BuiltIncidents, createIncidentsFeature } from '../../bot/src/features/incidents-feature';
import { conversation } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

const T0 = Date.parse('2026-06-01T08:00:00Z');
let nowMs = T0;
const clock = () => new Date(nowMs);
let connector: LocalConnector;
let one: { bot: ServiceOpsUnderTest; feature: BuiltIncidents };
let two: { bot: ServiceOpsUnderTest; feature: BuiltIncidents };

beforeAll(async () => {
  connector = await startConnector();
  const f1 = createIncidentsFeature();
  const b1 = await startServiceOps({}, { features: [f1], clock });
  // A second instance on the same tables, as a second App Service instance would be.
  const f2 = createIncidentsFeature();
  const b2 = await startServiceOps({ TABLE_PREFIX: b1.config.tablePrefix }, { features: [f2], clock });
  one = { bot: b1, feature: b1.app.servicesOf(f1) };
  two = { bot: b2, feature: b2.app.servicesOf(f2) };
});
afterAll(async () => {
  for (const x of [one, two]) {
    await x?.feature.rhythm.stop();
    await x?.bot.close();
  }
  await connector?.close();
});

type Conv = ReturnType<typeof conversation>;
const invoke = (conv: Conv, verb: string, data: Record<string, unknown>) => ({
  ...conv.message(''), id: randomUUID(), type: 'invoke', name: 'adaptiveCard/action', text: undefined, replyToId: 'card-1',
  value: { action: { type: 'Action.Execute', verb, data } },
});
const cardText = (a: any) => JSON.stringify(a?.attachments?.[0]?.content ?? '');

describe('incident communication rhythm', () => {
  it('an A incident with no update for 2 hours gets exactly one due and one overdue reminder, mentioning its owner', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const { bot } = one;
    await bot.send(conv.message('escalate'));
    for (const a of ['Teams meetings', 'Meetings fail to start for everyone with error 500', 'Sales cannot hold customer calls at all', 'all users', 'now', 'A', 'vendor']) {
      await bot.send(conv.message(a));
    }
    const filed = await bot.send(invoke(conv, 'escalation.confirm', {}));
    const id = /SR-\d{6}-\d{4}/.exec(JSON.stringify(filed.body))![0];
    const etag = findEtag(filed.body.value);

    // The owner acknowledges within the response goal; then nobody posts an update.
    const owner = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel', tenantId: conv.tenantId, teamId: conv.teamId, conversationId: conv.conversationId, user: { id: '29:owner-ana', name: 'Ana Owner' } });
    nowMs = T0 + 10 * 60_000;
    const ack = await bot.send(invoke(owner, 'incident.acknowledge', { incidentId: id, etag }));
    expect(JSON.stringify(ack.body.value)).toContain('Ana Owner');
    // The second instance has handled a turn too (so both can send).
    await two.bot.send(conv.message('incidents'));

    const isReminder = (a: any) => cardText(a).includes(id) && /Status update (due|overdue)|No first response/.test(cardText(a));
    const reminders = () => connector.sent(conv.targetId).filter(isReminder);
    const reports = [];
    // Both instances tick every 5 minutes (at the same moments) for three hours.
    for (let m = 10; m <= 180; m += 5) {
      nowMs = T0 + m * 60_000;
      reports.push(...(await Promise.all([one.feature.rhythm.tick(), two.feature.rhythm.tick()])));
      if (m === 100) expect(reminders()).toHaveLength(0); // nothing before the 15-minute lead
    }
    const sent = reminders();
    expect(sent).toHaveLength(2);
    const [due, overdue] = sent.map((a) => a.attachments[0].content);
    expect(JSON.stringify(due)).toContain('Status update due in');
    expect(JSON.stringify(overdue)).toContain('Status update overdue by');
    expect(reports.flatMap((r) => r.sent.map((s) => s.kind)).sort()).toEqual(['update-due', 'update-overdue']);
    expect(reports.reduce((n, r) => n + r.failed, 0)).toBe(0);
    // The owner is mentioned (Teams notifies them), not just named.
    for (const card of [due, overdue]) {
      expect(card.msteams.entities).toEqual([{ type: 'mention', text: '<at>Ana Owner</at>', mentioned: { id: '29:owner-ana', name: 'Ana Owner' } }]);
      expect(card.body[0].text).toMatch(/^<at>Ana Owner<\/at>, /);
    }

    // A status update starts a new cycle: the next reminders are for the next due time.
    const stored = await one.feature.service.get(workspaceOf(conv), id);
    await bot.send(invoke(owner, 'incident.update', { incidentId: id, etag: stored!.etag, updateText: 'Vendor engaged' }));
    nowMs += 2 * 3_600_000 + 60_000;
    await one.feature.rhythm.tick();
    expect(reminders()).toHaveLength(3);
    expect(cardText(reminders().at(-1))).toContain('Status update overdue by');
  });
});

describe('a reminder the connector turns away for now', () => {
  it('is released and sent on a later tick, once', async () => {
    nowMs = T0;
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const { bot } = one;
    await bot.send(conv.message('escalate'));
    for (const a of ['Teams calling', 'Calls drop after a minute for everyone', 'Support lines cannot take calls', 'all users', 'now', 'A', 'vendor']) {
      await bot.send(conv.message(a));
    }
    const filed = await bot.send(invoke(conv, 'escalation.confirm', {}));
    const id = /SR-\d{6}-\d{4}/.exec(JSON.stringify(filed.body))![0];
    nowMs = T0 + 10 * 60_000;
    await bot.send(invoke(conv, 'incident.acknowledge', { incidentId: id, etag: findEtag(filed.body.value) }));

    const isReminder = (a: any) => cardText(a).includes(id) && /Status update (due|overdue)/.test(cardText(a));
    const reminders = () => connector.sent(conv.targetId).filter(isReminder);
    // The first attempt at the due reminder gets 429 with a long Retry-After.
    connector.failNext({ status: 429, headers: { 'Retry-After': '120' } }, 1, (c) => c.method === 'POST' && decodeURIComponent(c.path).includes(conv.targetId));
    nowMs = T0 + 106 * 60_000;
    const refused = await one.feature.rhythm.tick();
    expect(refused.failed).toBe(1);
    expect(reminders()).toHaveLength(0);
    nowMs = T0 + 111 * 60_000;
    const retried = await one.feature.rhythm.tick();
    expect(retried.sent.map((r) => r.kind)).toEqual(['update-due']);
    nowMs = T0 + 116 * 60_000;
    await one.feature.rhythm.tick();
    expect(reminders()).toHaveLength(1);
  });
});

describe('an instance that dies between claim and send', () => {
  it('leaves a claim that runs out; another instance then sends the reminder, once', async () => {
    nowMs = T0;
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await one.bot.send(conv.message('escalate'));
    for (const a of ['Exchange mail', 'Mail is delayed by an hour for everyone', 'Orders by mail arrive late', 'all users', 'now', 'A', 'vendor']) {
      await one.bot.send(conv.message(a));
    }
    const filed = await one.bot.send(invoke(conv, 'escalation.confirm', {}));
    const id = /SR-\d{6}-\d{4}/.exec(JSON.stringify(filed.body))![0];
    nowMs = T0 + 10 * 60_000;
    await one.bot.send(invoke(conv, 'incident.acknowledge', { incidentId: id, etag: findEtag(filed.body.value) }));
    await two.bot.send(conv.message('incidents'));

    const isReminder = (a: any) => cardText(a).includes(id) && /Status update (due|overdue)/.test(cardText(a));
    const reminders = () => connector.sent(conv.targetId).filter(isReminder);
    // Instance one claims the due reminder and dies before sending it.
    nowMs = T0 + 106 * 60_000;
    const ws = workspaceOf(conv);
    const [owed] = (await one.feature.service.pendingReminders(ws)).find((p) => p.stored.incident.id === id)!.send;
    expect(await one.feature.service.claimReminder(ws, id, owed!.key)).toBeDefined();
    // While the lease runs, the other instance leaves it alone.
    nowMs = T0 + 108 * 60_000;
    await two.feature.rhythm.tick();
    expect(reminders()).toHaveLength(0);
    // After the lease (5 minutes), it sends it, once.
    nowMs = T0 + 112 * 60_000;
    await two.feature.rhythm.tick();
    await one.feature.rhythm.tick();
    expect(reminders()).toHaveLength(1);
    expect(cardText(reminders()[0])).toContain('Status update due in');
  });
});

function workspaceOf(conv: Conv): Workspace {
  return { tenantId: conv.tenantId, scope: 'team', scopeId: conv.teamId! };
}

function findEtag(card: unknown): string {
  if (!card || typeof card !== 'object') return '';
  const o = card as Record<string, unknown>;
  if (typeof o.etag === 'string') return o.etag;
  for (const v of Object.values(o)) {
    const e = findEtag(v);
    if (e) return e;
  }
  return '';
}
