// The tab pages in headless Chromium against the real server (built pages in dist/tabs, the tab
// API, local mode with the development identity). View content comes from the stand-in
// providers in fixture-views.ts until the features register their real ones.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type LaunchedBrowser } from '../support/chromium';
import { registerFixtureViews } from './fixture-views';
import { startTabServer, type TabServer } from './tab-server';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const VIEWS = ['roles', 'agenda', 'checklist', 'findings', 'incidents'] as const;
const THEMES = ['default', 'dark'] as const;

let server: TabServer;
let placeholders: TabServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const connectionString = inject('azuriteConnectionString');
  server = await startTabServer({ connectionString, views: registerFixtureViews });
  placeholders = await startTabServer({ connectionString });
  browser = await launchBrowser({ viewport: { width: 1280, height: 860 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await placeholders?.close();
});

/** A page that records console errors and uncaught exceptions. */
async function open(path: string, base = server.url): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}${path}`);
  return { page, errors };
}

const ready = (page: Page) => page.waitForSelector('body[data-state="ready"] .ac-adaptiveCard', { state: 'visible', timeout: 15_000 });

describe('config page', () => {
  it('saves a view: choosing a checklist produces the content URL, tab name and entity id Teams would store', async () => {
    const { page, errors } = await open('/tabs/config.html');
    const save = page.locator('#save');
    await expect.poll(() => save.isDisabled()).toBe(true);
    await page.locator('label[for="view-checklist"]').click();
    // Validity follows the form: a checklist view needs a checklist chosen.
    await page.waitForSelector('#choice-checklist');
    expect(await save.isDisabled()).toBe(true);
    await page.selectOption('#choice-checklist', 'release-readiness');
    expect(await page.inputValue('#tab-name')).toBe('Release Readiness Review');
    expect(await save.isDisabled()).toBe(false);

    await page.fill('#tab-name', '');
    expect(await save.isDisabled()).toBe(true);
    expect(await page.locator('#name-error').isVisible()).toBe(true);
    await page.fill('#tab-name', 'RRR checklist');
    await save.click();
    const url = await page.locator('#saved-url').innerText();
    expect(url).toBe(`${server.url}/tabs/index.html?view=checklist&checklist=release-readiness`);
    expect(await page.locator('#saved-name').innerText()).toBe('RRR checklist');
    await page.screenshot({ path: `${ARTIFACTS}tabs-config-default.png`, fullPage: true });

    await page.goto(url);
    await ready(page);
    expect(await page.locator('.ac-adaptiveCard').first().innerText()).toContain('Release Readiness Review');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reconfigures: opened with a saved view, it starts from it', async () => {
    const { page, errors } = await open('/tabs/config.html?view=findings');
    expect(await page.locator('#view-findings').isChecked()).toBe(true);
    expect(await page.inputValue('#tab-name')).toBe('Findings board');
    expect(await page.locator('#save').isDisabled()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('content pages', () => {
  for (const theme of THEMES) {
    for (const view of VIEWS) {
      it(`${view} renders its cards with no console errors (${theme} theme)`, async () => {
        const { page, errors } = await open(`/tabs/index.html?view=${view}&theme=${theme}`);
        await ready(page);
        expect(await page.locator('.ac-adaptiveCard').count()).toBeGreaterThan(0);
        expect(await page.locator('#dev-banner').isVisible()).toBe(true);
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(bg).toBe(theme === 'dark' ? 'rgb(31, 31, 31)' : 'rgb(245, 245, 245)');
        if (view === 'findings') {
          const chart = page.locator('svg.trend-svg[role="img"]');
          expect(await chart.locator('title').first().textContent()).toBe('Audio poor stream rate, all buildings');
          expect(await chart.locator('circle.trend-dot').count()).toBe(8);
          expect(await chart.locator('circle.trend-dot.bad').count()).toBe(5);
          expect(await page.locator('.trend-summary').innerText()).toMatch(/2\.4 % in Aug 2025, within the 3 % target/);
        }
        await page.screenshot({ path: `${ARTIFACTS}tabs-${view}-${theme}.png`, fullPage: true });
        expect(errors).toEqual([]);
        expect(browser.blockedRequests).toEqual([]);
        await page.close();
      });
    }
  }

  it('follows the high-contrast theme too', async () => {
    const { page, errors } = await open('/tabs/index.html?view=incidents&theme=contrast');
    await ready(page);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');
    await page.screenshot({ path: `${ARTIFACTS}tabs-incidents-contrast.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows an error state that says what to do, and recovers with Try again', async () => {
    const page = await browser.newPage();
    let fail = true;
    await page.route('**/api/tab/views/**', (route) => (fail ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: 'Something went wrong on our side. Try again in a moment.' }) }) : route.continue()));
    await page.goto(`${server.url}/tabs/index.html?view=roles`);
    await page.waitForSelector('#error-state', { state: 'visible' });
    expect(await page.locator('#error-state').innerText()).toMatch(/Couldn't load this view[\s\S]*Try again in a moment/);
    await page.screenshot({ path: `${ARTIFACTS}tabs-error-default.png`, fullPage: true });
    fail = false;
    await page.click('#retry');
    await ready(page);
    await page.close();
  });

  it('shows an empty state when a view has nothing yet (the placeholder providers)', async () => {
    const { page, errors } = await open('/tabs/index.html?view=findings', placeholders.url);
    await page.waitForSelector('#empty-state', { state: 'visible' });
    expect(await page.locator('#empty-state').innerText()).toMatch(/@Service Ops finding/);
    await page.screenshot({ path: `${ARTIFACTS}tabs-empty-default.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('editing a role persists across a reload', async () => {
    const { page, errors } = await open('/tabs/index.html?view=roles');
    await ready(page);
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Network Operations' }).first();
    await card.getByRole('button', { name: 'Edit' }).click();
    const team = card.getByLabel('Team');
    await team.fill('Network & Wi-Fi Operations');
    await card.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('text=Network & Wi-Fi Operations');
    await page.reload();
    await ready(page);
    expect(await page.locator('.ac-adaptiveCard', { hasText: 'Marco Bianchi' }).innerText()).toContain('Network & Wi-Fi Operations');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('ticking a checklist item persists across a reload', async () => {
    const { page, errors } = await open('/tabs/index.html?view=checklist&checklist=qer');
    await ready(page);
    expect(await page.locator('.ac-adaptiveCard').innerText()).toContain('2 of 5 items done');
    const item = page.getByRole('checkbox', { name: /Call setup failures/ });
    expect(await item.isChecked()).toBe(false);
    await item.check();
    await page.getByRole('button', { name: 'Save progress' }).click();
    await page.waitForSelector('text=3 of 5 items done');
    await page.reload();
    await ready(page);
    expect(await page.locator('.ac-adaptiveCard').innerText()).toContain('3 of 5 items done');
    expect(await page.getByRole('checkbox', { name: /Call setup failures/ }).isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
