// The incident's clocks run from when the problem started, and the monthly figures count an
// incident at the highest severity it reached.
import { describe, expect, it } from 'vitest';
import { renderIncidentCard } from '../../../bot/src/cards/incident-card';
import { renderIncidentListCard } from '../../../bot/src/cards/incident-list-card';
import { responseDue, responseStatus } from '../../../bot/src/domain/incidents/cadence';
import { highestSeverityFromTimeline, monthlyFigures } from '../../../bot/src/domain/incidents/figures';
import { clockStart, highestSeverityOf, type Incident, type TimelineEntry } from '../../../bot/src/domain/incidents/incident';
import { DEFAULT_SEVERITY_POLICY as policy, isMoreSevere, mostSevere } from '../../../bot/src/domain/incidents/severity';
import { ana, at, incident, run } from './fixtures';

const iso = (min: number) => at(min).toISOString();
/** Recorded at 08:00; the reporter said it started at 07:00. */
const late = (over: Partial<Incident> = {}) => incident({ startedAt: iso(-60), responseDueAt: iso(0), ...over });


describe('clocks start when the incident started', () => {
  it('the "When did it start?" answer, not the recording; a start ahead of the recording counts from the recording', () => {
    expect(clockStart(late())).toEqual(at(-60));
    expect(clockStart(incident({ startedAt: iso(3) }))).toEqual(at(0));
  });

  it('seed 003 "A Critical … Initial Response Goal 1 hour": the goal runs from the start', () => {
    expect(responseDue(policy.rules.A, clockStart(late()))).toEqual(at(0));
    // seed 003 "D Advisory … N/A": no goal.
    expect(responseDue(policy.rules.D, at(0))).toBeNull();
  });

  it('seed 003 "Initial Response Goal": the first response time is counted from the start', () => {
    expect(responseStatus(late({ acknowledgedAt: iso(20) }), at(30))).toEqual({ kind: 'missed', afterMinutes: 80 });
    expect(responseStatus(incident({ startedAt: iso(-30), responseDueAt: iso(30), acknowledgedAt: iso(20) }), at(30))).toEqual({ kind: 'met', afterMinutes: 50 });
  });

  it('seed 003 "B Urgent … 1 hour": a severity change before the first response moves the goal, still from the start', () => {
    const b = run(late({ startedAt: iso(-30), responseDueAt: iso(30), severity: 'A' }), [[{ type: 'severity', severity: 'B', impact: 'Only some meetings fail now' }, 10]]);
    expect(b.responseDueAt).toBe(iso(30));
  });

  it('the "When did it start?" answer: the card and the list show the age from the start', () => {
    const i = late();
    const card = JSON.stringify(renderIncidentCard({ incident: i, etag: 'e', policy, timeZone: 'UTC', now: at(30), userIds: [] }));
    expect(card).toContain('"Age","value":"1 h 30 min (started 2024-06-03 07:00');
    expect(card).toContain('recorded 2024-06-03 08:00');
    const list = JSON.stringify(renderIncidentListCard({ items: [{ incident: i, etag: 'e' }], filter: { state: 'open' }, policy, timeZone: 'UTC', now: at(30) }));
    expect(list).toContain('age 1 h 30 min');
  });
});

describe('highest severity reached', () => {
  it('seed 003 table order 1, A, B, C, D is the order of severity', () => {
    expect(isMoreSevere('1', 'A')).toBe(true);
    expect(isMoreSevere('A', 'B')).toBe(true);
    expect(isMoreSevere('D', 'C')).toBe(false);
    expect(mostSevere('C', 'A', 'B')).toBe('A');
  });

  it('seed 003 "you may request a change in severity level at any time": the record keeps the highest level it reached', () => {
    const b = incident({ severity: 'B', highestSeverity: 'B', state: 'classified', acknowledgedAt: iso(5) });
    const raised = run(b, [[{ type: 'severity', severity: 'A', impact: 'Now every site is down' }, 10]]);
    expect(raised).toMatchObject({ severity: 'A', highestSeverity: 'A' });
    const lowered = run(raised, [[{ type: 'severity', severity: 'C', impact: 'Only one user is still affected' }, 20]]);
    expect(lowered).toMatchObject({ severity: 'C', highestSeverity: 'A' });
    // seed 003 "1 … can only be declared by Microsoft": recorded when the vendor declares it.
    const one = run(lowered, [[{ type: 'severity', severity: '1', impact: 'The vendor declared a multi-customer outage', vendorDeclared: true }, 30]]);
    expect(highestSeverityOf(one)).toBe('1');
  });

  it('seed 003 "change in severity level": an incident stored before the field was kept has its own severity, or the timeline\'s changes', () => {
    expect(highestSeverityOf(incident({ severity: 'C' }))).toBe('C');
    const entry = (from: string, to: string): TimelineEntry => ({ incidentId: 'SR-202406-0001', seq: 2, at: iso(10), actor: ana, kind: 'severity-changed', summary: `Severity ${from} → ${to}`, from, to });
    const legacy = incident({ severity: 'C' });
    expect(highestSeverityFromTimeline(legacy, [entry('B', 'A'), entry('A', 'C')])).toBe('A');
    expect(highestSeverityFromTimeline(legacy, [{ ...entry('A', 'C'), kind: 'update' }])).toBe('C');
  });

  it('seed 003 Phase 3 "monthly service reviews": counted at the highest severity, time to resolve from the start', () => {
    const f = monthlyFigures(
      [
        // Raised from B to A, then lowered to C: an A incident for the review.
        late({ severity: 'C', highestSeverity: 'A', acknowledgedAt: iso(-10), resolvedAt: iso(120) }),
        // Never changed: its own severity.
        incident({ severity: 'B', highestSeverity: 'B' }),
        // Stored before highestSeverity was kept.
        incident({ severity: 'D', responseDueAt: undefined }),
      ],
      2024,
      6,
      'UTC',
      at(600),
    );
    expect(f.countBySeverity).toEqual({ '1': 0, A: 1, B: 1, C: 0, D: 1 });
    expect(f.meanTimeToResolveMinutes).toBe(180); // 07:00 → 10:00, not 08:00 → 10:00
    expect(f.firstResponse).toEqual({ withinGoal: 1, decided: 2, share: 0.5 });
  });
});
