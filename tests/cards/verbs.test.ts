// Verbs are defined once and every verb a card can send reaches a handler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_VERBS } from '../../bot/src/cards/verbs';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';
import { CARD_SAMPLES } from './card-samples';

let bot: ServiceOpsUnderTest;
beforeAll(async () => {
  bot = await startServiceOps();
});
afterAll(async () => {
  await bot?.close();
});

function executeVerbs(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => executeVerbs(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute' && typeof o.verb === 'string') out.add(o.verb);
    Object.values(o).forEach((v) => executeVerbs(v, out));
  }
  return out;
}

describe('verbs', () => {
  it('are unique across features', () => {
    expect(new Set(ALL_VERBS).size).toBe(ALL_VERBS.length);
  });

  it('every declared verb has a route in the app', () => {
    expect(ALL_VERBS.filter((v) => !bot.app.verbs.includes(v))).toEqual([]);
  });

  it('every Action.Execute verb on a card is a declared verb', () => {
    const used = new Set<string>();
    for (const sample of CARD_SAMPLES) executeVerbs(sample.render(), used);
    expect([...used].filter((v) => !ALL_VERBS.includes(v))).toEqual([]);
  });
});
