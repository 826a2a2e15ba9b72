// The steering committee inside its Teams meeting, on the product as `npm start` runs it: the
// agenda tab opened as the meeting's side panel records a decision and an action from its cards'
// buttons; when Teams ends the meeting (the meetingEnd event, delivered twice as Teams may) the
// minutes are posted to the project channel once, and the next agenda, in chat and in the tab,
// shows the decision and the action under "Actions from the last meeting".
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalConnector, startConnector } from '../support/connector';
import { endJourney, type LaunchedProduct, launchProduct } from './support/product';
import { brokenIn, buttons, cardText, type Conv, TeamsClient, tenant } from './support/teams';

let connector: LocalConnector;
let product: LaunchedProduct;
let teams: TeamsClient;
let conv: Conv;
let workspace: string;

beforeAll(async () => {
  connector = await startConnector();
  product = await launchProduct();
  teams = new TeamsClient(product, connector);
  conv = tenant(connector, 'mia').channel;
  await teams.install(conv);
  workspace = `${conv.tenantId}|team|${conv.teamId}`;
});

afterAll(async () => {
  // Fails on any error line the app logged.
  expect(await endJourney(product, connector)).toEqual([]);
});

const MEETING = 'MCMxOTptZWV0aW5nX2pvdXJuZXlAdGhyZWFkLnYyIzA=';

/** What the side panel shows: the tab view the content page asks for when Teams frames the agenda as a side panel. */
async function panel(): Promise<any[]> {
  const r = await product.tab(`/api/tab/views/meeting?${new URLSearchParams({ workspace, meeting: MEETING })}`);
  expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
  return r.body.cards;
}

/** Presses a button of the panel's card with its inputs filled in, through the tab API. */
async function press(cards: any[], verb: string, match: Record<string, unknown>, inputs: Record<string, unknown>): Promise<any[]> {
  const b = cards.flatMap((c) => buttons(c)).find((x) => x.verb === verb && Object.entries(match).every(([k, v]) => x.data[k] === v));
  expect(b, `no ${verb} ${JSON.stringify(match)} on the panel`).toBeDefined();
  const r = await product.tab('/api/tab/actions', { body: { view: 'meeting', workspace, params: { meeting: MEETING }, verb, data: { ...b!.data, ...inputs } } });
  expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
  expect(r.body.error).toBeUndefined();
  return r.body.cards;
}

const meetingEnd = () => ({
  ...(conv.message('') as Record<string, any>), id: randomUUID(), type: 'event', name: 'application/vnd.microsoft.meetingEnd', text: undefined, entities: undefined,
  channelData: { ...(conv.message('') as any).channelData, meeting: { id: MEETING } },
  value: { Id: MEETING, MeetingType: 'Scheduled', JoinUrl: 'https://teams.microsoft.com/l/meetup-join/journey', Title: 'Steering committee, December', EndTime: new Date().toISOString() },
});

const minutes = () => connector.sent(conv.targetId).filter((a) => JSON.stringify(a).includes('Steering committee, December'));

describe('the steering committee in its meeting', () => {
  it('a decision recorded from the side panel is in the minutes posted at meeting end and in the next agenda', async () => {
    let cards = await panel();
    expect(cardText(cards[0])).toContain('Nothing recorded yet');
    cards = await press(cards, 'meeting.record', { kind: 'decision' }, { decisionText: 'Move the steering committee to fortnightly' });
    cards = await press(cards, 'meeting.record', { kind: 'action' }, { actionText: 'Send the new invitation', actionOwner: 'Mia Chair', actionDue: '2027-01-08' });
    const shown = cardText(cards[0]);
    expect(shown).toContain('Move the steering committee to fortnightly');
    expect(shown).toContain('Owner: Mia Chair · due 2027-01-08');
    expect(brokenIn(shown)).toBeUndefined();

    // Teams ends the meeting, and delivers the event a second time.
    const end = meetingEnd();
    for (const delivery of [end, end]) expect((await product.send(delivery)).status).toBeLessThan(300);
    await connector.waitFor(() => minutes().length > 0);
    expect(minutes()).toHaveLength(1);
    const posted = cardText(minutes()[0].attachments[0].content);
    expect(posted).toContain('Move the steering committee to fortnightly');
    expect(posted).toContain('Send the new invitation');
    expect(posted).toContain('Owner: Mia Chair');
    expect(posted).toContain('Due 2027-01-08');

    // The next agenda: in chat and on the agenda tab.
    const agenda = await teams.say(conv, 'agenda');
    const inChat = agenda.cards.map(cardText).join('\n');
    expect(inChat).toContain('Actions from the last meeting (1)');
    expect(inChat).toContain('Send the new invitation');
    expect(inChat).toContain('Move the steering committee to fortnightly');
    const tab = await product.tab(`/api/tab/views/agenda?${new URLSearchParams({ workspace })}`);
    expect(tab.status).toBe(200);
    expect(cardText(tab.body.cards[0])).toContain('Open · owner Mia Chair · due 2027-01-08');

    // The side panel starts the next meeting afresh, with the action carried and its status.
    const next = cardText((await panel())[0]);
    expect(next).toContain('Nothing recorded yet');
    expect(next).toContain('Send the new invitation');
    expect(minutes()).toHaveLength(1);
  });
});
