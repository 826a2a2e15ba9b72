// The tab pages' test setup, shared by the tab test files: the REAL app (startServiceOps() with
// every default feature and the built pages in dist/tabs, local mode with the development
// identity), seeded the way people make data: the bot is installed in a team, findings and
// incidents are filed by chat, risks and KSIs through the tab API's actions; and headless
// Chromium to open the pages in.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Workspace } from '../../bot/src/domain/workspace';
import { launchBrowser, type LaunchedBrowser } from '../support/chromium';
import { startConnector, type LocalConnector } from '../support/connector';
import { WorkspaceSeeder, workspaceOf, workspaceParam } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
export const TABS_DIR = fileURLToPath(new URL('../../dist/tabs', import.meta.url));
export const VIEWS = ['roles', 'agenda', 'checklist', 'findings', 'incidents', 'reminders'] as const;
export const DEV = { 'x-dev-identity': 'local' };

export interface TabFixture {
  connector: LocalConnector;
  bot: ServiceOpsUnderTest;
  browser: LaunchedBrowser;
  /** The seeded team. */
  team: Workspace;
  /** A second installed team with nothing in it. */
  emptyTeam: Workspace;
  /** A team with no findings, for the call-quality import. */
  importTeam: Workspace;
  seeded: { findings: string[]; incidents: string[] };
  /** The app's clock: tests move it. */
  clock: { now: Date };
  tabAction(ws: Workspace, view: string, verb: string, data: Record<string, unknown>): Promise<any>;
  /** A page that records console errors and uncaught exceptions. */
  open(path: string): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

export const tabUrl = (view: string, ws: Workspace | undefined, extra: Record<string, string> = {}) => {
  const q = new URLSearchParams({ view, ...extra });
  if (ws) q.set('workspace', workspaceParam(ws));
  return `/tabs/index.html?${q}`;
};

export const ready = (page: Page) => page.waitForSelector('body[data-state="ready"] .ac-adaptiveCard', { state: 'visible', timeout: 15_000 });
export const cardText = (page: Page, n = 0) => page.locator('#content .card-frame > .ac-adaptiveCard').nth(n).innerText();

export async function startTabFixture(): Promise<TabFixture> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const clock = { now: new Date('2026-01-12T09:00:00Z') };
  const seeded: TabFixture['seeded'] = { findings: [], incidents: [] };
  const connector = await startConnector();
  const bot = await startServiceOps({}, { tabsDir: TABS_DIR, clock: () => clock.now });
  let browser: LaunchedBrowser | undefined;
  const close = async () => {
    await browser?.close();
    await bot.close();
    await connector.close();
  };

  const tabAction = async (ws: Workspace, view: string, verb: string, data: Record<string, unknown>): Promise<any> => {
    const res = await fetch(`${bot.url}/api/tab/actions`, { method: 'POST', headers: { 'content-type': 'application/json', ...DEV }, body: JSON.stringify({ view, workspace: workspaceParam(ws), verb, data }) });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`${verb}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };

  try {
    const seed = new WorkspaceSeeder(bot, connector);
    const conv = await seed.installedChannel('Priya Natarajan');
    const team = workspaceOf(conv);
    const emptyTeam = workspaceOf(await seed.installedChannel());
    const importTeam = workspaceOf(await seed.installedChannel('Priya Natarajan'));

    // Findings over three months (the trend), the first one overdue by March.
    seeded.findings.push(await seed.fileFinding(conv, 'finding VPN: poor audio in Building 7, PSR 3.4%'));
    clock.now = new Date('2026-02-09T09:00:00Z');
    seeded.findings.push(await seed.fileFinding(conv, 'finding VPN: poor audio in Building 2, PSR 5.2%'));
    clock.now = new Date('2026-03-10T08:00:00Z');
    seeded.findings.push(await seed.fileFinding(conv, 'finding VPN: poor audio in Building 6, PSR 2.8%'));
    // Severity B whose first response (1 hour) will be missed, then severity A.
    seeded.incidents.push(await seed.fileIncident(conv, { service: 'Teams calling', problem: 'Calls drop every few minutes in Lyon', impact: 'Sales calls drop mid-conversation', affected: 'the Lyon site', started: '30 minutes ago', severity: 'B' }));
    clock.now = new Date('2026-03-10T09:30:00Z');
    seeded.incidents.push(await seed.fileIncident(conv, { service: 'Teams meetings', problem: 'Meetings fail to start with error 500', impact: 'No customer meetings can be held', affected: 'all users', started: '20 minutes ago', severity: 'A' }));
    clock.now = new Date('2026-03-10T10:00:00Z');

    // A high and a low risk, and a KSI off track, through the agenda tab's card actions.
    await tabAction(team, 'agenda', 'risk.add', { newRiskTitle: 'Wi-Fi refresh slips past Q3', newRiskLikelihood: 'high', newRiskImpact: 'high', newRiskMitigation: 'Order access points now' });
    await tabAction(team, 'agenda', 'risk.add', { newRiskTitle: 'Training budget is cut', newRiskLikelihood: 'low', newRiskImpact: 'low', newRiskMitigation: '' });
    await tabAction(team, 'agenda', 'ksi.save', { ksiId: 'example-ksi-4', etag: '', prefix: 'k_', k_status: 'off-track', k_note: 'Poor calls at 7 % in February' });

    // The empty team: close the guidance's example risks, so its risk section has none either.
    for (const id of ['example-merger', 'example-number-porting', 'example-network-redesign']) {
      await tabAction(emptyTeam, 'agenda', 'risk.save', { riskId: id, etag: '', prefix: 'p_', p_status: 'closed' });
    }
    browser = await launchBrowser({ viewport: { width: 1280, height: 860 } });
    const b = browser;

    return {
      connector, bot, browser: b, team, emptyTeam, importTeam, seeded, clock, tabAction, close,
      async open(path) {
        const page = await b.newPage();
        const errors: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(`${bot.url}${path}`);
        return { page, errors };
      },
    };
  } catch (e) {
    await close();
    throw e;
  }
}
