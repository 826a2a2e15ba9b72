// The instant the due index files an incident under: exactly when reminderDecisions first owes
// it something, derived from the same stored facts (severity cadence, response goal, lead time,
// reminders sent or claimed).
import { describe, expect, it } from 'vitest';
import { nextReminderDue, reminderDecisions, reminderKey, withReminderClaimed, withReminderConfirmed } from '../../../bot/src/domain/incidents/cadence';
import type { Incident } from '../../../bot/src/domain/incidents/incident';
import { isCurrentRow, planReminderIndex } from '../../../bot/src/domain/incidents/reminder-index';
import { DEFAULT_SEVERITY_POLICY as policy, resolveSeverityPolicy } from '../../../bot/src/domain/incidents/severity';
import { at, incident, run } from './fixtures';

const iso = (min: number) => at(min).toISOString();
const ms = (min: number, plus = 0) => new Date(at(min).getTime() + plus);
const acknowledged = (over: Partial<Incident> = {}) => run(incident(over), [[{ type: 'acknowledge' }, 5]]);
/** Sends (claims and confirms) a reminder key, as the rhythm does around a delivered card. */
const sent = (i: Incident, key: string) => withReminderConfirmed(withReminderClaimed(i, key, at(0), at(5))!, key)!;

describe('nextReminderDue', () => {
  it('severity A, acknowledged: the update-due window opens reminderLeadMinutes (15) before the 2-hour update cadence', () => {
    expect(nextReminderDue(acknowledged(), policy)).toEqual(at(105));
  });

  it('severity A, unacknowledged: response-overdue one millisecond after the 1-hour initial response goal comes first', () => {
    expect(nextReminderDue(incident(), policy)).toEqual(ms(60, 1));
  });

  it('severity 1 (no initial response goal): the 1-hour update cadence less the 15-minute lead', () => {
    const sev1 = incident({ severity: '1', responseDueAt: undefined, nextUpdateDueAt: iso(60) });
    expect(nextReminderDue(sev1, policy)).toEqual(at(45));
  });

  it('severity B: the 24-hour update cadence less the lead, after the 1-hour response goal is met', () => {
    expect(nextReminderDue(acknowledged({ severity: 'B', nextUpdateDueAt: iso(24 * 60) }), policy)).toEqual(at(24 * 60 - 15));
  });

  it('severity D (updates "as agreed", no response goal): nothing is ever due', () => {
    expect(nextReminderDue(incident({ severity: 'D', responseDueAt: undefined, nextUpdateDueAt: undefined }), policy)).toBeUndefined();
  });

  it('a workspace lead-time override (reminderLeadMinutes 30) opens the update-due window earlier', () => {
    expect(nextReminderDue(acknowledged(), resolveSeverityPolicy({ reminderLeadMinutes: 30 }))).toEqual(at(90));
  });

  it('once update-due@2h is sent, update-overdue starts one millisecond after the 2-hour mark; once both are sent, nothing', () => {
    const due = sent(acknowledged(), reminderKey('update-due', iso(120)));
    expect(nextReminderDue(due, policy)).toEqual(ms(120, 1));
    expect(nextReminderDue(sent(due, reminderKey('update-overdue', iso(120))), policy)).toBeUndefined();
  });

  it('a sent response-overdue reminder gives way to the update-due window', () => {
    expect(nextReminderDue(sent(incident(), reminderKey('response-overdue', iso(60))), policy)).toEqual(at(105));
  });

  it('a claim another instance holds postpones its key to the lease end (the 5-minute claim lease)', () => {
    const claimed = withReminderClaimed(acknowledged(), reminderKey('update-due', iso(120)), at(106), at(111))!;
    expect(nextReminderDue(claimed, policy)).toEqual(at(111));
    // A lease that outlives the update-due window: the overdue reminder is next instead.
    const late = withReminderClaimed(acknowledged(), reminderKey('update-due', iso(120)), at(118), at(123))!;
    expect(nextReminderDue(late, policy)).toEqual(ms(120, 1));
  });

  it('resolved and closed incidents have nothing due; reopening starts the cadence again from the reopen', () => {
    const resolved = run(acknowledged(), [[{ type: 'resolve', kind: 'resolution', text: 'Fixed the service' }, 30]]);
    expect(nextReminderDue(resolved, policy)).toBeUndefined();
    expect(nextReminderDue(run(resolved, [[{ type: 'close' }, 40]]), policy)).toBeUndefined();
    expect(nextReminderDue(run(resolved, [[{ type: 'reopen', reason: 'It broke again' }, 50]]), policy)).toEqual(at(50 + 120 - 15));
  });

  it('agrees with reminderDecisions minute by minute: nothing is owed before the instant, something is at it', () => {
    const states: Incident[] = [
      incident(),
      acknowledged(),
      sent(acknowledged(), reminderKey('update-due', iso(120))),
      incident({ severity: '1', responseDueAt: undefined, nextUpdateDueAt: iso(60) }),
      run(acknowledged(), [[{ type: 'update', text: 'Vendor engaged' }, 30]]),
      run(incident(), [[{ type: 'severity', severity: 'B', impact: 'Only one floor is affected now' }, 20]]),
      withReminderClaimed(acknowledged(), reminderKey('update-due', iso(120)), at(106), at(111))!,
    ];
    for (const state of states) {
      const due = nextReminderDue(state, policy)!;
      for (let t = at(0).getTime(); t < due.getTime(); t += 60_000) expect(reminderDecisions(state, policy, new Date(t)).send).toEqual([]);
      expect(reminderDecisions(state, policy, new Date(due.getTime() - 1)).send).toEqual([]);
      expect(reminderDecisions(state, policy, due).send.length).toBeGreaterThan(0);
    }
  });
});

describe('planReminderIndex', () => {
  it('files a new incident under its instant, moves it with a higher sequence, and removes the old row', () => {
    const first = planReminderIndex(acknowledged(), policy, at(6));
    expect(first.put).toMatchObject({ incidentId: 'SR-202406-0001', dueAt: iso(105), seq: 1 });
    expect(first.remove).toBeUndefined();
    const updated = run(first.incident, [[{ type: 'update', text: 'Vendor engaged' }, 30]]);
    const moved = planReminderIndex(updated, policy, at(30));
    expect(moved.put).toMatchObject({ dueAt: iso(30 + 105), seq: 2 });
    expect(moved.remove).toEqual(first.put);
    expect(isCurrentRow(moved.put!, moved.incident.reminderIndex)).toBe(true);
    expect(isCurrentRow(first.put!, moved.incident.reminderIndex)).toBe(false);
  });

  it('an instant already past is filed under now, so no reader has passed it', () => {
    expect(planReminderIndex(incident(), policy, at(90)).put?.dueAt).toBe(iso(90));
  });

  it('changes nothing when the pointer is already right', () => {
    const filed = planReminderIndex(acknowledged(), policy, at(6)).incident;
    const again = planReminderIndex(filed, policy, at(50));
    expect(again).toEqual({ incident: filed });
    expect(again.incident).toBe(filed);
  });

  it('a resolved incident leaves the index, keeping its sequence so an old row can never come back as current', () => {
    const filed = planReminderIndex(acknowledged(), policy, at(6));
    const resolved = run(filed.incident, [[{ type: 'resolve', kind: 'workaround', text: 'Use the web client' }, 30]]);
    const plan = planReminderIndex(resolved, policy, at(30));
    expect(plan.put).toBeUndefined();
    expect(plan.remove).toEqual(filed.put);
    expect(plan.incident.reminderIndex).toEqual({ seq: 1 });
    const reopened = planReminderIndex(run(plan.incident, [[{ type: 'reopen', reason: 'It broke again' }, 40]]), policy, at(40));
    expect(reopened.put?.seq).toBe(2);
  });
});
