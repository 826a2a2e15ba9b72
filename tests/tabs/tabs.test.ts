// The tab pages in headless Chromium against the REAL app: startServiceOps() with every default
// feature and the built pages in dist/tabs, local mode with the development identity. Data is
// seeded the way people make it (tab-fixture.ts): the bot is installed in a team, findings and
// incidents are filed by chat, risks and KSIs through the tab API's actions; the tab shows what
// the services store.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../bot/src/domain/workspace';
import type { LaunchedBrowser } from '../support/chromium';
import type { ServiceOpsUnderTest } from '../support/service-ops';
import { ARTIFACTS, VIEWS, cardText, ready, startTabFixture, tabUrl, type TabFixture } from './tab-fixture';

const THEMES = ['default', 'dark'] as const;

let fixture: TabFixture;
let bot: ServiceOpsUnderTest;
let browser: LaunchedBrowser;
/** The seeded team, and a second installed team with nothing in it. */
let team: Workspace;
let emptyTeam: Workspace;
/** A team with no findings, for the call-quality import. */
let importTeam: Workspace;
let seeded: TabFixture['seeded'];

beforeAll(async () => {
  fixture = await startTabFixture();
  ({ bot, browser, team, emptyTeam, importTeam, seeded } = fixture);
}, 120_000);

afterAll(async () => {
  await fixture?.close();
});

const open = (path: string) => fixture.open(path);

describe('config page', () => {
  it('saves a view: choosing a checklist produces the content URL, tab name and entity id Teams would store', async () => {
    const { page, errors } = await open('/tabs/config.html');
    const save = page.locator('#save');
    await expect.poll(() => save.isDisabled()).toBe(true);
    await page.locator('label[for="view-checklist"]').click();
    // The choices are the checklist service's templates; a checklist view needs one chosen.
    await page.waitForSelector('#choice-checklist');
    expect(await save.isDisabled()).toBe(true);
    const options = await page.locator('#choice-checklist option').allInnerTexts();
    expect(options).toEqual(expect.arrayContaining(['Quality Experience Review', 'Release Readiness management review', 'Support hand-over']));
    await page.selectOption('#choice-checklist', 'mr-release-readiness');
    expect(await page.inputValue('#tab-name')).toBe('Release Readiness management review');
    expect(await save.isDisabled()).toBe(false);

    await page.fill('#tab-name', '');
    expect(await save.isDisabled()).toBe(true);
    expect(await page.locator('#name-error').isVisible()).toBe(true);
    await page.fill('#tab-name', 'RRR checklist');
    await save.click();
    const url = await page.locator('#saved-url').innerText();
    expect(url).toBe(`${bot.url}/tabs/index.html?view=checklist&checklist=mr-release-readiness`);
    expect(await page.locator('#saved-name').innerText()).toBe('RRR checklist');
    await page.screenshot({ path: `${ARTIFACTS}tabs-config-default.png`, fullPage: true });

    // In a plain browser the development identity lands in the local development team.
    await page.goto(url);
    await ready(page);
    expect(await cardText(page)).toContain('Release Readiness management review');
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

describe('actions in the tab persist in storage', () => {
  it('editing a role persists across a reload', async () => {
    const { page, errors } = await open(tabUrl('roles', team));
    await ready(page);
    expect(await cardText(page)).toContain('0 of 11 roles signed off by their teams.');
    // Help Desk is the fifth role on the map; its Edit opens the edit card in place of the map.
    await page.getByRole('button', { name: 'Edit', exact: true }).nth(4).click();
    await page.waitForSelector('#back');
    expect(await page.locator('#back').innerText()).toBe('← Back to Operational role map');
    expect(await cardText(page)).toContain('Edit role');
    expect(await page.getByRole('textbox', { name: 'Role', exact: true }).inputValue()).toBe('Help Desk');
    // Choosing a channel for notifications happens in that channel, not in the tab.
    expect(await page.getByText("Send this role's notifications").count()).toBe(0);
    await page.getByLabel('Team (TBA until named)').fill('Service Desk EMEA');
    await page.getByLabel('Contact details').fill('desk@contoso.example');
    await page.getByRole('button', { name: 'Save' }).click();
    // Saved: back on the role map, which shows the new team.
    await page.waitForSelector('text=Service Desk EMEA');
    expect(await page.locator('#back').count()).toBe(0);

    await page.reload();
    await ready(page);
    const map = await cardText(page);
    expect(map).toMatch(/Help Desk[\s\S]*Team: Service Desk EMEA[\s\S]*Contact: desk@contoso\.example/);
    // Only a role with a team named can be signed off, against its OLA: Help Desk is the one now.
    const review = page.getByRole('button', { name: 'Review and sign the OLA' });
    expect(await review.count()).toBe(1);
    expect(map).toContain('No team named yet');
    await review.click();
    await page.waitForSelector('text=Not signed yet');
    await page.getByRole('button', { name: 'Sign this OLA for our team' }).click();
    await page.waitForSelector('text=/Signed by Local developer \\(development identity\\)/');
    await page.reload();
    await ready(page);
    expect(await cardText(page)).toContain('1 of 11 roles signed off by their teams.');
    expect(await review.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Open the OLA' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('ticking a checklist item persists across a reload', async () => {
    const { page, errors } = await open(tabUrl('checklist', team, { checklist: 'qer' }));
    await ready(page);
    // No run yet: the checklist's card offers to start one for this month.
    expect(await cardText(page)).toContain('No checklist has been run yet.');
    expect(await page.getByLabel(/period/i).inputValue()).toBe('2026-03');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForSelector('text=/0 of \\d+ items done \\(0%\\)/');
    const total = Number(/0 of (\d+) items done/.exec(await cardText(page))![1]);
    expect(total).toBeGreaterThan(10);
    const oneDone = `1 of ${total} items done (${Math.floor(100 / total)}%)`;
    await page.getByRole('button', { name: 'Tick', exact: true }).first().click();
    await page.waitForSelector(`text=${oneDone}`);

    await page.reload();
    await ready(page);
    const run = await cardText(page);
    expect(run).toContain(oneDone);
    expect(run).toContain('Ticked by Local developer (development identity) on 2026-03-10');
    expect(await page.getByRole('button', { name: 'Untick' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reminders: turning a task off and changing its time persist across a reload; a bad time is refused', async () => {
    const { page, errors } = await open(tabUrl('reminders', team));
    await ready(page);
    // First use in this team: the catalog's tasks, as `reminders` sets them up in chat.
    const settings = await cardText(page, 0);
    const [, on, all] = /(\d+) of (\d+) reminders on/.exec(settings)!.map(Number) as [number, number, number];
    expect(all).toBeGreaterThan(10);
    expect(await cardText(page, 1)).toContain('No reminder has been marked done or skipped yet');
    const firstOn = page.getByRole('checkbox', { name: 'On', exact: true }).first();
    expect(await firstOn.isChecked()).toBe(true);
    await firstOn.uncheck();
    await page.getByLabel('Time').first().fill('10:30');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForSelector(`text=${on - 1} of ${all} reminders on`);
    expect(await page.locator('#back').count()).toBe(0);

    await page.reload();
    await ready(page);
    expect(await cardText(page, 0)).toMatch(/at 10:30 \(UTC\) · off/);
    expect(await page.getByRole('checkbox', { name: 'On', exact: true }).first().isChecked()).toBe(false);
    expect(await page.getByLabel('Time').first().inputValue()).toBe('10:30');

    // A browser without a time picker shows Input.Time as a text box, where anything can be typed:
    // the server refuses it with the reason and saves nothing.
    await page.getByLabel('Time').nth(1).evaluate((el: HTMLInputElement) => {
      el.type = 'text';
      el.value = '25:99';
    });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForSelector('#notice:not([hidden])');
    expect(await page.locator('#notice').innerText()).toContain('"25:99" is not a time of day; use HH:mm, for example 09:30. Nothing was saved.');
    await page.reload();
    await ready(page);
    expect(await cardText(page, 0)).toContain(`${on - 1} of ${all} reminders on`);
    expect(await cardText(page, 0)).not.toContain('25:99');
    // The refused save was a 400 from the API, which Chromium logs; nothing else went wrong.
    expect(errors).toEqual([expect.stringContaining('status of 400')]);
    await page.close();
  });

  it('imports a call-quality CSV on the findings board: proposals first, filed on confirm, refused with its bad lines', async () => {
    const { page, errors } = await open(tabUrl('findings', importTeam));
    await page.waitForSelector('#empty-state', { state: 'visible' });
    await page.setInputFiles('#cqd-file', fileURLToPath(new URL('../fixtures/cqd-malformed.csv', import.meta.url)));
    await page.waitForSelector('#notice:not([hidden])');
    const notice = await page.locator('#notice').innerText();
    expect(notice).toContain('Not imported: 7 lines of the file can\'t be read');
    for (const line of [3, 4, 5, 6, 7, 8, 9]) expect(notice).toContain(`line ${line}: `);
    await page.waitForSelector('#empty-state', { state: 'visible' });

    await page.setInputFiles('#cqd-file', fileURLToPath(new URL('../fixtures/cqd-sample.csv', import.meta.url)));
    await page.waitForSelector('#back');
    const proposals = await cardText(page);
    expect(proposals).toContain('Call-quality import: cqd-sample.csv');
    expect(proposals).toContain('14 rows read. 8 buildings or subnets are above target in 2025-02.');
    expect(proposals).toMatch(/Poor Wi-Fi coverage[\s\S]*VPN/);
    expect(await page.locator('#notice').isHidden()).toBe(true);
    // Nothing is filed yet, but the file's monthly measurements are stored: the board charts its
    // two months (all internal calls against the 2 % target) and lists what is above target.
    await page.reload();
    await ready(page);
    const chart = page.locator('svg.trend-svg[role="img"]');
    expect(await chart.count()).toBe(1);
    expect(await chart.locator('title').first().textContent()).toBe('Poor stream rate of all internal calls, measured in the imported call-quality data (2 months)');
    expect(await chart.locator('circle.trend-dot').count()).toBe(2);
    expect(await page.locator('.trend-summary').innerText()).toMatch(/^Poor stream rate was 1\.73 % in Feb 2025, within the 2 % target\. Worse than Jan 2025 \(1\.43 %\)\./);
    expect(await cardText(page, 0)).toContain('No findings match');
    const measured = await cardText(page, 1);
    expect(measured).toContain('Measured call quality, 2025-02');
    expect(measured).toContain('Above target in 2025-02 (8)');
    expect(measured).toMatch(/Building 6 on VPN: poor stream rate 5\.0 %[\s\S]*Subnet 10\.60\.1\.0\/24 \(Building 6\) on VPN/);
    expect(measured).toMatch(/VPN: 5\.0 % in 2025-02, above the 2\.0 % target\s+worse than 2025-01 \(2\.0 %\) · rising/);
    await page.screenshot({ path: `${ARTIFACTS}tabs-findings-measured-default.png`, fullPage: true });
    await page.setInputFiles('#cqd-file', fileURLToPath(new URL('../fixtures/cqd-sample.csv', import.meta.url)));
    await page.waitForSelector('#back');
    await page.getByRole('button', { name: 'File selected' }).click();
    // Filed: the board lists them.
    await page.waitForSelector('text=QF-0008');
    expect(await page.locator('#back').count()).toBe(0);
    await page.reload();
    await ready(page);
    const board = await cardText(page);
    for (let n = 1; n <= 8; n++) expect(board).toContain(`QF-000${n}`);
    expect(errors).toEqual([expect.stringContaining('status of 400')]);
    await page.close();
  });

  it('opens a finding from the board, acts on it, and goes back', async () => {
    const { page, errors } = await open(tabUrl('findings', team));
    await ready(page);
    const newest = seeded.findings[2]!;
    // A row of the list opens its finding (the row's select action).
    await page.getByText(newest, { exact: true }).click();
    await page.waitForSelector('#back');
    expect(await cardText(page)).toContain(newest);
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.waitForSelector('text=Accepted');
    expect(await cardText(page)).toMatch(/accepted/i);
    await page.click('#back');
    await page.waitForSelector('svg.trend-svg');
    expect(await page.locator('#back').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opened from a link to a finding, shows that finding first; one not in the team is a notice', async () => {
    const [first, second] = [seeded.findings[0]!, seeded.findings[1]!];
    expect(first).toBe('QF-0001');
    const { page, errors } = await open(tabUrl('findings', team, { finding: first }));
    await ready(page);
    const top = await cardText(page, 0);
    expect(top).toContain(first);
    expect(top).not.toContain(second);
    expect(await cardText(page, 1)).toContain(second);
    await page.goto(`${bot.url}${tabUrl('findings', team, { finding: 'QF-0099' })}`);
    await ready(page);
    expect(await cardText(page, 0)).toContain('QF-0099 is not in this team.');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the agenda end to end', () => {
  it('lists the seeded incidents, findings, risks and KSI each in its section, in priority order', async () => {
    const { page, errors } = await open(tabUrl('agenda', team));
    await ready(page);
    const agenda = await cardText(page, 0);
    const at = (s: string) => {
      const i = agenda.indexOf(s);
      expect(i, s).toBeGreaterThanOrEqual(0);
      return i;
    };
    const sections = ['High-severity incidents and missed goals (2)', 'New findings and overdue remediation (3)', 'Risk register', 'OKRs and KSIs', 'Overdue recurring tasks'].map(at);
    expect([...sections].sort((a, b) => a - b)).toEqual(sections);
    const [incidents, findings, risks, okrs, tasks] = sections as [number, number, number, number, number];
    const [b, a] = seeded.incidents;
    // Incidents: severity A first, then B whose first response goal was missed.
    const lineA = at(`${a} · severity A`);
    const lineB = at(`${b} · severity B · initial response goal missed`);
    expect(incidents < lineA && lineA < lineB && lineB < findings).toBe(true);
    // Findings: the two overdue ones (oldest first), then the new one.
    const [f1, f2, f3] = seeded.findings.map((id) => at(`${id} · `));
    expect(findings < f1! && f1! < f2! && f2! < f3! && f3! < risks).toBe(true);
    expect(agenda).toContain(`${seeded.findings[0]} · New · filed 2026-01-12 · remediation overdue`);
    // Risks: the high one before the low one.
    const high = at('Wi-Fi refresh slips past Q3');
    const low = at('Training budget is cut');
    expect(risks < high && high < low && low < okrs).toBe(true);
    // OKRs and KSIs: the off-track KSI leads its section.
    const ksi = at('Poor calls and conferences are rare');
    expect(okrs < ksi && ksi < tasks).toBe(true);
    expect(agenda.slice(okrs, ksi)).not.toMatch(/Example: /);
    // The registers the committee keeps are below the agenda, editable in the tab.
    expect(await cardText(page, 1)).toContain('Wi-Fi refresh slips past Q3');
    expect(await cardText(page, 2)).toContain('Poor calls at 7 % in February');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says so in every section that has nothing', async () => {
    const { page, errors } = await open(tabUrl('agenda', emptyTeam));
    await ready(page);
    const agenda = await cardText(page, 0);
    for (const sentence of [
      'No open actions or decisions carried over from a previous meeting.',
      'No high-severity incidents and no missed response or update goals.',
      'No new findings since the last meeting and no overdue remediation.',
      'No open risks in the register.',
      'No recurring operations tasks are overdue.',
      'No decisions have been requested.',
      'Nobody has added an item yet.',
    ]) expect(agenda).toContain(sentence);
    // OKRs and KSIs start from the guidance's examples, so that section is not empty here.
    expect(agenda).toContain('Example: ');
    await page.screenshot({ path: `${ARTIFACTS}tabs-agenda-empty-default.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('adds an item from the tab, and it shows on the agenda', async () => {
    const { page, errors } = await open(tabUrl('agenda', team));
    await ready(page);
    await page.getByRole('button', { name: 'Add an item' }).click();
    await page.getByLabel('What should the committee discuss?').fill('Budget for a Wi-Fi survey <b>now</b>');
    await page.getByRole('button', { name: 'Add to the agenda' }).click();
    await page.waitForSelector('text=Budget for a Wi-Fi survey <b>now</b>');
    expect(await cardText(page, 0)).toContain('#1 · added by Local developer (development identity)');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('content pages', () => {
  for (const theme of THEMES) {
    for (const view of VIEWS) {
      it(`${view} renders its real cards with no console errors (${theme} theme)`, async () => {
        const { page, errors } = await open(tabUrl(view, team, { theme, ...(view === 'checklist' ? { checklist: 'qer' } : {}) }));
        await ready(page);
        expect(await page.locator('.ac-adaptiveCard').count()).toBeGreaterThan(0);
        expect(await page.locator('#dev-banner').isVisible()).toBe(true);
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(bg).toBe(theme === 'dark' ? 'rgb(31, 31, 31)' : 'rgb(245, 245, 245)');
        const first = await cardText(page);
        if (view === 'roles') expect(first).toContain('Operational role map');
        if (view === 'agenda') expect(first).toContain('Steering committee agenda');
        if (view === 'checklist') expect(first).toContain('Quality Experience Review');
        if (view === 'incidents') {
          for (const id of seeded.incidents) expect(first).toContain(id);
          expect(await cardText(page, 1)).toMatch(/Monthly figures for the service review[\s\S]*2026-03[\s\S]*2026-02/);
        }
        if (view === 'findings') {
          for (const id of seeded.findings) expect(first).toContain(id);
          // The trend is drawn as SVG, titled for what it is: what the findings reported.
          const chart = page.locator('svg.trend-svg[role="img"]');
          expect(await chart.count()).toBe(1);
          expect(await chart.locator('title').first().textContent()).toBe('Poor stream rate reported in findings: monthly average of 3 reported values (not a measurement of all calls)');
          expect(await chart.locator('circle.trend-dot').count()).toBe(3);
          expect(await page.locator('.trend-summary').innerText()).toMatch(/2\.8 % in Mar 2026/);
        }
        await page.screenshot({ path: `${ARTIFACTS}tabs-${view}-${theme}.png`, fullPage: true });
        expect(errors).toEqual([]);
        expect(browser.blockedRequests).toEqual([]);
        await page.close();
      });
    }
  }

  it('follows the high-contrast theme too', async () => {
    const { page, errors } = await open(tabUrl('incidents', team, { theme: 'contrast' }));
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
    await page.goto(`${bot.url}${tabUrl('roles', team)}`);
    await page.waitForSelector('#error-state', { state: 'visible' });
    expect(await page.locator('#error-state').innerText()).toMatch(/Couldn't load this view[\s\S]*Try again in a moment/);
    await page.screenshot({ path: `${ARTIFACTS}tabs-error-default.png`, fullPage: true });
    fail = false;
    await page.click('#retry');
    await ready(page);
    await page.close();
  });

  it('shows an empty state when a team has nothing yet', async () => {
    const { page, errors } = await open(tabUrl('findings', emptyTeam));
    await page.waitForSelector('#empty-state', { state: 'visible' });
    expect(await page.locator('#empty-state').innerText()).toMatch(/@Service Ops finding/);
    await page.screenshot({ path: `${ARTIFACTS}tabs-empty-default.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a team where Service Ops is not installed', async () => {
    const { page } = await open(tabUrl('roles', { tenantId: team.tenantId, scope: 'team', scopeId: '19:not-installed@thread.tacv2' }));
    await page.waitForSelector('#error-state', { state: 'visible' });
    expect(await page.locator('#error-state').innerText()).toMatch(/not installed in this team/);
    await page.close();
  });
});
