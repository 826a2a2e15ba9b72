// The scheduler against the real Azurite and the local connector: several instances over one
// storage account, many simulated ticks, crashes between claim and send, and card actions
// delivered more than once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextOccurrence } from '../../bot/src/domain/reminders/cadence';
import { parseTime } from '../../bot/src/domain/reminders/cadence';
import type { Sender } from '../../bot/src/domain/sender';
import { workspaceKey } from '../../bot/src/domain/workspace';
import { DEFAULT_LEASE_MS } from '../../bot/src/jobs/scheduler';
import { dueShard } from '../../bot/src/storage/table-schedule-due-index';
import { startConnector, type LocalConnector } from '../support/connector';
import { createHarness, deliveredOccurrences, workspace } from './reminder-harness';

let connector: LocalConnector;
beforeAll(async () => {
  connector = await startConnector();
});
afterAll(async () => {
  await connector.close();
});

describe('three scheduler instances sharing one storage account', () => {
  it('send every due reminder exactly once over many simulated ticks', async () => {
    connector.clear();
    // Sunday 30 June 2024 00:00 UTC: the window covers daily, weekday, weekly, biweekly and
    // monthly (1 July) occurrences, in zones east and west of UTC.
    const h = await createHarness('2024-06-30T00:00:00Z', connector.serviceUrl);
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC'];
    const workspaces = zones.map(() => workspace());
    for (const [i, ws] of workspaces.entries()) {
      await h.addChannel(ws, `19:setup-${i}@thread.tacv2`, connector.serviceUrl);
      await h.addChannel(ws, `19:netops-${i}@thread.tacv2`, connector.serviceUrl);
      await h.service.seed(ws, {
        routeForRole: (role) => (role === 'Network Operations' ? { team: 'NetOps', conversationId: `19:netops-${i}@thread.tacv2` } : undefined),
        fallbackConversationId: `19:setup-${i}@thread.tacv2`,
        timeZone: zones[i]!,
        time: i % 2 ? '09:00' : '08:30',
      });
    }
    const start = h.clock.now();
    const instances = [h.instance(), h.instance(), h.instance()];
    const end = Date.parse('2024-07-02T12:00:00Z');
    let ticks = 0;
    while (h.clock.now().getTime() < end) {
      h.clock.advance(20 * 60_000);
      await Promise.all(instances.map((i) => i.scheduler.tick(h.clock.now())));
      ticks++;
    }
    expect(ticks).toBeGreaterThan(100);

    // What should have been sent: every occurrence of every schedule in (start, end].
    const expected: string[] = [];
    for (const ws of workspaces) {
      for (const s of await h.storage.schedules.list(ws)) {
        let at = start;
        for (;;) {
          at = nextOccurrence(s.cadence, parseTime(s.time), s.timeZone, at, { deploymentMode: false });
          if (at.getTime() > h.clock.now().getTime()) break;
          expected.push(`${s.id}@${at.toISOString()}|${s.targetConversationId}`);
        }
      }
    }
    const delivered = connector.calls
      .filter((c) => c.method === 'POST' && c.status < 300)
      .flatMap((c) => deliveredOccurrences([c.body]).map((o) => `${o}|${c.conversationId}`));
    expect(new Set(delivered).size).toBe(delivered.length); // no duplicates
    expect(delivered.sort()).toEqual(expected.sort()); // and no loss
    expect(expected.length).toBeGreaterThan(40);
    // One digest per channel per run: never two cards to one conversation in one tick window.
    const perRun = new Map<string, number>();
    for (const call of connector.calls.filter((c) => c.method === 'POST' && c.status < 300)) {
      const due = (call.body.attachments?.[0]?.content?.testDue ?? []) as string[];
      const key = `${call.conversationId}|${due[0]?.split('@')[1]}`;
      perRun.set(key, (perRun.get(key) ?? 0) + 1);
    }
    expect([...perRun.values()].every((n) => n === 1)).toBe(true);
    // And nothing is left in the due index before now.
    expect((await h.storage.dueIndex.listDue(h.clock.now())).entries).toEqual([]);
  }, 120_000);
});

describe('a process killed between claim and send', () => {
  it('is recovered by another instance after the lease expires, with no duplicate and no loss', async () => {
    connector.clear();
    const h = await createHarness('2024-06-03T06:00:00Z', connector.serviceUrl);
    const ws = workspace();
    const conv = '19:ops-kill@thread.tacv2';
    await h.addChannel(ws, conv, connector.serviceUrl);
    await h.service.seed(ws, { routeForRole: () => undefined, fallbackConversationId: conv, timeZone: 'UTC', time: '09:00' });
    // Instance A "dies" right after claiming: its sender throws before anything goes out.
    let killed = 0;
    const crashing = h.instance({ wrapSender: (): Sender => ({ send: async () => { killed++; throw new Error('SIGKILL'); } }) });
    const b = h.instance();
    h.clock.set('2024-06-03T09:00:00Z');
    const ra = await crashing.scheduler.tick(h.clock.now());
    expect(killed).toBe(1);
    expect(ra.occurrencesSent).toBe(0);
    // While A's lease runs, B keeps its hands off.
    h.clock.advance(60_000);
    const rb1 = await b.scheduler.tick(h.clock.now());
    expect(rb1.takenByOthers).toBeGreaterThan(0);
    expect(connector.sent(conv)).toHaveLength(0);
    // After the lease: B takes over and sends, once.
    h.clock.advance(5 * 60_000);
    const rb2 = await b.scheduler.tick(h.clock.now());
    expect(rb2.recovered).toBe(ra.due);
    expect(connector.sent(conv)).toHaveLength(1);
    const first = deliveredOccurrences(connector.sent(conv));
    expect(first.length).toBe(ra.due);
    // More ticks by everyone (A now healthy again is modelled by a third instance) send nothing more.
    const c = h.instance();
    for (let i = 0; i < 5; i++) {
      h.clock.advance(10 * 60_000);
      await Promise.all([b.scheduler.tick(h.clock.now()), c.scheduler.tick(h.clock.now())]);
    }
    expect(connector.sent(conv)).toHaveLength(1);
    for (const occ of first) expect((await h.storage.claims.get(ws, occ))?.state).toBe('sent');
  });
});

describe('the default lease', () => {
  it('a dead instance\'s digest goes out once the 30 s lease lapses, and the survivor knows when to look', async () => {
    connector.clear();
    const h = await createHarness('2024-06-03T06:00:00Z', connector.serviceUrl);
    const ws = workspace();
    const conv = '19:ops-dead@thread.tacv2';
    await h.addChannel(ws, conv, connector.serviceUrl);
    await h.service.seed(ws, { routeForRole: () => undefined, fallbackConversationId: conv, timeZone: 'UTC', time: '09:00' });
    const lease = { scheduler: { leaseMs: DEFAULT_LEASE_MS } };
    const dead = h.instance({ ...lease, wrapSender: (): Sender => ({ send: async () => { throw new Error('SIGKILL'); } }) });
    const survivor = h.instance(lease);
    h.clock.set('2024-06-03T09:00:00Z');
    await dead.scheduler.tick(h.clock.now());
    h.clock.advance(10_000);
    const waiting = await survivor.scheduler.tick(h.clock.now());
    expect(waiting.foreignLeaseUntil).toBe(Date.parse('2024-06-03T09:00:30Z'));
    expect(connector.sent(conv)).toHaveLength(0);
    h.clock.set(new Date(waiting.foreignLeaseUntil! + 1_000));
    expect((await survivor.scheduler.tick(h.clock.now())).recovered).toBeGreaterThan(0);
    expect(connector.sent(conv)).toHaveLength(1);
  });

  it('a slow dispatch renews its claims, so another instance does not send them too', async () => {
    connector.clear();
    const h = await createHarness('2024-06-03T06:00:00Z', connector.serviceUrl);
    const ws = workspace();
    const convs = ['19:slow-1@thread.tacv2', '19:slow-2@thread.tacv2', '19:slow-3@thread.tacv2'];
    for (const c of convs) await h.addChannel(ws, c, connector.serviceUrl);
    await h.service.seed(ws, { routeForRole: (role) => ({ conversationId: convs[role.length % 3]! }), fallbackConversationId: convs[0]!, timeZone: 'UTC', time: '09:00' });
    const other = h.instance({ scheduler: { leaseMs: DEFAULT_LEASE_MS } });
    const reports: Awaited<ReturnType<typeof other.scheduler.tick>>[] = [];
    // Each send takes 20 s (the rate limit), and the other instance ticks in the middle of each.
    const slow = h.instance({
      scheduler: { leaseMs: DEFAULT_LEASE_MS, sendConcurrency: 1 },
      wrapSender: (inner): Sender => ({
        send: async (...args) => {
          h.clock.advance(20_000);
          reports.push(await other.scheduler.tick(h.clock.now()));
          return inner.send(...args);
        },
      }),
    });
    h.clock.set('2024-06-03T09:00:00Z');
    const r = await slow.scheduler.tick(h.clock.now());
    const sends = connector.sent().filter((a) => convs.includes(a.conversation?.id));
    expect(reports.length).toBeGreaterThan(1);
    expect(reports.map((x) => [x.recovered, x.digestsSent, x.takenByOthers, x.due])).toEqual(reports.map((x) => [0, 0, x.takenByOthers, x.due]));
    expect(sends).toHaveLength(r.digestsSent);
    expect(new Set(deliveredOccurrences(sends)).size).toBe(deliveredOccurrences(sends).length);
  });
});

describe('a minute with more due than one read takes', () => {
  it('goes on in the next ticks from where it stopped, sending each digest once, and then moves its watermark', async () => {
    connector.clear();
    const h = await createHarness('2024-06-03T06:00:00Z', connector.serviceUrl);
    const convs = Array.from({ length: 6 }, (_, i) => `19:paged-${i}@thread.tacv2`);
    // Teams in shards of their own: two teams sharing a shard would make one partition over the limit.
    const shards = new Set<number>();
    for (const conv of convs) {
      let ws = workspace();
      while (shards.has(dueShard(workspaceKey(ws)))) ws = workspace();
      shards.add(dueShard(workspaceKey(ws)));
      await h.addChannel(ws, conv, connector.serviceUrl);
      await h.service.seed(ws, { routeForRole: () => undefined, fallbackConversationId: conv, timeZone: 'UTC', time: '09:00' });
    }
    const pageLimit = 20; // more than one channel's 13 due rows, less than two channels'
    const instance = h.instance({ scheduler: { pageLimit } });
    h.clock.set('2024-06-03T09:00:05Z');
    const reports = [];
    for (let i = 0; i < 50; i++) {
      const r = await instance.scheduler.tick(h.clock.now());
      reports.push(r);
      if (!r.more) break;
    }
    expect(reports.every((r) => r.due <= pageLimit)).toBe(true);
    expect(reports.slice(0, -1).every((r) => r.more)).toBe(true);
    expect(reports.at(-1)!.more).toBeUndefined();
    expect(reports.length).toBeGreaterThan(2);
    // Every channel got its one digest with every due occurrence, none twice.
    const sent = connector.sent().filter((a) => convs.includes(a.conversation?.id));
    expect(new Set(sent.map((a) => a.conversation.id))).toEqual(new Set(convs));
    const delivered = sent.flatMap((a) => deliveredOccurrences([a]).map((o) => `${a.conversation.id}|${o}`));
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(reports.reduce((n, r) => n + r.occurrencesSent, 0)).toBe(delivered.length);
    expect(sent).toHaveLength(convs.length);
    expect((await h.storage.dueIndex.listDue(h.clock.now())).entries).toEqual([]);
    // The pass is over: the next tick reads from the watermark and finds nothing.
    expect(await instance.scheduler.tick(h.clock.now())).toMatchObject({ due: 0, digestsSent: 0 });
  });
});

describe('card actions delivered three times', () => {
  it('done, snooze and skip change the schedule once', async () => {
    connector.clear();
    const h = await createHarness('2024-06-03T06:00:00Z', connector.serviceUrl);
    const ws = workspace();
    const conv = '19:ops-actions@thread.tacv2';
    await h.addChannel(ws, conv, connector.serviceUrl);
    await h.service.seed(ws, { routeForRole: () => undefined, fallbackConversationId: conv, timeZone: 'UTC', time: '09:00' });
    const inst = h.instance();
    h.clock.set('2024-06-03T09:00:00Z');
    await inst.scheduler.tick(h.clock.now());
    const [card] = connector.sent(conv);
    const [doneOcc, snoozeOcc, skipOcc] = card.attachments[0].content.testDue as string[];
    const sched = (occ: string) => occ.split('@')[0]!;

    // Three deliveries of each, at slightly different times, concurrently and then again.
    const deliver = async (scheduleId: string, verb: 'done' | 'snooze-hour' | 'skip', occurrenceId: string) => {
      const results = await Promise.all([0, 1, 2].map(async (i) => {
        if (i) h.clock.advance(1000);
        return h.service.act(ws, scheduleId, { verb, occurrenceId, by: 'Ana' });
      }));
      return results.map((r) => r.outcome);
    };
    expect((await deliver(sched(doneOcc!), 'done', doneOcc!)).filter((o) => o === 'applied')).toHaveLength(1);
    const snoozeStart = h.clock.now().getTime();
    expect((await deliver(sched(snoozeOcc!), 'snooze-hour', snoozeOcc!)).filter((o) => o === 'applied')).toHaveLength(1);
    // A fourth, late delivery does not push the snooze further either.
    h.clock.advance(10 * 60_000);
    expect((await h.service.act(ws, sched(snoozeOcc!), { verb: 'snooze-hour', occurrenceId: snoozeOcc! })).outcome).toBe('duplicate');
    expect((await deliver(sched(skipOcc!), 'skip', skipOcc!)).filter((o) => o === 'applied')).toHaveLength(1);

    const done = (await h.storage.schedules.get(ws, sched(doneOcc!)))!;
    expect(done.open).toBeUndefined();
    expect(done.recentActions.filter((k) => k === `${doneOcc}:done`)).toHaveLength(1);
    const snoozed = (await h.storage.schedules.get(ws, sched(snoozeOcc!)))!;
    expect(Date.parse(snoozed.snoozedUntil!) - snoozeStart).toBeLessThanOrEqual(3_600_000 + 3000);
    expect(Date.parse(snoozed.snoozedUntil!) - snoozeStart).toBeGreaterThanOrEqual(3_600_000);
    const history = await h.storage.completions.list(ws);
    expect(history.map((r) => [r.scheduleId, r.outcome])).toEqual(expect.arrayContaining([[sched(doneOcc!), 'done'], [sched(skipOcc!), 'skipped']]));
    expect(history).toHaveLength(2);
    const rates = await h.service.rates(ws);
    expect(rates.find((r) => r.scheduleId === sched(doneOcc!))).toMatchObject({ onTime: 1, due: 1, rate: 1 });

    // The snooze comes back as its own reminder an hour later, once, and only that task.
    connector.clear();
    h.clock.set(new Date(Date.parse(snoozed.snoozedUntil!) + 60_000));
    await Promise.all([inst.scheduler.tick(h.clock.now()), h.instance().scheduler.tick(h.clock.now())]);
    const again = connector.sent(conv);
    expect(again).toHaveLength(1);
    expect(again[0].attachments[0].content.testDue).toEqual([`${sched(snoozeOcc!)}@${snoozed.snoozedUntil}`]);
  });
});
