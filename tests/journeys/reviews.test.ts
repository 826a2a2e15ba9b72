// The management reviews on the product as `npm start` runs it, in a team channel as Teams drives
// it: an incident escalated first; `review release readiness` starts the gate review with the
// incident counted in its data; its questions answered, a decision recorded with an owner and a
// due date, and an output, all from the card's own buttons and inputs; the review closed on its
// outcome, which the `reviews` list and the reviews tab show; the other tenant sees none of it.
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
  conv = tenant(connector, 'rhea').channel;
  other = tenant(connector, 'sol').channel;
  for (const c of [conv, other]) await teams.install(c);
});

afterAll(async () => {
  expect(await endJourney(product, connector)).toEqual([]);
});

async function press(verb: string, cards: any[], inputs: Record<string, unknown> = {}): Promise<any[]> {
  const r = await teams.press(conv, verb, button(cards, verb, inputs));
  expect(brokenIn(r.text), `${verb}: ${r.text.slice(0, 300)}`).toBeUndefined();
  return r.cards;
}

const month = new Date().toISOString().slice(0, 7);
const nextYear = `${new Date().getUTCFullYear() + 1}-01-15`;

describe('a gate review from chat to its outcome', () => {
  it('starts Release Readiness with the incident filed earlier counted, records a decision with owner and due date, closes it and shows the outcome', async () => {
    await teams.say(conv, 'escalate');
    for (const answer of ['Teams calling', 'Calls drop every few minutes in Lyon', 'Sales calls drop mid-conversation', 'the Lyon site', '30 minutes ago', 'B']) await teams.say(conv, answer);
    const draft = await teams.say(conv, 'vendor');
    const filed = await teams.press(conv, 'escalation.confirm', button(draft.cards, 'escalation.confirm'));
    expect(filed.text).toMatch(/SR-\d{6}-\d{4,}/);

    const started = await teams.say(conv, 'review release readiness');
    const run = cardText(started.cards);
    expect(run).toContain('MR-0001 · Release Readiness management review');
    expect(run).toContain('Data at the start');
    expect(run).toContain(`${month}: 1 recorded (1 × B), 1 open now`);
    expect(run).toContain('Go or no-go into production');

    const answered = await press('review.answer', started.cards, { 'answer.go': 'Go, once the Lyon drops are fixed' });
    expect(cardText(answered)).toContain('Go, once the Lyon drops are fixed');
    const decided = await press('review.decide', answered, { decisionText: 'Fix the Lyon SBC before go-live', decisionOwner: 'Telephony Operations', decisionDue: nextYear });
    expect(cardText(decided)).toContain('Fix the Lyon SBC before go-live');
    expect(cardText(decided)).toContain(`owner Telephony Operations, due ${nextYear}`);
    const output = await press('review.output', decided, { outputKind: 'go-no-go', outputText: 'Go, on condition of the SBC fix' });
    expect(cardText(output)).toContain('Go, on condition of the SBC fix');
    const closed = await press('review.close', output, { outcomeSummary: 'Conditional go' });
    expect(cardText(closed)).toContain('Closed by');
    expect(cardText(closed)).toContain('Conditional go');

    const list = cardText((await teams.say(conv, 'reviews')).cards);
    expect(list).toContain('Last outcome: MR-0001');
    expect(list).toContain('1 decision to follow up');
    const workspace = `${conv.tenantId}|team|${conv.teamId}`;
    const tab = await product.tab(`/api/tab/views/reviews?${new URLSearchParams({ workspace, run: 'MR-0001' })}`);
    expect(tab.status).toBe(200);
    expect(cardText(tab.body.cards)).toContain('Fix the Lyon SBC before go-live');
    expect(cardText(tab.body.cards)).toContain(`${month}: 1 recorded`);
  });

  it('the next run from the list carries the open decision, which is followed up; open, refresh and the list from the cards', async () => {
    const list = (await teams.say(conv, 'reviews')).cards;
    const starts = list.flatMap((c) => buttons(c)).filter((b) => b.verb === 'review.start' && b.data.templateId === 'release-readiness');
    expect(starts).toHaveLength(1);
    const before = connector.calls.length;
    const r = await teams.press(conv, 'review.start', starts[0]!.data);
    expect(brokenIn(r.text)).toBeUndefined();
    const posted = connector.calls.slice(before).filter((c) => c.method === 'POST' && c.conversationId === conv.conversationId).flatMap((c) => (c.body?.attachments ?? []).map((a: any) => a.content));
    const next = [...r.cards, ...posted].find((c) => cardText(c).includes('MR-0002'));
    expect(next, 'the new run is posted').toBeDefined();
    expect(cardText(next)).toContain('Open decisions from the last run');
    expect(cardText(next)).toContain('MR-0001 D1');
    const settled = await press('review.settle', [next]);
    expect(cardText(settled)).toContain('MR-0001 D1 marked done');
    const refreshed = await press('review.refresh', settled);
    expect(cardText(refreshed)).toContain('MR-0002');
    const all = await press('review.list', refreshed);
    expect(cardText(all)).toContain('Open: MR-0002');
    const opened = await teams.press(conv, 'review.open', button(all, 'review.open'));
    expect(brokenIn(opened.text)).toBeUndefined();
  });

  it('shows nothing of it in the other tenant', async () => {
    expect((await teams.say(other, 'review MR-0001')).text).toContain('There is no review MR-0001 in this team.');
    expect(cardText((await teams.say(other, 'reviews')).cards)).not.toContain('MR-0001');
  });
});
