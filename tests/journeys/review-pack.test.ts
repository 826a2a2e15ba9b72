// The monthly service review pack on the product as `npm start` runs it: with an incident filed
// in a team channel, `review pack` answers a card whose image is a link the bot serves as a PNG
// (fetched without any sign-in, as Teams fetches card images), the pack tab shows it with its
// downloads and the tab API serves the PDF; the other tenant's pack has nothing of it. The
// picture, the PDF and the tab are saved to tests/artifacts/ to look at.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/chromium';
import { type LocalConnector, startConnector } from '../support/connector';
import { endJourney, type LaunchedProduct, launchProduct } from './support/product';
import { buttons, cardText, type Conv, TeamsClient, tenant } from './support/teams';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

let connector: LocalConnector;
let product: LaunchedProduct;
let teams: TeamsClient;
let conv: Conv;
let other: Conv;
// The product runs on the real clock: the incident filed now is in this month's pack.
const month = new Date().toISOString().slice(0, 7);

beforeAll(async () => {
  connector = await startConnector();
  product = await launchProduct();
  teams = new TeamsClient(product, connector);
  conv = tenant(connector, 'rae').channel;
  other = tenant(connector, 'sam').channel;
  for (const c of [conv, other]) await teams.install(c);
});

afterAll(async () => {
  expect(await endJourney(product, connector)).toEqual([]);
});

const imageOf = (card: any): string | undefined => (card.body as any[]).find((b) => b.type === 'Image')?.url;

async function fileIncident(): Promise<string> {
  await teams.say(conv, 'escalate');
  for (const answer of ['Exchange Online', 'Mail flow stopped for the head office', 'Nobody can send or receive mail', 'the head office', '2 hours ago', 'A']) await teams.say(conv, answer);
  const draft = await teams.say(conv, 'vendor');
  const confirm = draft.cards.flatMap((c) => buttons(c)).find((b) => b.verb === 'escalation.confirm');
  expect(confirm, cardText(draft.cards).slice(0, 300)).toBeDefined();
  const filed = await teams.press(conv, 'escalation.confirm', confirm!.data);
  return /SR-\d{6}-\d{4,}/.exec(filed.text)![0];
}

describe('the monthly service review pack', () => {
  it('answers review pack with a card whose image the bot serves as PNG, and the tab API serves the PDF', async () => {
    const sr = await fileIncident();
    expect(sr).toMatch(/^SR-/);
    const reply = await teams.say(conv, `review pack ${month}`);
    expect(reply.cards).toHaveLength(1);
    const card = reply.cards[0];
    const url = imageOf(card);
    expect(url, JSON.stringify(card).slice(0, 400)).toMatch(new RegExp(`^${product.botUrl}/api/packs/[A-Za-z0-9_-]+\\.png\\?exp=\\d+&sig=`));
    expect(JSON.stringify(card)).toContain('"title":"Incidents recorded","value":"1: severity 1 0, A 1');

    // Teams fetches the image with no sign-in: the signed URL is enough.
    const image = await fetch(url!);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(PNG.sync.read(bytes).width).toBe(1200);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(`${ARTIFACTS}review-pack.png`, bytes);

    const workspace = `${conv.tenantId}|team|${conv.teamId}`;
    const view = await product.tab(`/api/tab/views/pack?${new URLSearchParams({ workspace, month })}`);
    expect(view.status).toBe(200);
    expect(JSON.stringify(view.body.cards)).toContain('Download PDF');
    const pdf = await fetch(`${product.botUrl}/api/tab/packs/${month}.pdf?${new URLSearchParams({ workspace })}`, { headers: { 'x-dev-identity': 'local' } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const pdfBytes = Buffer.from(await pdf.arrayBuffer());
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    writeFileSync(`${ARTIFACTS}review-pack.pdf`, pdfBytes);

    // The other tenant's pack of the same month has nothing to show.
    const theirs = await teams.say(other, `review pack ${month}`);
    expect(cardText(theirs.cards)).toContain('Nothing was recorded for this month yet');
    expect(imageOf(theirs.cards[0])).toBeUndefined();
  });

  it('looks right: the pack tab in Chromium shows the picture and its downloads', async () => {
    const workspace = `${conv.tenantId}|team|${conv.teamId}`;
    const browser = await launchBrowser({ viewport: { width: 1000, height: 1400 } });
    try {
      const page = await browser.newPage();
      await page.goto(`${product.botUrl}/tabs/index.html?${new URLSearchParams({ view: 'pack', workspace, month })}`);
      await page.waitForSelector('body[data-state="ready"] .ac-adaptiveCard img', { state: 'visible', timeout: 15_000 });
      await page.waitForFunction(() => [...document.querySelectorAll('.ac-adaptiveCard img')].every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0));
      expect(await page.locator('.ac-adaptiveCard button', { hasText: 'Download PDF' }).count()).toBe(1);
      await page.screenshot({ path: `${ARTIFACTS}review-pack-tab.png`, fullPage: true });
      // Download PDF opens the signed file link from this same local server (http in local mode).
      const [request] = await Promise.all([
        page.context().waitForEvent('request', (r) => new URL(r.url()).pathname.endsWith('.pdf')),
        page.locator('.ac-adaptiveCard button', { hasText: 'Download PDF' }).click(),
      ]);
      expect(new URL(request.url()).origin).toBe(product.botUrl);
      const pdf = await fetch(request.url());
      expect(pdf.headers.get('content-type')).toContain('application/pdf');
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await browser.close();
    }
  });
});
