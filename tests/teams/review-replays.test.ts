// Teams redelivers an invoke with the same id: every state-changing review verb, pressed twice
// with one id, answers the same and changes the run once (the verb router's idempotency ledger).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_VERBS } from '../../bot/src/cards/review-verbs';
import { VIEW_VERBS } from '../../bot/src/cards/verbs';
import { type BuiltProduct, createProductFeature } from '../../bot/src/features/wiring';
import { cardAction } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { WorkspaceSeeder, workspaceOf } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let product: BuiltProduct;

beforeAll(async () => {
  connector = await startConnector();
  const feature = createProductFeature();
  bot = await startServiceOps({}, { features: [feature], clock: () => new Date('2026-11-30T10:00:00Z') });
  product = bot.app.servicesOf(feature);
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

describe('review verbs replayed', () => {
  it('start, answer, decide, output, settle and close change the run once each', async () => {
    const conv = await new WorkspaceSeeder(bot, connector).installedChannel();
    const ws = workspaceOf(conv);
    const exercised = new Set<string>();
    let n = 0;
    const twice = async (verb: string, data: Record<string, unknown>) => {
      const id = `replay-${++n}`;
      const first = await bot.send(cardAction(conv, verb, data, { id }));
      const second = await bot.send(cardAction(conv, verb, data, { id }));
      expect(first.status).toBe(200);
      expect(second.body).toEqual(first.body);
      exercised.add(verb);
    };
    const etag = async (id: string) => (await product.reviews.service.get(ws, id))!.etag;
    // A closed first run, so the second one carries a decision to settle.
    await twice(REVIEW_VERBS.start, { templateId: 'portfolio' });
    await twice(REVIEW_VERBS.decide, { runId: 'MR-0001', etag: await etag('MR-0001'), decisionText: 'Fund it', decisionOwner: 'Ana', decisionDue: '2027-01-15' });
    await twice(REVIEW_VERBS.close, { runId: 'MR-0001', etag: await etag('MR-0001'), outcomeSummary: 'Go' });
    await twice(REVIEW_VERBS.start, { templateId: 'portfolio' });
    await twice(REVIEW_VERBS.answer, { runId: 'MR-0002', etag: await etag('MR-0002'), 'answer.invest': 'Yes' });
    await twice(REVIEW_VERBS.output, { runId: 'MR-0002', etag: await etag('MR-0002'), outputKind: 'funding', outputText: 'Budget for Q1' });
    await twice(REVIEW_VERBS.settle, { runId: 'MR-0002', etag: await etag('MR-0002'), decisionId: 'MR-0001/D1' });
    const first = (await product.reviews.service.get(ws, 'MR-0001'))!;
    const second = (await product.reviews.service.get(ws, 'MR-0002'))!;
    expect([first.status, first.decisions.length, second.outputs.length, second.carried[0]?.done?.by.name]).toEqual(['closed', 1, 1, expect.any(String)]);
    expect((await product.reviews.service.summary(ws)).nextNumber).toBe(3);
    const changing = Object.values(REVIEW_VERBS).filter((v) => !VIEW_VERBS.has(v));
    expect(changing.filter((v) => !exercised.has(v))).toEqual([]);
  });
});
