// People, on the product as `npm start` runs it: the owner of an incident is @mentioned in the
// cards about it that Teams receives (the incident card once acknowledged, the outage update
// posted to the channel), and `my work` lists a person's own records and due tasks in each
// tenant, never the other tenant's, in chat and in the My work tab view.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversation } from '../support/activities';
import { type LocalConnector, startConnector } from '../support/connector';
import { endJourney, type LaunchedProduct, launchProduct } from './support/product';
import { brokenIn, buttons, type Conv, TeamsClient, tenant, type Tenant } from './support/teams';

let connector: LocalConnector;
let product: LaunchedProduct;
let teams: TeamsClient;
let a: Tenant;
let b: Tenant;
let owner: Conv;
let srNumber = '';
let findingId = '';
type Entity = { type: string; text: string; mentioned: { id: string; name: string } };

/** The mention entities of a card, each checked against the text the card shows. */
function mentionsOf(card: any): Entity[] {
  const shown = [...JSON.stringify(card.body).matchAll(/"(?:text|value)":("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]!) as string);
  const entities = (card.msteams?.entities ?? []) as Entity[];
  for (const e of entities) {
    expect(e.type).toBe('mention');
    expect(e.mentioned.id).toBeTruthy();
    expect(shown.some((t) => t.includes(e.text)), `${e.text} is shown`).toBe(true);
  }
  for (const tag of shown.flatMap((t) => t.match(/<at>.*?<\/at>/g) ?? [])) expect(entities.map((e) => e.text)).toContain(tag);
  return entities;
}

async function pressFrom(conv: Conv, cards: any[], verb: string, extra: Record<string, unknown> = {}) {
  const button = cards.flatMap((c) => buttons(c)).find((x) => x.verb === verb);
  expect(button, `no ${verb} button`).toBeDefined();
  const r = await teams.press(conv, button!.verb, { ...button!.data, ...extra });
  expect(brokenIn(r.text), r.text.slice(0, 400)).toBeUndefined();
  return r;
}

beforeAll(async () => {
  connector = await startConnector();
  product = await launchProduct();
  teams = new TeamsClient(product, connector);
  a = tenant(connector, 'petra');
  b = tenant(connector, 'paul');
  for (const t of [a, b]) await teams.install(t.channel);
  // The owner is another person in tenant A's channel.
  owner = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel', tenantId: a.id, teamId: a.channel.teamId, conversationId: a.channel.conversationId, user: { id: `29:olga-${randomUUID()}`, name: 'Olga [Owner]', aadObjectId: randomUUID() } });
});

afterAll(async () => {
  expect(await endJourney(product, connector)).toEqual([]);
});

describe('the incident owner is mentioned', () => {
  it('in the incident card once acknowledged and in the outage update posted to the channel', async () => {
    await teams.say(a.channel, 'escalate');
    for (const answer of ['Exchange', 'people-journey mail flow stopped', 'No mail in or out', 'all users', '10 minutes ago', 'A']) await teams.say(a.channel, answer);
    const draft = await teams.say(a.channel, 'vendor');
    const filed = await pressFrom(a.channel, draft.cards, 'escalation.confirm');
    srNumber = /SR-\d{6}-\d{4,}/.exec(filed.text)![0];
    const outages = () => connector.sent(a.channel.targetId).map((x) => x?.attachments?.[0]?.content).filter((c) => c && JSON.stringify(c).includes(srNumber) && /Outage (notification|update)/.test(JSON.stringify(c)));
    await connector.waitFor(() => outages().length >= 1);
    // Declared while nobody owns it: the owner line says so, and no mention is made up.
    expect(mentionsOf(outages()[0])).toEqual([]);

    const ack = await pressFrom(owner, filed.cards, 'incident.acknowledge');
    expect(mentionsOf(ack.cards[0]).map((e) => [e.text, e.mentioned.id])).toEqual([['<at>Olga \\[Owner\\]</at>', owner.user.id]]);

    await pressFrom(owner, ack.cards, 'incident.update', { updateText: 'Vendor engaged, mail queues held' });
    await connector.waitFor(() => outages().some((c) => JSON.stringify(c).includes('Outage update')));
    const update = outages().find((c) => JSON.stringify(c).includes('Outage update'));
    expect(mentionsOf(update)).toEqual([{ type: 'mention', text: '<at>Olga \\[Owner\\]</at>', mentioned: { id: owner.user.id, name: 'Olga [Owner]' } }]);
  });
});

describe('my work', () => {
  it('lists what each person filed, raised or owns, linked to the My work tab', async () => {
    const draft = await teams.say(a.channel, 'finding VPN: people-journey poor audio in Building 6, PSR 4.1%');
    const filed = await pressFrom(a.channel, draft.cards, 'finding.confirm');
    findingId = /QF-\d{4}/.exec(filed.text)![0];

    const petra = await teams.say(a.channel, 'my work');
    expect(petra.cards).toHaveLength(1);
    expect(brokenIn(petra.text)).toBeUndefined();
    expect(petra.text).toContain(findingId);
    expect(petra.text).toContain(srNumber);
    expect(petra.text).toContain('you raised it');
    expect(petra.text).toContain(`record=finding%3A${findingId}`);

    const olga = await teams.say(owner, 'my work');
    expect(olga.text).toContain(srNumber);
    expect(olga.text).toContain('you own it');
    expect(olga.text).not.toContain(findingId);
  });

  it('shows tenant B nothing of tenant A, in chat and in the tab view', async () => {
    const paul = await teams.say(b.channel, 'my work');
    expect(paul.cards).toHaveLength(1);
    expect(paul.text).not.toMatch(/people-journey|QF-\d{4}|SR-\d{6}-\d+/);
    expect(paul.text).toContain('My findings (0)');
    for (const t of [a, b]) {
      const r = await product.tab(`/api/tab/views/my-work?${new URLSearchParams({ workspace: `${t.id}|team|${t.channel.teamId}` })}`);
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
      expect(r.body.cards).toHaveLength(1);
      if (t === b) expect(JSON.stringify(r.body)).not.toMatch(/people-journey|QF-\d{4}|SR-\d{6}-\d+/);
    }
  });
});
