// Problem management and change management on the product as `npm start` runs it, in a team
// channel as Teams drives it: an incident escalated, linked from its card to a new problem, the
// problem's root cause recorded, an emergency change raised from the problem, and both on the
// steering-committee agenda (chat and tab); the other tenant sees none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalConnector, startConnector } from '../support/connector';
import { endJourney, type LaunchedProduct, launchProduct } from './support/product';
import { brokenIn, buttons, cardText, type Conv, TeamsClient, tenant, buttonData as button } from './support/teams';

let connector: LocalConnector;
let product: LaunchedProduct;
let teams: TeamsClient;
let conv: Conv;
let other: Conv;

beforeAll(async () => {
  connector = await startConnector();
  product = await launchProduct();
  teams = new TeamsClient(product, connector);
  conv = tenant(connector, 'pat').channel;
  other = tenant(connector, 'quinn').channel;
  for (const c of [conv, other]) await teams.install(c);
});

afterAll(async () => {
  expect(await endJourney(product, connector)).toEqual([]);
});

/** The cards posted to the conversation since `before` calls. */
const postedSince = (before: number) => connector.calls.slice(before).filter((c) => c.method === 'POST' && c.conversationId === conv.conversationId)
  .flatMap((c) => (c.body?.attachments ?? []).map((a: any) => a.content));

async function pressPosting(verb: string, data: Record<string, unknown>): Promise<any[]> {
  const before = connector.calls.length;
  const r = await teams.press(conv, verb, data);
  expect(brokenIn(r.text), `${verb}: ${r.text.slice(0, 300)}`).toBeUndefined();
  return [...r.cards, ...postedSince(before)];
}

describe('problems and changes, from an incident to the steering agenda', () => {
  it('links an incident to a problem, records its root cause, raises an emergency change from it, and shows both on the agenda', async () => {
    await teams.say(conv, 'escalate');
    for (const answer of ['Teams calling', 'Calls drop every few minutes in Lyon', 'Sales calls drop mid-conversation', 'the Lyon site', '30 minutes ago', 'B']) await teams.say(conv, answer);
    const draft = await teams.say(conv, 'vendor');
    const filed = await teams.press(conv, 'escalation.confirm', button(draft.cards, 'escalation.confirm'));
    const sr = /SR-\d{6}-\d{4,}/.exec(filed.text)![0];

    // The incident card's "Link to problem": a new problem from this incident.
    const incident = (await teams.say(conv, `incidents ${sr}`)).cards;
    expect(cardText(incident)).toContain(sr);
    const problemCards = await pressPosting('problem.link', button(incident, 'problem.link', { problemChoice: 'new', problemRef: '' }));
    const problem = problemCards.find((c) => cardText(c).includes('PRB-0001'));
    expect(problem, 'the new problem card is posted').toBeDefined();
    expect(cardText(problem)).toContain(sr);

    // The root cause, recorded on the problem card.
    const analysed = await teams.press(conv, 'problem.rca', button([problem], 'problem.rca', { rootCause: 'The Lyon SBC drops calls after a firmware update' }));
    expect(cardText(analysed.cards)).toContain('The Lyon SBC drops calls after a firmware update');
    expect(cardText(analysed.cards)).toContain('Investigating');

    // An emergency change raised from the problem.
    const form = await teams.press(conv, 'change.draft', button(analysed.cards, 'change.draft'));
    expect(cardText(form.cards)).toContain('Raised from problem PRB-0001');
    const changeCards = await pressPosting('change.raise', button(form.cards, 'change.raise', {
      changeTitle: 'Roll back the Lyon SBC firmware', changeReason: 'Calls drop since the update', changeRisk: 'medium',
      changeUrgency: 'high', changeImpact: 'high', changeCategory: 'emergency', windowStartDate: '', windowStartTime: '', windowEndDate: '', windowEndTime: '',
    }));
    const change = changeCards.find((c) => cardText(c).includes('RFC-0001'));
    expect(change, 'the change card is posted').toBeDefined();
    expect(cardText(change)).toContain('Critical (urgency high, impact high)');
    expect(cardText(change)).toContain('Emergency: for review at the next steering meeting');
    expect(cardText((await teams.say(conv, 'problems PRB-0001')).cards)).toContain('RFC-0001');

    // The steering agenda, in chat and on the tab.
    const agenda = cardText((await teams.say(conv, 'agenda')).cards);
    expect(agenda).toContain('Top problems (1)');
    expect(agenda).toContain(`${sr}: Teams calling`);
    expect(agenda).toContain('Emergency changes to review (1)');
    expect(agenda).toContain('Roll back the Lyon SBC firmware');
    const workspace = `${conv.tenantId}|team|${conv.teamId}`;
    const tab = await product.tab(`/api/tab/views/agenda?${new URLSearchParams({ workspace })}`);
    expect(tab.status).toBe(200);
    expect(cardText(tab.body.cards)).toContain('Roll back the Lyon SBC firmware');
    for (const view of ['problems', 'changes']) {
      const shown = await product.tab(`/api/tab/views/${view}?${new URLSearchParams({ workspace })}`);
      expect(shown.status).toBe(200);
      expect(cardText(shown.body.cards)).toContain(view === 'problems' ? 'PRB-0001' : 'RFC-0001');
    }
  });

  it('shows nothing of it in the other tenant', async () => {
    expect((await teams.say(other, 'problems PRB-0001')).text).toContain('There is no problem PRB-0001 in this team.');
    const agenda = cardText((await teams.say(other, 'agenda')).cards);
    expect(agenda).toContain('No open problems.');
    expect(agenda).not.toContain('Roll back the Lyon SBC firmware');
  });
});
