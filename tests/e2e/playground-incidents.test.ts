// The escalation in the real Microsoft 365 Agents Playground, driven by headless Chromium:
// type escalate, answer each question, confirm on the card, and see the incident card with
// its service request number (the confirm button is an Action.Execute whose response card
// replaces the confirmation card in place).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIncidentsFeature } from '../../bot/src/features/incidents-feature';
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
  session = await startPlaygroundSession({ features: [createIncidentsFeature()] });
  ({ bot, playground, page } = session);
}, 120_000);

afterAll(async () => {
  await session?.close();
}, 30_000);

describe('escalation in the Agents Playground', () => {
  it('escalate, answer, confirm, and see the incident card with its SR number', async () => {
    await sendMessage(page, 'escalate');
    await waitForAdaptiveCard(page, 'Which service is affected?');
    const steps: [answer: string, next: string | RegExp][] = [
      ['Teams meetings', 'What is broken?'],
      ['Meetings fail to start for everyone with error 500', 'What is the business impact?'],
      ['Sales cannot hold customer calls; about 40 calls an hour are lost', 'Who is affected'],
      ['all users', 'When did it start?'],
      ['30 minutes ago', 'Which severity?'],
    ];
    for (const [answer, next] of steps) {
      await sendMessage(page, answer);
      await waitForAdaptiveCard(page, next);
    }
    // The severity question shows what each level commits to before anything is chosen.
    const severity = await waitForAdaptiveCard(page, 'Which severity?');
    const severityText = await severity.innerText();
    expect(severityText).toContain('First response within 1 hour');
    expect(severityText).toContain('every 2 hours in both directions');
    await chooseOnCard(severity, /Yes: A Critical/);
    const scope = await waitForAdaptiveCard(page, 'areas the vendor does not accept');
    await chooseOnCard(scope, "It's the vendor's service");

    const confirm = await waitForAdaptiveCard(page, 'Confirm the escalation');
    expect(await confirm.innerText()).toContain('What this severity commits to');
    await clickCardAction(confirm, 'File the escalation');

    // The confirmation card turns into the incident card (the outage notification for this
    // severity A incident arrives as a separate message).
    const incident = await waitForAdaptiveCard(page, /SR-\d{6}-0001[\s\S]*Routed to/, { timeout: 30_000 });
    await expect.poll(() => page.locator('.ac-adaptiveCard').filter({ hasText: 'Confirm the escalation' }).count()).toBe(0);
    await waitForAdaptiveCard(page, /Outage notification[\s\S]*SR-\d{6}-0001/);
    const text = await incident.innerText();
    expect(text).toContain('Severity A Critical');
    expect(text).toContain('Teams meetings');
    expect(text).toContain('Vendor support');
    await incident.scrollIntoViewIfNeeded();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}playground-escalation.png` });
  }, 180_000);
});
