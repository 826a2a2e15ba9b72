// What one digest costs in Table calls, with the product's own wiring (the reminders and ops
// features, the app's store): counted at the store's pipeline, so pinned here like the chat
// commands' budgets (docs/query-budgets.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpsFeature } from '../../bot/src/features/ops-feature';
import { type BuiltReminders, createRemindersFeature } from '../../bot/src/features/reminders-feature';
import type { StoreCall } from '../../bot/src/storage/table-store';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';
import { type Conv, WorkspaceSeeder, workspaceOf } from '../support/seed-workspace';

const calls: StoreCall[] = [];
let nowMs = Date.parse('2026-06-01T07:00:00Z'); // a Monday
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let reminders: BuiltReminders;
let conv: Conv;

beforeAll(async () => {
  connector = await startConnector();
  const feature = createRemindersFeature();
  bot = await startServiceOps({}, { features: [createOpsFeature(), feature], observeStore: (c) => calls.push(c), clock: () => new Date(nowMs) });
  reminders = bot.app.servicesOf(feature);
  conv = await new WorkspaceSeeder(bot, connector).installedChannel();
  // A team in use: reminders set up here (catalog seeded, routed through the role map).
  await bot.send(conv.message('reminders'));
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

const tally = (list: StoreCall[]) => {
  const by: Record<string, number> = {};
  for (const c of list) by[`${c.method} ${c.table}`] = (by[`${c.method} ${c.table}`] ?? 0) + 1;
  return by;
};

describe('a digest', () => {
  it('costs a fixed number of Table calls: the index read, the workspace, the claims, the card and the bookkeeping', async () => {
    const ws = workspaceOf(conv);
    const due = (await reminders.service.list(ws)).map((s) => s.nextDueAt).filter((d): d is string => Boolean(d)).sort()[0]!;
    nowMs = Date.parse(due) + 5_000;
    // A tick from the watermark, as the running loop makes them (the first tick of a process sweeps the index).
    await reminders.scheduler.tick(new Date(nowMs - 60_000));
    connector.clear();
    calls.length = 0;
    const report = await reminders.scheduler.tick(new Date(nowMs));
    expect(report.digestsSent).toBe(1);
    expect(connector.sent(conv.targetId)).toHaveLength(1);
    expect({ calls: calls.length, by: tally(calls) }).toEqual(DIGEST_BUDGET);
  });
});

// One query of the due index; the workspace's settings and schedules (one partition read for
// every due task and the carried lines); its conversation reference (the card's "Reassign" lists
// the role map's teams only once pressed). Transactions: the claims, then "sent" on them, the
// schedules moved on, the index rows removed, and the next occurrences indexed (one per minute
// partition they fall in).
const DIGEST_BUDGET = {
  calls: 12,
  by: { 'GET ReminderDue': 1, 'GET ReminderSettings': 1, 'GET ReminderSchedules': 1, 'GET Conversations': 1, 'POST $batch': 8 },
};
