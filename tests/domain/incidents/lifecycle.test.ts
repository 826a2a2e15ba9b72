import { describe, expect, it } from 'vitest';
import { applyAction, parseIncidentAction, type IncidentAction } from '../../../bot/src/domain/incidents/lifecycle';
import type { Incident } from '../../../bot/src/domain/incidents/incident';
import { outageNotices } from '../../../bot/src/domain/incidents/outage-notice';
import { DEFAULT_SEVERITY_POLICY as policy } from '../../../bot/src/domain/incidents/severity';
import { ana, at, ben, incident, run } from './fixtures';



describe('incident lifecycle', () => {
  it('walks recorded → classified → investigating → resolved → closed → archived, with a timeline entry per step', () => {
    let cur = incident();
    const kinds: string[] = [];
    for (const [a, min] of [
      [{ type: 'acknowledge' }, 20],
      [{ type: 'update', text: 'Looking at the meeting service' }, 60],
      [{ type: 'escalate', resolverGroup: 'Media engineering' }, 70],
      [{ type: 'deescalate', reason: 'back with first line' }, 90],
      [{ type: 'resolve', kind: 'workaround', text: 'Use the web client' }, 100],
      [{ type: 'close' }, 200],
      [{ type: 'archive' }, 300],
    ] as [IncidentAction, number][]) {
      const r = applyAction(cur, a, ana, at(min), policy);
      expect(r.ok, r.ok ? '' : r.reason).toBe(true);
      if (!r.ok) return;
      expect(r.entries.every((e) => e.actor === ana && e.at === at(min).toISOString())).toBe(true);
      kinds.push(...r.entries.map((e) => e.kind));
      expect(r.entries.map((e) => e.seq)).toEqual(r.entries.map((_, i) => cur.timelineCount + i + 1));
      cur = r.incident;
    }
    expect(kinds).toEqual(['acknowledged', 'update', 'escalated', 'de-escalated', 'resolved', 'closed', 'archived']);
    expect(cur.state).toBe('archived');
    expect(cur.owner).toEqual(ana);
    expect(cur.version).toBe(8);
    expect(cur.resolution).toEqual({ kind: 'workaround', text: 'Use the web client' });
  });

  it('refuses illegal transitions with the reason', () => {
    const recorded = incident();
    const refused = (i: Incident, a: IncidentAction) => {
      const r = applyAction(i, a, ben, at(5), policy);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.reason;
    };
    expect(refused(recorded, { type: 'close' })).toMatch(/resolve it .* before closing/);
    expect(refused(recorded, { type: 'resolve', kind: 'resolution', text: 'fixed' })).toMatch(/Acknowledge/);
    expect(refused(recorded, { type: 'update', text: 'hello there' })).toMatch(/Acknowledge .* first/);
    expect(refused(recorded, { type: 'escalate', resolverGroup: 'Tier 3' })).toMatch(/Acknowledge/);
    const acked = run(recorded, [[{ type: 'acknowledge' }, 1]]);
    expect(refused(acked, { type: 'acknowledge' })).toMatch(/already acknowledged by Ana Owner/);
    expect(refused(acked, { type: 'deescalate' })).toMatch(/not been escalated/);
    expect(refused(acked, { type: 'archive' })).toMatch(/only closed incidents are archived/);
    expect(refused(acked, { type: 'reopen', reason: 'again' })).toMatch(/Only a resolved incident/);
    expect(refused(acked, { type: 'update', text: '' })).toMatch(/write the status update/);
    const closed = run(acked, [[{ type: 'resolve', kind: 'resolution', text: 'fixed it' }, 2], [{ type: 'close' }, 3]]);
    expect(refused(closed, { type: 'update', text: 'more news' })).toMatch(/closed/);
    expect(refused(closed, { type: 'severity', severity: 'B', impact: 'Much smaller impact now' })).toMatch(/cannot change/);
    const archived = run(closed, [[{ type: 'archive' }, 4]]);
    expect(refused(archived, { type: 'reopen', reason: 'x' })).toMatch(/archived/);
  });

  it('a severity change needs a new business impact statement; severity 1 only when the vendor declared it', () => {
    const acked = run(incident(), [[{ type: 'acknowledge' }, 1]]);
    const r1 = applyAction(acked, { type: 'severity', severity: 'B', impact: acked.impact }, ana, at(5), policy);
    expect(r1.ok || r1.reason).toMatch(/unchanged/);
    const r2 = applyAction(acked, { type: 'severity', severity: 'B', impact: '' }, ana, at(5), policy);
    expect(r2.ok || r2.reason).toMatch(/business impact statement/);
    const r3 = applyAction(acked, { type: 'severity', severity: '1', impact: 'All customers of the vendor are down' }, ana, at(5), policy);
    expect(r3.ok || r3.reason).toMatch(/Only the vendor can declare/);
    const r4 = applyAction(acked, { type: 'severity', severity: '1', impact: 'All customers of the vendor are down', vendorDeclared: true }, ana, at(5), policy);
    expect(r4.ok).toBe(true);
    if (!r4.ok) return;
    expect(r4.incident.severity).toBe('1');
    expect(r4.incident.nextUpdateDueAt).toBe(at(65).toISOString()); // hourly from the change
    expect(r4.entries[0]).toMatchObject({ kind: 'severity-changed', from: 'A', to: '1', text: 'All customers of the vendor are down' });
    const toD = applyAction(acked, { type: 'severity', severity: 'D', impact: 'It is only the test tenant after all' }, ana, at(5), policy);
    expect(toD.ok && toD.incident.nextUpdateDueAt).toBeUndefined();
  });

  it('counts updates on time and late, and restarts the cadence from each update', () => {
    const cur = run(incident(), [
      [{ type: 'acknowledge' }, 10],
      [{ type: 'update', text: 'first update' }, 100], // due at 120: on time
      [{ type: 'update', text: 'second update' }, 260], // due at 220: late
    ]);
    expect(cur.updatesTotal).toBe(2);
    expect(cur.updatesOnTime).toBe(1);
    expect(cur.nextUpdateDueAt).toBe(at(380).toISOString());
  });

  it('parses card data into actions and rejects junk', () => {
    expect(parseIncidentAction({ type: 'severity', severity: 'B', impact: 'x' })).toEqual({ type: 'severity', severity: 'B', impact: 'x', vendorDeclared: false });
    expect(parseIncidentAction({ type: 'severity', severity: 'Z' })).toHaveProperty('error');
    expect(parseIncidentAction({ type: 'resolve', kind: 'magic', text: 'x' })).toHaveProperty('error');
    expect(parseIncidentAction({ type: 'drop table' })).toHaveProperty('error');
    expect(parseIncidentAction(null)).toHaveProperty('error');
  });

  it('owes outage notices for A and 1 at declaration, updates and resolution, and none for B', () => {
    const acked = run(incident(), [[{ type: 'acknowledge' }, 1]]);
    const up = applyAction(acked, { type: 'update', text: 'Working on it' }, ana, at(30), policy);
    expect(up.ok && outageNotices(acked, up.incident, up.entries, policy).map((n) => n.event)).toEqual(['update']);
    const res = applyAction(acked, { type: 'resolve', kind: 'resolution', text: 'Fixed' }, ana, at(30), policy);
    expect(res.ok && outageNotices(acked, res.incident, res.entries, policy).map((n) => n.event)).toEqual(['resolved']);
    const b = { ...acked, severity: 'B' as const };
    const upB = applyAction(b, { type: 'update', text: 'Working on it' }, ana, at(30), policy);
    expect(upB.ok && outageNotices(b, upB.incident, upB.entries, policy)).toEqual([]);
    const raise = applyAction(b, { type: 'severity', severity: 'A', impact: 'Now every site is down' }, ana, at(30), policy);
    expect(raise.ok && outageNotices(b, raise.incident, raise.entries, policy).map((n) => n.event)).toEqual(['declared']);
  });
});
