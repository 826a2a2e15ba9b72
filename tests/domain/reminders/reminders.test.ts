import { describe, expect, it } from 'vitest';
import { applyTaskAction, tomorrowAt } from '../../../bot/src/domain/reminders/actions';
import { asNeededChecklist, DEFAULT_CATALOG, scheduledCatalogTasks } from '../../../bot/src/domain/reminders/catalog';
import { completionRates } from '../../../bot/src/domain/reminders/completion';
import { buildDigests } from '../../../bot/src/domain/reminders/digest';
import { RateLimiter } from '../../../bot/src/platform/rate-limiter';
import { backoffMs, decideRetry, parseRetryAfter } from '../../../bot/src/platform/retry-policy';
import {
  applyEdit, carriedLine, indexedDueAt, occurrenceId, parseOccurrenceId, planOccurrence, type ReminderSchedule, ScheduleError, seedSchedules,
} from '../../../bot/src/domain/reminders/schedule';

const ws = { tenantId: 't1', scope: 'team' as const, scopeId: '19:team@thread.tacv2' };
const off = { deploymentMode: false };

function daily(overrides: Partial<ReminderSchedule> = {}): ReminderSchedule {
  return {
    workspace: ws, id: 'cat-health-watch', title: 'Watch service health', category: 'Monitor service health', role: 'Service Owner',
    targetConversationId: '19:ops@thread.tacv2', enabled: true, time: '09:00', timeZone: 'Europe/Berlin', cadence: { kind: 'daily' },
    nextDueAt: '2024-06-03T07:00:00.000Z', recentActions: [], updatedAt: '2024-06-01T00:00:00.000Z', ...overrides,
  };
}

describe('the default catalog', () => {
  it('schedules the recurring tasks and offers the as-needed ones as checklist items', () => {
    expect(DEFAULT_CATALOG).toHaveLength(34);
    expect(scheduledCatalogTasks().length + asNeededChecklist().length).toBe(34);
    const byKey = new Map(DEFAULT_CATALOG.map((t) => [t.key, t]));
    expect(byKey.get('health-watch')!.cadence).toEqual({ kind: 'daily' }); // real-time (check at least daily)
    expect(byKey.get('network-report')!.cadence).toEqual({ kind: 'daily' }); // daily, weekly, monthly
    expect(byKey.get('qer')!.cadence!.kind).toBe('monthly-weekly-during-deployments');
    expect(byKey.get('usage-value')!.cadence!.kind).toBe('biweekly');
    expect(asNeededChecklist().every((t) => t.cadenceWords === 'as needed')).toBe(true);
  });

  it('seeds schedules routed through the role map, falling back to the setup conversation', () => {
    const list = seedSchedules(ws, {
      routeForRole: (role) => (role === 'Network Operations' ? { team: 'NetOps', conversationId: '19:netops' } : undefined),
      fallbackConversationId: '19:setup', timeZone: 'Europe/Berlin', now: new Date('2024-06-03T06:00:00Z'), ctx: off,
    });
    expect(list).toHaveLength(scheduledCatalogTasks().length);
    const net = list.find((s) => s.id === 'cat-endpoints-watch')!;
    expect(net).toMatchObject({ team: 'NetOps', targetConversationId: '19:netops', nextDueAt: '2024-06-03T07:00:00.000Z' });
    expect(list.find((s) => s.id === 'cat-qer')!.targetConversationId).toBe('19:setup');
    expect(() => seedSchedules(ws, { routeForRole: () => undefined, fallbackConversationId: 'x', timeZone: 'Mars/Base', now: new Date(), ctx: off })).toThrow(ScheduleError);
  });
});

describe('occurrences, digests and catch-up', () => {
  it('occurrence ids are deterministic: schedule + due instant', () => {
    const id = occurrenceId('cat-qer', '2024-06-03T07:00:00.000Z');
    expect(id).toBe(occurrenceId('cat-qer', new Date('2024-06-03T07:00:00Z')));
    expect(parseOccurrenceId(id)).toEqual({ scheduleId: 'cat-qer', dueAt: '2024-06-03T07:00:00.000Z' });
  });

  it('after downtime the missed occurrences collapse into one line: "missed 3 times since Monday"', () => {
    // Due Monday 09:00 Berlin; the scheduler was down until Thursday 10:00.
    const s = daily();
    const plan = planOccurrence(s, s.nextDueAt!, new Date('2024-06-06T08:00:00Z'), off);
    expect(plan.stale).toBe(false);
    if (plan.stale) return;
    expect(plan.line.note).toBe('missed 3 times since Monday');
    expect(plan.line.kind).toBe('due');
    expect(plan.after.nextDueAt).toBe('2024-06-07T07:00:00.000Z'); // next is Friday, not a burst of the missed ones
    expect(plan.after.open).toEqual({ firstDueAt: '2024-06-03T07:00:00.000Z', missed: 3, lastOccurrenceId: plan.line.occurrenceId });
  });

  it('an open task is carried into the next digest instead of being repeated on its own', () => {
    const first = planOccurrence(daily(), '2024-06-03T07:00:00.000Z', new Date('2024-06-03T07:00:00Z'), off);
    if (first.stale) throw new Error('stale');
    const second = planOccurrence(first.after, '2024-06-04T07:00:00.000Z', new Date('2024-06-04T07:00:00Z'), off);
    if (second.stale) throw new Error('stale');
    expect(second.line).toMatchObject({ kind: 'overdue', note: 'missed once since Monday', dueAt: '2024-06-03T07:00:00.000Z' });
    // Not due itself, but open: rides along in another task's digest for the same channel.
    const other = planOccurrence(daily({ id: 'cat-roadmap-watch', title: 'Roadmap' }), '2024-06-03T07:00:00.000Z', new Date('2024-06-03T07:00:00Z'), off);
    if (other.stale) throw new Error('stale');
    const [digest] = buildDigests(
      [{ workspace: ws, targetConversationId: '19:ops@thread.tacv2', line: other.line }],
      [{ workspace: ws, targetConversationId: '19:ops@thread.tacv2', line: carriedLine(first.after, new Date('2024-06-03T12:00:00Z'))! }],
    );
    expect(digest!.due.map((l) => l.scheduleId)).toEqual(['cat-roadmap-watch']);
    expect(digest!.carried.map((l) => l.scheduleId)).toEqual(['cat-health-watch']);
  });

  it('groups due occurrences per target conversation, one digest each', () => {
    const line = (id: string) => {
      const p = planOccurrence(daily({ id }), '2024-06-03T07:00:00.000Z', new Date('2024-06-03T07:00:00Z'), off);
      if (p.stale) throw new Error('stale');
      return p.line;
    };
    const digests = buildDigests([
      { workspace: ws, targetConversationId: 'a', line: line('cat-1') },
      { workspace: ws, targetConversationId: 'b', line: line('cat-2') },
      { workspace: ws, targetConversationId: 'a', line: line('cat-3') },
    ]);
    expect(digests.map((d) => [d.targetConversationId, d.due.length])).toEqual([['a', 2], ['b', 1]]);
  });

  it('a row the schedule no longer indexes is stale (edited, disabled, already advanced)', () => {
    const s = daily();
    expect(planOccurrence(s, '2024-06-02T07:00:00.000Z', new Date('2024-06-03T07:00:00Z'), off)).toMatchObject({ stale: true });
    const disabled = applyEdit(s, { enabled: false }, new Date('2024-06-02T00:00:00Z'), off);
    expect(indexedDueAt(disabled)).toBeUndefined();
    expect(() => applyEdit(s, { time: '25:00' }, new Date(), off)).toThrow(/not a time of day/);
    expect(applyEdit(s, { time: '10:15' }, new Date('2024-06-02T00:00:00Z'), off).nextDueAt).toBe('2024-06-02T08:15:00.000Z');
  });
});

describe('task actions', () => {
  const openTask = () => {
    const p = planOccurrence(daily(), '2024-06-03T07:00:00.000Z', new Date('2024-06-03T07:00:00Z'), off);
    if (p.stale) throw new Error('stale');
    return { s: { ...p.after, etag: 'x' }, occ: p.line.occurrenceId };
  };

  it('done is applied once; the same action again is a duplicate', () => {
    const { s, occ } = openTask();
    const r1 = applyTaskAction(s, { verb: 'done', occurrenceId: occ, by: 'Ana' }, new Date('2024-06-03T08:00:00Z'), off);
    expect(r1.outcome).toBe('applied');
    if (r1.outcome !== 'applied') return;
    expect(r1.schedule.open).toBeUndefined();
    expect(r1.completion).toMatchObject({ outcome: 'done', onTime: true, missed: 0, by: 'Ana' });
    expect(applyTaskAction(r1.schedule, { verb: 'done', occurrenceId: occ }, new Date('2024-06-03T08:00:01Z'), off).outcome).toBe('duplicate');
    expect(applyTaskAction(r1.schedule, { verb: 'skip', occurrenceId: occ }, new Date('2024-06-03T08:00:01Z'), off).outcome).toBe('stale');
  });

  it('snooze 1 hour indexes the reminder an hour later; snooze tomorrow uses the schedule time in its zone', () => {
    const { s, occ } = openTask();
    const r = applyTaskAction(s, { verb: 'snooze-hour', occurrenceId: occ }, new Date('2024-06-03T07:10:00Z'), off);
    if (r.outcome !== 'applied') throw new Error(r.outcome);
    expect(indexedDueAt(r.schedule)).toBe('2024-06-03T08:10:00.000Z');
    const snoozed = planOccurrence(r.schedule, '2024-06-03T08:10:00.000Z', new Date('2024-06-03T08:10:00Z'), off);
    expect(snoozed).toMatchObject({ stale: false, line: { kind: 'snoozed' } });
    expect(tomorrowAt(s, new Date('2024-06-03T22:30:00Z')).toISOString()).toBe('2024-06-05T07:00:00.000Z'); // already the 4th in Berlin
  });

  it('reassign moves the task to another team and conversation', () => {
    const { s, occ } = openTask();
    const r = applyTaskAction(s, { verb: 'reassign', occurrenceId: occ, reassignTo: { team: 'Help Desk', conversationId: '19:hd' } }, new Date(), off);
    expect(r).toMatchObject({ outcome: 'applied', schedule: { team: 'Help Desk', targetConversationId: '19:hd' } });
  });

  it('completion history gives on-time rates per task and team', () => {
    const rec = (onTime: boolean, missed: number, outcome: 'done' | 'skipped' = 'done') => ({ scheduleId: 'cat-a', title: 'A', team: 'NetOps', dueAt: `d${Math.random()}`, resolvedAt: 'r', outcome, onTime, missed });
    const [rate] = completionRates([rec(true, 0), rec(true, 0), rec(false, 2), rec(false, 0, 'skipped')]);
    expect(rate).toMatchObject({ due: 5, onTime: 2, late: 1, skipped: 1, rate: 0.4 });
  });
});

describe('rate limiter (fake clock)', () => {
  it('allows 7 per second and 60 per 30 seconds to one conversation', () => {
    const rl = new RateLimiter({ global: [{ limit: 1000, windowMs: 1000 }] });
    let t = 0;
    const sends: number[] = [];
    while (sends.length < 61) {
      const wait = rl.tryAcquire('c', t);
      if (wait === 0) sends.push(t);
      else t += wait;
    }
    for (const s of sends) {
      expect(sends.filter((x) => x > s - 1000 && x <= s).length).toBeLessThanOrEqual(7);
      expect(sends.filter((x) => x > s - 30_000 && x <= s).length).toBeLessThanOrEqual(60);
    }
    expect(sends[60]! - sends[0]!).toBeGreaterThanOrEqual(30_000);
    // Another conversation is not held up by the first one.
    expect(rl.tryAcquire('other', t)).toBe(0);
  });

  it('caps all conversations of a tenant together below the documented 50/s per app per tenant', () => {
    const rl = new RateLimiter();
    let granted = 0;
    for (let i = 0; i < 100; i++) if (rl.tryAcquire(`c${i}`, 0, 'tenant-a') === 0) granted++;
    expect(granted).toBe(40);
    expect(rl.tryAcquire('c-late', 999, 'tenant-a')).toBe(1);
    // Another tenant has a limit of its own.
    expect(rl.tryAcquire('c-other-tenant', 999, 'tenant-b')).toBe(0);
    expect(rl.tryAcquire('c-late', 1000, 'tenant-a')).toBe(0);
  });
});

describe('retry policy', () => {
  it('429 waits for Retry-After, bounded', () => {
    expect(decideRetry(429, 1, 2000)).toEqual({ action: 'retry', afterMs: 2000 });
    expect(decideRetry(429, 4, 2000)).toMatchObject({ action: 'give-up', retryAfterMs: 2000 });
    expect(decideRetry(429, 1, 3_600_000)).toMatchObject({ action: 'give-up', retryAfterMs: 3_600_000 });
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
  });

  it('412, 502 and 504 back off with jitter and give up after the bound', () => {
    for (const status of [412, 502, 504]) {
      const d = decideRetry(status, 2, undefined, { random: () => 0.5 });
      expect(d).toEqual({ action: 'retry', afterMs: 750 });
      expect(decideRetry(status, 4, undefined).action).toBe('give-up');
    }
    const spread = new Set([0, 0.3, 0.9].map((r) => backoffMs(3, { random: () => r })));
    expect(spread.size).toBe(3);
  });

  it('403 and 404 deactivate instead of retrying', () => {
    expect(decideRetry(403, 1, undefined).action).toBe('deactivate');
    expect(decideRetry(404, 1, undefined).action).toBe('deactivate');
  });
});
