// Service Ops in the real Microsoft 365 Agents Playground, driven by headless Chromium:
// the Teams-like client a newcomer uses after `npm start`.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableConversationTargetRepository } from '../../bot/src/storage/table-conversation-target-repository';
import type { Playground } from '../support/playground';
import { startPlaygroundSession, type PlaygroundSession } from '../support/playground-session';
import { botMessages, sendMessage, waitForAdaptiveCard } from '../support/playground-page';
import type { ServiceOpsUnderTest } from '../support/service-ops';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
// The Playground's fixed identities (docs/playground.md).
const PLAYGROUND_TENANT = '00000000-0000-0000-0000-0000000000001';

let session: PlaygroundSession;
let bot: ServiceOpsUnderTest;
let playground: Playground;
let page: Page;

beforeAll(async () => {
  session = await startPlaygroundSession({ height: 1200 });
  ({ bot, playground, page } = session);
}, 120_000);

afterAll(async () => {
  await session?.close();
}, 30_000);

describe('Service Ops in the Agents Playground', () => {
  it('welcomes the user when the chat opens (install)', async () => {
    const card = await waitForAdaptiveCard(page, 'Run your IT service after go-live', { timeout: 30_000 });
    expect(await card.innerText()).toContain('Commands');
  });

  it('shows the welcome card for help, listing every command', async () => {
    const before = await page.locator('.ac-adaptiveCard').count();
    await sendMessage(page, 'help');
    await expect.poll(() => page.locator('.ac-adaptiveCard').count(), { timeout: 30_000 }).toBe(before + 1);
    const card = page.locator('.ac-adaptiveCard').last();
    const text = await card.innerText();
    for (const command of ['help', 'finding', 'escalate', 'findings', 'incidents', 'roles', 'agenda', 'checklists', 'reminders']) {
      expect(text).toMatch(new RegExp(`\\b${command}\\b`));
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}playground-help.png` });
  });

  it('answers unknown text briefly, suggesting the command that was probably meant', async () => {
    const before = await botMessages(page).count();
    await sendMessage(page, 'finidngs');
    // Offered as a card whose button runs the command (pressed in tests/teams/understanding.test.ts).
    const card = await waitForAdaptiveCard(page, 'Did you mean', { timeout: 30_000 });
    expect(await card.innerText()).toContain('findings');
    expect(await card.getByRole('button', { name: 'Run findings' }).count()).toBe(1);
    expect(await botMessages(page).count()).toBe(before + 1);
  });

  it('saved the Playground conversation reference in Table storage', async () => {
    // The Playground generates its chat id, so find the row by tenant and service URL.
    const rows: Record<string, unknown>[] = [];
    for await (const e of bot.app.store.client('Conversations').listEntities()) rows.push(e);
    const row = rows.find((r) => r.tenantId === PLAYGROUND_TENANT && r.serviceUrl === playground.serviceUrl);
    expect(row).toBeDefined();
    const repo = new TableConversationTargetRepository(bot.app.store.client('Conversations'));
    const saved = await repo.get({ tenantId: PLAYGROUND_TENANT, scope: 'chat', scopeId: String(row!.scopeId) }, String(row!.scopeId));
    expect(saved).toMatchObject({ active: true, kind: 'personal', channelId: 'msteams' });
  });
});
