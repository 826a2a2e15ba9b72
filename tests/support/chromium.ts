/**
 * Headless Chromium for UI tests (Agents Playground, tabs, task modules).
 *
 * Uses the system Chromium (Debian package `chromium`) through playwright-core,
 * never a Playwright-downloaded browser: there is no network to download one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
// @ts-expect-error plain ESM helper shared with scripts/test.mjs
import { findChromium as findChromiumPath, INSTALL_HINT } from '../../scripts/lib/chromium.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Absolute path of a Chromium binary ($CHROMIUM_PATH, then Debian's locations), or a clear error. */
export function findChromium(): string {
  const found = findChromiumPath();
  if (!found) throw new Error(`Chromium not found: run \`${INSTALL_HINT}\` or set CHROMIUM_PATH`);
  return found;
}

/** Flags for a quiet, offline-friendly headless Chromium. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Never resolve a non-loopback host name: the machine is offline and the
  // workplace watches for non-loopback traffic. Page requests to such hosts
  // (e.g. the Playground's Fluent UI fonts on a CDN) fail fast instead.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

export interface LaunchBrowserOptions {
  /** Viewport of pages opened in this context. Default 1280x900. */
  viewport?: { width: number; height: number };
  /**
   * Abort every page request that does not go to a loopback host (default true).
   * Aborted URLs are collected in `blockedRequests`.
   */
  blockExternal?: boolean;
}

export interface LaunchedBrowser {
  /** Persistent context backed by a fresh temporary user-data dir. */
  context: BrowserContext;
  userDataDir: string;
  /** URLs of requests aborted because they were not for a loopback host. */
  blockedRequests: string[];
  newPage(): Promise<Page>;
  /** Closes the browser and removes the user-data dir. Safe to call twice. */
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'about:') return true;
  return LOOPBACK_HOSTS.has(parsed.hostname) || parsed.hostname.startsWith('127.');
}

/** Launches headless system Chromium with a throw-away profile. */
export async function launchBrowser(options: LaunchBrowserOptions = {}): Promise<LaunchedBrowser> {
  const executablePath = findChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), 'service-ops-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: options.viewport ?? { width: 1280, height: 900 },
      timeout: 60_000,
    });
  } catch (err) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }

  const blockedRequests: string[] = [];
  if (options.blockExternal ?? true) {
    await context.route(
      (url) => !isLoopbackUrl(url.toString()),
      (route) => {
        blockedRequests.push(route.request().url());
        return route.abort('internetdisconnected');
      },
    );
  }

  let closed = false;
  return {
    context,
    userDataDir,
    blockedRequests,
    newPage: () => context.newPage(),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}
