// The `finding` dialog in the real Microsoft 365 Agents Playground, driven by headless
// Chromium: type `finding`, pick the choice answers on the cards, type the free-text answers, file it from
// the confirmation card, and see the finding card replace it.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFindingsFeature } from '../../bot/src/features/findings-feature';
import type { Playground } from '../support/playground';
import { startPlaygroundSession, type PlaygroundSession } from '../support/playground-session';
import { chooseOnCard, clickCardAction, sendMessage, waitForAdaptiveCard } from '../support/playground-page';
import type { ServiceOpsUnderTest } from '../support/service-ops';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

let session: PlaygroundSession;
let bot: ServiceOpsUnderTest;
let playground: Playground;
let page: Page;

beforeAll(async () => {
  session = await startPlaygroundSession({ features: [createFindingsFeature()] });
  ({ bot, playground, page } = session);
}, 120_000);

afterAll(async () => {
  await session?.close();
}, 30_000);

/** Waits for the newest card asking `question`, then picks `title` in its choices and presses Next. */
async function chooseOn(question: string, title: string): Promise<void> {
  await chooseOnCard(await waitForAdaptiveCard(page, question), title);
}

/** Waits for the newest card asking `question`, then presses the button titled exactly `title`. */
async function pressOn(question: string, title: string): Promise<void> {
  const card = await waitForAdaptiveCard(page, question);
  await clickCardAction(card, new RegExp(`^${title.replace(/[()]/g, '\\$&')}$`));
}

describe('filing a finding in the Agents Playground', () => {
  it('asks one question at a time, files it from the confirmation card, and shows the finding card', async () => {
    await sendMessage(page, 'finding');
    await chooseOn('Which kind of problem is it?', 'VPN');
    // The usual review area for the kind of problem is already chosen: Next takes it.
    await pressOn('Which part of the quality review found it?', 'Next');
    await waitForAdaptiveCard(page, 'Which building or site is affected?');
    await sendMessage(page, 'Building 6');
    await pressOn('Which subnet, in CIDR form', 'Skip');
    await chooseOn('Which network were the calls on?', 'VPN');
    await chooseOn('Which metric shows the problem?', 'Poor stream rate (PSR)');
    await waitForAdaptiveCard(page, 'What poor stream rate did you see');
    await sendMessage(page, 'lots');
    await waitForAdaptiveCard(page, '"lots" is not a percentage');
    await sendMessage(page, '4.1');
    await waitForAdaptiveCard(page, 'What did you see?');
    await sendMessage(page, 'Poor audio in Building 6 since the VPN concentrator upgrade');
    await pressOn('A link to the evidence', 'Skip');
    await chooseOn('Which team must remediate it?', 'Network Operations');

    const confirm = await waitForAdaptiveCard(page, 'Check the finding before I file it');
    expect(await confirm.innerText()).toContain('Poor audio in Building 6 since the VPN concentrator upgrade');
    await clickCardAction(confirm, /^File it$/);

    const card = await waitForAdaptiveCard(page, 'QF-0001 · VPN');
    const text = await card.innerText();
    expect(text).toContain('Poor audio in Building 6 since the VPN concentrator upgrade');
    expect(text).toContain('New');
    expect(text).toContain('owned by Network Operations');
    expect(text).toMatch(/4\.1 % poor stream rate is above the 2\.0 % target/);
    await expect.poll(() => card.getByRole('button', { name: 'Accept' }).count()).toBeGreaterThan(0);
    await card.scrollIntoViewIfNeeded();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}playground-finding.png` });

    // It is in Table storage, filed once, with its history row.
    const rows: Record<string, unknown>[] = [];
    for await (const e of bot.app.store.client('Findings').listEntities()) rows.push(e);
    const findings = rows.filter((r) => String(r.rowKey).startsWith('F|'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ findingId: 'QF-0001', category: 'vpn', building: 'Building 6', networkType: 'vpn', value: '4.1', status: 'new' });
    expect(rows.filter((r) => String(r.rowKey).startsWith('H|'))).toHaveLength(1);
  });
});
