// The monthly service review pack over HTTP, as Teams and the tab drive it: `review pack` answers
// a card whose image is a signed link the bot serves as PNG (a tampered link is refused), the
// month is checked, an empty month says what is missing, the pack tab serves the PDF to a
// signed-in caller of the workspace only, and the monthly post goes out once.
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardTexts } from '../support/card-inspect';
import { startConnector, type LocalConnector } from '../support/connector';
import { type Conv, WorkspaceSeeder, workspaceOf, workspaceParam } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';
import { type BuiltProduct, createProductFeature } from '../../bot/src/features/wiring';

let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let seed: WorkspaceSeeder;
let conv: Conv;
let product: BuiltProduct;
let now = new Date('2026-11-30T10:00:00Z');

beforeAll(async () => {
  connector = await startConnector();
  const feature = createProductFeature();
  bot = await startServiceOps({}, { features: [feature], clock: () => now });
  product = bot.app.servicesOf(feature);
  seed = new WorkspaceSeeder(bot, connector);
  conv = await seed.installedChannel();
  await seed.fileIncident(conv, { service: 'Exchange Online', problem: 'Mail flow stopped', impact: 'No mail for anyone', affected: 'Everyone', started: '2 hours ago', severity: 'A' });
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

const dev = { 'x-dev-identity': 'local' };

async function say(words: string): Promise<{ text: string; cards: any[] }> {
  const before = connector.sent(conv.conversationId).length;
  const res = await bot.send(conv.message(words));
  expect(res.status).toBe(200);
  const sent = connector.sent(conv.conversationId).slice(before);
  const cards = sent.flatMap((a: any) => (a.attachments ?? []).map((x: any) => x.content));
  return { text: sent.map((a: any) => `${a.text ?? ''}\n${cardTexts(a.attachments ?? []).join('\n')}`).join('\n'), cards };
}

const imageOf = (card: any): string | undefined => (card.body as any[]).find((b) => b.type === 'Image')?.url;
const pathOf = (url: string) => { const u = new URL(url); return `${u.pathname}${u.search}`; };

describe('review pack in chat', () => {
  it('answers a card with the one-pager as a signed image the bot serves as PNG, and the figures as text', async () => {
    const { cards, text } = await say('review pack 2026-11');
    expect(cards).toHaveLength(1);
    expect(text).toContain('Monthly service review · November 2026');
    const facts = JSON.stringify(cards[0]);
    expect(facts).toContain('{"title":"Incidents recorded","value":"1: severity 1 0, A 1, B 0, C 0, D 0"}');
    expect(facts).toMatch(/"title":"Availability","value":"\d+\.\d{3} % \(\d+ outage minutes from 1 severity 1\/A incident, month to date\)"/);
    const url = imageOf(cards[0])!;
    expect(url).toMatch(/\/api\/packs\/[A-Za-z0-9_-]+\.png\?exp=\d+&sig=[A-Za-z0-9_-]+$/);
    // Teams fetches the image without any sign-in.
    const res = await fetch(`${bot.url}${pathOf(url)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    expect(png.width).toBe(1200);
    const actions = (cards[0].actions as any[]).map((a) => a.title);
    expect(actions).toEqual(['Download PNG', 'Download PDF']);
  });

  it('refuses a tampered or foreign image link and changes nothing', async () => {
    const { cards } = await say('review pack 2026-11');
    const path = pathOf(imageOf(cards[0])!);
    const tampered = path.replace(/sig=([A-Za-z0-9_-])/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);
    expect((await fetch(`${bot.url}${tampered}`)).status).toBe(403);
    expect((await fetch(`${bot.url}${path.replace('.png?', '.pdf?')}`)).status).toBe(403);
    expect((await fetch(`${bot.url}${path.split('?')[0]}`)).status).toBe(403);
  });

  it('defaults to the last full month, and an empty month says what is missing without a picture', async () => {
    const { cards, text } = await say('review pack');
    expect(text).toContain('October 2026');
    expect(text).toContain('Nothing was recorded for this month yet');
    expect(text).toContain('No incident was recorded in the month');
    expect(imageOf(cards[0])).toBeUndefined();
  });

  it('a month that is not one gets a clear message', async () => {
    expect((await say('review pack 2026-13')).text).toContain('is not a month: write it as YYYY-MM');
    expect((await say('review pack 2027-02')).text).toContain('has not started yet');
  });
});

describe('the pack tab', () => {
  it('shows the card with its downloads and serves the PDF to a signed-in caller of the workspace', async () => {
    const workspace = workspaceParam(workspaceOf(conv));
    const view = await fetch(`${bot.url}/api/tab/views/pack?${new URLSearchParams({ workspace, month: '2026-11' })}`, { headers: dev });
    expect(view.status).toBe(200);
    const body = await view.json() as any;
    expect(JSON.stringify(body.cards)).toContain('Download PDF');
    const pdf = await fetch(`${bot.url}/api/tab/packs/2026-11.pdf?${new URLSearchParams({ workspace })}`, { headers: dev });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await fetch(`${bot.url}/api/tab/packs/2026-11.pdf?${new URLSearchParams({ workspace })}`)).status).toBe(401);
    expect((await fetch(`${bot.url}/api/tab/packs/2026-11.pdf?${new URLSearchParams({ workspace: 'other-tenant|team|19:x' })}`, { headers: dev })).status).toBe(403);
    expect((await fetch(`${bot.url}/api/tab/views/pack?${new URLSearchParams({ workspace, month: 'soon' })}`, { headers: dev })).status).toBe(400);
  });
});

describe('the monthly post', () => {
  it('seed 003: last month\'s pack is posted once in the chosen channel on the first working day, from 09:00', async () => {
    expect((await say('review pack here')).text).toContain('posted here on the first working day');
    const job = product.reviewPack.job;
    now = new Date('2026-12-01T08:30:00Z'); // Tuesday 1 December, before 09:00 (UTC workspace)
    expect(await job.tick()).toEqual(['not-due']);
    now = new Date('2026-12-01T09:05:00Z');
    const before = connector.sent().length;
    expect(await job.tick()).toEqual(['posted']);
    // A restart, or a second instance, finds the month claimed and posts nothing.
    expect(await job.tick()).toEqual(['already']);
    const posted = connector.sent().slice(before).flatMap((a: any) => (a.attachments ?? []).map((x: any) => x.content));
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0])).toContain('Monthly service review · November 2026');
    expect(imageOf(posted[0])).toMatch(/\/api\/packs\/.+\.png\?exp=/);
    now = new Date('2026-12-02T09:05:00Z');
    expect(await job.tick()).toEqual(['not-due']);
    expect((await say('review pack off')).text).toContain('no longer posted');
    expect(await job.tick()).toEqual([]);
    now = new Date('2026-11-30T10:00:00Z');
  });
});

describe('the month\'s availability', () => {
  it('counts the outages of the incidents recorded in the month, not of one recorded after its end that started in it', async () => {
    const other = await seed.installedChannel();
    const answers = { service: 'Teams meetings', problem: 'Meetings fail to start', impact: 'No meetings', affected: 'Everyone', severity: 'A' };
    now = new Date('2026-11-30T10:00:00Z');
    await seed.fileIncident(other, { ...answers, started: '2 hours ago' });
    // Recorded on 1 December (UTC workspace), though the problem started on 30 November.
    now = new Date('2026-12-01T13:00:00Z');
    await seed.fileIncident(other, { ...answers, started: '20 hours ago' });
    const before = connector.sent(other.conversationId).length;
    await bot.send(other.message('review pack 2026-11'));
    const facts = JSON.stringify(connector.sent(other.conversationId).slice(before).flatMap((a: any) => (a.attachments ?? []).map((x: any) => x.content)));
    now = new Date('2026-11-30T10:00:00Z');
    expect(facts).toContain('{"title":"Incidents recorded","value":"1: severity 1 0, A 1, B 0, C 0, D 0"}');
    // The first incident is open: 08:00 to the month's end.
    expect(facts).toContain('(960 outage minutes from 1 severity 1/A incident)');
  });
});
