// The charter tab in a browser (headless Chromium, the built tab pages): the charter card with the
// project moved to Onboard and the business case with a measured KSI, drawn without console errors.
// The picture goes to tests/artifacts/tabs-charter-default.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOVERNANCE_VERBS as V } from '../../bot/src/cards/governance-verbs';
import { actionData } from '../support/card-inspect';
import { ARTIFACTS, cardText, ready, startTabFixture, tabUrl, type TabFixture } from '../tabs/tab-fixture';

let fx: TabFixture;
beforeAll(async () => {
  fx = await startTabFixture();
}, 120_000);
afterAll(async () => {
  await fx?.close();
});

/** The data of the first Action.Execute with `verb` on the cards. */
function data(cards: unknown, verb: string): Record<string, unknown> {
  const found = actionData(cards, verb);
  expect(found, verb).toBeDefined();
  return found!;
}

describe('the charter tab', () => {
  it('shows the charter in Onboard and the business case with its measured KSI', async () => {
    const ws = fx.emptyTeam;
    let r = await fx.tabAction(ws, 'charter', V.plansSave, { start_envision: '2026-01-05', end_envision: '2026-02-27', start_onboard: '2026-03-02', end_onboard: '2026-06-30', 'start_drive-value': '2026-07-01' });
    for (let i = 0; i < 2; i++) {
      const asked = await fx.tabAction(ws, 'charter', V.phaseAsk, data(r.cards, V.phaseAsk));
      r = await fx.tabAction(ws, 'charter', V.phaseConfirm, data(asked.cards, V.phaseConfirm));
    }
    await fx.tabAction(ws, 'charter', V.deliverableAdd, { deliverableTitle: 'Pilot wave report', deliverableOwner: 'Project Lead', deliverableDue: '2026-03-31' });
    await fx.tabAction(ws, 'charter', V.measure, { useCaseId: 'example-retire-pbx', measured: 14, measuredOn: '2026-03-01' });
    const { page, errors } = await fx.open(tabUrl('charter', ws));
    await ready(page);
    const charter = await cardText(page, 0);
    expect(charter).toContain('Current phase: Onboard');
    expect(charter).toContain('Pilot wave report');
    const business = await cardText(page, 1);
    expect(business).toContain('measured 14 % on 2026-03-01 against a target of at least 20 %: not met');
    await page.screenshot({ path: `${ARTIFACTS}tabs-charter-default.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
