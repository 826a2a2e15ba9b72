// Reminder benchmark: `benchReminders()` returns printable lines.
// 1. 1,000 channels with the default catalog due at once: dispatch time under the rate limits
//    (virtual clock) against the theoretical minimum under the global cap (ratio), the real time
//    the scheduler needs for the same work against that ceiling, and CPU per send.
// 2. Tick cost with 100,000 schedules stored and 100 due vs. 100 stored and 100 due (ratio).
// Azurite runs in its own process, so CPU figures are the scheduler's own.
import { startAzuriteProcess } from './azurite';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { TableClient } from '@azure/data-tables';
import { DEFAULT_GLOBAL, RateLimiter } from '../bot/src/domain/reminders/rate-limiter';
import type { DueEntry } from '../bot/src/domain/reminders/repositories';
import { type ReminderSchedule, seedSchedules } from '../bot/src/domain/reminders/schedule';
import type { Sender } from '../bot/src/domain/reminders/sender';
import type { Workspace } from '../bot/src/domain/workspace';
import { ReminderScheduler } from '../bot/src/jobs/scheduler';
import { TableConversationTargetRepository } from '../bot/src/storage/table-conversation-target-repository';
import { REMINDER_TABLES, reminderStorage } from '../bot/src/storage/table-reminder-tables';


async function inBatches<T>(items: readonly T[], size: number, fn: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}

async function setup(conn: string) {
  const prefix = 'rb' + randomUUID().replace(/-/g, '').slice(0, 10);
  const client = (n: string) => TableClient.fromConnectionString(conn, prefix + n, { allowInsecureConnection: true });
  await Promise.all([...REMINDER_TABLES, 'Conversations'].map((t) => client(t).createTable()));
  const storage = reminderStorage((n) => client(n));
  const targets = new TableConversationTargetRepository(client('Conversations'));
  return { storage, targets };
}

type Env = Awaited<ReturnType<typeof setup>>;

async function addWorkspaces(env: Env, count: number, perWorkspace: (ws: Workspace, conv: string) => ReminderSchedule[]): Promise<number> {
  const all: { ws: Workspace; conv: string; schedules: ReminderSchedule[] }[] = [];
  for (let i = 0; i < count; i++) {
    const ws: Workspace = { tenantId: randomUUID(), scope: 'team', scopeId: `19:team-${i}@thread.tacv2` };
    const conv = `19:ops-${i}@thread.tacv2`;
    all.push({ ws, conv, schedules: perWorkspace(ws, conv) });
  }
  await inBatches(all, 50, (part) => Promise.all(part.map(async ({ ws, conv, schedules }) => {
    await env.targets.upsert({ workspace: ws, conversationId: conv, kind: 'channel', serviceUrl: 'https://smba.trafficmanager.net/emea/', channelId: 'msteams', reference: '{}', active: true, lastSeenAt: new Date().toISOString() });
    await env.storage.schedules.createMany(schedules);
  })));
  const entries: DueEntry[] = all.flatMap(({ schedules }) => schedules.map((s) => ({ dueAt: s.nextDueAt!, workspace: s.workspace, scheduleId: s.id, targetConversationId: s.targetConversationId })));
  // Index rows grouped by bucket so each call batches within partitions.
  entries.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  await inBatches(entries, 2000, (part) => env.storage.dueIndex.put(part));
  return entries.length;
}

function scheduler(env: Env, sender: Sender, now: () => Date) {
  return new ReminderScheduler({ ...env.storage, targets: env.targets, sender, clock: now, instanceId: 'bench', sendConcurrency: 16 });
}

export async function benchReminders(): Promise<string[]> {
  const out: string[] = [];
  const azurite = await startAzuriteProcess();
  try {
    // ---- 1. 1,000 channels, whole catalog due at once ----
    const due = new Date('2024-07-01T09:00:00Z'); // a Monday, first weekday, a biweekly week: every cadence is due
    const seedAt = new Date(due.getTime() - 60_000);
    const env = await setup(azurite.connectionString);
    const channels = 1000;
    const occurrences = await addWorkspaces(env, channels, (ws, conv) =>
      seedSchedules(ws, { routeForRole: () => undefined, fallbackConversationId: conv, timeZone: 'UTC', time: '09:00', now: seedAt, ctx: { deploymentMode: false } }));
    // The sender paces through the real limiter on a virtual clock (no real waiting) and returns at once.
    const limiter = new RateLimiter();
    let virtual = 0;
    let sends = 0;
    const pacedSender: Sender = {
      async send(target) {
        for (;;) {
          const wait = limiter.tryAcquire(target.conversationId, virtual);
          if (wait <= 0) break;
          virtual += wait;
        }
        sends++;
        return 'sent';
      },
    };
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await scheduler(env, pacedSender, () => due).tick(due);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const minimum = limiter.minimumMsFor(sends);
    const ceilingMs = (sends / DEFAULT_GLOBAL[0]!.limit) * 1000;
    out.push(`Reminders: ${channels} channels × default catalog due at once = ${occurrences} occurrences → ${report.digestsSent} digests (${report.occurrencesSent} occurrences)`);
    out.push(`  dispatch under the rate limits (virtual clock): ${(virtual / 1000).toFixed(1)} s vs. minimum ${(minimum / 1000).toFixed(1)} s at ${DEFAULT_GLOBAL[0]!.limit}/s → ratio ${(virtual / Math.max(1, minimum)).toFixed(3)}`);
    out.push(`  real time for the same tick (storage + rendering, no pacing): ${(wall / 1000).toFixed(1)} s vs. rate-limit ceiling ${(ceilingMs / 1000).toFixed(1)} s → ratio ${(wall / ceilingMs).toFixed(2)} (< 1: the limits, not the scheduler, set the pace)`);
    out.push(`  CPU per send: ${((cpu.user + cpu.system) / 1000 / Math.max(1, sends)).toFixed(2)} ms per digest, ${((cpu.user + cpu.system) / 1000 / Math.max(1, report.occurrencesSent)).toFixed(3)} ms per occurrence`);

    // ---- 2. Tick cost: 100,000 stored / 100 due vs. 100 stored / 100 due ----
    const tickCost = async (stored: number, dueCount: number) => {
      const e = await setup(azurite.connectionString);
      const perWs = 100;
      const workspaces = Math.ceil(stored / perWs);
      let made = 0;
      await addWorkspaces(e, workspaces, (ws, conv) => Array.from({ length: Math.min(perWs, stored - made) }, (_, j) => {
        const k = made++;
        // The first `dueCount` are due at `due`; the rest spread over later minutes (100 per minute).
        const at = k < dueCount ? due : new Date(due.getTime() + (1 + Math.floor(k / 100)) * 60_000);
        return {
          workspace: ws, id: `usr-${j}`, title: `Task ${k}`, category: 'Bench', role: 'Service Owner', targetConversationId: conv, enabled: true,
          time: at.toISOString().slice(11, 16), timeZone: 'UTC', cadence: { kind: 'daily' }, nextDueAt: at.toISOString(), recentActions: [], updatedAt: seedAt.toISOString(),
        } satisfies ReminderSchedule;
      }));
      const s = scheduler(e, { send: async () => 'sent' }, () => due);
      const t = performance.now();
      const r = await s.tick(due);
      return { ms: performance.now() - t, report: r };
    };
    const small = await tickCost(100, 100);
    const large = await tickCost(100_000, 100);
    out.push(`  tick with 100 stored / 100 due: ${small.ms.toFixed(0)} ms (${small.report.due} index rows read, ${small.report.occurrencesSent} sent); 100,000 stored / 100 due: ${large.ms.toFixed(0)} ms (${large.report.due} index rows read, ${large.report.occurrencesSent} sent) → ratio ${(large.ms / small.ms).toFixed(2)}`);
    out.push('  (rows read are the same; the remaining time difference is Azurite evaluating the PartitionKey range by scanning its in-memory collection, which Azure Table storage serves from its key index)');
  } finally {
    azurite.stop();
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const line of await benchReminders()) console.log(line);
  process.exit(0);
}
