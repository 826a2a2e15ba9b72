// The reviews tab in headless Chromium against the real app and the built pages: a run opened by
// its link shows the data snapshot it started from (the incident filed before counted), and a
// decision recorded from the card's own form shows with its owner and due date. The screenshot
// goes to tests/artifacts/tabs-reviews-run.png.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../bot/src/domain/workspace';
import { launchBrowser, type LaunchedBrowser } from '../support/chromium';
import { startConnector, type LocalConnector } from '../support/connector';
import { WorkspaceSeeder, workspaceOf, workspaceParam } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';
import { ARTIFACTS, DEV, ready, TABS_DIR } from '../tabs/tab-fixture';

let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let browser: LaunchedBrowser;
let team: Workspace;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  connector = await startConnector();
  bot = await startServiceOps({}, { tabsDir: TABS_DIR, clock: () => new Date('2026-11-30T10:00:00Z') });
  const seed = new WorkspaceSeeder(bot, connector);
  const conv = await seed.installedChannel('Priya Natarajan');
  team = workspaceOf(conv);
  await seed.fileIncident(conv, { service: 'Teams calling', problem: 'Calls drop every few minutes', impact: 'Sales calls drop', affected: 'Building 6', started: '30 minutes ago', severity: 'B' });
  const res = await fetch(`${bot.url}/api/tab/actions`, { method: 'POST', headers: { 'content-type': 'application/json', ...DEV }, body: JSON.stringify({ view: 'reviews', workspace: workspaceParam(team), params: {}, verb: 'review.start', data: { templateId: 'operational-health' } }) });
  expect(res.status).toBe(200);
  browser = await launchBrowser({ viewport: { width: 1000, height: 900 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await bot?.close();
  await connector?.close();
});

describe('the reviews tab in a browser', () => {
  it('shows a run with its data snapshot and records a decision from its form', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${bot.url}/tabs/index.html?${new URLSearchParams({ view: 'reviews', workspace: workspaceParam(team), run: 'MR-0001' })}`);
    await ready(page);
    const card = page.locator('#content .card-frame > .ac-adaptiveCard').first();
    const text = await card.innerText();
    expect(text).toContain('MR-0001 · Operational Health management review');
    expect(text).toContain('2026-11: 1 recorded (1 × B), 1 open now');
    await card.getByRole('button', { name: 'Decision', exact: true }).click();
    await card.getByRole('textbox', { name: 'Decision', exact: true }).fill('Open a problem record for the Building 6 drops');
    await card.getByRole('textbox', { name: 'Owner' }).fill('Network Operations');
    await card.getByLabel('Due date').fill('2026-12-15');
    await card.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => page.locator('#content .card-frame > .ac-adaptiveCard').first().innerText()).toContain('owner Network Operations, due 2026-12-15');
    await page.screenshot({ path: `${ARTIFACTS}tabs-reviews-run.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
