// The vendor's clock, as seed 003 commits the vendor: initial response within the severity's goal
// from the escalation to the vendor, updates at the severity's cadence, a vendor SR number issued
// when the vendor accepts. Every boundary is checked on both sides.
import { describe, expect, it } from 'vitest';
import { nextReminderDue, reminderDecisions } from '../../../bot/src/domain/incidents/cadence';
import type { Incident } from '../../../bot/src/domain/incidents/incident';
import { applyAction, type IncidentAction } from '../../../bot/src/domain/incidents/lifecycle';
import { DEFAULT_SEVERITY_POLICY as policy } from '../../../bot/src/domain/incidents/severity';
import {
  commitmentTotals, missingTroubleshooting, TROUBLESHOOTING_CHECKLIST, type VendorCase, vendorCommitments, validateVendorSrNumber,
} from '../../../bot/src/domain/incidents/vendor-case';
import { ana, at, incident, run } from './fixtures';

const HOUR = 60;
const ALL = TROUBLESHOOTING_CHECKLIST.map((c) => c.id);
const ms = (d: Date, plus = 0) => new Date(d.getTime() + plus);
const acked = (over: Partial<Incident> = {}) => run(incident(over), [[{ type: 'acknowledge' }, 5]]);
/** Acknowledged at minute 5, escalated to the vendor at minute 10. */
const escalated = (over: Partial<Incident> = {}) => run(acked(over), [[{ type: 'vendor-escalate', checklist: ALL }, 10]]);
const accept = (sr = 'VND-2406-77', time?: string): IncidentAction => ({ type: 'vendor-accept', srNumber: sr, ...(time ? { time } : {}) });

function vc(over: Partial<VendorCase> = {}): VendorCase {
  return { escalatedAt: at(10).toISOString(), escalatedBy: ana, troubleshooting: ALL, updatesOnTime: 0, updatesLate: 0, recentUpdates: [], ...over };
}

describe('the severity commitments the vendor makes (seed 003)', () => {
  it('seed 003: initial response goal 1 hour for A, B and C; none for severity 1 (declared by the vendor) or D', () => {
    expect(['1', 'A', 'B', 'C', 'D'].map((l) => policy.rules[l as 'A'].initialResponseMinutes)).toEqual([null, 1 * HOUR, 1 * HOUR, 1 * HOUR, null]);
  });

  it('seed 003: vendor updates every 1 hour (sev 1), 2 hours (A), 24 hours (B), 72 hours (C); both ways only for 1 and A', () => {
    expect(['1', 'A', 'B', 'C'].map((l) => policy.rules[l as 'A'].updateEveryMinutes)).toEqual([1 * HOUR, 2 * HOUR, 24 * HOUR, 72 * HOUR]);
    expect(['1', 'A', 'B', 'C'].map((l) => policy.rules[l as 'A'].updatesBothWays)).toEqual([true, true, false, false]);
  });
});

describe('vendorCommitments: met / breached / pending', () => {
  const due = at(70); // seed 003: severity A, initial response within 1 hour of the escalation at minute 10

  it('seed 003: severity A initial response within 1 hour — a response exactly at the goal is met, a millisecond later is breached', () => {
    expect(vendorCommitments(vc({ responseDueAt: due.toISOString(), respondedAt: due.toISOString() }), at(80))[0]).toMatchObject({ kind: 'initial-response', status: 'met' });
    expect(vendorCommitments(vc({ responseDueAt: due.toISOString(), respondedAt: ms(due, 1).toISOString() }), at(80))[0]).toMatchObject({ status: 'breached' });
  });

  it('seed 003: severity A initial response within 1 hour — no response is pending up to the goal and breached after it', () => {
    const c = vc({ responseDueAt: due.toISOString() });
    expect(vendorCommitments(c, due)).toEqual([{ kind: 'initial-response', status: 'pending', dueAt: due.toISOString(), count: 1 }]);
    expect(vendorCommitments(c, ms(due, 1))[0]!.status).toBe('breached');
    // Resolved before the goal ran out: nothing owed any more.
    expect(vendorCommitments(c, at(200), at(60).toISOString())).toEqual([]);
  });

  it('seed 003: severity B vendor updates every 24 hours — the running interval is pending until it is due and breached from the millisecond after', () => {
    const next = at(10 + 24 * HOUR);
    const c = vc({ respondedAt: at(10).toISOString(), nextUpdateDueAt: next.toISOString(), updatesOnTime: 2, updatesLate: 1 });
    expect(commitmentTotals(vendorCommitments(c, next))).toEqual({ met: 2, breached: 1, pending: 1 });
    expect(commitmentTotals(vendorCommitments(c, ms(next, 1)))).toEqual({ met: 2, breached: 2, pending: 0 });
    // Resolved before the update was due: that interval is owed nothing.
    expect(commitmentTotals(vendorCommitments(c, ms(next, 5), at(60).toISOString()))).toEqual({ met: 2, breached: 1, pending: 0 });
  });
});

describe('the vendor case on the incident', () => {
  it('seed 003 service desk: escalating to the vendor needs every troubleshooting item confirmed', () => {
    expect(missingTroubleshooting(ALL)).toEqual([]);
    const r = applyAction(acked(), { type: 'vendor-escalate', checklist: ALL.slice(1) }, ana, at(10), policy);
    expect(r.ok ? '' : r.reason).toMatch(/confirm the troubleshooting.*Troubleshooting is done/);
  });

  it('an internally routed case is never escalated to the vendor', () => {
    const internal = acked({ scope: { route: 'internal', category: 'network', owningRole: 'Network Operations', reason: 'r', matched: [] } });
    const r = applyAction(internal, { type: 'vendor-escalate', checklist: ALL }, ana, at(10), policy);
    expect(r.ok ? '' : r.reason).toMatch(/routed to Network Operations.*not escalated to the vendor/);
    expect(applyAction(internal, accept(), ana, at(10), policy).ok).toBe(false);
  });

  it('seed 003: severity A initial response 1 hour from the escalation to the vendor, not from our acknowledgement', () => {
    const i = escalated();
    expect(i.vendorCase).toMatchObject({ escalatedAt: at(10).toISOString(), responseDueAt: at(70).toISOString() });
    expect(i.acknowledgedAt).toBe(at(5).toISOString());
  });

  it('seed 003: the SR number is issued when the vendor accepts — recorded with the response time, and the 2-hour update clock (A) starts then', () => {
    const i = run(escalated(), [[accept(), 40]]);
    expect(i.vendorCase).toMatchObject({ srNumber: 'VND-2406-77', respondedAt: at(40).toISOString(), nextUpdateDueAt: at(40 + 2 * HOUR).toISOString() });
    expect(vendorCommitments(i.vendorCase!, at(41))[0]).toMatchObject({ kind: 'initial-response', status: 'met' });
    expect(applyAction(i, accept('OTHER-1'), ana, at(50), policy).ok).toBe(false);
  });

  it('the vendor SR number is validated: non-empty, 3 to 40 characters, letters, digits and - _ . / #', () => {
    expect(validateVendorSrNumber('  2406030040001234 ')).toEqual({ ok: true, value: '2406030040001234' });
    expect(validateVendorSrNumber('CASE-12/A#3').ok).toBe(true);
    for (const bad of ['', '  ', 'ab', 'x'.repeat(41), 'has space', '<script>', 'sr;drop']) expect(validateVendorSrNumber(bad).ok, bad).toBe(false);
    const r = applyAction(escalated(), accept('no spaces please'), ana, at(20), policy);
    expect(r.ok ? '' : r.reason).toMatch(/no spaces/);
  });

  it('the vendor response time can be given on the card, but not in the future nor before the escalation', () => {
    // 08:30 UTC is minute 30 after the fixture's 08:00 recording.
    const i = run(escalated(), [[accept('VND-1', '08:30'), 60]]);
    expect(i.vendorCase!.respondedAt).toBe(at(30).toISOString());
    expect(applyAction(escalated(), accept('VND-1', '09:30'), ana, at(60), policy).ok).toBe(false);
    expect(applyAction(escalated(), accept('VND-1', '08:05'), ana, at(60), policy).ok).toBe(false);
  });

  it('seed 003: severity B, only the vendor updates (every 24 hours) — escalating stops our own update clock', () => {
    const b = escalated({ severity: 'B', nextUpdateDueAt: at(24 * HOUR).toISOString() });
    expect(b.nextUpdateDueAt).toBeUndefined();
    const posted = run(run(b, [[accept(), 20]]), [[{ type: 'update', text: 'Told the business the vendor is on it' }, 30]]);
    expect(posted.nextUpdateDueAt).toBeUndefined();
  });

  it('seed 003: severity A, updates both ways every 2 hours — our own clock keeps running after the escalation', () => {
    const a = escalated();
    expect(a.nextUpdateDueAt).toBe(incident().nextUpdateDueAt);
    expect(run(a, [[{ type: 'update', text: 'Business told' }, 30]]).nextUpdateDueAt).toBe(at(30 + 2 * HOUR).toISOString());
  });

  it('seed 003: severity C vendor updates every 72 hours — an update at the due time is on time, one after it is late', () => {
    const c = run(escalated({ severity: 'C' }), [[accept(), 20]]);
    const due = 20 + 72 * HOUR;
    const onTime = run(c, [[{ type: 'vendor-update', text: 'Still investigating the mailbox moves' }, due]]);
    expect(onTime.vendorCase).toMatchObject({ updatesOnTime: 1, updatesLate: 0, nextUpdateDueAt: at(due + 72 * HOUR).toISOString() });
    const late = applyAction(c, { type: 'vendor-update', text: 'Sorry for the delay' }, ana, ms(at(due), 60_000), policy);
    expect(late.ok && late.incident.vendorCase).toMatchObject({ updatesOnTime: 0, updatesLate: 1 });
    expect(late.ok && late.entries[0]!.summary).toMatch(/late: the vendor missed its update time/);
  });
});

describe('the rhythm on the vendor clock', () => {
  it('seed 003: severity B vendor updates every 24 hours — the missed vendor update is flagged from the millisecond after it was due, and our owner is not nagged', () => {
    const b = run(escalated({ severity: 'B', nextUpdateDueAt: at(24 * HOUR).toISOString() }), [[accept(), 20]]);
    const due = at(20 + 24 * HOUR);
    expect(nextReminderDue(b, policy)?.toISOString()).toBe(ms(due, 1).toISOString());
    expect(reminderDecisions(b, policy, due).send).toEqual([]);
    expect(reminderDecisions(b, policy, ms(due, 1)).send.map((d) => d.kind)).toEqual(['vendor-update-overdue']);
    // Far past the due time, still only the vendor breach: no "post your update" for our owner.
    expect(reminderDecisions(b, policy, at(40 * HOUR)).send.map((d) => d.kind)).toEqual(['vendor-update-overdue']);
  });

  it('seed 003: severity A, both ways — our update reminders and the vendor breach both come', () => {
    const a = run(escalated(), [[accept(), 20]]);
    const kinds = reminderDecisions(a, policy, at(20 + 2 * HOUR + 1)).send.map((d) => d.kind).sort();
    expect(kinds).toEqual(['update-overdue', 'vendor-update-overdue']);
  });

  it('seed 003: severity A initial response 1 hour — no vendor response by then is flagged once it has passed', () => {
    const a = escalated();
    expect(reminderDecisions(a, policy, at(70)).send.map((d) => d.kind)).not.toContain('vendor-response-overdue');
    expect(reminderDecisions(a, policy, ms(at(70), 1)).send.map((d) => d.kind)).toContain('vendor-response-overdue');
  });

  it('an incident stored before the vendor case existed owes only its own reminders', () => {
    const old = acked();
    expect(old.vendorCase).toBeUndefined();
    expect(reminderDecisions(old, policy, at(3 * HOUR)).send.map((d) => d.kind)).toEqual(['update-overdue']);
  });
});
