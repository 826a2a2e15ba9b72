// Accessibility of the tab pages: axe-core (WCAG 2.1 A and AA rules, none turned off) on every
// tab view, the cards an action opens, the config page, the chooser and the empty and error
// states, in Teams' default, dark and high-contrast themes, with the same app, seeded data and
// headless Chromium as tabs.test.ts (tab-fixture.ts). Each scanned page is also screenshotted
// to tests/artifacts/a11y-<page>-<theme>.png, so a person can see what was checked.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, type Violation } from './axe';
import { ARTIFACTS, VIEWS, ready, startTabFixture, tabUrl, type TabFixture } from './tab-fixture';

const THEMES = ['default', 'dark', 'contrast'] as const;
type Theme = (typeof THEMES)[number];

let fixture: TabFixture;
/** Every scan's violations, by page and theme: written to tests/artifacts/accessibility.json. */
const report: Record<string, Violation[]> = {};

beforeAll(async () => {
  fixture = await startTabFixture();
}, 120_000);

afterAll(async () => {
  writeFileSync(`${ARTIFACTS}accessibility.json`, JSON.stringify(report, null, 2));
  await fixture?.close();
});

/** Screenshots the page (unless told not to), runs axe, and expects no violation. */
async function expectAccessible(page: Page, name: string, theme: Theme, { screenshot = true } = {}): Promise<void> {
  if (screenshot) await page.screenshot({ path: `${ARTIFACTS}a11y-${name}-${theme}.png`, fullPage: true });
  const violations = await axeViolations(page);
  report[`${name}/${theme}`] = violations;
  // Soft: every scan of a test runs and reports, and any violation still fails the test.
  expect.soft(violations, describeViolations(violations)).toEqual([]);
}

const fixturePath = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

for (const theme of THEMES) {
  describe(`${theme} theme`, () => {
    for (const view of VIEWS) {
      it(`${view}: the view, then each of its show-cards opened`, async () => {
        const { page, errors } = await fixture.open(tabUrl(view, fixture.team, { theme, ...(view === 'checklist' ? { checklist: 'qer' } : {}) }));
        await ready(page);
        await expectAccessible(page, view, theme);
        // Action.ShowCard buttons reveal inline forms (add a risk, add an item…): check each one open.
        const toggles = page.locator('#content .ac-pushButton[aria-expanded]');
        const count = await toggles.count();
        for (let i = 0; i < count; i++) {
          const toggle = toggles.nth(i);
          if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
          expect(await toggle.getAttribute('aria-expanded')).toBe('true');
          await expectAccessible(page, `${view}-showcard-${i + 1}`, theme, { screenshot: i === count - 1 });
        }
        expect(errors).toEqual([]);
        await page.close();
      }, 90_000);
    }

    it('the cards actions open: a role edit card and a finding', async () => {
      const { page, errors } = await fixture.open(tabUrl('roles', fixture.team, { theme }));
      await ready(page);
      await page.getByRole('button', { name: 'Edit', exact: true }).first().click();
      await page.waitForSelector('#back');
      await expectAccessible(page, 'role-edit', theme);
      await page.goto(`${fixture.bot.url}${tabUrl('findings', fixture.team, { theme })}`);
      await ready(page);
      await page.getByText(fixture.seeded.findings[0]!, { exact: true }).click();
      await page.waitForSelector('#back');
      await expectAccessible(page, 'finding', theme);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('a call-quality import: its proposals, and the board with the measured data', async () => {
      const { page, errors } = await fixture.open(tabUrl('findings', fixture.importTeam, { theme }));
      await page.waitForSelector('body[data-state="empty"], body[data-state="ready"]');
      await page.setInputFiles('#cqd-file', fixturePath('cqd-sample.csv'));
      await page.waitForSelector('#back');
      await expectAccessible(page, 'import-proposals', theme);
      await page.reload();
      await ready(page);
      await expectAccessible(page, 'findings-measured', theme);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('a notice: a refused save says why', async () => {
      const { page, errors } = await fixture.open(tabUrl('reminders', fixture.team, { theme }));
      await ready(page);
      await page.getByLabel('Time').first().evaluate((el: HTMLInputElement) => {
        el.type = 'text';
        el.value = '25:99';
      });
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.waitForSelector('#notice:not([hidden])');
      await expectAccessible(page, 'notice', theme);
      // The refused save was a 400 from the API, which Chromium logs; nothing else went wrong.
      expect(errors).toEqual([expect.stringContaining('status of 400')]);
      await page.close();
    });

    it('the empty states', async () => {
      const { page, errors } = await fixture.open(tabUrl('findings', fixture.emptyTeam, { theme }));
      await page.waitForSelector('#empty-state', { state: 'visible' });
      await expectAccessible(page, 'empty', theme);
      await page.goto(`${fixture.bot.url}${tabUrl('agenda', fixture.emptyTeam, { theme })}`);
      await ready(page);
      await expectAccessible(page, 'agenda-empty', theme);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('the error states', async () => {
      const page = await fixture.browser.newPage();
      await page.route('**/api/tab/views/**', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: 'Something went wrong on our side. Try again in a moment.' }) }));
      await page.goto(`${fixture.bot.url}${tabUrl('roles', fixture.team, { theme })}`);
      await page.waitForSelector('#error-state', { state: 'visible' });
      await expectAccessible(page, 'error', theme);
      await page.unroute('**/api/tab/views/**');
      await page.goto(`${fixture.bot.url}${tabUrl('roles', { tenantId: fixture.team.tenantId, scope: 'team', scopeId: '19:not-installed@thread.tacv2' }, { theme })}`);
      await page.waitForSelector('#error-state', { state: 'visible' });
      await expectAccessible(page, 'not-installed', theme);
      await page.close();
    });

    it('the chooser (a tab with no view)', async () => {
      const { page, errors } = await fixture.open(`/tabs/index.html?theme=${theme}`);
      await page.waitForSelector('body[data-state="chooser"]');
      await expectAccessible(page, 'chooser', theme);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('the config page: a checklist chosen and saved, then with its name missing', async () => {
      const { page, errors } = await fixture.open(`/tabs/config.html?theme=${theme}`);
      await page.waitForSelector('#save');
      await page.locator('label[for="view-checklist"]').click();
      await page.waitForSelector('#choice-checklist');
      await page.selectOption('#choice-checklist', 'qer');
      await page.click('#save');
      await page.waitForSelector('#saved:not([hidden])');
      await expectAccessible(page, 'config', theme);
      await page.fill('#tab-name', '');
      await page.waitForSelector('#name-error:not([hidden])');
      await expectAccessible(page, 'config-invalid', theme);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}

it('opened nothing outside loopback', () => {
  expect(fixture.browser.blockedRequests).toEqual([]);
});
