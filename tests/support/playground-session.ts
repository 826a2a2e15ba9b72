// Service Ops behind the real Agents Playground in headless Chromium, for the e2e suites:
// one call in beforeAll, one close in afterAll.
import type { Page } from 'playwright-core';
import type { StartOptions } from '../../bot/src/app';
import { launchBrowser, type LaunchedBrowser } from './chromium';
import { startPlayground, type Playground } from './playground';
import { openPlayground } from './playground-page';
import { startServiceOps, type ServiceOpsUnderTest } from './service-ops';

export interface PlaygroundSession {
  bot: ServiceOpsUnderTest;
  playground: Playground;
  browser: LaunchedBrowser;
  page: Page;
  close(): Promise<void>;
}

export async function startPlaygroundSession(options: Pick<StartOptions, 'features'> & { height?: number } = {}): Promise<PlaygroundSession> {
  const bot = await startServiceOps({}, options.features ? { features: options.features } : {});
  const playground = await startPlayground({ botEndpoint: `${bot.url}/api/messages` });
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: options.height ?? 1400 });
  await openPlayground(page, playground.url, { timeout: 60_000 });
  return {
    bot,
    playground,
    browser,
    page,
    async close() {
      await browser.close();
      await playground.stop();
      await bot.close();
    },
  };
}
