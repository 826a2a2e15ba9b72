// Journeys in a team channel, on the product as `npm start` runs it: after the start command
// the finding and escalation dialogs are answered only on their cards (inputs sent with
// Action.Execute, as Teams sends them), so nothing needs an @mention; the finding is corrected
// on its confirmation card and filed. The question card and the editable confirmation card are
// drawn to tests/artifacts/dialog-input-cards.png.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardTexts } from '../support/card-inspect';
import { cardInputs, pressData } from '../support/card-inputs';
import { launchBrowser } from '../support/chromium';
import { type LocalConnector, startConnector } from '../support/connector';
import { showDialogCards } from '../support/dialog-cards-page';
import { endJourney, type LaunchedProduct, launchProduct } from './support/product';
import { brokenIn, type Conv, TeamsClient, tenant, type Tenant } from './support/teams';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
let connector: LocalConnector;
let product: LaunchedProduct;
let teams: TeamsClient;
let a: Tenant;
const errorLines: string[] = [];

beforeAll(async () => {
  connector = await startConnector();
  product = await launchProduct();
  teams = new TeamsClient(product, connector);
  a = tenant(connector, 'cara');
  await teams.install(a.channel);
});

afterAll(async () => {
  errorLines.push(...(await endJourney(product, connector)));
  expect(errorLines).toEqual([]);
});

const words = (card: unknown) => cardTexts(card).join('');
/** The question a question card asks (its one bold, medium-size text). */
const questionOf = (card: any): string => card.body.flatMap((b: any) => b.inlines ?? []).find((r: any) => r.weight === 'Bolder' && r.size === 'Medium')?.text ?? '';
/** Cards worth drawing, kept as the journey meets them. */
const seen: { question?: any; confirmation?: any; refused?: any } = {};

/** Presses `title` with `typed` in the card's inputs; the card the invoke answers with. */
async function press(conv: Conv, card: unknown, title: string, typed: Record<string, string> = {}): Promise<any> {
  const { verb, data } = pressData(card, title, typed);
  const r = await teams.press(conv, verb, data);
  expect(brokenIn(r.text), r.text.slice(0, 400)).toBeUndefined();
  expect(r.cards, `${title}: ${r.text.slice(0, 300)}`).toHaveLength(1);
  return r.cards[0];
}

/** The one message typed: the start command, with the @mention Teams adds in a channel. */
async function start(conv: Conv, command: string): Promise<any> {
  const r = await teams.say(conv, command);
  expect(r.cards).toHaveLength(1);
  return r.cards[0];
}

describe('a channel dialog answered only on its cards', () => {
  it('files a finding from card inputs alone, corrected on its confirmation card', async () => {
    const conv = a.channel;
    const messagesBefore = connector.calls.filter((c) => c.method === 'POST' && c.conversationId === conv.conversationId).length;
    // Question (a fragment) → what the card's input is given; undefined keeps what it holds.
    const answers: [RegExp, string | undefined][] = [
      [/Which kind of problem/, 'wifi'], [/Which part of the quality review/, undefined], [/Which building/, 'Building 4'],
      [/Which subnet/, '10.40.0.0/22'], [/Which network/, 'wifi-5'], [/Which metric/, 'poor-stream-rate'], [/in percent/, '6.5'],
      [/What did you see/, 'Calls break up on the 3rd floor of Building 4, every afternoon.'], [/evidence/, 'https://contoso.sharepoint.com/sites/ops/cqd.png'], [/Which team/, undefined],
    ];
    let card = await start(conv, 'finding');
    for (const [question, value] of answers) {
      expect(words(card)).toMatch(question);
      expect(cardInputs(card).has('answer'), words(card)).toBe(true);
      if (question.source === 'Which subnet') {
        // A wrong answer first: the same card, with the reason and the value as sent.
        const refused = await press(conv, card, 'Next', { answer: '10.40.0.0/33' });
        expect(words(refused)).toMatch(question);
        expect(cardInputs(refused).get('answer')?.value).toBe('10.40.0.0/33');
        seen.question = refused;
        card = refused;
      }
      card = await press(conv, card, 'Next', value === undefined ? {} : { answer: value });
    }
    expect(words(card)).toContain('Check the finding before I file it');
    seen.confirmation = card;
    expect(cardInputs(card).get('field.building')?.value).toBe('Building 4');

    // Two wrong answers and a right one: both reasons at once, and nothing changed.
    const refused = await press(conv, card, 'Save changes', { 'field.building': 'Building 4, 3rd floor', 'field.subnet': '10.40.0/22', 'field.evidence': 'see the dashboard' });
    expect(words(refused)).toContain('Nothing was changed');
    expect(words(refused)).toContain('not a link I can open');
    expect(words(refused)).toContain('Building / site: Building 4');
    seen.refused = refused;
    const corrected = await press(conv, refused, 'Save changes', { 'field.building': 'Building 4, 3rd floor', 'field.subnet': '10.40.0.0/22', 'field.evidence': 'https://contoso.sharepoint.com/sites/ops/cqd.png', 'field.value': '7.2' });
    expect(words(corrected)).toContain('Building / site: Building 4, 3rd floor');
    const filed = await press(conv, corrected, 'File it');
    const id = /QF-\d{4}/.exec(JSON.stringify(filed))?.[0];
    expect(id, JSON.stringify(filed).slice(0, 300)).toBeDefined();
    expect(JSON.stringify(filed)).toContain('Building 4, 3rd floor');
    expect(JSON.stringify(filed)).toContain('7.2');
    // Every answer was an invoke: the bot posted no message after the first question.
    const messages = connector.calls.filter((c) => c.method === 'POST' && c.conversationId === conv.conversationId).length;
    expect(messages - messagesBefore).toBe(1);
  });

  it('files an escalation from card inputs alone', async () => {
    const conv = a.channel;
    const text: Record<string, string> = {
      'Which service': 'Exchange Online', 'What is broken': 'Mail to external domains queues for hours', 'business impact': 'Customer quotes are not delivered',
      'Who is affected': 'about 300 users in Berlin and Lyon',
    };
    let card = await start(conv, 'escalate');
    for (let i = 0; i < 10 && !words(card).includes('Confirm the escalation'); i++) {
      const asked = questionOf(card);
      const question = Object.keys(text).find((q) => asked.includes(q));
      // The start time holds now, the severity and the scope their suggestions: Next takes them.
      card = await press(conv, card, 'Next', question ? { answer: text[question]! } : {});
    }
    expect(words(card)).toContain('Confirm the escalation');
    const filed = await press(conv, card, 'File the escalation');
    expect(JSON.stringify(filed)).toMatch(/SR-\d{6}-\d{4,}/);
    expect(JSON.stringify(filed)).toContain('Exchange Online');
  });

  it('draws a question card with its input and the editable confirmation card', async () => {
    expect(seen.question && seen.confirmation && seen.refused).toBeTruthy();
    mkdirSync(ARTIFACTS, { recursive: true });
    const browser = await launchBrowser({ viewport: { width: 600, height: 900 } });
    try {
      const page = await browser.newPage();
      await showDialogCards(page, [
        { caption: 'A question answered on the card, after a wrong answer', card: seen.question },
        { caption: 'The confirmation card with Edit answers open', card: seen.confirmation, open: 'Edit answers' },
        { caption: 'After a save with wrong answers: every reason, nothing changed', card: seen.refused },
      ]);
      expect(await page.locator('#card-0 input').count()).toBe(1);
      expect(await page.locator('#card-1 input, #card-1 textarea, #card-1 select').count()).toBeGreaterThan(5);
      await page.screenshot({ path: `${ARTIFACTS}dialog-input-cards.png`, fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
