// Being understood, on the product as `npm start` runs it: a mistyped command is offered back as
// a button that runs it; everyday phrasings get the list they ask for, or the dialog they ask
// for offered as a button; figures, rates and the reminders answer with cards, the reminders
// summary linking to the tab page where the full settings are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalConnector, startConnector } from '../support/connector';
import { endJourney, type LaunchedProduct, launchProduct } from './support/product';
import { brokenIn, buttons, type Conv, TeamsClient, tenant } from './support/teams';

let connector: LocalConnector;
let product: LaunchedProduct;
let teams: TeamsClient;
let conv: Conv;
const errorLines: string[] = [];

beforeAll(async () => {
  connector = await startConnector();
  product = await launchProduct();
  teams = new TeamsClient(product, connector);
  conv = tenant(connector, 'uma').channel;
  await teams.install(conv);
});

afterAll(async () => {
  errorLines.push(...(await endJourney(product, connector)));
  expect(errorLines).toEqual([]);
});

/** Presses a card's command.run button; the invoke's answer and what the bot posted meanwhile. */
async function pressSuggestion(cards: any[], command: string) {
  const button = cards.flatMap((c) => buttons(c)).find((b) => b.verb === 'command.run' && b.data.command === command);
  expect(button, `no button running "${command}" on ${JSON.stringify(cards).slice(0, 400)}`).toBeDefined();
  const before = connector.calls.length;
  const r = await teams.press(conv, button!.verb, button!.data);
  const posted = connector.calls.slice(before).filter((c) => c.method === 'POST' && c.conversationId === conv.conversationId).map((c) => c.body);
  return { answer: r, posted, text: JSON.stringify(posted) };
}

describe('understanding what was meant', () => {
  it('a typo is offered back; its button runs the command as if it had been typed', async () => {
    const typed = await teams.say(conv, 'checklists');
    const offer = await teams.say(conv, 'cheklists');
    expect(offer.cards).toHaveLength(1);
    expect(offer.text).toContain('Did you mean');
    const pressed = await pressSuggestion(offer.cards, 'checklists');
    expect(pressed.answer.text).toContain(' ran ');
    expect(pressed.posted.map((a) => a.attachments?.[0]?.content?.body?.[0])).toEqual(typed.activities.map((a) => a.attachments?.[0]?.content?.body?.[0]));
    expect(brokenIn(pressed.text)).toBeUndefined();
  });

  it('"show me open incidents" shows them; "who does what" the role map; "what\'s due today" the reminders', async () => {
    expect((await teams.say(conv, 'show me open incidents')).text).toContain('Open incidents');
    expect((await teams.say(conv, 'who does what?')).text).toContain('role map');
    const due = await teams.say(conv, "what's due today");
    expect(due.text).toContain('Recurring operations reminders');
    for (const r of [due]) expect(brokenIn(r.text)).toBeUndefined();
  });

  it('"I want to report a problem" offers a finding; pressing it asks the first question', async () => {
    const offer = await teams.say(conv, 'I want to report a problem');
    expect(offer.cards).toHaveLength(1);
    const pressed = await pressSuggestion(offer.cards, 'finding');
    expect(pressed.text).toContain('Which kind of problem is it?');
    expect((await teams.say(conv, 'cancel')).text).toContain('Cancelled');
  });

  it('figures and rates answer with cards; the reminders summary links to the tab page with the full settings', async () => {
    const figures = await teams.say(conv, `incidents figures ${new Date().toISOString().slice(0, 7)}`);
    expect(figures.cards).toHaveLength(1);
    expect(figures.text).toContain('Monthly figures for the service review');
    const rates = await teams.say(conv, 'reminders rates');
    expect(rates.cards).toHaveLength(1);
    expect(rates.text).toContain('On-time completion');

    const [summary] = (await teams.say(conv, 'reminders')).cards;
    const link = summary.actions.find((a: any) => a.type === 'Action.OpenUrl');
    const url = new URL(link.url);
    expect(url.pathname).toBe('/tabs/index.html');
    expect(url.searchParams.get('view')).toBe('reminders');
    // The page the link opens is served, and its view holds the full settings form.
    const page = await fetch(`${product.botUrl}${url.pathname}${url.search}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const view = await product.tab(`/api/tab/views/reminders?${new URLSearchParams({ workspace: url.searchParams.get('workspace')! })}`);
    expect(view.status).toBe(200);
    expect(JSON.stringify(view.body)).toContain('reminder.edit');
  });
});
