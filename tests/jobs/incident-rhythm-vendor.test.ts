// The rhythm on the vendor's clock, at a fake clock and through the real proactive path: a missed
// vendor update is flagged as a breach the minute after it was due (seed 003: every 2 hours for
// severity A, every 24 hours for B) and tells our owner to chase the vendor; for B our owner is
// not nagged to post updates, for A both directions run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TROUBLESHOOTING_CHECKLIST } from '../../bot/src/domain/incidents/vendor-case';
import type { Workspace } from '../../bot/src/domain/workspace';
import { checklistInputId } from '../../bot/src/cards/incident-verbs';
import { type BuiltIncidents, createIncidentsFeature } from '../../bot/src/features/incidents-feature';
import { cardAction, conversation } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

const T0 = Date.parse('2026-06-01T08:00:00Z');
const MIN = 60_000;
let nowMs = T0;
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let feature: BuiltIncidents;

beforeAll(async () => {
  connector = await startConnector();
  const f = createIncidentsFeature();
  bot = await startServiceOps({}, { features: [f], clock: () => new Date(nowMs) });
  feature = bot.app.servicesOf(f);
});
afterAll(async () => {
  await feature?.rhythm.stop();
  await bot?.close();
  await connector?.close();
});

type Conv = ReturnType<typeof conversation>;
const cardText = (a: any) => JSON.stringify(a?.attachments?.[0]?.content ?? '');
const wsOf = (conv: Conv): Workspace => ({ tenantId: conv.tenantId, scope: 'team', scopeId: conv.teamId! });
const ticked = Object.fromEntries(TROUBLESHOOTING_CHECKLIST.map((c) => [checklistInputId(c.id), 'true']));

/** Files a vendor case, acknowledged by Ana at +10 min, escalated to the vendor at +15, accepted by the vendor at +30. */
async function vendorCase(severity: 'A' | 'B'): Promise<{ conv: Conv; owner: Conv; id: string }> {
  nowMs = T0;
  const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
  const owner = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel', tenantId: conv.tenantId, teamId: conv.teamId, conversationId: conv.conversationId, user: { id: '29:owner-ana', name: 'Ana Owner' } });
  await bot.send(conv.message('escalate'));
  for (const a of ['Exchange mail', 'Mail is delayed by an hour for everyone', 'Orders by mail arrive late all day', 'all users', 'now', severity, 'vendor']) await bot.send(conv.message(a));
  const filed = await bot.send(cardAction(conv, 'escalation.confirm', {}));
  const id = /SR-\d{6}-\d{4}/.exec(JSON.stringify(filed.body))![0];
  const act = async (verb: string, data: Record<string, unknown> = {}) => {
    const stored = await feature.service.get(wsOf(conv), id);
    const r = await bot.send(cardAction(owner, verb, { incidentId: id, etag: stored!.etag, ...data }));
    expect(JSON.stringify(r.body)).not.toMatch(/Before escalating|must be|refused/);
  };
  nowMs = T0 + 10 * MIN;
  await act('incident.acknowledge');
  nowMs = T0 + 15 * MIN;
  await act('incident.vendor.escalate', ticked);
  nowMs = T0 + 30 * MIN;
  await act('incident.vendor.accept', { vendorSr: '2606010040000042' });
  return { conv, owner, id };
}

const sentTo = (conv: Conv, id: string, pattern: RegExp) => connector.sent(conv.targetId).filter((a) => cardText(a).includes(id) && pattern.test(cardText(a)));

describe('the vendor clock in the rhythm', () => {
  it('seed 003: severity B vendor updates every 24 hours — flagged as a breach the minute after, owner told to chase the vendor, never asked to post updates', async () => {
    const { conv, id } = await vendorCase('B');
    const due = T0 + 30 * MIN + 24 * 60 * MIN;
    const kinds: string[] = [];
    for (const t of [T0 + 2 * 60 * MIN, T0 + 23 * 60 * MIN, due]) {
      nowMs = t;
      kinds.push(...(await feature.rhythm.tick()).sent.filter((s) => s.incidentId === id).map((s) => s.kind));
    }
    expect(kinds).toEqual([]);
    nowMs = due + MIN;
    const report = await feature.rhythm.tick();
    expect(report.sent.filter((s) => s.incidentId === id).map((s) => s.kind)).toEqual(['vendor-update-overdue']);
    const [breach] = sentTo(conv, id, /Vendor breach/);
    expect(cardText(breach)).toContain('Vendor breach: the vendor');
    expect(cardText(breach)).toContain('Please chase the vendor');
    expect(cardText(breach)).toContain('2606010040000042');
    expect(breach.attachments[0].content.msteams.entities[0].mentioned.id).toBe('29:owner-ana');
    // Two days on: still that one breach, and no "post a status update" for our owner at all.
    nowMs = due + 48 * 60 * MIN;
    await feature.rhythm.tick();
    expect(sentTo(conv, id, /Vendor breach/)).toHaveLength(1);
    expect(sentTo(conv, id, /Status update (due|overdue)/)).toHaveLength(0);
    const stored = (await feature.service.get(wsOf(conv), id))!.incident;
    expect(stored.nextUpdateDueAt).toBeUndefined();
  });

  it('seed 003: severity A, both ways every 2 hours — our owner is reminded to update, and the vendor\'s missed update is a breach at +2 h after its response', async () => {
    const { conv, owner, id } = await vendorCase('A');
    const vendorDue = T0 + 30 * MIN + 120 * MIN;
    nowMs = vendorDue;
    await feature.rhythm.tick();
    expect(sentTo(conv, id, /Vendor breach/)).toHaveLength(0);
    nowMs = vendorDue + MIN;
    await feature.rhythm.tick();
    expect(sentTo(conv, id, /Vendor breach/)).toHaveLength(1);
    expect(sentTo(conv, id, /Status update (due|overdue)/).length).toBeGreaterThan(0);
    // The vendor's update, logged late, starts its next interval; the card shows the breach.
    const stored = await feature.service.get(wsOf(conv), id);
    const r = await bot.send(cardAction(owner, 'incident.vendor.update', { incidentId: id, etag: stored!.etag, vendorUpdateText: 'Mailbox servers failed over' }));
    expect(JSON.stringify(r.body.value)).toContain('Vendor updates breached');
    expect((await feature.service.get(wsOf(conv), id))!.incident.vendorCase).toMatchObject({ updatesLate: 1, nextUpdateDueAt: new Date(nowMs + 120 * MIN).toISOString() });
  });
});
