// The message extension over HTTP, the way Teams talks to the bot: a dialog pre-filled from a
// message (its HTML body), filed through the domain services or refused with the problems on
// the form; searches and unfurled links that show the record's real card, only in the caller's
// own workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../bot/src/domain/workspace';
import { type BuiltProduct, createProductFeature } from '../../bot/src/features/wiring';
import type { Feature } from '../../bot/src/features/feature';
import { COMPOSE_COMMANDS } from '../../bot/src/teams/message-extension';
import { conversation } from '../support/activities';
import { composeFetchTask, composeQuery, composeQueryLink, composeSubmitAction, formValues, messagePayload } from '../support/compose-invokes';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

const now = new Date('2026-11-20T09:00:00Z');
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let product: BuiltProduct;
const feature: Feature<BuiltProduct> = createProductFeature();

beforeAll(async () => {
  connector = await startConnector();
  bot = await startServiceOps({}, { features: [feature], clock: () => now });
  product = bot.app.servicesOf(feature);
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

type Conv = ReturnType<typeof conversation>;
const channel = (tenantId: string): Conv => conversation({ serviceUrl: connector.serviceUrl, scope: 'channel', tenantId });
const teamOf = (conv: Conv): Workspace => ({ tenantId: conv.tenantId, scope: 'team', scopeId: conv.teamId! });
let channelA: Conv;
const a = () => channelA;
let channelB: Conv;
beforeAll(() => {
  channelA = channel('tenant-a-' + Math.random().toString(16).slice(2));
  channelB = channel('tenant-b-' + Math.random().toString(16).slice(2));
});

async function ok(activity: unknown) {
  const r = await bot.send(activity);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}
const dialogCard = (body: any) => {
  expect(body.task?.type, JSON.stringify(body)).toBe('continue');
  expect(body.task.value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return body.task.value.card.content;
};
const results = (body: any) => {
  expect(body.composeExtension?.type, JSON.stringify(body)).toBe('result');
  expect(body.composeExtension.attachmentLayout).toBe('list');
  return body.composeExtension.attachments as any[];
};
const openFindings = async (ws: Workspace) => (await product.findings.service.list(ws, { statuses: ['new', 'accepted', 'in-remediation', 'remediated', 'verified', 'wont-fix'] })).items;

describe('File a finding from a message', () => {
  const payload = messagePayload('<p>VPN: poor audio in <b>Building 6</b>, PSR 4.1%</p><p>&lt;b&gt;not bold&lt;/b&gt; says <at id="0">Ana</at></p>');

  it('opens a dialog pre-filled from the message, files it, and answers with the finding card', async () => {
    const form = dialogCard(await ok(composeFetchTask(a(), COMPOSE_COMMANDS.fileFinding, payload)));
    const values = formValues(form);
    expect(values).toMatchObject({ category: 'vpn', building: 'Building 6', metric: 'poor-stream-rate', value: '4.1', owningRole: 'Network Operations', evidence: payload.linkToMessage });
    expect(values.description).toBe('VPN: poor audio in Building 6, PSR 4.1%\n<b>not bold</b> says Ana');
    expect(JSON.stringify(form)).toContain('Pre-filled from a message by Ana Champion');

    const submit = composeSubmitAction(a(), COMPOSE_COMMANDS.fileFinding, values, payload);
    const [item] = results(await ok(submit));
    expect(item.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(item.preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    expect(item.preview.content.title).toMatch(/^QF-\d{4} · VPN$/);
    const [filed] = await openFindings(teamOf(a()));
    expect(filed).toMatchObject({ category: 'vpn', building: 'Building 6', value: 4.1, description: values.description, createdBy: { id: a().user.id } });
    // The same card the bot posts: its number, the text literally, its buttons.
    const json = JSON.stringify(item.content);
    expect(json).toContain(filed!.id);
    expect(json).toContain('<b>not bold</b> says Ana');
    expect(json).toContain('finding.accept');

    // Submitting the same dialog again (a retry, a double click) files nothing new.
    const again = results(await ok(composeSubmitAction(a(), COMPOSE_COMMANDS.fileFinding, values, payload)));
    expect(JSON.stringify(again[0].content)).toContain(filed!.id);
    expect(await openFindings(teamOf(a()))).toHaveLength(1);
  });

  it('refuses bad input on the form, with every problem under its field, and files nothing', async () => {
    const form = dialogCard(await ok(composeFetchTask(channelB, COMPOSE_COMMANDS.fileFinding, payload)));
    const bad = formValues(form, { subnet: '10.1.2.300/24', value: '140', evidence: 'not a link', description: '' });
    const refused = dialogCard(await ok(composeSubmitAction(channelB, COMPOSE_COMMANDS.fileFinding, bad, payload)));
    const text = JSON.stringify(refused);
    expect(text).toContain('Nothing was filed');
    for (const label of ['Subnet', 'Value', 'Evidence link', 'What did you see?']) expect(text).toContain(`${label}: `);
    // What was typed stays in the form, the dialog keeps its id.
    expect(formValues(refused)).toMatchObject({ subnet: '10.1.2.300/24', value: '140', formId: bad.formId });
    expect(await openFindings(teamOf(channelB))).toEqual([]);
  });
});

describe('Escalate from a message', () => {
  it('opens the escalation dialog pre-filled, refuses what is missing, then files the incident', async () => {
    const payload = messagePayload('<p>sev B Teams meetings: calls drop every few minutes over the VPN for the Lyon office</p>');
    const form = dialogCard(await ok(composeFetchTask(a(), COMPOSE_COMMANDS.escalate, payload)));
    const values = formValues(form);
    expect(values).toMatchObject({ service: 'Teams meetings', severity: 'B', started: 'now' });
    expect(values.problem).toContain('calls drop every few minutes');

    const refused = dialogCard(await ok(composeSubmitAction(a(), COMPOSE_COMMANDS.escalate, values, payload)));
    expect(JSON.stringify(refused)).toMatch(/Business impact: .*business impact/);
    expect((await product.incidents.service.list(teamOf(a()), { state: 'all' }, { limit: 10 })).items).toEqual([]);

    const filled = { ...formValues(refused), impact: 'Sales calls with customers fail all morning.', affected: '300 users in Lyon' };
    const [item] = results(await ok(composeSubmitAction(a(), COMPOSE_COMMANDS.escalate, filled, payload)));
    const [stored] = (await product.incidents.service.list(teamOf(a()), { state: 'all' }, { limit: 10 })).items;
    expect(stored!.incident).toMatchObject({ service: 'Teams meetings', severity: 'B', scope: { route: 'internal', owningRole: 'Network Operations' } });
    expect(item.preview.content.title).toBe(`${stored!.incident.id} · Severity B`);
    expect(JSON.stringify(item.content)).toContain(stored!.incident.id);
  });
});

describe('search and link unfurling', () => {
  it('finds records by number, text and status, each as its real card, only in the caller\'s workspace', async () => {
    const [finding] = await openFindings(teamOf(a()));
    const [incident] = (await product.incidents.service.list(teamOf(a()), { state: 'all' }, { limit: 10 })).items;
    const titles = async (conv: Conv, text: string) => results(await ok(composeQuery(conv, COMPOSE_COMMANDS.search, text))).map((x) => x.preview.content.title as string);

    expect(await titles(a(), finding!.id.toLowerCase())).toEqual([`${finding!.id} · VPN`]);
    expect(await titles(a(), incident!.incident.id)).toEqual([`${incident!.incident.id} · Severity B`]);
    expect(await titles(a(), 'lyon')).toEqual([`${incident!.incident.id} · Severity B`]);
    expect(await titles(a(), 'status:new building 6')).toEqual([`${finding!.id} · VPN`]);
    expect((await titles(a(), 'vpn')).sort()).toEqual([`${finding!.id} · VPN`, `${incident!.incident.id} · Severity B`].sort());
    const initial = results(await ok(composeQuery(a(), COMPOSE_COMMANDS.search, { initialRun: true })));
    expect(initial).toHaveLength(2);
    expect(JSON.stringify(initial[0].content)).toMatch(/"type":"AdaptiveCard"/);

    // Tenant B, in a team of the same id: none of A's records, by number or by text.
    const sameTeamOtherTenant = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel', tenantId: channelB.tenantId, teamId: a().teamId });
    for (const conv of [channelB, sameTeamOtherTenant]) {
      expect(await titles(conv, finding!.id)).toEqual([]);
      expect(await titles(conv, incident!.incident.id)).toEqual([]);
      expect(await titles(conv, 'vpn')).toEqual([]);
      expect(results(await ok(composeQuery(conv, COMPOSE_COMMANDS.search, { initialRun: true })))).toEqual([]);
    }
  });

  it('unfurls the app\'s links to a finding or an incident into the record card, in its own workspace only', async () => {
    const [finding] = await openFindings(teamOf(a()));
    const [incident] = (await product.incidents.service.list(teamOf(a()), { state: 'all' }, { limit: 10 })).items;
    const base = 'https://serviceops.example.net/tabs/index.html';
    const [f] = results(await ok(composeQueryLink(a(), `${base}?view=findings&finding=${finding!.id}`)));
    expect(JSON.stringify(f.content)).toContain(finding!.id);
    const [i] = results(await ok(composeQueryLink(a(), `${base}?view=incidents&incident=${incident!.incident.id}`)));
    expect(JSON.stringify(i.content)).toContain(incident!.incident.id);
    expect(results(await ok(composeQueryLink(channelB, `${base}?view=findings&finding=${finding!.id}`)))).toEqual([]);
    expect(results(await ok(composeQueryLink(a(), `${base}?view=roles`)))).toEqual([]);
  });

  it('answers a command it does not know with a message, not a failure', async () => {
    const body = await ok(composeFetchTask(a(), 'noSuchCommand'));
    expect(body.task).toEqual({ type: 'message', value: expect.stringMatching(/no longer part of Service Ops/) });
    expect(bot.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});
