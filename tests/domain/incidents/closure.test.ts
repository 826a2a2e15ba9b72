// Closing with the requester: they confirm the fix (closes) or say it is not fixed (reopens);
// after closing they answer seed 001's KSI question, fed to the monthly figures with the vendor's
// commitments from seed 003.
import { describe, expect, it } from 'vitest';
import { requesterAsks } from '../../../bot/src/domain/incidents/closure-steps';
import { monthlyFigures, SATISFACTION_TARGET_SHARE } from '../../../bot/src/domain/incidents/figures';
import type { Incident } from '../../../bot/src/domain/incidents/incident';
import { applyAction, type IncidentAction } from '../../../bot/src/domain/incidents/lifecycle';
import { DEFAULT_SEVERITY_POLICY as policy } from '../../../bot/src/domain/incidents/severity';
import { TROUBLESHOOTING_CHECKLIST } from '../../../bot/src/domain/incidents/vendor-case';
import { ana, at, ben, incident, run } from './fixtures';

const resolved = () => run(incident(), [[{ type: 'acknowledge' }, 5], [{ type: 'resolve', kind: 'resolution', text: 'Restarted the media relay' }, 30]]);
const byBen = (i: Incident, a: IncidentAction, min: number) => applyAction(i, a, ben, at(min), policy);

describe('requester validation', () => {
  it('resolving asks the requester to confirm; their confirmation closes the incident and asks for the survey', () => {
    const r = resolved();
    expect(r.validation).toEqual({ requestedAt: at(30).toISOString() });
    const c = byBen(r, { type: 'confirm-resolved' }, 40);
    expect(c.ok && c.incident).toMatchObject({ state: 'closed', closedAt: at(40).toISOString(), validation: { confirmedAt: at(40).toISOString() } });
    expect(c.ok && requesterAsks(c.entries)).toEqual(['satisfaction']);
  });

  it('"not fixed" reopens it with the requester\'s reason, and the update clock runs again', () => {
    const n = byBen(resolved(), { type: 'not-fixed', reason: 'Lyon still cannot join' }, 40);
    expect(n.ok && n.incident).toMatchObject({ state: 'investigating', resolvedAt: undefined, nextUpdateDueAt: at(40 + 120).toISOString() });
    expect(n.ok && n.entries[0]).toMatchObject({ kind: 'reopened', text: 'Lyon still cannot join' });
    expect(byBen(resolved(), { type: 'not-fixed', reason: '' }, 40).ok).toBe(false);
  });

  it('only the requester answers; the desk may still close, and the timeline says it was unconfirmed', () => {
    const r = applyAction(resolved(), { type: 'confirm-resolved' }, ana, at(40), policy);
    expect(r.ok ? '' : r.reason).toMatch(/Only Ben Desk/);
    const closed = applyAction(resolved(), { type: 'close' }, ana, at(40), policy);
    expect(closed.ok && closed.entries[0]!.summary).toBe('Closed by Ana Owner without the requester\'s confirmation');
  });

  it('the satisfaction answer (1 to 5) is kept once, after closing', () => {
    const r = resolved();
    expect(byBen(r, { type: 'satisfaction', rating: 4 }, 35).ok).toBe(false);
    const closed = run(r, [[{ type: 'close' }, 40]]);
    const rated = byBen(closed, { type: 'satisfaction', rating: 4 }, 50);
    expect(rated.ok && rated.incident.satisfaction).toEqual({ rating: 4, at: at(50).toISOString() });
    expect(rated.ok && byBen(rated.incident, { type: 'satisfaction', rating: 5 }, 51).ok).toBe(false);
  });
});

describe('monthly figures with two clocks', () => {
  const ALL = TROUBLESHOOTING_CHECKLIST.map((c) => c.id);
  const month = (incidents: Incident[]) => monthlyFigures(incidents, 2024, 6, 'UTC', at(10_000));

  it('seed 001 KSI "satisfied with technical support, after each incident": average and share of 4–5 against the 80 % target', () => {
    expect(SATISFACTION_TARGET_SHARE).toBe(0.8);
    const closed = (rating: number, n: number) => ({ ...run(resolved(), [[{ type: 'close' }, 40]]), id: `SR-202406-000${n}`, satisfaction: { rating, at: at(50).toISOString() } });
    const f = month([closed(5, 1), closed(4, 2), closed(2, 3)]);
    expect(f.satisfaction).toEqual({ answers: 3, average: 3.7, agreeShare: 2 / 3 });
    expect(month([resolved()]).satisfaction).toEqual({ answers: 0, average: null, agreeShare: null });
  });

  it('seed 003 vendor commitments per severity: a met response and a breached 2-hour update (A), a breached 1-hour response (B)', () => {
    const a = run(incident(), [[{ type: 'acknowledge' }, 5], [{ type: 'vendor-escalate', checklist: ALL }, 10], [{ type: 'vendor-accept', srNumber: 'VND-1' }, 30]]);
    const b = run(incident({ id: 'SR-202406-0002', number: 2, severity: 'B' }), [[{ type: 'acknowledge' }, 5], [{ type: 'vendor-escalate', checklist: ALL }, 10], [{ type: 'vendor-accept', srNumber: 'VND-2' }, 71]]);
    const f = month([a, b]);
    expect(f.vendor.A).toEqual({ met: 1, breached: 1 });
    expect(f.vendor.B).toEqual({ met: 0, breached: 2 });
    expect(f.vendor.C).toEqual({ met: 0, breached: 0 });
  });
});
