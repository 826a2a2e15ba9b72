// The two clocks over HTTP, the way Teams talks to the bot: the troubleshooting checklist before
// "Escalate to vendor", the vendor's SR number, an internal case with no vendor SR, the requester's
// confirmation and the satisfaction survey, and the figures they feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checklistInputId } from '../../bot/src/cards/incident-verbs';
import { TROUBLESHOOTING_CHECKLIST } from '../../bot/src/domain/incidents/vendor-case';
import type { Workspace } from '../../bot/src/domain/workspace';
import { type BuiltIncidents, createIncidentsFeature } from '../../bot/src/features/incidents-feature';
import { cardAction, conversation } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

let nowMs = Date.parse('2026-03-10T09:00:00Z');
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
const wsOf = (conv: Conv): Workspace => ({ tenantId: conv.tenantId, scope: 'team', scopeId: conv.teamId! });
const ALL = Object.fromEntries(TROUBLESHOOTING_CHECKLIST.map((c) => [checklistInputId(c.id), 'true']));
const colleague = (conv: Conv, id: string, name: string) =>
  conversation({ serviceUrl: connector.serviceUrl, scope: 'channel', tenantId: conv.tenantId, teamId: conv.teamId, conversationId: conv.conversationId, user: { id, name } });

async function file(conv: Conv, answers: string[]): Promise<string> {
  await bot.send(conv.message('escalate'));
  for (const a of answers) await bot.send(conv.message(a));
  const r = await bot.send(cardAction(conv, 'escalation.confirm', {}));
  return /SR-\d{6}-\d{4}/.exec(JSON.stringify(r.body))![0];
}
const actOn = (conv: Conv, id: string) => async (who: Conv, verb: string, data: Record<string, unknown> = {}) => {
  const stored = await feature.service.get(wsOf(conv), id);
  const r = await bot.send(cardAction(who, verb, { incidentId: id, etag: stored!.etag, ...data }));
  expect(r.body).toMatchObject({ statusCode: 200 });
  return JSON.stringify(r.body.value);
};

describe('the vendor case on the incident card', () => {
  it('asks for every troubleshooting item before escalating, then records the vendor SR number and when the vendor responded', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const id = await file(conv, ['Teams meetings', 'Meetings fail to start for everyone with error 500', 'Sales cannot hold customer calls at all', 'all users', 'now', 'A', 'vendor']);
    const act = actOn(conv, id);
    const ana = colleague(conv, '29:owner-ana', 'Ana Owner');
    const acked = await act(ana, 'incident.acknowledge');
    // The checklist is on the card as required toggles, and the escalation is offered.
    expect(acked).toContain('"type":"Input.Toggle"');
    expect(acked).toContain(checklistInputId('span-of-control'));
    expect(acked).toContain('incident.vendor.escalate');
    expect(acked).toContain(`${id} (our own number, not a vendor SR number)`);
    const { [checklistInputId('self-service')]: _, ...partial } = ALL;
    expect(await act(ana, 'incident.vendor.escalate', partial)).toContain('Not confirmed: The vendor');
    expect((await feature.service.get(wsOf(conv), id))!.incident.vendorCase).toBeUndefined();

    nowMs += 5 * 60_000;
    const escalated = await act(ana, 'incident.vendor.escalate', ALL);
    expect(escalated).toContain('Not issued yet: the vendor issues it when it accepts the case');
    expect(escalated).toContain('Vendor initial response');
    expect(escalated).toContain('incident.vendor.accept');
    expect(await act(ana, 'incident.vendor.accept', { vendorSr: 'bad sr' })).toContain('no spaces');
    // 09:20 UTC: 15 minutes after the escalation at 09:05, within seed 003's 1-hour goal for A.
    nowMs += 30 * 60_000;
    const accepted = await act(ana, 'incident.vendor.accept', { vendorSr: '2603100040000042', vendorRespondedTime: '09:20' });
    expect(accepted).toContain('2603100040000042');
    expect(accepted).toMatch(/Vendor initial response","value":"Met/);
    expect(accepted).toContain('incident.vendor.update');
    expect((await feature.service.get(wsOf(conv), id))!.incident.vendorCase).toMatchObject({ srNumber: '2603100040000042', respondedAt: '2026-03-10T09:20:00.000Z' });
    // Outage details for the business: expected resolution and bridge call.
    await act(ana, 'incident.outage.details', { etaTime: '15:00', bridge: 'https://meet.example/j/1 · +44 20 7946 0000 code 77#' });
    await feature.rhythm.idle();
    const notice = connector.sent(conv.targetId).map((a) => JSON.stringify(a)).filter((t) => t.includes('Outage update')).at(-1);
    expect(notice).toContain('Expected resolution');
    expect(notice).toContain('+44 20 7946 0000 code 77#');
  });

  it('an internally routed case has an internal reference, no vendor SR number and no vendor escalation', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const id = await file(conv, ['Teams calling', 'Calls drop every few minutes at the Lyon site since the firewall was replaced', 'The Lyon contact centre cannot take customer calls reliably', 'about 300 users in Lyon', 'now', 'B', 'yes']);
    const act = actOn(conv, id);
    const card = await act(conv, 'incident.acknowledge');
    expect(card).toContain('None: handled internally by Network Operations');
    expect(card).not.toContain('incident.vendor.escalate');
    expect(await act(conv, 'incident.vendor.escalate', ALL)).toContain('not escalated to the vendor');
  });
});

describe('closing with the requester', () => {
  it('resolving sends the requester a "Confirm resolved" card; not fixed reopens; confirmed closes; the survey answer feeds the figures', async () => {
    const ben = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel', user: { id: '29:requester-ben', name: 'Ben Desk' } });
    const id = await file(ben, ['Exchange mail', 'Mail is delayed by an hour for everyone', 'Orders by mail arrive late all day', 'all users', 'now', 'B', 'vendor']);
    const act = actOn(ben, id);
    const ana = colleague(ben, '29:owner-ana', 'Ana Owner');
    await act(ana, 'incident.acknowledge');
    await act(ana, 'incident.resolve', { resolutionKind: 'resolution', resolutionText: 'Transport queue cleared' });
    await feature.rhythm.idle();
    const asks = () => connector.sent(ben.targetId).filter((a) => JSON.stringify(a).includes('incident.confirm-resolved'));
    expect(asks()).toHaveLength(1);
    expect(asks()[0].attachments[0].content.msteams.entities[0].mentioned.id).toBe('29:requester-ben');
    expect(await act(ana, 'incident.confirm-resolved')).toContain('Only Ben Desk');
    await act(ben, 'incident.not-fixed', { notFixedReason: 'Mail from partners is still late' });
    expect((await feature.service.get(wsOf(ben), id))!.incident.state).toBe('investigating');
    await act(ana, 'incident.resolve', { resolutionKind: 'resolution', resolutionText: 'Partner connector fixed' });
    await act(ben, 'incident.confirm-resolved');
    await feature.rhythm.idle();
    expect((await feature.service.get(wsOf(ben), id))!.incident).toMatchObject({ state: 'closed', validation: { confirmedAt: expect.any(String) } });
    const survey = connector.sent(ben.targetId).filter((a) => JSON.stringify(a).includes('incident.satisfaction'));
    expect(survey).toHaveLength(1);
    expect(await act(ben, 'incident.satisfaction', { rating: '4' })).toContain('4 of 5');
    await bot.send(ben.message('incidents figures 2026-03'));
    const figures = JSON.stringify(connector.sent(ben.conversationId).at(-1));
    expect(figures).toContain('4 average, 100 % satisfied (target 80 %), 1 answers');
    expect(figures).toContain('Vendor commitments, severity B');
  });
});
