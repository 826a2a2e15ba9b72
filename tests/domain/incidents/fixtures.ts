import type { Incident, Person } from '../../../bot/src/domain/incidents/incident';
import type { ConfirmedEscalation } from '../../../bot/src/domain/incidents/escalation-draft';
import { applyAction, type IncidentAction } from '../../../bot/src/domain/incidents/lifecycle';
import { DEFAULT_SEVERITY_POLICY } from '../../../bot/src/domain/incidents/severity';

export const ws = { tenantId: 't1', scope: 'team' as const, scopeId: '19:team@thread.tacv2' };
export const ana: Person = { id: 'aad-ana', name: 'Ana Owner' };
export const ben: Person = { id: 'aad-ben', name: 'Ben Desk' };

export function incident(over: Partial<Incident> = {}): Incident {
  const recordedAt = over.recordedAt ?? '2024-06-03T08:00:00.000Z';
  return {
    id: 'SR-202406-0001',
    number: 1,
    workspace: ws,
    service: 'Teams meetings',
    problem: 'Meetings fail to start for everyone',
    impact: 'Nobody can hold customer calls',
    affected: 'all users',
    startedAt: recordedAt,
    severity: 'A',
    scope: { route: 'vendor', reason: 'x', matched: [] },
    state: 'recorded',
    recordedAt,
    recordedBy: ben,
    responseDueAt: new Date(Date.parse(recordedAt) + 3_600_000).toISOString(),
    escalationLevel: 0,
    nextUpdateDueAt: new Date(Date.parse(recordedAt) + 7_200_000).toISOString(),
    updatesTotal: 0,
    updatesOnTime: 0,
    remindersSent: [],
    timelineCount: 1,
    version: 1,
    updatedAt: recordedAt,
    ...over,
  };
}

export const escalation: ConfirmedEscalation = {
  service: 'Teams meetings',
  problem: 'Meetings fail to start for everyone with error 500',
  impact: 'Nobody can hold customer calls; sales is stopped',
  affected: 'all users, all sites',
  startedAt: '2024-06-03T07:30:00.000Z',
  severity: 'A',
  scope: { route: 'vendor', reason: 'confirmed', matched: [] },
};

/** Minutes after the fixture incident was recorded (2024-06-03 08:00 UTC). */
export const at = (min: number) => new Date(Date.parse('2024-06-03T08:00:00Z') + min * 60_000);

/** Applies each action at its minute, by Ana, under the default policy; throws on a refusal. */
export function run(start: Incident, steps: [IncidentAction, number][]): Incident {
  let cur = start;
  for (const [a, min] of steps) {
    const r = applyAction(cur, a, ana, at(min), DEFAULT_SEVERITY_POLICY);
    if (!r.ok) throw new Error(r.reason);
    cur = r.incident;
  }
  return cur;
}
