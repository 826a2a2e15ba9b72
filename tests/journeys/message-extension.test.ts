// The message extension on the product as `npm start` runs it, driven with the invokes Teams
// sends: "File a finding" and "Escalate" started on a channel message (its HTML body pre-fills
// the dialog; a bad submission is refused on the form and files nothing), a search returning
// the record's shareable card (whose buttons then work in the conversation), a link to a
// record's tab view unfurled, none of it visible to another tenant. The results are drawn as
// Teams shows them, in headless Chromium, to tests/artifacts/message-extension-results.png.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPOSE_COMMANDS } from '../../bot/src/teams/message-extension';
import { launchBrowser } from '../support/chromium';
import { composeFetchTask, composeQuery, composeQueryLink, composeSubmitAction, formValues, messagePayload } from '../support/compose-invokes';
import { showComposeResults } from '../support/compose-results-page';
import { type LocalConnector, startConnector } from '../support/connector';
import { endJourney, type LaunchedProduct, launchProduct } from './support/product';
import { brokenIn, buttons, cardText, type Conv, TeamsClient, tenant, type Tenant } from './support/teams';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const QF = /QF-\d{4}/;
const SR = /SR-\d{6}-\d{4,}/;

let connector: LocalConnector;
let product: LaunchedProduct;
let teams: TeamsClient;
let a: Tenant;
let b: Tenant;
const filed: { finding?: string; incident?: string } = {};

beforeAll(async () => {
  connector = await startConnector();
  product = await launchProduct();
  teams = new TeamsClient(product, connector);
  a = tenant(connector, 'ana');
  b = tenant(connector, 'ben');
  for (const t of [a, b]) await teams.install(t.channel);
});

afterAll(async () => {
  // The run fails on any error the app logged, whatever test caused it.
  expect(await endJourney(product, connector)).toEqual([]);
});

async function invoke(activity: unknown): Promise<any> {
  const r = await product.send(activity);
  expect(r.status, JSON.stringify(r.body)?.slice(0, 400)).toBe(200);
  expect(brokenIn(JSON.stringify(r.body)), JSON.stringify(r.body)?.slice(0, 400)).toBeUndefined();
  return r.body;
}
function dialog(body: any): any {
  expect(body.task?.type, JSON.stringify(body).slice(0, 400)).toBe('continue');
  expect(body.task.value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return body.task.value.card.content;
}
function results(body: any): any[] {
  expect(body.composeExtension?.type, JSON.stringify(body).slice(0, 400)).toBe('result');
  for (const item of body.composeExtension.attachments) {
    expect(item.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(item.content.type).toBe('AdaptiveCard');
    expect(item.preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    expect(item.preview.content.title).toBeTruthy();
  }
  return body.composeExtension.attachments;
}
const search = async (conv: Conv, text: string) => results(await invoke(composeQuery(conv, COMPOSE_COMMANDS.search, text)));

describe('action commands on a channel message', () => {
  it('"File a finding" opens pre-filled from the message, refuses bad input on the form, then files it', async () => {
    const payload = messagePayload('<p>Wi-Fi: poor audio in <b>HQ Building 2</b>, PSR 5.2%</p><p>Since the access points were moved &amp; it is worse at 5 GHz.</p>');
    const form = dialog(await invoke(composeFetchTask(a.channel, COMPOSE_COMMANDS.fileFinding, payload)));
    const values = formValues(form);
    expect(values).toMatchObject({ category: 'wifi', building: 'HQ Building 2', metric: 'poor-stream-rate', value: '5.2', evidence: payload.linkToMessage });
    expect(values.description).toBe('Wi-Fi: poor audio in HQ Building 2, PSR 5.2%\nSince the access points were moved & it is worse at 5 GHz.');

    const refused = dialog(await invoke(composeSubmitAction(a.channel, COMPOSE_COMMANDS.fileFinding, { ...values, subnet: '10.0.0.1/99' }, payload)));
    expect(cardText(refused)).toMatch(/Nothing was filed/);
    expect(cardText(refused)).toMatch(/Subnet: /);
    expect(await search(a.channel, 'HQ Building 2')).toEqual([]);

    const [item] = results(await invoke(composeSubmitAction(a.channel, COMPOSE_COMMANDS.fileFinding, formValues(refused, { subnet: '10.20.30.0/24' }), payload)));
    filed.finding = QF.exec(item.preview.content.title)?.[0];
    expect(filed.finding).toBeDefined();
    expect(cardText(item.content)).toContain('Since the access points were moved & it is worse at 5 GHz.');
  });

  it('"Escalate" opens pre-filled from the message and files the incident through the scope check', async () => {
    const payload = messagePayload('<p>sev B Exchange Online: mail to customers is delayed by an hour since the firewall change</p>');
    const form = dialog(await invoke(composeFetchTask(a.channel, COMPOSE_COMMANDS.escalate, payload)));
    expect(formValues(form)).toMatchObject({ service: 'Exchange Online', severity: 'B', started: 'now', problem: 'mail to customers is delayed by an hour since the firewall change' });
    const values = formValues(form, { impact: 'Order confirmations reach customers an hour late.', affected: 'all 1200 mailboxes', started: '30 minutes ago' });
    const [item] = results(await invoke(composeSubmitAction(a.channel, COMPOSE_COMMANDS.escalate, values, payload)));
    filed.incident = SR.exec(item.preview.content.title)?.[0];
    expect(filed.incident).toBeDefined();
    expect(item.preview.content.title).toBe(`${filed.incident} · Severity B`);
    // The firewall is not the vendor's: the card says where it went.
    expect(cardText(item.content)).toMatch(/Network Operations/);
  });
});

describe('search', () => {
  it('returns the record\'s shareable card by number, text and status, and its buttons work', async () => {
    const [byNumber] = await search(a.channel, filed.finding!.toLowerCase());
    expect(byNumber.preview.content.title).toBe(`${filed.finding} · Wi-Fi`);
    expect((await search(a.channel, 'mail delayed')).map((r) => r.preview.content.title)).toEqual([`${filed.incident} · Severity B`]);
    expect((await search(a.channel, 'status:new')).map((r) => r.preview.content.title)).toEqual(expect.arrayContaining([`${filed.finding} · Wi-Fi`, `${filed.incident} · Severity B`]));
    // Shared into the conversation, the card acts like the one the bot posts.
    const accept = buttons(byNumber.content).find((x) => x.verb === 'finding.accept');
    expect(accept, JSON.stringify(byNumber.content).slice(0, 300)).toBeDefined();
    const pressed = await teams.press(a.channel, accept!.verb, accept!.data);
    expect(cardText(pressed.cards[0])).toMatch(/Accepted/);
  });

  it('shows another tenant none of it', async () => {
    for (const text of [filed.finding!, filed.incident!, 'mail', 'wi-fi', '']) expect(await search(b.channel, text)).toEqual([]);
  });
});

describe('link unfurling', () => {
  it('unfurls the app\'s links to a finding and an incident tab view into their cards, in their own workspace only', async () => {
    const findingLink = `${product.botUrl}/tabs/index.html?view=findings&finding=${filed.finding}`;
    const incidentLink = `${product.botUrl}/tabs/index.html?view=incidents&incident=${filed.incident}`;
    // The links are the app's own pages.
    const page = await product.tab(findingLink.slice(product.botUrl.length));
    expect(page.status, `${findingLink}: ${JSON.stringify(page.body)?.slice(0, 200)}`).toBe(200);
    const [f] = results(await invoke(composeQueryLink(a.channel, findingLink)));
    expect(cardText(f.content)).toContain(filed.finding!);
    const [i] = results(await invoke(composeQueryLink(a.channel, incidentLink)));
    expect(cardText(i.content)).toContain(filed.incident!);
    expect(results(await invoke(composeQueryLink(b.channel, findingLink)))).toEqual([]);
  });
});

describe('what the results look like', () => {
  it('renders the result list and the cards they insert', async () => {
    const query = 'status:open';
    const found = await search(a.channel, query);
    expect(found.length).toBe(2);
    mkdirSync(ARTIFACTS, { recursive: true });
    const browser = await launchBrowser({ viewport: { width: 600, height: 900 } });
    try {
      const page = await browser.newPage();
      await showComposeResults(page, query, found);
      const list = await page.locator('.item .t').allTextContents();
      expect(list).toEqual(found.map((r) => r.preview.content.title));
      expect(await page.locator('.card .ac-adaptiveCard').count()).toBe(found.length);
      await page.screenshot({ path: `${ARTIFACTS}message-extension-results.png`, fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
