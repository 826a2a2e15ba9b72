// What the jobs send later on, on the product as `npm start` runs it. The launcher's clock starts
// where CLOCK_START says (as a person rehearsing would set it in env/.env.local.user) and the
// product is stopped and started again on the same data folder, as after a restart:
//   - at 08:30 (London) a role gets a contact person, and a severity A case goes to the vendor,
//     who accepts it and gives its SR number;
//   - started again at 09:01, the 09:00 reminder digest @mentions the role's contact;
//   - started again just after the vendor's first update was due (seed 003: every 2 hours for
//     severity A), the rhythm flags the vendor breach within minutes and reminds our owner to
//     post an update, @mentioning them in both cards.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checklistInputId } from '../../bot/src/cards/incident-verbs';
import { TROUBLESHOOTING_CHECKLIST } from '../../bot/src/domain/incidents/vendor-case';
import { conversation } from '../support/activities';
import { type LocalConnector, startConnector } from '../support/connector';
import { endJourney, freePorts, type LaunchedProduct, launchProduct } from './support/product';
import { brokenIn, buttons, cardText, type Conv, TeamsClient, tenant, type Tenant } from './support/teams';

const MIN = 60_000;
// env/.env.local sets Europe/London: 07:30Z is 08:30 there, on a Monday in summer time.
const START = Date.parse('2026-06-01T07:30:00Z');
const VENDOR_UPDATE_EVERY = 2 * 60 * MIN;

let connector: LocalConnector;
let product: LaunchedProduct | undefined;
let a: Tenant;
let contact: Conv;
let owner: Conv;
let srNumber = '';
const errorLines: string[] = [];
type Entity = { type: string; text: string; mentioned: { id: string; name: string } };

/** Starts the product with its clock at `at`, on the data of the first start. */
async function startAt(at: number): Promise<TeamsClient> {
  const dataDir = product?.dataDir;
  if (product) {
    errorLines.push(...product.errorLines());
    await product.stop();
  }
  product = await launchProduct({ ports: await freePorts(), env: { CLOCK_START: new Date(at).toISOString() }, ...(dataDir ? { dataDir } : {}) });
  expect(product.output()).toContain(`Clock:      started at ${new Date(at).toISOString()}`);
  return new TeamsClient(product, connector);
}

const cardsTo = (conv: Conv) => connector.sent(conv.targetId).map((x) => x?.attachments?.[0]?.content).filter(Boolean);

function mentionsOf(card: any): Entity[] {
  const shown = [...JSON.stringify(card.body).matchAll(/"(?:text|value)":("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]!) as string);
  const entities = (card.msteams?.entities ?? []) as Entity[];
  for (const e of entities) expect(shown.some((t) => t.includes(e.text)), `${e.text} is shown`).toBe(true);
  return entities;
}

async function press(teams: TeamsClient, conv: Conv, card: any, verb: string, inputs: Record<string, unknown> = {}): Promise<any> {
  const button = buttons(card).find((b) => b.verb === verb);
  expect(button, `no ${verb} on the card: ${cardText(card).slice(0, 300)}`).toBeDefined();
  const r = await teams.press(conv, verb, { ...button!.data, ...inputs });
  expect(brokenIn(r.text), r.text.slice(0, 300)).toBeUndefined();
  expect(r.cards, r.text.slice(0, 300)).toHaveLength(1);
  return r.cards[0];
}

beforeAll(async () => {
  connector = await startConnector();
  a = tenant(connector, 'lena');
  const person = (name: string) => conversation({ serviceUrl: connector.serviceUrl, scope: 'channel', tenantId: a.id, teamId: a.channel.teamId, conversationId: a.channel.conversationId, user: { id: `29:${name}-${randomUUID()}`, name, aadObjectId: randomUUID() } });
  contact = person('Sam Ortega');
  owner = person('Olga Owner');
});

afterAll(async () => {
  errorLines.push(...(await endJourney(product, connector)));
  expect(errorLines).toEqual([]);
});

describe('the product started again later', () => {
  it('08:30: a role gets its contact person, and a severity A case is accepted by the vendor', async () => {
    const teams = await startAt(START);
    await teams.install(a.channel);
    const setUp = await teams.say(a.channel, 'reminders');
    expect(brokenIn(setUp.text)).toBeUndefined();
    const made = await teams.press(contact, 'role.makeContact', { roleId: 'service-owner' });
    expect(made.text).toContain('Sam Ortega is now the contact for Service Owner.');

    await teams.say(a.channel, 'escalate');
    let last;
    for (const answer of ['Teams meetings', 'Later-on journey: meetings fail to start with error 500', 'Sales cannot hold customer calls', 'all users', 'now', 'A', 'vendor']) last = await teams.say(a.channel, answer);
    const confirm = last!.cards.flatMap((c) => buttons(c)).find((b) => b.verb === 'escalation.confirm');
    const filed = await teams.press(a.channel, confirm!.verb, confirm!.data);
    srNumber = /SR-\d{6}-\d{4,}/.exec(filed.text)![0];
    let card = await press(teams, owner, filed.cards[0], 'incident.acknowledge');
    const ticked = Object.fromEntries(TROUBLESHOOTING_CHECKLIST.map((c) => [checklistInputId(c.id), 'true']));
    card = await press(teams, owner, card, 'incident.vendor.escalate', ticked);
    card = await press(teams, owner, card, 'incident.vendor.accept', { vendorSr: '2606010040007788', vendorRespondedDate: '', vendorRespondedTime: '' });
    expect(cardText(card)).toContain('Vendor SR number: 2606010040007788');
    expect(cardText(card)).toMatch(/Next vendor update: Pending \(due /);
    // Nothing was due at 08:30: no digest, no breach.
    expect(cardsTo(a.channel).filter((c) => /operations task|Vendor breach/.test(JSON.stringify(c)))).toEqual([]);
  });

  it('09:01: the 09:00 digest @mentions the role\'s contact person', async () => {
    await startAt(Date.parse('2026-06-01T08:01:00Z'));
    const digest = () => cardsTo(a.channel).find((c) => JSON.stringify(c).includes('operations task'));
    await connector.waitFor(() => digest() !== undefined);
    const entities = mentionsOf(digest());
    expect(entities.map((e) => [e.text, e.mentioned.id])).toContainEqual(['<at>Sam Ortega</at>', contact.user.aadObjectId]);
  });

  it('seed 003: just after the vendor\'s 2-hourly update was due, the breach is flagged and our owner is reminded, both mentioning the owner', async () => {
    // The vendor accepted within the first start, which began at START: its update was due 2 h
    // after that, so starting 2 h 5 min after START is at most 5 minutes past the due time.
    await startAt(START + VENDOR_UPDATE_EVERY + 5 * MIN);
    const about = (pattern: RegExp) => cardsTo(a.channel).filter((c) => JSON.stringify(c).includes(srNumber) && pattern.test(JSON.stringify(c)));
    await connector.waitFor(() => about(/Vendor breach/).length > 0 && about(/Status update (due|overdue)/).length > 0);
    const [breach] = about(/Vendor breach/);
    const overdueBy = /the vendor's update is overdue by (\d+) min/.exec(cardText(breach));
    expect(overdueBy, cardText(breach).slice(0, 400)).not.toBeNull();
    expect(Number(overdueBy![1])).toBeLessThanOrEqual(6);
    expect(cardText(breach)).toContain('2606010040007788');
    expect(mentionsOf(breach).map((e) => e.mentioned.id)).toEqual([owner.user.id]);
    const [reminder] = about(/Status update (due|overdue)/);
    expect(mentionsOf(reminder).map((e) => e.mentioned.id)).toEqual([owner.user.id]);
    expect(about(/Vendor breach/)).toHaveLength(1);
  });
});
