import type { Incident, Person } from '../../../bot/src/domain/incidents/incident';
import type { ConfirmedEscalation } from '../../../bot/src/domain/incidents/escalation-draft';

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
