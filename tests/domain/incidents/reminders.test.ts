import { describe, expect, it } from 'vitest';
import { reminderDecisions, responseStatus, withReminderClaimed, withReminderConfirmed, withReminderReleased, type ReminderDecision } from '../../../bot/src/domain/incidents/cadence';
import type { Incident } from '../../../bot/src/domain/incidents/incident';
import { applyAction } from '../../../bot/src/domain/incidents/lifecycle';
import { DEFAULT_SEVERITY_POLICY as policy } from '../../../bot/src/domain/incidents/severity';
import { ana, incident } from './fixtures';

const t0 = Date.parse('2024-06-03T08:00:00Z');
const at = (min: number) => new Date(t0 + min * 60_000);
/** Claim then confirm, as the rhythm does around a successful send; undefined if already taken. */
const withReminderSent = (incident: Incident, key: string, now = at(0)) => {
  const claimed = withReminderClaimed(incident, key, now, new Date(now.getTime() + 5 * 60_000));
  return claimed && withReminderConfirmed(claimed, key);
};

describe('communication rhythm reminders', () => {
  it('an A incident with no update for 2 hours: exactly one due and one overdue reminder over 3 hours of minute ticks', () => {
    const ack = applyAction(incident(), { type: 'acknowledge' }, ana, at(5), policy);
    if (!ack.ok) throw new Error(ack.reason);
    let cur = ack.incident;
    const sent: (ReminderDecision & { minute: number })[] = [];
    for (let minute = 0; minute <= 180; minute++) {
      const { send } = reminderDecisions(cur, policy, at(minute));
      for (const d of send) {
        const next = withReminderSent(cur, d.key);
        expect(next).toBeDefined(); // nothing is offered twice
        cur = next!;
        sent.push({ ...d, minute });
      }
    }
    expect(sent.map((s) => [s.kind, s.minute])).toEqual([
      ['update-due', 105], // 15 minutes before the 2-hour mark
      ['update-overdue', 121], // the first tick after it
    ]);
    expect(new Set(sent.map((s) => s.dueAt))).toEqual(new Set([at(120).toISOString()]));
  });

  it('a claimed reminder is held while its lease runs and owed again once it runs out', () => {
    const base = incident({ state: 'classified', acknowledgedAt: at(1).toISOString() });
    const [owed] = reminderDecisions(base, policy, at(110)).send;
    const claimed = withReminderClaimed(base, owed!.key, at(110), at(115))!;
    // Another instance during the lease: nothing to send, and no second claim.
    expect(reminderDecisions(claimed, policy, at(112)).send).toEqual([]);
    expect(withReminderClaimed(claimed, owed!.key, at(112), at(117))).toBeUndefined();
    // The holder died before sending: after the lease the reminder is owed and can be claimed.
    expect(reminderDecisions(claimed, policy, at(116)).send.map((d) => d.key)).toEqual([owed!.key]);
    const retaken = withReminderClaimed(claimed, owed!.key, at(116), at(121))!;
    expect(retaken.remindersSent.filter((e) => e.startsWith(owed!.key))).toHaveLength(1);
    // Confirmed: taken for good; released: owed again at once.
    expect(reminderDecisions(withReminderConfirmed(retaken, owed!.key)!, policy, at(130)).send.map((d) => d.kind)).toEqual(['update-overdue']);
    expect(reminderDecisions(withReminderReleased(retaken, owed!.key)!, policy, at(117)).send.map((d) => d.key)).toEqual([owed!.key]);
  });

  it('already-sent reminders are reported as such, and an update starts a new cycle', () => {
    let cur = incident({ state: 'classified', acknowledgedAt: at(1).toISOString() });
    const first = reminderDecisions(cur, policy, at(110));
    expect(first.send.map((d) => d.kind)).toEqual(['update-due']);
    cur = withReminderSent(cur, first.send[0]!.key)!;
    expect(withReminderSent(cur, first.send[0]!.key)).toBeUndefined();
    expect(reminderDecisions(cur, policy, at(111))).toEqual({ send: [], alreadySent: first.send });
    const up = applyAction(cur, { type: 'update', text: 'Still on it' }, ana, at(115), policy);
    if (!up.ok) throw new Error(up.reason);
    expect(up.incident.remindersSent).toEqual([]);
    expect(reminderDecisions(up.incident, policy, at(200)).send).toEqual([]);
    expect(reminderDecisions(up.incident, policy, at(221)).send.map((d) => d.dueAt)).toEqual([at(235).toISOString()]);
  });

  it('a late scheduler sends the overdue reminder only, not a due and an overdue at once', () => {
    const cur = incident({ state: 'classified', acknowledgedAt: at(1).toISOString() });
    expect(reminderDecisions(cur, policy, at(400)).send.map((d) => d.kind)).toEqual(['update-overdue']);
  });

  it('an unacknowledged incident past its response goal owes a response-overdue reminder', () => {
    const cur = incident();
    expect(reminderDecisions(cur, policy, at(60)).send).toEqual([]);
    expect(reminderDecisions(cur, policy, at(61)).send.map((d) => d.kind)).toEqual(['response-overdue']);
    expect(responseStatus(cur, at(30))).toEqual({ kind: 'pending', dueAt: at(60).toISOString() });
    expect(responseStatus(cur, at(61)).kind).toBe('overdue');
    expect(responseStatus({ ...cur, acknowledgedAt: at(45).toISOString() }, at(61))).toEqual({ kind: 'met', afterMinutes: 45 });
    expect(responseStatus({ ...cur, acknowledgedAt: at(75).toISOString() }, at(80))).toEqual({ kind: 'missed', afterMinutes: 75 });
  });

  it('"as agreed" and finished incidents owe nothing', () => {
    expect(reminderDecisions(incident({ severity: 'D', nextUpdateDueAt: undefined, responseDueAt: undefined }), policy, at(5000)).send).toEqual([]);
    expect(reminderDecisions(incident({ state: 'resolved' }), policy, at(5000)).send).toEqual([]);
  });
});
