// The agenda tab as the meeting's side panel, in headless Chromium at Teams' side panel width
// (320 px), against the real app and the built pages: it shows the meeting's notes (not the full
// agenda), fits the width without scrolling sideways, records a decision and an action from its
// forms, says what is wrong with a bad date, and undoes a note. As the meeting's details tab it
// stays the full agenda. The screenshot goes to tests/artifacts/meeting-side-panel.png.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../bot/src/domain/workspace';
import { launchBrowser, type LaunchedBrowser } from '../support/chromium';
import { startConnector, type LocalConnector } from '../support/connector';
import { WorkspaceSeeder, workspaceOf, workspaceParam } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';
import { ARTIFACTS, DEV, ready, TABS_DIR } from './tab-fixture';

let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let browser: LaunchedBrowser;
let team: Workspace;

const act = async (verb: string, data: Record<string, unknown>) => {
  const res = await fetch(`${bot.url}/api/tab/actions`, { method: 'POST', headers: { 'content-type': 'application/json', ...DEV }, body: JSON.stringify({ view: 'meeting', workspace: workspaceParam(team), params: {}, verb, data }) });
  expect(res.status).toBe(200);
};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  connector = await startConnector();
  bot = await startServiceOps({}, { tabsDir: TABS_DIR, clock: () => new Date('2026-11-30T10:00:00Z') });
  team = workspaceOf(await new WorkspaceSeeder(bot, connector).installedChannel('Priya Natarajan'));
  // A last meeting whose action is open, then this meeting under way.
  await act('meeting.record', { kind: 'action', actionText: 'Publish the Wi-Fi survey results to every site lead', actionOwner: 'Network Operations', actionDue: '2026-11-20' });
  await act('meeting.close', {});
  await act('meeting.record', { kind: 'decision', decisionText: 'Extend the Teams Rooms pilot to Building 6 until the end of the quarter' });
  browser = await launchBrowser({ viewport: { width: 320, height: 900 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await bot?.close();
  await connector?.close();
});

async function open(frame: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('pageerror', (e) => errors.push(String(e)));
  const q = new URLSearchParams({ view: 'agenda', workspace: workspaceParam(team), frame, meeting: 'MCMxOTptZWV0aW5n' });
  await page.goto(`${bot.url}/tabs/index.html?${q}`);
  await ready(page);
  return { page, errors };
}

const card = (page: Page) => page.locator('#content .card-frame > .ac-adaptiveCard').first();
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the meeting side panel at 320 px', () => {
  it('shows the meeting, fits the width, records from its forms and undoes a note', async () => {
    const { page, errors } = await open('sidePanel');
    expect(await page.locator('body').getAttribute('data-surface')).toBe('side-panel');
    expect(await page.locator('h1').textContent()).toBe('Steering committee meeting');
    // The card is the panel: the page's own header is not drawn over it.
    expect(await page.locator('#refresh').isVisible()).toBe(false);
    const text = await card(page).innerText();
    expect(text).toContain('Extend the Teams Rooms pilot to Building 6');
    expect(text).toContain('Actions from the last meeting (2026-11-30)');
    expect(text).toContain('Overdue · owner Network Operations · due 2026-11-20');
    expect(await sideways(page)).toBe(0);
    // Every button is inside the panel, none cut off at its edge.
    for (const box of await page.locator('.ac-pushButton').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right))) expect(box).toBeLessThanOrEqual(320);

    // The person who recorded is in the meeting, so the owner can be picked or typed.
    await page.getByLabel('Action', { exact: true }).fill('Order access points');
    await page.getByLabel('Or type a name (used instead)').fill('Facilities');
    await page.getByLabel('Due date (optional)').fill('2026-12-15');
    await page.getByRole('button', { name: 'Record action' }).click();
    await expect.poll(() => card(page).innerText()).toContain('Owner: Facilities · due 2026-12-15');

    await page.getByLabel('Decision', { exact: true }).fill('Buy 40 access points');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => card(page).innerText()).toContain('Buy 40 access points');
    await page.screenshot({ path: `${ARTIFACTS}meeting-side-panel.png`, fullPage: true });
    expect(await sideways(page)).toBe(0);

    // Decisions come first: the second Undo is the decision just recorded.
    await page.getByRole('button', { name: 'Undo' }).nth(1).click();
    await expect.poll(() => card(page).innerText()).not.toContain('Buy 40 access points');
    expect(errors).toEqual([]);
  });

  it('refuses an empty decision with a clear error', async () => {
    const { page } = await open('sidePanel');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => page.locator('#notice').innerText()).toContain('The decision is required.');
  });

  it('as the meeting details tab it stays the full agenda, with the last meeting\'s actions', async () => {
    const { page } = await open('content');
    expect(await page.locator('body').getAttribute('data-surface')).toBeNull();
    const text = await card(page).innerText();
    expect(text).toContain('Steering committee agenda');
    expect(text).toContain('Actions from the last meeting (1)');
    expect(text).toContain('Publish the Wi-Fi survey results to every site lead');
  });
});
