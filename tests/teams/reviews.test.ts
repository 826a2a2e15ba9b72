// Management reviews over HTTP, as Teams and the tab drive them: `review portfolio` starts a run
// from live data (an incident filed earlier counted, an open problem listed), the answers,
// decisions and outputs recorded on the run's ETag, refusals that say what is wrong and change
// nothing, closing on the outcome, the decisions carried to the next run, the gate reviews a
// phase change opens and posts, the reviews tab with a run's snapshot, and tenants apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewRun } from '../../bot/src/domain/reviews/review';
import { type BuiltProduct, createProductFeature } from '../../bot/src/features/wiring';
import type { Feature } from '../../bot/src/features/feature';
import { cardAction } from '../support/activities';
import { cardTexts } from '../support/card-inspect';
import { startConnector, type LocalConnector } from '../support/connector';
import { type Conv, WorkspaceSeeder, workspaceOf, workspaceParam } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let seed: WorkspaceSeeder;
let product: BuiltProduct;

beforeAll(async () => {
  connector = await startConnector();
  const feature: Feature<BuiltProduct> = createProductFeature();
  bot = await startServiceOps({}, { features: [feature], clock: () => new Date('2026-11-30T10:00:00Z') });
  product = bot.app.servicesOf(feature);
  seed = new WorkspaceSeeder(bot, connector);
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

const dev = { 'content-type': 'application/json', 'x-dev-identity': 'local' };
const text = (x: unknown) => cardTexts(x).join('\n');
const INCIDENT = { service: 'Teams calling', problem: 'Calls drop every few minutes', impact: 'Sales calls drop', affected: 'Building 6', started: '30 minutes ago', severity: 'B' };
const etagOf = (card: unknown) => /"etag":"(W\/\\"[^"\\]*\\")"/.exec(JSON.stringify(card))?.[1]?.replace(/\\"/g, '"');

async function press(conv: Conv, verb: string, data: Record<string, unknown> = {}): Promise<{ card?: any; text: string }> {
  const res = await bot.send(cardAction(conv, verb, data));
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  const value = res.body?.value;
  return typeof value === 'string' ? { text: value } : { card: value, text: text(value) };
}

/** What the bot posted in reply to `words`: texts and card texts. */
async function say(conv: Conv, words: string): Promise<{ text: string; cards: any[] }> {
  const before = connector.sent(conv.conversationId).length;
  await bot.send(conv.message(words));
  const posted = connector.sent(conv.conversationId).slice(before);
  const cards = posted.flatMap((a: any) => (a.attachments ?? []).map((x: any) => x.content));
  return { text: posted.map((a: any) => `${a.text ?? ''}\n${text(a.attachments ?? [])}`).join('\n'), cards };
}

async function withIncidentAndProblem(conv: Conv): Promise<string> {
  const sr = await seed.fileIncident(conv, INCIDENT);
  const linked = await press(conv, 'problem.link', { kind: 'incident', ref: sr, problemChoice: 'new' });
  expect(linked.text).toContain('PRB-0001');
  return sr;
}

describe('management reviews in chat', () => {
  it('starts a gate review from live data, records a decision with owner and due date, refuses bad input, and closes on the outcome', async () => {
    const conv = await seed.installedChannel();
    await withIncidentAndProblem(conv);
    const empty = await say(conv, 'reviews');
    expect(empty.text).toContain('Management reviews');
    expect(empty.text).toContain('Not held yet.');

    const started = await say(conv, 'review portfolio');
    expect(started.text).toContain('MR-0001 · Portfolio management review');
    // The snapshot: the incident filed before is counted, the open problem named.
    expect(started.text).toMatch(/2026-11: 1 recorded \(1 × B\), 1 open now/);
    expect(started.text).toContain('PRB-0001');
    expect(started.text).toContain('Project Executive Sponsor');
    const card = started.cards[0];
    const etag = etagOf(card)!;

    // Starting it again opens the same run.
    expect((await say(conv, 'review Portfolio')).text).toContain('MR-0001 is already open');

    const closing = await press(conv, 'review.close', { runId: 'MR-0001', etag, outcomeSummary: '' });
    expect(closing.text).toContain('at least one decision');
    const past = await press(conv, 'review.decide', { runId: 'MR-0001', etag, decisionText: 'Fund the network refresh', decisionOwner: 'Network Lead', decisionDue: '2026-01-01' });
    expect(past.text).toContain('in the past');
    const decided = await press(conv, 'review.decide', { runId: 'MR-0001', etag, decisionText: 'Fund the network refresh', decisionOwner: 'Network Lead', decisionDue: '2027-01-15' });
    expect(decided.text).toContain('decision D1 recorded (Network Lead, due 2027-01-15)');
    expect(decided.text).toContain('owner Network Lead, due 2027-01-15');
    // The card shown before is stale now: nothing of it is applied.
    const stale = await press(conv, 'review.answer', { runId: 'MR-0001', etag, 'answer.right-work': 'Yes' });
    expect(stale.text).toContain('Someone else changed this review');
    const answered = await press(conv, 'review.answer', { runId: 'MR-0001', etag: etagOf(decided.card), 'answer.right-work': 'Yes: the Teams rollout' });
    expect(answered.text).toContain('Yes: the Teams rollout');
    const output = await press(conv, 'review.output', { runId: 'MR-0001', etag: etagOf(answered.card), outputKind: 'scope', outputText: 'Teams Phone for three sites' });
    expect(output.text).toMatch(/Approved scope:\s+Teams Phone for three sites/);
    const closed = await press(conv, 'review.close', { runId: 'MR-0001', etag: etagOf(output.card), outcomeSummary: 'Go, network first' });
    expect(closed.text).toContain('Closed by Alex Rivera as Project Executive Sponsor');
    expect(closed.text).toContain('Go, network first');
    expect((await press(conv, 'review.decide', { runId: 'MR-0001', etag: etagOf(closed.card), decisionText: 'x', decisionOwner: 'y', decisionDue: '2027-01-15' })).text).toContain('This review is closed');

    // The list shows the last outcome and the decision to follow up; the next run carries it.
    const list = await say(conv, 'reviews');
    expect(list.text).toContain('Last outcome: MR-0001');
    expect(list.text).toContain('1 decision to follow up');
    const next = await press(conv, 'review.start', { templateId: 'portfolio' });
    expect(next.text).toContain('MR-0002 (Portfolio management review) is posted below');
    const nextCard = connector.sent(conv.conversationId).flatMap((a: any) => (a.attachments ?? []).map((x: any) => x.content)).at(-1);
    expect(text(nextCard)).toContain('MR-0001 D1');
    const settled = await press(conv, 'review.settle', { runId: 'MR-0002', etag: etagOf(nextCard), decisionId: 'MR-0001/D1' });
    expect(settled.text).toContain('MR-0001 D1 marked done');
  });

  it('takes the month in progress in the team\'s time zone: at 10:00 UTC on 30 November it is already December in Kiritimati', async () => {
    const conv = await seed.installedChannel();
    await withIncidentAndProblem(conv);
    expect((await product.incidents.service.configure(workspaceOf(conv), { timeZone: 'Pacific/Kiritimati' })).ok).toBe(true);
    const started = await say(conv, 'review portfolio');
    // Filed at 10:00 UTC on 30 November, which is 00:00 on 1 December there: December's incident.
    expect(started.text).toMatch(/2026-12: 1 recorded \(1 × B\), 1 open now/);
    expect(started.text).not.toContain('2026-11:');
  });

  it('answers a name it does not know and a run of another tenant with a clear message', async () => {
    const conv = await seed.installedChannel();
    expect((await say(conv, 'review budget party')).text).toContain('I don\'t know the review');
    expect((await say(conv, 'review MR-0001')).text).toContain('There is no review MR-0001 in this team');
    expect((await press(conv, 'review.start', { templateId: 'nope' })).text).toBe('');
  });
});

describe('gate reviews at a phase change', () => {
  it('envision → onboard starts Portfolio and Project Plan Approved with their inputs filled from live data, and posts their cards', async () => {
    const conv = await seed.installedChannel();
    await withIncidentAndProblem(conv);
    const ws = workspaceOf(conv);
    const before = connector.calls.length;
    await product.reviews.phaseListener({ workspace: ws, from: 'envision', to: 'onboard', at: '2026-11-30T10:00:00.000Z', actor: { id: 'lead', name: 'Lee Lead' } });
    const summary = await product.reviews.service.summary(ws);
    expect(Object.keys(summary.reviews).sort()).toEqual(['portfolio', 'project-plan-approved']);
    const runs = (await Promise.all(['MR-0001', 'MR-0002'].map((id) => product.reviews.service.get(ws, id)))) as ReviewRun[];
    for (const run of runs) {
      expect(run.trigger).toEqual({ kind: 'phase', from: 'envision', to: 'onboard' });
      expect(run.period).toBe('Envision → Onboard');
      expect(run.snapshot.incidents?.total).toBe(1);
      expect(run.snapshot.problems?.top.map((p) => p.id)).toEqual(['PRB-0001']);
    }
    // Posted to the workspace's channel (the team's General channel), where the phase change names no conversation.
    const posts = () => connector.calls.slice(before).filter((c) => c.method === 'POST' && c.conversationId === ws.scopeId);
    const posted = posts().map((c) => text(c.body?.attachments ?? [])).join('\n');
    expect(posted).toContain('MR-0001 · Portfolio management review');
    expect(posted).toContain('MR-0002 · Project Plan Approved management review');
    expect(posted).toContain('1 recorded (1 × B)');
    expect(posted).toContain('PRB-0001');
    // Told again (a redelivered change): the open runs stay, nothing is posted twice.
    const after = posts().length;
    await product.reviews.phaseListener({ workspace: ws, from: 'envision', to: 'onboard', at: '2026-11-30T10:00:00.000Z', actor: { id: 'lead', name: 'Lee Lead' } });
    expect(posts().length).toBe(after);
    expect((await product.reviews.service.summary(ws)).nextNumber).toBe(3);
  });
});

describe('the reviews tab', () => {
  it('lists the reviews, opens a run with its data snapshot, and records a decision through the same card actions', async () => {
    const conv = await seed.installedChannel();
    await seed.fileIncident(conv, INCIDENT);
    const workspace = workspaceParam(workspaceOf(conv));
    const list = await fetch(`${bot.url}/api/tab/views/reviews?${new URLSearchParams({ workspace })}`, { headers: dev });
    expect(list.status).toBe(200);
    expect(text((await list.json() as any).cards)).toContain('Operational Health');
    const start = await fetch(`${bot.url}/api/tab/actions`, { method: 'POST', headers: dev, body: JSON.stringify({ view: 'reviews', workspace, params: {}, verb: 'review.start', data: { templateId: 'operational-health' } }) });
    expect(start.status).toBe(200);
    const opened = await fetch(`${bot.url}/api/tab/views/reviews?${new URLSearchParams({ workspace, run: 'MR-0001' })}`, { headers: dev });
    const cards = (await opened.json() as any).cards;
    expect(text(cards)).toContain('Data at the start');
    expect(text(cards)).toMatch(/Incidents:\s+2026-11: 1 recorded/);
    const etag = etagOf(cards[0])!;
    const decided = await fetch(`${bot.url}/api/tab/actions`, { method: 'POST', headers: dev, body: JSON.stringify({ view: 'reviews', workspace, params: { run: 'MR-0001' }, verb: 'review.decide', data: { runId: 'MR-0001', etag, decisionText: 'Open a problem for the Building 6 drops', decisionOwner: 'Network Operations', decisionDue: '2026-12-15' } }) });
    expect(decided.status).toBe(200);
    expect(JSON.stringify(await decided.json())).toContain('Open a problem for the Building 6 drops');
    const missing = await fetch(`${bot.url}/api/tab/views/reviews?${new URLSearchParams({ workspace, run: 'MR-0042' })}`, { headers: dev });
    expect(text((await missing.json() as any).cards)).toContain('There is no review MR-0042');
  });
});
