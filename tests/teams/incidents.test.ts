// Incident escalations over HTTP, the way Teams talks to the bot: the escalate dialog (vendor
// and internal routing), the incident verbs under concurrency and redelivery, the incidents
// command, outage notifications, and many people filing at once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../bot/src/domain/incidents/incident';
import type { Workspace } from '../../bot/src/domain/workspace';
import { type BuiltIncidents, createIncidentsFeature } from '../../bot/src/features/incidents-feature';
import { escalationForm } from '../../bot/src/teams/incidents/escalation-form';
import { TableIncidentRepository } from '../../bot/src/storage/table-incident-repository';
import { conversation, cardAction } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

let now = new Date('2026-03-10T09:00:00Z');
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let feature: BuiltIncidents;
let repo: TableIncidentRepository;

beforeAll(async () => {
  connector = await startConnector();
  const incidents = createIncidentsFeature();
  bot = await startServiceOps({}, { features: [incidents], clock: () => now });
  feature = bot.app.servicesOf(incidents);
  repo = new TableIncidentRepository(bot.app.store.client('Incidents'));
});
afterAll(async () => {
  await feature?.rhythm.stop();
  await bot?.close();
  await connector?.close();
});

type Conv = ReturnType<typeof conversation>;
const text = (a: any) => JSON.stringify(a?.attachments?.[0]?.content ?? a?.text ?? '');
const lastTo = (conv: Conv) => connector.sent(conv.conversationId).at(-1);
/** The monthly figures card of a reply (an Adaptive Card, one column per month): its month and facts. */
function figuresOf(activity: any): { month: string; facts: Record<string, string> } {
  const card = activity?.attachments?.[0]?.content;
  expect(card?.type, JSON.stringify(activity)?.slice(0, 200)).toBe('AdaptiveCard');
  const column = card.body.find((b: any) => b.type === 'ColumnSet').columns[0];
  const facts = column.items.find((i: any) => i.type === 'FactSet').facts as { title: string; value: string }[];
  return { month: column.items[0].text, facts: Object.fromEntries(facts.map((f) => [f.title.trim(), f.value])) };
}
const teamOf = (conv: Conv): Workspace => ({ tenantId: conv.tenantId, scope: 'team', scopeId: conv.teamId! });
const invoke = (conv: Conv, verb: string, data: Record<string, unknown>, id?: string) => cardAction(conv, verb, data, { id });
/** Another person in the same channel. */
const colleague = (conv: Conv, name: string) =>
  conversation({ serviceUrl: connector.serviceUrl, scope: 'channel', tenantId: conv.tenantId, teamId: conv.teamId, conversationId: conv.conversationId, user: { id: `29:${randomUUID()}`, name, aadObjectId: randomUUID() } });
const cardOf = (res: { body: any }) => res.body?.value as Record<string, any>;
/** The ETag the card's actions carry (the version of the incident it shows). */
const etagOf = (card: unknown): string => {
  if (!card || typeof card !== 'object') return '';
  const o = card as Record<string, unknown>;
  if (typeof o.etag === 'string') return o.etag;
  for (const v of Object.values(o)) {
    const found = etagOf(v);
    if (found) return found;
  }
  return '';
};

const VENDOR_ANSWERS = ['Teams meetings', 'Meetings fail to start for everyone with error 500', 'Sales cannot hold customer calls; about 40 calls an hour are lost', 'all users', '40 minutes ago', 'A', 'vendor'];

/** Answers the dialog one message at a time; returns the replies to each answer. */
async function answerAll(conv: Conv, answers: readonly string[]): Promise<any[]> {
  const replies: any[] = [];
  for (const a of answers) {
    await bot.send(conv.message(a));
    replies.push(lastTo(conv));
  }
  return replies;
}

async function fileVendorIncident(conv: Conv, answers = VENDOR_ANSWERS): Promise<{ id: string; card: Record<string, any> }> {
  await bot.send(conv.message('escalate'));
  await answerAll(conv, answers);
  const res = await bot.send(invoke(conv, 'escalation.confirm', {}));
  const card = cardOf(res);
  const id = /SR-\d{6}-\d{4,}/.exec(JSON.stringify(card))?.[0];
  if (!id) throw new Error(`no SR number in ${JSON.stringify(res.body).slice(0, 400)}`);
  return { id, card };
}

describe('escalate: the dialog files an incident end to end', () => {
  it('asks one question at a time, explains the severities before the choice, and files a vendor case with an SR number', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await bot.send(conv.message('escalate'));
    expect(text(lastTo(conv))).toContain('Which service is affected?');
    const replies = await answerAll(conv, VENDOR_ANSWERS.slice(0, 5));
    expect(text(replies[0])).toContain('What is broken?');
    expect(text(replies[3])).toContain('When did it start?');
    // The severity question: what each level commits to is on the card before anyone picks.
    const severity = text(replies[4]);
    expect(severity).toContain('Which severity? I suggest A Critical');
    expect(severity).toContain('First response within 1 hour');
    expect(severity).toContain('Status updates every 2 hours in both directions');
    expect(severity).toContain('An outage notification goes to the designated audience');
    expect(severity).toContain('Only the vendor can declare it');
    expect(severity).toContain('The vendor updates us every 24 hours');
    // Severity 1 is explained but cannot be chosen by us.
    await bot.send(conv.message('1'));
    expect(text(lastTo(conv))).toContain('Only the vendor can declare severity 1 Catastrophic');
    await bot.send(conv.message('A'));
    expect(text(lastTo(conv))).toContain('Is the problem in one of the areas the vendor does not accept?');
    await bot.send(conv.message('vendor'));
    const confirm = text(lastTo(conv));
    expect(confirm).toContain('Confirm the escalation');
    expect(confirm).toContain('escalation.confirm');
    expect(confirm).toContain('Escalated to the vendor');

    const res = await bot.send(invoke(conv, 'escalation.confirm', {}));
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const card = cardOf(res);
    expect(JSON.stringify(card)).toContain('SR-202603-0001');
    expect(card.refresh.userIds).toEqual([conv.user.id]);
    expect(card.refresh.action.verb).toBe('incident.refresh');
    // The confirmation card became the incident card for everyone.
    expect(connector.updated().some((a) => JSON.stringify(a).includes('SR-202603-0001'))).toBe(true);

    // In Azurite: the record, its SR number, the conversation it came from, and its timeline.
    const ws = teamOf(conv);
    const stored = await repo.get(ws, 'SR-202603-0001');
    expect(stored?.incident).toMatchObject({ id: 'SR-202603-0001', number: 1, severity: 'A', state: 'recorded', service: 'Teams meetings', scope: { route: 'vendor' } });
    expect((stored!.incident as Incident & { conversationId?: string }).conversationId).toBe(conv.targetId);
    expect(stored!.incident.startedAt).toBe('2026-03-10T08:20:00.000Z');
    const timeline = await repo.timeline(ws, 'SR-202603-0001', { limit: 10 });
    expect(timeline.items).toHaveLength(1);
    expect(timeline.items[0]).toMatchObject({ kind: 'recorded', summary: expect.stringContaining('escalated to the vendor'), text: VENDOR_ANSWERS[2] });

    // Severity A is an outage: with no audience channel set, the notification is posted here and says so.
    await feature.rhythm.idle();
    const notice = connector.sent(conv.targetId).find((a) => text(a).includes('Outage notification'));
    expect(text(notice)).toContain('No audience channel is set');

    // A redelivered confirm files nothing twice.
    const again = await bot.send(invoke(conv, 'escalation.confirm', {}));
    expect(again.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect((await repo.list(ws, { state: 'all' }, { limit: 10 })).items).toHaveLength(1);
  });

  it('routes an out-of-scope case to the internal owning team, saying the vendor will not accept it', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await bot.send(conv.message('escalate Teams calling'));
    expect(text(lastTo(conv))).toContain('What is broken?'); // the service came with the command
    const replies = await answerAll(conv, [
      'Calls drop every few minutes at the Lyon site since the firewall was replaced',
      'The Lyon contact centre cannot take customer calls reliably',
      'about 300 users in Lyon',
      '08:15',
      'B',
    ]);
    const scope = text(replies[4]);
    expect(scope).toContain('The vendor does not accept escalations about that, so it goes to Network Operations instead.');
    expect(scope).toContain('Yes: route to Network Operations');
    await bot.send(conv.message('yes'));
    const confirm = text(lastTo(conv));
    expect(confirm).toContain('Not for the vendor: goes to Network Operations');
    expect(confirm).toContain('File and route to Network Operations');

    await bot.send(conv.message('confirm')); // typing works as well as the button
    const filed = text(lastTo(conv));
    expect(filed).toMatch(/SR-202603-\d{4}/);
    expect(filed).toContain('Network Operations (internal; the vendor does not accept this)');
    const id = /SR-202603-\d{4}/.exec(filed)![0];
    const stored = await repo.get(teamOf(conv), id);
    expect(stored?.incident.scope).toMatchObject({ route: 'internal', category: 'network', owningRole: 'Network Operations' });
    expect(stored?.incident.severity).toBe('B');
    expect(stored?.incident.startedAt).toBe('2026-03-10T08:15:00.000Z');
    const timeline = await repo.timeline(teamOf(conv), id, { limit: 10 });
    expect(timeline.items[0]!.summary).toContain('routed to Network Operations (the vendor does not accept this)');
  });
});

describe('escalate in one line', () => {
  it('"escalate sev A outage for Exchange" asks only what the line did not say, and files it', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await bot.send(conv.message('escalate sev A outage for Exchange'));
    const first = text(lastTo(conv));
    expect(first).toContain('What is the business impact?');
    expect(first).toContain('4 questions to go'); // impact, affected, started, scope
    const replies = await answerAll(conv, ['Nobody can send or receive customer mail', 'everyone at Warehouse 2 and Branch Paris', '09:00']);
    expect(text(replies[2])).toContain('Is the problem in one of the areas the vendor does not accept?');
    await bot.send(conv.message('vendor'));
    const confirm = text(lastTo(conv));
    expect(confirm).toContain('Confirm the escalation');
    expect(confirm).toContain('Severity A Critical');
    expect(confirm).toContain('Sites named: ');
    expect(confirm).toContain('Warehouse 2, Branch Paris');
    const filed = cardOf(await bot.send(invoke(conv, 'escalation.confirm', {})));
    const id = /SR-\d{6}-\d{4,}/.exec(JSON.stringify(filed))![0];
    const stored = (await repo.get(teamOf(conv), id))!.incident;
    expect(stored).toMatchObject({ severity: 'A', highestSeverity: 'A', service: 'Exchange', problem: 'outage for Exchange', affected: 'everyone at Warehouse 2 and Branch Paris' });
  });

  it('"escalate sev 1 Teams meetings down" keeps service and description, and asks the severity saying only the vendor declares 1', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await bot.send(conv.message('escalate sev 1 Teams meetings down'));
    expect(text(lastTo(conv))).toContain('What is the business impact?');
    const replies = await answerAll(conv, ['Sales cannot hold customer calls at all', 'all users', 'now']);
    const severity = text(replies[2]);
    expect(severity).toContain('Which severity?');
    expect(severity).toContain('Only the vendor can declare severity 1 Catastrophic. Choose A if the impact is critical');
    await answerAll(conv, ['A', 'vendor']);
    expect(text(lastTo(conv))).toContain('Teams meetings down');
  });

  it('typed while another dialog waits, a one-line escalation reads as the command and prose does not', () => {
    const form = escalationForm({ service: feature.service, clock: () => now, file: () => Promise.reject(new Error('not filed here')) });
    const takes = (args: string) => form.startedBy!.takes(args);
    expect(form.startedBy!.command).toBe('escalate');
    expect(takes('sev A outage for Exchange')).toBe(true);
    expect(takes('sev 1 Teams meetings down')).toBe(true);
    expect(takes('Teams meetings down')).toBe(true);
    expect(takes('to the network team')).toBe(false);
  });

  it('"escalate severity B for SharePoint: slow search" pre-fills severity, service and description', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await bot.send(conv.message('escalate severity B for SharePoint: slow search'));
    expect(text(lastTo(conv))).toContain('What is the business impact?');
    await answerAll(conv, ['Search results take a minute, people wait', 'about 300 users in HQ Building 2', '40 minutes ago', 'vendor']);
    const confirm = text(lastTo(conv));
    expect(confirm).toContain('Severity B Urgent');
    expect(confirm).toContain('slow search');
    expect(confirm).toContain('HQ Building 2');
  });
});

describe('clocks and figures', () => {
  it('the first response is due from the start the reporter gave, and the card shows the age from it', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const { id, card } = await fileVendorIncident(conv); // started "40 minutes ago": 08:20, recorded 09:00
    const stored = (await repo.get(teamOf(conv), id))!.incident;
    expect(stored).toMatchObject({ startedAt: '2026-03-10T08:20:00.000Z', recordedAt: '2026-03-10T09:00:00.000Z', responseDueAt: '2026-03-10T09:20:00.000Z' });
    expect(JSON.stringify(card)).toContain('"Age","value":"40 min (started 2026-03-10 08:20');
  });

  it('monthly figures count an incident at the highest severity it reached, older records from their timeline', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const ws = teamOf(conv);
    const { id, card } = await fileVendorIncident(conv, [...VENDOR_ANSWERS.slice(0, 5), 'C', 'vendor']);
    const ack = cardOf(await bot.send(invoke(conv, 'incident.acknowledge', { incidentId: id, etag: etagOf(card) })));
    const raised = cardOf(await bot.send(invoke(conv, 'incident.severity', { incidentId: id, etag: etagOf(ack), severity: 'A', impact: 'Now no meeting at all starts, sales has stopped' })));
    await bot.send(invoke(conv, 'incident.severity', { incidentId: id, etag: etagOf(raised), severity: 'B', impact: 'Most meetings start again; some still fail' }));
    expect((await repo.get(ws, id))!.incident).toMatchObject({ severity: 'B', highestSeverity: 'A' });

    // An incident stored before the record kept its highest severity: A, lowered to C.
    const before = (await repo.get(ws, id))!.incident;
    const { highestSeverity: _, ...legacy } = { ...before, id: 'SR-202603-9001', number: 9001, severity: 'C' as const, timelineCount: 2 };
    const actor = { id: 'u', name: 'Someone' };
    await repo.create(legacy, [
      { incidentId: legacy.id, seq: 1, at: legacy.recordedAt, actor, kind: 'recorded', summary: 'Recorded as severity A Critical' },
      { incidentId: legacy.id, seq: 2, at: legacy.recordedAt, actor, kind: 'severity-changed', summary: 'Severity A Critical → C Important', from: 'A', to: 'C' },
    ]);
    await bot.send(conv.message('incidents figures 2026-03'));
    expect(figuresOf(lastTo(conv))).toMatchObject({ month: '2026-03', facts: { Recorded: '2', 'Severity 1 Catastrophic': '0', 'Severity A Critical': '2', 'Severity B Urgent': '0', 'Severity C Important': '0', 'Severity D Advisory': '0' } });
  });
});

describe('incident verbs', () => {
  it('two people acting on the same incident at once lose no change', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const { id, card } = await fileVendorIncident(conv);
    const ws = teamOf(conv);
    const ack = await bot.send(invoke(conv, 'incident.acknowledge', { incidentId: id, etag: etagOf(card) }));
    const shown = cardOf(ack);
    expect(JSON.stringify(shown)).toContain('Acknowledged');

    // Both post an update from the same card at the same moment.
    const ana = colleague(conv, 'Ana Owner');
    const ben = colleague(conv, 'Ben Desk');
    const [a, b] = await Promise.all([
      bot.send(invoke(ana, 'incident.update', { incidentId: id, etag: etagOf(shown), updateText: 'Vendor ticket opened, engineers engaged' })),
      bot.send(invoke(ben, 'incident.update', { incidentId: id, etag: etagOf(shown), updateText: 'Workaround: dial in by phone' })),
    ]);
    for (const r of [a, b]) expect(r.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const after = (await repo.get(ws, id))!.incident;
    expect(after.updatesTotal).toBe(2);
    const timeline = (await repo.timeline(ws, id, { limit: 20 })).items;
    expect(timeline.filter((e) => e.kind === 'update').map((e) => e.text).sort()).toEqual(['Vendor ticket opened, engineers engaged', 'Workaround: dial in by phone']);
    // The refresh block names the people concerned: the actor, the reporter and the owner.
    expect(cardOf(b).refresh.userIds).toEqual(expect.arrayContaining([ben.user.id, conv.user.id]));

    // A change made from a card that is out of date is not applied silently: the person gets
    // the latest card saying someone changed it, and can try again.
    const stale = await bot.send(invoke(ana, 'incident.severity', { incidentId: id, etag: etagOf(shown), severity: 'B', impact: 'Only some meetings fail now; most people can work' }));
    expect(stale.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(cardOf(stale))).toContain('while you were looking at it, so your change was not applied');
    expect((await repo.get(ws, id))!.incident.severity).toBe('A');
    const retry = await bot.send(invoke(ana, 'incident.severity', { incidentId: id, etag: etagOf(cardOf(stale)), severity: 'B', impact: 'Only some meetings fail now; most people can work' }));
    expect(JSON.stringify(cardOf(retry))).toContain('Severity B Urgent');
    expect((await repo.get(ws, id))!.incident.severity).toBe('B');
  });

  it('the same invoke delivered three times changes state once, and every delivery gets a card', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const { id, card } = await fileVendorIncident(conv);
    const ws = teamOf(conv);
    const ack = cardOf(await bot.send(invoke(conv, 'incident.acknowledge', { incidentId: id, etag: etagOf(card) })));
    const before = (await repo.get(ws, id))!.incident;

    // Sequential redelivery (Teams retrying after a timeout).
    const escalate = invoke(conv, 'incident.escalate', { incidentId: id, etag: etagOf(ack), resolverGroup: 'Vendor L2 support' });
    const sequential = [await bot.send(escalate), await bot.send(escalate), await bot.send(escalate)];
    // Concurrent redelivery of another action.
    const update = invoke(conv, 'incident.update', { incidentId: id, etag: etagOf(ack), updateText: 'L2 is looking at the media relays' });
    const concurrent = await Promise.all([bot.send(update), bot.send(update), bot.send(update)]);

    for (const r of [...sequential, ...concurrent]) {
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
      expect(JSON.stringify(cardOf(r))).toContain(id);
      expect(JSON.stringify(cardOf(r))).not.toContain('Someone changed');
    }
    const after = (await repo.get(ws, id))!.incident;
    expect(after).toMatchObject({ escalationLevel: 1, resolverGroup: 'Vendor L2 support', updatesTotal: 1 });
    expect(after.version).toBe(before.version + 2);
    const timeline = (await repo.timeline(ws, id, { limit: 20 })).items;
    expect(timeline.filter((e) => e.kind === 'escalated')).toHaveLength(1);
    expect(timeline.filter((e) => e.kind === 'update')).toHaveLength(1);
  });

  it('answers every verb with a valid response, including refused steps and views', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const { id, card } = await fileVendorIncident(conv);
    let etag = etagOf(card);
    const step = async (verb: string, data: Record<string, unknown> = {}) => {
      const r = await bot.send(invoke(conv, verb, { incidentId: id, etag, ...data }));
      expect(r.body).toMatchObject({ statusCode: 200 });
      if (r.body.type === 'application/vnd.microsoft.card.adaptive') etag = etagOf(cardOf(r));
      return r;
    };
    expect(JSON.stringify(cardOf(await step('incident.close')).body)).toContain('before closing it');
    await step('incident.acknowledge');
    await step('incident.escalate', { resolverGroup: 'Vendor L2' });
    expect(JSON.stringify(cardOf(await step('incident.deescalate')))).toContain('De-escalated');
    expect(JSON.stringify(cardOf(await step('incident.update', { updateText: '' })))).toContain('Please write the status update');
    await step('incident.resolve', { resolutionKind: 'workaround', resolutionText: 'Join by phone until the fix ships' });
    await step('incident.reopen', { reopenReason: 'It is back for Lyon' });
    await step('incident.resolve', { resolutionKind: 'resolution', resolutionText: 'Vendor rolled back the media change' });
    const closed = await step('incident.close');
    expect(JSON.stringify(cardOf(closed))).toContain('Closed');
    expect((await repo.get(teamOf(conv), id))!.incident.state).toBe('closed');
    const refreshed = await bot.send(invoke(conv, 'incident.refresh', { incidentId: id }));
    expect(refreshed.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const opened = await bot.send(invoke(conv, 'incident.open', { incidentId: id }));
    expect(opened.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(text(lastTo(conv))).toContain(id);
    const missing = await bot.send(invoke(conv, 'incident.acknowledge', { incidentId: 'SR-202603-9999', etag: 'x' }));
    expect(missing.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    const garbage = await bot.send(invoke(conv, 'incident.update', {}));
    expect(garbage.body).toMatchObject({ statusCode: 400 });
  });
});

describe('the incidents command', () => {
  it('lists open incidents, by severity and overdue, pages with the incident.list verb, and reports monthly figures', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const ids: string[] = [];
    for (let i = 0; i < 22; i++) ids.push((await fileVendorIncident(conv, i % 2 ? VENDOR_ANSWERS : [...VENDOR_ANSWERS.slice(0, 5), 'C', 'vendor'])).id);
    await bot.send(conv.message('incidents'));
    const first = lastTo(conv).attachments[0].content;
    expect(JSON.stringify(first)).toContain('Open incidents');
    expect(JSON.stringify(first)).toContain(ids.at(-1)); // newest first
    const next = first.actions.find((a: any) => a.title === 'Next page');
    expect(next.verb).toBe('incident.list');
    const page2 = cardOf(await bot.send(invoke(conv, 'incident.list', next.data)));
    expect(JSON.stringify(page2)).toContain(ids[0]);
    expect(JSON.stringify(page2)).not.toContain(ids.at(-1));

    await bot.send(conv.message('incidents A'));
    const onlyA = JSON.stringify(lastTo(conv).attachments[0].content);
    expect(onlyA).toContain('severity A');
    expect(onlyA).not.toContain('Severity C Important');

    now = new Date(now.getTime() + 3 * 3_600_000); // A updates (every 2 h) are now overdue
    await bot.send(conv.message('incidents overdue'));
    const overdue = JSON.stringify(lastTo(conv).attachments[0].content);
    expect(overdue).toContain('update overdue');
    expect(overdue).toContain('Update overdue: was due');

    await bot.send(conv.message(`incidents ${ids[3]}`));
    expect(text(lastTo(conv))).toContain(ids[3]);
    await bot.send(conv.message('incidents figures 2026-03'));
    const figures = lastTo(conv);
    expect(figures.summary).toBe('Incident figures for 2026-03');
    expect(JSON.stringify(figures.attachments[0].content)).toContain('Times in UTC.');
    expect(figuresOf(figures)).toMatchObject({ month: '2026-03', facts: { Recorded: '22', 'Severity 1 Catastrophic': '0', 'Severity A Critical': '11', 'Severity B Urgent': '0', 'Severity C Important': '11', 'Severity D Advisory': '0' } });
    await bot.send(conv.message('incidents figures March'));
    expect(lastTo(conv).text).toContain('is not a month');
    await bot.send(conv.message('incidents whatever'));
    expect(lastTo(conv).text).toContain("I don't understand");
  });

  it('sends outage notifications to the audience channel once one is set', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const audienceChannel = `19:audience-${randomUUID()}@thread.tacv2`;
    await bot.send(conv.message('incidents audience', {
      conversation: { id: `${audienceChannel};messageid=1`, conversationType: 'channel', tenantId: conv.tenantId, isGroup: true },
      channelData: { tenant: { id: conv.tenantId }, team: { id: conv.teamId }, channel: { id: audienceChannel } },
    }));
    expect(connector.sent(`${audienceChannel};messageid=1`).at(-1).text).toContain('now the outage audience');
    const { id, card } = await fileVendorIncident(conv);
    await feature.rhythm.idle();
    const declared = connector.sent(audienceChannel).filter((a) => text(a).includes(id));
    expect(declared.map(text).join()).toContain('Outage notification');
    const ack = cardOf(await bot.send(invoke(conv, 'incident.acknowledge', { incidentId: id, etag: etagOf(card) })));
    const updated = cardOf(await bot.send(invoke(conv, 'incident.update', { incidentId: id, etag: etagOf(ack), updateText: 'Vendor is rolling back' })));
    await bot.send(invoke(conv, 'incident.resolve', { incidentId: id, etag: etagOf(updated), resolutionKind: 'resolution', resolutionText: 'Rolled back' }));
    await feature.rhythm.idle();
    const kinds = connector.sent(audienceChannel).filter((a) => text(a).includes(id))
      .map((a) => (text(a).includes('Outage resolved') ? 'resolved' : text(a).includes('Outage update') ? 'update' : text(a).includes('Outage notification') ? 'declared' : 'other'));
    expect(kinds).toEqual(['declared', 'update', 'resolved']);
    expect(connector.sent(conv.targetId).filter((a) => text(a).includes(id) && text(a).includes('Outage'))).toHaveLength(0);
  });
});

describe('many people filing at once', () => {
  it('50 concurrent confirmations from different users get 50 distinct SR numbers', async () => {
    const base = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const people = Array.from({ length: 50 }, (_, i) => colleague(base, `Agent ${i}`));
    // Everyone gets to the confirmation card (in parallel), then all confirm at once.
    await Promise.all(people.map(async (p) => {
      await bot.send(p.message('escalate'));
      for (const a of VENDOR_ANSWERS) await bot.send(p.message(a));
    }));
    const responses = await Promise.all(people.map((p) => bot.send(invoke(p, 'escalation.confirm', {}))));
    const ids = responses.map((r) => /SR-\d{6}-\d{4,}/.exec(JSON.stringify(r.body))?.[0]);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(50);
    const stored = await repo.list(teamOf(base), { state: 'all' }, { limit: 50 });
    expect(new Set(stored.items.map((s) => s.incident.number)).size).toBe(50);
  }, 120_000);
});
