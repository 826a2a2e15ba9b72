// The runbooks tab and the roles tab's OLA in headless Chromium against the real app and the
// built pages: the runbooks list renders as a card, opening the help-desk runbook shows its steps,
// Start shows the run's checklist, and the role map's "Review and sign the OLA" opens the OLA.
// Screenshots go to tests/artifacts/tabs-runbooks-*.png and tabs-ola-default.png.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINT_TROUBLESHOOTING_ORDER } from '../../bot/src/domain/reminders/catalog';
import { launchBrowser, type LaunchedBrowser } from '../support/chromium';
import { startConnector, type LocalConnector } from '../support/connector';
import { WorkspaceSeeder, workspaceOf } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';
import { ARTIFACTS, cardText, ready, TABS_DIR, tabUrl } from '../tabs/tab-fixture';
import type { Workspace } from '../../bot/src/domain/workspace';
import { cardAction } from '../support/activities';

let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let browser: LaunchedBrowser;
let team: Workspace;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  connector = await startConnector();
  bot = await startServiceOps({}, { tabsDir: TABS_DIR, clock: () => new Date('2026-06-01T07:00:00Z') });
  const conv = await new WorkspaceSeeder(bot, connector).installedChannel('Priya Natarajan');
  team = workspaceOf(conv);
  await bot.send(cardAction(conv, 'role.save', { roleId: 'help-desk', team: 'Service Desk', contact: 'desk@contoso.example' }));
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await bot?.close();
  await connector?.close();
});

async function open(path: string) {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${bot.url}${path}`);
  await ready(page);
  return { page, errors };
}

describe('the runbooks tab', () => {
  it('lists the runbooks, opens the help-desk runbook with its steps in order, and starts its checklist', async () => {
    const { page, errors } = await open(tabUrl('runbooks', team));
    expect(await cardText(page)).toContain('21 runbooks for the work done as needed');
    await page.screenshot({ path: `${ARTIFACTS}tabs-runbooks-default.png`, fullPage: true });
    // The Open button of the endpoint-troubleshooting runbook (the help desk's).
    const row = page.locator('.ac-columnSet', { hasText: 'Endpoint troubleshooting' });
    await row.getByRole('button', { name: 'Open' }).click();
    await expect.poll(async () => cardText(page)).toContain('Owner:');
    const text = await cardText(page);
    const at = ENDPOINT_TROUBLESHOOTING_ORDER.slice(0, -1).map((c) => text.indexOf(c.title));
    expect(at.every((i) => i >= 0), text).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain('Service Desk');
    await page.screenshot({ path: `${ARTIFACTS}tabs-runbooks-help-desk.png`, fullPage: true });
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(async () => cardText(page)).toContain('0 of 5 steps ticked');
    await page.screenshot({ path: `${ARTIFACTS}tabs-runbooks-run.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it('the roles tab shows each team\'s OLA adherence and opens the OLA to sign', async () => {
    const { page, errors } = await open(tabUrl('roles', team));
    expect(await cardText(page)).toContain('OLA adherence');
    await page.getByRole('button', { name: 'Review and sign the OLA' }).first().click();
    await expect.poll(async () => cardText(page)).toContain('Operational-level agreement');
    await page.screenshot({ path: `${ARTIFACTS}tabs-ola-default.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
