// Tab benchmark: per view of the REAL app (startApp with every default feature and the built
// pages, Azurite in its own process, a team seeded the way people make it: the bot installed,
// findings and incidents filed by chat), time to first card (navigation → first .ac-adaptiveCard
// in the DOM, measured in the page from its time origin) as the median of N cold-cache loads, next to a
// baseline measured in the same run (a blank static page from the same server), and the JS
// each page ships, gzipped: what a plain browser loads (measured from the responses) and what a
// page inside Teams loads (adds teams-js and the teamsfx SSO chunk; from the build's chunk graph).
// Budgets (design brief §6): first card within 1 s on loopback; initial JS ≤ 250 KB gz.
// Run alone: `npx tsx bench/tabs.ts [runs]`; bench/run.ts calls benchTabs().
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { startApp, type RunningApp } from '../bot/src/app';
import { loadConfig } from '../bot/src/config';
import { launchBrowser } from '../tests/support/chromium';
import { startConnector, type LocalConnector } from '../tests/support/connector';
import { WorkspaceSeeder, workspaceOf, workspaceParam } from '../tests/support/seed-workspace';
import { startAzuriteProcess } from './azurite';
import { type BenchContext, goal, type Goal, goalLine, median, mmm, type SectionResult } from './report';

const VIEWS = ['roles', 'agenda', 'checklist', 'findings', 'incidents', 'reminders'] as const;
export const TABS_DIR = fileURLToPath(new URL('../dist/tabs', import.meta.url));
/** The business clock of the seeded data (the same moment as the browser tests'). */
const SEED_NOW = new Date('2026-03-10T10:00:00Z');
const quiet = { info() {}, warn() {}, error: (m: string, d?: unknown) => console.error(m, JSON.stringify(d)) };

/** The real app on a free loopback port, in local mode (development identity), with one seeded team. */
async function startSeededApp(connectionString: string): Promise<{ app: RunningApp; connector: LocalConnector; workspace: string }> {
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', TABLE_PREFIX: `bench${Date.now().toString(36)}`, STORAGE_CONNECTION_STRING: connectionString });
  const app = await startApp(config, { storage: { kind: 'connection-string', connectionString }, tabsDir: TABS_DIR, logger: quiet, startJobs: false, clock: () => SEED_NOW });
  const connector = await startConnector();
  const send = async (activity: unknown) => {
    const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const seed = new WorkspaceSeeder({ send } as never, connector);
  const conv = await seed.installedChannel('Priya Natarajan');
  for (const [building, psr] of [['7', '3.4'], ['2', '5.2'], ['6', '2.8']] as const) await seed.fileFinding(conv, `finding VPN: poor audio in Building ${building}, PSR ${psr}%`);
  await seed.fileIncident(conv, { service: 'Teams calling', problem: 'Calls drop every few minutes in Lyon', impact: 'Sales calls drop mid-conversation', affected: 'the Lyon site', started: '30 minutes ago', severity: 'B' });
  await seed.fileIncident(conv, { service: 'Teams meetings', problem: 'Meetings fail to start with error 500', impact: 'No customer meetings can be held', affected: 'all users', started: '20 minutes ago', severity: 'A' });
  return { app, connector, workspace: workspaceParam(workspaceOf(conv)) };
}
const FIRST_CARD_BUDGET_MS = 1000;
const JS_BUDGET_BYTES = 250 * 1024;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Every chunk reachable from a built page's entry script, static and dynamic imports alike. */
export function chunkGraphGzip(page: 'index.html' | 'config.html', dir = TABS_DIR): { files: string[]; gzipBytes: number } {
  const html = readFileSync(join(dir, page), 'utf8');
  const queue = [...html.matchAll(/<script[^>]+src="\/tabs\/([^"]+)"/g), ...html.matchAll(/rel="modulepreload"[^>]+href="\/tabs\/([^"]+)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  while (queue.length) {
    const f = queue.shift()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const code = readFileSync(join(dir, f), 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*\(?\s*"\.\/([^"]+\.js)"/g)) queue.push(`assets/${m[1]}`);
  }
  const files = [...seen];
  return { files, gzipBytes: files.reduce((n, f) => n + gzipSync(readFileSync(join(dir, f))).length, 0) };
}

async function coldLoad(page: Page, url: string, until: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(`(${until}) && performance.now()`, undefined, { polling: 'raf', timeout: 15_000 });
  return Number(await handle.jsonValue());
}

export async function benchTabs(ctx: BenchContext): Promise<SectionResult> {
  const runs = ctx.rounds ?? (ctx.quick ? 5 : 15);
  if (!existsSync(join(TABS_DIR, 'index.html'))) execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))], { stdio: 'inherit' });
  // Azurite in its own process, as remote storage would be (and as the other benchmarks run it).
  const azurite = await startAzuriteProcess();
  const { app: server, connector, workspace } = await startSeededApp(azurite.connectionString);
  const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  const lines: string[] = [];
  const goals: Goal[] = [];
  try {
    const page = await browser.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const scripts = new Map<string, number>();
    page.on('response', async (res) => {
      if (res.request().resourceType() !== 'script') return;
      try {
        scripts.set(res.url(), gzipSync(await res.body()).length);
      } catch {
        // navigation raced the body read: counted on the next run
      }
    });

    const blankUrl = `${server.url}/tabs/blank.html`;
    const measure = async (url: string, until: string) => {
      for (let i = 0; i < 2; i++) await coldLoad(page, url, until); // warm up the server and Chromium
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await coldLoad(page, url, until));
      return times;
    };
    const baseline = await measure(blankUrl, "document.readyState !== 'loading' && document.body");
    const baseMedian = median(baseline);
    const teams = chunkGraphGzip('index.html');
    lines.push(`The real app with a seeded team (3 findings, 2 incidents, the reminders catalog), ${runs} cold-cache loads per view, min / median / max; headless Chromium on loopback.`);
    lines.push(`${'baseline (blank static page, same server)'.padEnd(44)} ${mmm(baseline, 0).padStart(16)} ms`);
    for (const view of VIEWS) {
      scripts.clear();
      const q = new URLSearchParams({ view, workspace, ...(view === 'checklist' ? { checklist: 'qer' } : {}) });
      const times = await measure(`${server.url}/tabs/index.html?${q}`, "document.querySelector('.ac-adaptiveCard')");
      const plain = [...scripts.values()].reduce((a, b) => a + b, 0);
      lines.push(`${`first card, ${view}`.padEnd(44)} ${mmm(times, 0).padStart(16)} ms  (median ${(median(times) / baseMedian).toFixed(1)}× the baseline's median)   JS gz: browser ${kb(plain)}, in Teams ${kb(teams.gzipBytes)}`);
      goals.push(goal('tabs', `first card, ${view}`, times, FIRST_CARD_BUDGET_MS, 'ms', 'median', 'loads'));
      goals.push(goal('tabs', `initial JS gz, ${view} (larger of browser, in Teams)`, [Math.max(plain, teams.gzipBytes) / 1024], JS_BUDGET_BYTES / 1024, 'KB', 'max', 'builds'));
    }
    const config = chunkGraphGzip('config.html');
    lines.push(`${'config page JS gz (in Teams, whole graph)'.padEnd(44)} ${kb(config.gzipBytes)}`);
    await page.close();
  } finally {
    await browser.close();
    await server.close();
    await connector.close();
    await azurite.stop();
  }
  return { lines, goals };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await benchTabs({ quick: false, rounds: Number(process.argv[2] ?? 15) });
  for (const line of [...r.lines, ...r.goals.map(goalLine)]) console.log(line);
  process.exit(0);
}
