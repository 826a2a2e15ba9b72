// Takeover bench: 40 channels' digests due at one minute, three scheduler instances (separate
// processes, production settings) and a kill -9 of the instance that is sending, in the middle of
// its dispatch. Counts, at a local connector that answers slowly so sends are in flight: lost
// digests, duplicates (at most the sends in flight at the kill) and how late the rest arrive.
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { TableClient } from '@azure/data-tables';
import type { DueEntry } from '../bot/src/domain/reminders/repositories';
import { seedSchedules } from '../bot/src/domain/reminders/schedule';
import type { Workspace } from '../bot/src/domain/workspace';
import { TableConversationTargetRepository } from '../bot/src/storage/table-conversation-target-repository';
import { REMINDER_TABLES, reminderStorage } from '../bot/src/storage/table-reminder-tables';
import { startAzuriteProcess } from './azurite';
import { goal, goalLine, type SectionResult } from './report';

const CHANNELS = 40;
const ANSWER_AFTER_MS = 400;
const GOAL_LATE_MS = 90_000;

export async function benchTakeover(): Promise<SectionResult> {
  const azurite = await startAzuriteProcess();
  const children: ChildProcess[] = [];
  // The connector: every digest POST recorded with its time; answered after a delay.
  const received: { conv: string; at: number }[] = [];
  let inFlight = 0;

  const server = createServer((req, res) => {
    const conv = decodeURIComponent(/\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '')?.[1] ?? '');
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && conv) received.push({ conv, at: Date.now() });
      inFlight++;
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: randomUUID() }));
      }, ANSWER_AFTER_MS);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    const prefix = 'tk' + randomUUID().replace(/-/g, '').slice(0, 10);
    const client = (n: string) => TableClient.fromConnectionString(azurite.connectionString, prefix + n, { allowInsecureConnection: true });
    await Promise.all([...REMINDER_TABLES, 'Conversations'].map((t) => client(t).createTable()));
    const storage = reminderStorage((n) => client(n));
    const targets = new TableConversationTargetRepository(client('Conversations'));
    // Due at the minute after next, UTC: every instance ticks past it within its first minute.
    const due = new Date(Math.ceil((Date.now() + 30_000) / 60_000) * 60_000);
    const hhmm = due.toISOString().slice(11, 16);
    const convs: string[] = [];
    const entries: DueEntry[] = [];
    for (let i = 0; i < CHANNELS; i++) {
      const ws: Workspace = { tenantId: randomUUID(), scope: 'team', scopeId: `19:team-${i}@thread.tacv2` };
      const conv = `19:ops-${i}@thread.tacv2`;
      convs.push(conv);
      const reference = { channelId: 'msteams', serviceUrl, bot: { id: '28:service-ops-bot', name: 'Service Ops' }, conversation: { id: conv, isGroup: true, conversationType: 'channel', tenantId: ws.tenantId } };
      await targets.upsert({ workspace: ws, conversationId: conv, kind: 'channel', serviceUrl, channelId: 'msteams', reference: JSON.stringify(reference), active: true, lastSeenAt: new Date().toISOString() });
      const schedules = seedSchedules(ws, { routeForRole: () => undefined, fallbackConversationId: conv, timeZone: 'UTC', time: hhmm, now: new Date(due.getTime() - 120_000), ctx: { deploymentMode: false } })
        .filter((s) => s.nextDueAt === due.toISOString());
      await storage.schedules.createMany(schedules);
      entries.push(...schedules.map((s) => ({ dueAt: s.nextDueAt!, workspace: s.workspace, scheduleId: s.id, targetConversationId: s.targetConversationId })));
    }
    await storage.dueIndex.put(entries);

    // Three instances, 20 s apart, as three App Service instances would tick.
    const entry = fileURLToPath(new URL('./takeover-instance.ts', import.meta.url));
    const ids: string[] = [];
    let settings = { intervalMs: NaN, concurrency: NaN, leaseMs: NaN };
    for (let i = 0; i < 3; i++) {
      const id = `instance-${i}`;
      ids.push(id);
      const child = fork(entry, [], { execArgv: ['--import', 'tsx', '--no-deprecation'], env: { ...process.env, CONN: azurite.connectionString, PREFIX: prefix, SERVICE_URL: serviceUrl, INSTANCE: id }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      children.push(child);
      settings = (await new Promise((r) => child.once('message', r))) as typeof settings;
      if (i < 2) await new Promise((r) => setTimeout(r, 20_000));
    }

    // Kill -9 whoever is sending, once a quarter of the channels got their digest.
    const deadline = Date.now() + 4 * 60_000;
    while (received.length < CHANNELS / 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const owners = new Map<string, number>();
    for (const id of ids) owners.set(id, 0);
    for await (const e of client('ReminderOccurrences').listEntities<{ owner?: string; state?: string }>()) if (e.state === 'claimed' && e.owner) owners.set(e.owner, (owners.get(e.owner) ?? 0) + 1);
    const [victim] = [...owners.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const killedAt = Date.now();
    const inFlightAtKill = inFlight;

    const receivedAtKill = received.length;
    children[ids.indexOf(victim)]!.kill('SIGKILL');
    // In flight from the dead instance's side: a channel that got (or is getting) a digest whose
    // claims it never marked sent. Read at once: its claims are still live, nobody took them yet.
    await new Promise((r) => setTimeout(r, 200));
    const reached = new Set(received.map((r) => r.conv));
    const unrecorded = new Set<string>();
    for await (const e of client('ReminderOccurrences').listEntities<{ owner?: string; state?: string; targetConversationId?: string }>()) {
      if (e.state === 'claimed' && e.owner === victim && e.targetConversationId && reached.has(e.targetConversationId)) unrecorded.add(e.targetConversationId);
    }

    // Wait for every channel, or for the 90 s goal to be well past.
    const stopAt = due.getTime() + 3 * 60_000;
    while (new Set(received.map((r) => r.conv)).size < CHANNELS && Date.now() < stopAt) await new Promise((r) => setTimeout(r, 50));
    const perConv = new Map<string, number>();
    for (const r of received) perConv.set(r.conv, (perConv.get(r.conv) ?? 0) + 1);
    const lost = convs.filter((c) => !perConv.has(c)).length;
    const duplicates = [...perConv.values()].reduce((n, k) => n + k - 1, 0);
    const after = received.slice(receivedAtKill);
    const lateMs = after.length ? Math.max(...after.map((r) => r.at)) - due.getTime() : 0;
    return {
      lines: [
        `${CHANNELS} channels due at ${due.toISOString()}, 3 instances (interval ${settings.intervalMs / 1000} s, lease ${settings.leaseMs / 1000} s, concurrency ${settings.concurrency}, as each instance reported), connector answers after ${ANSWER_AFTER_MS} ms; one run`,
        `kill -9 of ${victim} (holding ${owners.get(victim)} claims) ${((killedAt - due.getTime()) / 1000).toFixed(1)} s after due, after ${receivedAtKill} digests; in flight: ${inFlightAtKill} unanswered at the connector, ${unrecorded.size} channels reached but not yet recorded as sent`,
        `lost ${lost}, duplicates ${duplicates}, digests after the kill ${after.length}, the last ${(lateMs / 1000).toFixed(1)} s after due`,
      ],
      goals: [
        goal('takeover', 'lost digests', [lost], 0, 'count', 'max', 'runs'),
        goal('takeover', 'duplicates (limit: the sends in flight at the kill)', [duplicates], unrecorded.size, 'count', 'max', 'runs'),
        goal('takeover', 'last digest after due', [lateMs / 1000], GOAL_LATE_MS / 1000, 's', 'max', 'runs'),
      ],
    };
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    server.closeAllConnections();
    server.close();
    await azurite.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchTakeover();
  for (const line of [...r.lines, ...r.goals.map(goalLine)]) console.log(line);
  process.exit(0);
}
