// The catalog's reminders are seeded once per workspace, through the same seed ledger as the ops
// defaults: a second first use seeds nothing, and deleting every schedule does not bring them back.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { scheduledCatalogTasks } from '../../bot/src/domain/reminders/catalog';
import type { Workspace } from '../../bot/src/domain/workspace';
import { createHarness, type Harness } from './reminder-harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2024-06-03T06:00:00Z', 'http://127.0.0.1:1/');
});

const seedOptions = { routeForRole: () => ({ conversationId: 'conv-setup' }), fallbackConversationId: 'conv-setup', timeZone: 'UTC' };

describe('seeding the reminders catalog', () => {
  it('seeds every scheduled catalog task on first use, and says so only then', async () => {
    const ws: Workspace = { tenantId: randomUUID(), scope: 'team', scopeId: '19:seed@thread.tacv2' };
    const first = await h.service.ensureSeeded(ws, seedOptions, 'conv-setup');
    expect(first.seeded).toBe(true);
    expect(first.schedules.map((s) => s.id).sort()).toEqual(scheduledCatalogTasks().map((t) => `cat-${t.key}`).sort());
    expect((await h.service.settings(ws)).serviceOwnerConversationId).toBe('conv-setup');
    const again = await h.service.ensureSeeded(ws, seedOptions, 'conv-setup');
    expect(again).toMatchObject({ seeded: false });
    expect(again.schedules).toHaveLength(first.schedules.length);
  });

  it('never seeds a workspace again once people deleted its schedules', async () => {
    const ws: Workspace = { tenantId: randomUUID(), scope: 'chat', scopeId: '19:chat@thread.v2' };
    const { schedules } = await h.service.ensureSeeded(ws, seedOptions, 'conv-setup');
    for (const s of schedules) await h.storage.schedules.delete(ws, s.id);
    expect(await h.service.ensureSeeded(ws, seedOptions, 'conv-setup')).toEqual({ schedules: [], seeded: false });
  });
});
