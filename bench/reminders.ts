// Reminder benchmarks.
// benchReminders: 1,000 channels (teams of one tenant) with the default catalog due at once,
//   dispatched by the product's own reminders job as startApp wires it: its ReminderScheduler
//   with the product's settings, its loop (ticks until a pass ends), its ProactiveSender and
//   RateLimiter, waiting in real time on the wall clock, posting to the local Bot Connector.
//   The wall time from starting the job until its pass ends is compared with the ceiling: the
//   least time the limiter's windows allow for the sends the dispatch must make, computed by
//   running a RateLimiter with the same windows on a virtual clock with instantaneous sends.
//   Duplicates and missing digests are counted at the connector. A fresh app and tables per round.
// benchTick: one tick with 100,000 schedules stored and 100 due vs 100 stored and 100 due,
//   rounds interleaved (small, large, small, large, ...), the ratio per round.
// Azurite runs in its own process in both.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { TableClient } from '@azure/data-tables';
import { defaultFeatures, startApp } from '../bot/src/app';
import { createOpsRepositories } from '../bot/src/storage/ops/table-ops-repositories';
import { loadConfig } from '../bot/src/config';
import { RateLimiter, type RateWindow } from '../bot/src/platform/rate-limiter';
import type { DueEntry } from '../bot/src/domain/reminders/repositories';
import { type ReminderSchedule, seedSchedules } from '../bot/src/domain/reminders/schedule';
import type { Sender } from '../bot/src/domain/sender';
import type { Workspace } from '../bot/src/domain/workspace';
import type { Feature, FeatureContext, Job } from '../bot/src/features/feature';
import type { BuiltReminders } from '../bot/src/features/reminders-feature';
import type { BuiltProduct } from '../bot/src/features/wiring';
import { ReminderScheduler, type TickReport } from '../bot/src/jobs/scheduler';
import { TableConversationTargetRepository } from '../bot/src/storage/table-conversation-target-repository';
import { REMINDER_TABLES, reminderStorage, reminderStorageFrom, type ReminderStorage } from '../bot/src/storage/table-reminder-tables';
import { ProactiveSender } from '../bot/src/teams/proactive-sender';
import { startConnector } from '../tests/support/connector';
import { processCpuMs, startAzuriteProcess } from './azurite';
import { type BenchContext, goal, type Goal, mmm, type SectionResult, summarize } from './report';

const CEILING_GOAL = 1.1;
const TICK_GOAL = 1.2;
/** A Monday, the first weekday of a month, in a biweekly week: every cadence of the catalog is due. */
const DUE = new Date('2024-07-01T09:00:00Z');

async function inBatches<T>(items: readonly T[], size: number, fn: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}

interface Seedable {
  storage: Pick<ReminderStorage, 'schedules' | 'dueIndex'>;
  targets: TableConversationTargetRepository;
  /** The ops role map, seeded as setting reminders up does (the digests read it). */
  roles?: { list(ws: Workspace): Promise<unknown> };
}

/** Workspaces with one channel each (the bot installed there) and their schedules, indexed. */
async function addWorkspaces(env: Seedable, count: number, serviceUrl: string, tag: string, perWorkspace: (ws: Workspace, conv: string) => ReminderSchedule[], tenantOf: (i: number) => string = () => randomUUID()): Promise<ReminderSchedule[]> {
  const all: { ws: Workspace; conv: string; schedules: ReminderSchedule[] }[] = [];
  for (let i = 0; i < count; i++) {
    const ws: Workspace = { tenantId: tenantOf(i), scope: 'team', scopeId: `19:team-${tag}-${i}@thread.tacv2` };
    const conv = `19:ops-${tag}-${i}@thread.tacv2`;
    all.push({ ws, conv, schedules: perWorkspace(ws, conv) });
  }
  await inBatches(all, 50, (part) => Promise.all(part.map(async ({ ws, conv, schedules }) => {
    const reference = { channelId: 'msteams', serviceUrl, bot: { id: '28:service-ops-bot', name: 'Service Ops' }, conversation: { id: conv, isGroup: true, conversationType: 'channel', tenantId: ws.tenantId } };
    await env.targets.upsert({ workspace: ws, conversationId: conv, kind: 'channel', serviceUrl, channelId: 'msteams', reference: JSON.stringify(reference), active: true, lastSeenAt: new Date().toISOString() });
    await env.storage.schedules.createMany(schedules);
    // A team with reminders set up has its role map: setting them up routes tasks through it.
    await env.roles?.list(ws);
  })));
  const schedules = all.flatMap((a) => a.schedules);
  const entries: DueEntry[] = schedules.map((s) => ({ dueAt: s.nextDueAt!, workspace: s.workspace, scheduleId: s.id, targetConversationId: s.targetConversationId }));
  // Index rows grouped by bucket so each call batches within partitions.
  entries.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  await inBatches(entries, 2000, (part) => env.storage.dueIndex.put(part));
  return schedules;
}

/**
 * The least time (ms) the windows allow for these sends: when the last of them may start, with
 * sends taking no time and issued as early as the limiter lets them (round robin over the
 * conversations). Runs a RateLimiter with the given windows on a virtual clock.
 */
export function ceilingMs(sends: ReadonlyMap<string, { tenantId: string; count: number }>, windows: { perConversation: readonly RateWindow[]; global: readonly RateWindow[] }): number {
  const limiter = new RateLimiter(windows);
  const queue: { conv: string; tenantId: string }[] = [];
  const left = new Map([...sends].map(([c, v]) => [c, { ...v }]));
  while (left.size) {
    for (const [conv, v] of left) {
      queue.push({ conv, tenantId: v.tenantId });
      if (--v.count <= 0) left.delete(conv);
    }
  }
  let t = 0;
  let last = 0;
  let pending = queue;
  while (pending.length) {
    const next: typeof queue = [];
    let minWait = Infinity;
    for (const q of pending) {
      const wait = limiter.tryAcquire(q.conv, t, q.tenantId);
      if (wait <= 0) last = t;
      else {
        next.push(q);
        minWait = Math.min(minWait, wait);
      }
    }
    pending = next;
    if (pending.length) t += minWait;
  }
  return last;
}

/** Whether the global windows count per tenant: probed on a fresh limiter with the same windows. */
function globalIsPerTenant(windows: { perConversation: readonly RateWindow[]; global: readonly RateWindow[] }): boolean | undefined {
  const g = windows.global[0];
  if (!g) return undefined;
  const limiter = new RateLimiter(windows);
  for (let i = 0; i < g.limit; i++) if (limiter.tryAcquire(`probe-a-${i}`, 0, 'tenant-a') > 0) return undefined;
  return limiter.tryAcquire('probe-b', 0, 'tenant-b') <= 0;
}

const windowsText = (ws: readonly RateWindow[]) => ws.map((w) => `${w.limit}/${w.windowMs >= 1000 ? `${w.windowMs / 1000} s` : `${w.windowMs} ms`}`).join(', ') || 'none';

/** Settings the product's wiring gave the scheduler and its sender, read from the running instances. */
function wiringOf(scheduler: ReminderScheduler): { concurrency: number; leaseMs: number; pageLimit?: number; sender: unknown; windows?: { perConversation: readonly RateWindow[]; global: readonly RateWindow[] } } {
  // Neither the scheduler's default concurrency nor the app's limiter is exported: read them
  // from the instances startApp built (private fields, read only).
  const s = scheduler as unknown as { concurrency: number; leaseMs: number; pageLimit?: number; deps: { sender: unknown } };
  const limiter = (s.deps.sender as { rateLimiter?: { perConversation?: readonly RateWindow[]; global?: readonly RateWindow[] } }).rateLimiter;
  const windows = limiter?.perConversation && limiter.global ? { perConversation: limiter.perConversation, global: limiter.global } : undefined;
  return { concurrency: s.concurrency, leaseMs: s.leaseMs, pageLimit: s.pageLimit, sender: s.deps.sender, windows };
}

interface DispatchRound {
  wallMs: number;
  ticks: number;
  ceilingMs: number;
  globalOnlyMs: number;
  expected: number;
  maxPerConv: number;
  occurrences: number;
  posts: number;
  duplicates: number;
  missing: number;
  firstPostMs: number;
  lastPostMs: number;
  cpuMs: number;
  /** Azurite's CPU over the dispatch's wall time (1 = one core busy throughout), where it can be read. */
  storageBusy?: number;
  seedMs: number;
  report: Omit<TickReport, 'foreignLeaseUntil' | 'more'>;
  finished: boolean;
  logErrors: number;
  logWarnings: number;
  wiring: ReturnType<typeof wiringOf>;
}

/** The product's features with the reminders job captured as it is registered (startApp would start it on listen). */
function featuresWithReminderJob(): { features: Feature[]; reminders: () => BuiltReminders; job: () => Job | undefined } {
  const [product, ...rest] = defaultFeatures() as [Feature<BuiltProduct>, ...Feature[]];
  let job: Job | undefined;
  let built: BuiltProduct | undefined;
  const features: Feature[] = [{
    ...product,
    register: (ctx: FeatureContext) => (built = product.register({
      ...ctx,
      jobs: {
        add: (j: Job) => {
          if (j.name === 'reminders') job = j;
          ctx.jobs.add(j);
        },
      },
    })),
  }, ...rest];
  const reminders = () => {
    if (!built?.reminders) throw new Error('the product registered no reminders');
    return built.reminders;
  };
  return { features, reminders, job: () => job };
}

export async function benchReminders(ctx: BenchContext): Promise<SectionResult> {
  const channels = ctx.channels ?? (ctx.quick ? 200 : 1000);
  const rounds = ctx.rounds ?? (ctx.quick ? 1 : 3);
  const lines: string[] = [];
  const goals: Goal[] = [];
  const azurite = await startAzuriteProcess();
  // Records every call: the digests per conversation are counted from it.
  const connector = await startConnector({ record: true });
  // One organisation: every team in one tenant (Service Ops is installed per tenant).
  const tenantId = randomUUID();
  const results: DispatchRound[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      let logErrors = 0;
      let logWarnings = 0;
      const firstErrors: string[] = [];
      const logger = {
        info() {},
        warn() {
          logWarnings++;
        },
        error(m: string, d?: unknown) {
          if (++logErrors <= 3) firstErrors.push(`${m} ${JSON.stringify(d)}`);
        },
      };
      // The business clock is the wall clock shifted to DUE when the job starts: it advances
      // in real time (leases are renewed as they would be); the sender's limiter keeps the
      // real wall clock (app.ts).
      let offset = 0;
      const clock = () => new Date(Date.now() + offset);
      const { features, reminders, job } = featuresWithReminderJob();
      const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', TABLE_PREFIX: `rm${randomUUID().replace(/-/g, '').slice(0, 10)}`, STORAGE_CONNECTION_STRING: azurite.connectionString });
      // Jobs not started with the app: the schedules are seeded first, then the product's own
      // reminders job is started, as startApp does on listen.
      const app = await startApp(config, { storage: { kind: 'connection-string', connectionString: azurite.connectionString }, logger, clock, features, startJobs: false });
      const reminderJob = job();
      try {
        if (!reminderJob) throw new Error('the reminders feature registered no "reminders" job');
        const scheduler = reminders().scheduler;
        const wiring = wiringOf(scheduler);
        const seedStart = performance.now();
        const schedules = await addWorkspaces(
          { storage: reminderStorageFrom(app.store), targets: new TableConversationTargetRepository(app.store.client('Conversations')), roles: createOpsRepositories((t) => app.store.client(t)).roles },
          channels, connector.serviceUrl, `r${round}`,
          (ws, conv) => seedSchedules(ws, { routeForRole: () => undefined, fallbackConversationId: conv, timeZone: 'UTC', time: '09:00', now: new Date(DUE.getTime() - 60_000), ctx: { deploymentMode: false } }),
          () => tenantId,
        );
        const seedMs = performance.now() - seedStart;
        // What the dispatch must send: one digest per conversation with something due.
        const dueNow = schedules.filter((s) => s.nextDueAt && Date.parse(s.nextDueAt) <= DUE.getTime());
        const expected = new Map<string, { tenantId: string; count: number }>();
        for (const s of dueNow) expected.set(s.targetConversationId, { tenantId: s.workspace.tenantId, count: 1 });
        const windows = wiring.windows ?? { perConversation: [], global: [] };
        const ceiling = ceilingMs(expected, windows);
        const globalOnly = ceilingMs(expected, { perConversation: [], global: windows.global });

        // Watch the ticks the job's loop makes (observation only): the dispatch is over when a
        // tick ends its pass (no `more`), as the loop then waits for its next interval.
        const reports: TickReport[] = [];
        let passEnded: () => void = () => {};
        const ended = new Promise<void>((r) => (passEnded = r));
        const tick = scheduler.tick.bind(scheduler);
        scheduler.tick = (now?: Date) => {
          const p = tick(now);
          void p.then((r) => {
            reports.push(r);
            if (!r.more && r.foreignLeaseUntil === undefined) passEnded();
          }, () => undefined);
          return p;
        };
        const timeoutMs = Math.max(120_000, 5 * ceiling);
        connector.clear();
        offset = DUE.getTime() - Date.now();
        const cpu0 = process.cpuUsage();
        const storageCpu0 = processCpuMs(azurite.pid);
        const startedAt = Date.now();
        const t0 = performance.now();
        reminderJob.start();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const finished = await Promise.race([ended.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs)))]);
        clearTimeout(timer);
        const wallMs = performance.now() - t0;
        const cpu = process.cpuUsage(cpu0);
        const storageCpu1 = processCpuMs(azurite.pid);
        await reminderJob.stop();

        const posts = connector.calls.filter((c) => c.method === 'POST' && c.path.includes('/activities') && c.status < 300);
        const perConv = new Map<string, number>();
        for (const p of posts) perConv.set(p.conversationId ?? '', (perConv.get(p.conversationId ?? '') ?? 0) + 1);
        let duplicates = 0;
        for (const [c, n] of perConv) duplicates += Math.max(0, n - (expected.get(c)?.count ?? 0));
        const missing = [...expected.keys()].filter((c) => !perConv.has(c)).length;
        const sum = (k: keyof DispatchRound['report']) => reports.reduce((a, r) => a + r[k], 0);
        results.push({
          wallMs, ticks: reports.length, ceilingMs: ceiling, globalOnlyMs: globalOnly, expected: expected.size, maxPerConv: Math.max(0, ...[...expected.values()].map((v) => v.count)),
          occurrences: dueNow.length, posts: posts.length, duplicates, missing,
          firstPostMs: posts.length ? Math.min(...posts.map((p) => p.at)) - startedAt : NaN,
          lastPostMs: posts.length ? Math.max(...posts.map((p) => p.at)) - startedAt : NaN,
          cpuMs: (cpu.user + cpu.system) / 1000, seedMs,
          storageBusy: storageCpu0 !== undefined && storageCpu1 !== undefined ? (storageCpu1 - storageCpu0) / wallMs : undefined,
          report: { due: sum('due'), digestsSent: sum('digestsSent'), occurrencesSent: sum('occurrencesSent'), takenByOthers: sum('takenByOthers'), recovered: sum('recovered'), stale: sum('stale'), deferred: sum('deferred'), undeliverable: sum('undeliverable') },
          finished, logErrors, logWarnings, wiring,
        });
        for (const e of firstErrors) lines.push(`  round ${round + 1} scheduler error: ${e}`);
        if (!finished) lines.push(`  round ${round + 1}: the job's pass had not ended after ${(timeoutMs / 1000).toFixed(0)} s; stopped there`);
      } finally {
        await reminderJob?.stop();
        await app.close();
      }
    }
  } finally {
    await connector.close();
    await azurite.stop();
  }

  const first = results[0]!;
  const w = first.wiring;
  const windows = w.windows;
  const perTenant = windows ? globalIsPerTenant(windows) : undefined;
  lines.push(`${channels.toLocaleString('en-US')} channels (teams of one tenant) × the default catalog due at ${DUE.toISOString()}: ${first.occurrences.toLocaleString('en-US')} occurrences → ${first.expected.toLocaleString('en-US')} digests expected (one per channel); ${rounds} round${rounds === 1 ? '' : 's'}, a fresh app and tables each (seeding took ${mmm(results.map((r) => r.seedMs / 1000), 1)} s, not timed below).`);
  lines.push(`Product wiring, read from the running app: the reminders job (its loop: ticks until a pass ends), ReminderScheduler concurrency ${w.concurrency}, lease ${w.leaseMs / 1000} s, page limit ${w.pageLimit ?? 'the due index default'}; sender ${w.sender instanceof ProactiveSender ? 'ProactiveSender' : 'NOT the ProactiveSender'} (real HTTP to the local connector, in this process)` +
    `; RateLimiter windows ${windows ? `global ${windowsText(windows.global)}${perTenant === undefined ? '' : perTenant ? ' per tenant' : ' per process'}, per conversation ${windowsText(windows.perConversation)}` : 'NOT FOUND (no ceiling can be derived)'}; waits in real time on the wall clock.`);
  const perConvBinds = results.some((r) => r.ceilingMs > r.globalOnlyMs);
  const g0 = windows?.global[0];
  lines.push(`Ceiling: the earliest the last of ${first.expected.toLocaleString('en-US')} sends may start under those windows (instant sends, virtual clock) = ${(first.ceilingMs / 1000).toFixed(1)} s` +
    `${g0 ? ` (${first.expected} sends ÷ ${g0.limit} per ${g0.windowMs / 1000} s = ${((first.expected / g0.limit) * g0.windowMs / 1000).toFixed(1)} s at a steady rate)` : ''}` +
    `; per-conversation windows ${perConvBinds ? 'bind: they lengthen it' : `do not bind (at most ${Math.max(...results.map((r) => r.maxPerConv))} digest per conversation)`}.`);
  lines.push(...results.map((r, i) => `  round ${i + 1}: ${(r.wallMs / 1000).toFixed(1)} s in ${r.ticks} tick${r.ticks === 1 ? '' : 's'}${r.finished ? '' : ' (NOT FINISHED)'} (sends +${(r.firstPostMs / 1000).toFixed(1)} … +${(r.lastPostMs / 1000).toFixed(1)} s), ${r.posts} posts, ${r.report.digestsSent} digests / ${r.report.occurrencesSent} occurrences sent, ${r.report.deferred} deferred, ${r.report.undeliverable} undeliverable, log ${r.logErrors} errors ${r.logWarnings} warnings`));
  lines.push(`  dispatch wall time ${mmm(results.map((r) => r.wallMs / 1000), 1)} s (min/median/max); achieved ${mmm(results.map((r) => r.posts / (r.wallMs / 1000)), 1)} digests/s; CPU of this process (scheduler, sender, connector) ${mmm(results.map((r) => r.cpuMs / Math.max(1, r.posts)), 1)} ms per digest${results.every((r) => r.storageBusy !== undefined) ? `; Azurite's process busy ${mmm(results.map((r) => r.storageBusy! * 100), 0)} % of a core over the dispatch (Azurite is single-threaded: near 100 % it sets the pace, not the limiter)` : ''}`);
  // A dispatch that did not deliver everything has no honest ratio: it counts as infinitely slow.
  goals.push(goal('reminders', `dispatch wall / ceiling (${first.expected} digests, all delivered)`, results.map((r) => (r.missing || !r.finished || r.ceilingMs <= 0 ? Infinity : r.wallMs / r.ceilingMs)), CEILING_GOAL, '×'));
  goals.push(goal('reminders', 'duplicate digests at the connector', results.map((r) => r.duplicates), 0, 'count', 'max'));
  goals.push(goal('reminders', 'missing digests at the connector', results.map((r) => r.missing), 0, 'count', 'max'));
  return { lines, goals };
}

async function setup(conn: string) {
  const prefix = 'rt' + randomUUID().replace(/-/g, '').slice(0, 10);
  // Calls and rows read; for the tick, also how long at least one call was in flight (the
  // storage's share of the wall time) and each call's time by kind.
  const counter = {
    calls: 0, rows: 0, busyMs: 0, inFlight: 0, busySince: 0, byKind: new Map<string, number[]>(),
    reset() { this.calls = 0; this.rows = 0; this.busyMs = 0; this.byKind = new Map(); },
  };
  const kindOf = (method: string, url: string, body: unknown) => {
    const resource = decodeURIComponent(new URL(url).pathname).split('/').pop() ?? '';
    if (resource !== '$batch') return `${method === 'GET' ? (/\(.+\)$/.test(resource) ? 'point read' : 'query') : method} ${resource.replace(/\(.*$/, '').replace(prefix, '')}`;
    // A transaction: its first operation's verb and table (a transaction has one table).
    const first = /^(PUT|MERGE|DELETE|PATCH|POST) (\S+)/m.exec(String(body ?? ''));
    const table = first ? decodeURIComponent(new URL(first[2]!).pathname).split('/').pop()!.replace(/\(.*$/, '').replace(prefix, '') : '?';
    return `transaction ${first?.[1] ?? '?'} ${table}`;
  };
  const client = (n: string) => {
    const c = TableClient.fromConnectionString(conn, prefix + n, { allowInsecureConnection: true });
    // Counts every request and the entities queries return: the tick's calls and rows read.
    c.pipeline.addPolicy({
      name: 'bench-count',
      sendRequest: async (request, next) => {
        counter.calls++;
        const t0 = performance.now();
        if (counter.inFlight++ === 0) counter.busySince = t0;
        let response;
        try {
          response = await next(request);
        } finally {
          const t1 = performance.now();
          if (--counter.inFlight === 0) counter.busyMs += t1 - counter.busySince;
          const kind = kindOf(request.method, request.url, request.body);
          const times = counter.byKind.get(kind) ?? [];
          times.push(t1 - t0);
          counter.byKind.set(kind, times);
        }
        if (request.method === 'GET' && response.bodyAsText) {
          try {
            const body = JSON.parse(response.bodyAsText) as { value?: unknown[] };
            counter.rows += Array.isArray(body.value) ? body.value.length : 1;
          } catch {
            // not JSON: nothing counted
          }
        }
        return response;
      },
    });
    return c;
  };
  await Promise.all([...REMINDER_TABLES, 'Conversations'].map((t) => client(t).createTable()));
  return { storage: reminderStorage((n) => client(n)), targets: new TableConversationTargetRepository(client('Conversations')), counter };
}

/**
 * Stored `stored` daily schedules, 100 per workspace. `dueAt(k)` is the k-th schedule's first due
 * instant.
 */
async function seedTickStore(conn: string, stored: number, dueAt: (k: number) => Date) {
  const env = await setup(conn);
  const perWs = 100;
  let made = 0;
  await addWorkspaces(env, Math.ceil(stored / perWs), 'https://smba.trafficmanager.net/emea/', `t${stored}`, (ws, conv) => Array.from({ length: Math.min(perWs, stored - made) }, (_, j) => {
    const k = made++;
    const at = dueAt(k);
    return {
      workspace: ws, id: `usr-${j}`, title: `Task ${k}`, category: 'Bench', role: 'Service Owner', targetConversationId: conv, enabled: true,
      time: at.toISOString().slice(11, 16), timeZone: 'UTC', cadence: { kind: 'daily' }, nextDueAt: at.toISOString(), recentActions: [], updatedAt: new Date(DUE.getTime() - 60_000).toISOString(),
    } satisfies ReminderSchedule;
  }));
  return env;
}

export async function benchTick(ctx: BenchContext): Promise<SectionResult> {
  const rounds = ctx.rounds ?? (ctx.quick ? 3 : 7);
  const largeStored = ctx.quick ? 10_000 : 100_000;
  const dueCount = 100;
  const lines: string[] = [];
  const azurite = await startAzuriteProcess();
  try {
    const seedStart = performance.now();
    // Small: 100 stored, all at 09:00 daily; round r ticks on day r, when all 100 are due again.
    const small = await seedTickStore(azurite.connectionString, dueCount, () => DUE);
    // Large: the k-th of 100,000 at minute ⌊k/100⌋ after 09:00; round r ticks at minute r, when
    // exactly that minute's 100 are due (earlier minutes were sent and moved to the next day).
    const large = await seedTickStore(azurite.connectionString, largeStored, (k) => new Date(DUE.getTime() + Math.floor(k / dueCount) * 60_000));
    const seedMs = performance.now() - seedStart;
    let sent = 0;
    const sender: Sender = { send: async () => (sent++, 'sent') };
    // A fresh scheduler per tick with the product's defaults: the first tick of a process, a
    // full sweep of the due index up to now.
    const tick = async (env: Awaited<ReturnType<typeof setup>>, now: Date) => {
      const s = new ReminderScheduler({ ...env.storage, targets: env.targets, sender, clock: () => now, instanceId: `bench-${randomUUID()}` });
      env.counter.reset();
      const cpu0 = process.cpuUsage();
      const t = performance.now();
      const report = await s.tick(now);
      const ms = performance.now() - t;
      const cpu = process.cpuUsage(cpu0);
      const byKind = new Map([...env.counter.byKind].map(([k, v]) => [k, v.reduce((a, b) => a + b, 0)]));
      return { ms, cpuMs: (cpu.user + cpu.system) / 1000, storageMs: env.counter.busyMs, byKind, calls: env.counter.calls, rows: env.counter.rows, report };
    };
    // The storage's own share: the same query of the same 100 due rows, timed alone on each store.
    const bareQuery = async (env: Awaited<ReturnType<typeof setup>>, now: Date) => {
      const t = performance.now();
      await env.storage.dueIndex.listDue(now);
      return performance.now() - t;
    };
    // And a write: 100 index rows put and removed in one partition, alone on each store.
    const bareWrite = async (env: Awaited<ReturnType<typeof setup>>, r: number) => {
      const ws: Workspace = { tenantId: `bench-${r}`, scope: 'team', scopeId: '19:bare@thread.tacv2' };
      const entries = Array.from({ length: dueCount }, (_, j) => ({ dueAt: '2099-01-01T09:00:00.000Z', workspace: ws, scheduleId: `bare-${j}`, targetConversationId: 'c' }));
      const t = performance.now();
      await env.storage.dueIndex.put(entries);
      await env.storage.dueIndex.remove(entries);
      return performance.now() - t;
    };
    const writeMs: { small: number[]; large: number[] } = { small: [], large: [] };
    const smallMs: number[] = [];
    const largeMs: number[] = [];
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    const ownRatios: number[] = [];
    const storageMs: { small: number[]; large: number[] } = { small: [], large: [] };
    const ownMs: { small: number[]; large: number[] } = { small: [], large: [] };
    const kinds = new Map<string, { small: number[]; large: number[] }>();
    const queryMs: { small: number[]; large: number[] } = { small: [], large: [] };
    const counts = new Set<string>();
    const reads: string[] = [];
    // Round 0 warms up both paths and is not counted.
    for (let r = 0; r <= rounds; r++) {
      const smallAt = new Date(DUE.getTime() + r * 86_400_000);
      const largeAt = new Date(DUE.getTime() + r * 60_000);
      const bare = r === 0 ? undefined : { small: await bareQuery(small, smallAt), large: await bareQuery(large, largeAt) };
      const a = await tick(small, smallAt);
      const b = await tick(large, largeAt);
      if (a.report.occurrencesSent !== dueCount || b.report.occurrencesSent !== dueCount || a.report.more || b.report.more) {
        reads.push(`round ${r}: small sent ${a.report.occurrencesSent}/${a.report.due} read, large sent ${b.report.occurrencesSent}/${b.report.due} read (expected ${dueCount})`);
      }
      if (r === 0) continue;
      smallMs.push(a.ms);
      largeMs.push(b.ms);
      ratios.push(b.ms / a.ms);
      cpuRatios.push(b.cpuMs / a.cpuMs);
      storageMs.small.push(a.storageMs);
      storageMs.large.push(b.storageMs);
      ownMs.small.push(a.ms - a.storageMs);
      ownMs.large.push(b.ms - b.storageMs);
      ownRatios.push((b.ms - b.storageMs) / (a.ms - a.storageMs));
      for (const [which, t] of [['small', a], ['large', b]] as const) {
        for (const [k, ms] of t.byKind) {
          const e = kinds.get(k) ?? { small: [], large: [] };
          e[which].push(ms);
          kinds.set(k, e);
        }
      }
      counts.add(`${a.calls} calls / ${a.rows} rows vs ${b.calls} calls / ${b.rows} rows`);
      queryMs.small.push(bare!.small);
      queryMs.large.push(bare!.large);
      writeMs.small.push(await bareWrite(small, r));
      writeMs.large.push(await bareWrite(large, r));
    }
    lines.push(`One tick (fresh scheduler, product defaults, no-op sender) with ${dueCount} stored / ${dueCount} due vs ${largeStored.toLocaleString('en-US')} stored / ${dueCount} due; ${rounds} rounds interleaved small, large, … after a warm-up pair (seeding took ${(seedMs / 1000).toFixed(1)} s, not timed).`);
    lines.push(`  wall: ${dueCount} stored ${mmm(smallMs, 0)} ms   ${largeStored.toLocaleString('en-US')} stored ${mmm(largeMs, 0)} ms (min/median/max)`);
    lines.push(`  Table calls / rows read per tick, small vs large: ${[...counts].join('; ')}`);
    lines.push(`  of that wall, storage calls in flight: ${mmm(storageMs.small, 0)} ms vs ${mmm(storageMs.large, 0)} ms; the rest (the scheduler's own time): ${mmm(ownMs.small, 0)} ms vs ${mmm(ownMs.large, 0)} ms`);
    lines.push('  each kind of call, summed per tick, median small → large (Azurite answers a query by scanning the whole table and keeps its indexes in sorted arrays, so its cost per call grows with what the table holds):');
    for (const [k, e] of kinds) lines.push(`    ${k.padEnd(40)} ${summarize(e.small).median.toFixed(1).padStart(6)} ms → ${summarize(e.large).median.toFixed(1).padStart(6)} ms`);
    lines.push(`  the due-index query alone (the same ${dueCount} rows back, just before the tick): ${mmm(queryMs.small, 1)} ms on the small store, ${mmm(queryMs.large, 1)} ms on the large one`);
    lines.push(`  ${dueCount} index rows put and removed (two transactions) alone: ${mmm(writeMs.small, 1)} ms on the small store, ${mmm(writeMs.large, 1)} ms on the large one`);
    lines.push(reads.length ? `  UNEXPECTED due counts: ${reads.join('; ')}` : `  every tick read and sent exactly ${dueCount} due occurrences`);
    return {
      lines,
      goals: [
        goal('tick', `tick ${largeStored / 1000}k stored / ${dueCount} stored (${dueCount} due), wall`, ratios, TICK_GOAL, '×'),
        goal('tick', `tick ${largeStored / 1000}k / ${dueCount} stored, CPU of the scheduler's process`, cpuRatios, TICK_GOAL, '×'),
        goal('tick', `tick ${largeStored / 1000}k / ${dueCount} stored, wall outside storage calls`, ownRatios, TICK_GOAL, '×'),
      ],
    };
  } finally {
    await azurite.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.argv.includes('--quick');
  for (const r of [await benchReminders({ quick }), await benchTick({ quick })]) {
    for (const line of r.lines) console.log(line);
    for (const g of r.goals) console.log(JSON.stringify(g));
  }
  process.exit(0);
}
