// Tab benchmark: per view, time to first card (navigation → first .ac-adaptiveCard in the DOM,
// measured in the page from its time origin) as the median of N cold-cache loads, next to a
// baseline measured in the same run (a blank static page from the same server), and the JS
// each page ships, gzipped: what a plain browser loads (measured from the responses) and what a
// page inside Teams loads (adds teams-js and the teamsfx SSO chunk; from the build's chunk graph).
// Budgets (design brief §6): first card within 1 s on loopback; initial JS ≤ 250 KB gz.
// Run alone: `npx tsx bench/tabs.ts [runs]`; bench/run.ts can call benchTabs().
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/support/chromium';
import { registerFixtureViews } from '../tests/tabs/fixture-views';
import { startTabServer, TABS_DIR } from '../tests/tabs/tab-server';
// @ts-expect-error plain ESM helper shared with npm start
import { startAzurite } from '../scripts/lib/azurite.mjs';

const VIEWS = ['roles', 'agenda', 'checklist', 'findings', 'incidents'] as const;
const FIRST_CARD_BUDGET_MS = 1000;
const JS_BUDGET_BYTES = 250 * 1024;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
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

export async function benchTabs(runs = 15): Promise<string[]> {
  if (!existsSync(join(TABS_DIR, 'index.html'))) execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))], { stdio: 'inherit' });
  const azurite = await startAzurite({ inMemory: true });
  const server = await startTabServer({ connectionString: azurite.connectionString, views: registerFixtureViews });
  const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  const lines: string[] = [];
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
      return median(times);
    };
    const baseline = await measure(blankUrl, "document.readyState !== 'loading' && document.body");
    const teams = chunkGraphGzip('index.html');
    lines.push(`Tab benchmark: ${runs} cold-cache loads per view, median; headless Chromium on loopback (node ${process.version}).`);
    lines.push(`baseline (blank static page, same server)   ${baseline.toFixed(0).padStart(5)} ms`);
    for (const view of VIEWS) {
      scripts.clear();
      const ms = await measure(`${server.url}/tabs/index.html?view=${view}`, "document.querySelector('.ac-adaptiveCard')");
      const plain = [...scripts.values()].reduce((a, b) => a + b, 0);
      lines.push(
        `${`first card, ${view}`.padEnd(44)} ${ms.toFixed(0).padStart(5)} ms  (${(ms / baseline).toFixed(1)}x baseline; budget ${FIRST_CARD_BUDGET_MS} ms${ms > FIRST_CARD_BUDGET_MS ? ' EXCEEDED' : ''})` +
        `   JS gz: browser ${kb(plain)}, in Teams ${kb(teams.gzipBytes)} (budget ${kb(JS_BUDGET_BYTES)}${Math.max(plain, teams.gzipBytes) > JS_BUDGET_BYTES ? ' EXCEEDED' : ''})`,
      );
    }
    const config = chunkGraphGzip('config.html');
    lines.push(`${'config page JS gz (in Teams, whole graph)'.padEnd(44)} ${kb(config.gzipBytes)}`);
    await page.close();
  } finally {
    await browser.close();
    await server.close();
    await azurite.stop();
  }
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const line of await benchTabs(Number(process.argv[2] ?? 15))) console.log(line);
  process.exit(0);
}
