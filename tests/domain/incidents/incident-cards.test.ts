// Card-level wiring checks for the incident feature (kept with the feature's tests, since
// tests/cards/ is shared): verbs map to domain actions, and the card refreshes for everyone.
import { describe, expect, it } from 'vitest';
import { renderIncidentCard } from '../../../bot/src/cards/incident-card';
import { INCIDENT_VERBS, incidentActionFromInvoke } from '../../../bot/src/cards/incident-verbs';
import { DEFAULT_SEVERITY_POLICY as policy } from '../../../bot/src/domain/incidents/severity';
import { incident } from './fixtures';

describe('incident verbs and card', () => {
  it('turns verbs plus card inputs into domain actions', () => {
    expect(incidentActionFromInvoke(INCIDENT_VERBS.update, { incidentId: 'SR-202406-0001', etag: 'e', updateText: 'On it' })).toEqual({
      incidentId: 'SR-202406-0001',
      etag: 'e',
      action: { type: 'update', text: 'On it' },
    });
    expect(incidentActionFromInvoke(INCIDENT_VERBS.severity, { incidentId: 'x', severity: '1', impact: 'Vendor-wide outage', vendorDeclared: 'true' })).toMatchObject({
      action: { type: 'severity', severity: '1', vendorDeclared: true },
    });
    expect(incidentActionFromInvoke(INCIDENT_VERBS.resolve, { incidentId: 'x', resolutionKind: 'workaround', resolutionText: 'Use web' })).toMatchObject({ action: { type: 'resolve', kind: 'workaround' } });
    expect(incidentActionFromInvoke(INCIDENT_VERBS.refresh, { incidentId: 'x' })).toHaveProperty('error');
    expect(incidentActionFromInvoke(INCIDENT_VERBS.close, {})).toHaveProperty('error');
  });

  it('carries refresh for the given users and the etag in every action', () => {
    const card = renderIncidentCard({ incident: incident(), etag: 'W/"7"', policy, timeZone: 'UTC', now: new Date('2024-06-03T08:30:00Z'), userIds: ['29:a', '29:b'] });
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', title: 'Refresh', verb: 'incident.refresh', data: { incidentId: 'SR-202406-0001' } }, userIds: ['29:a', '29:b'] });
    const actions = card.actions as { verb?: string; data?: unknown }[];
    expect(actions.map((a) => a.verb)).toContain('incident.acknowledge');
    expect(actions.find((a) => a.verb === 'incident.acknowledge')?.data).toEqual({ incidentId: 'SR-202406-0001', etag: 'W/"7"' });
    const json = JSON.stringify(card);
    expect(json).toContain('Pending: respond by 2024-06-03 09:00');
    expect(json).toContain('"Age","value":"30 min');
    const noRefresh = renderIncidentCard({ incident: incident(), etag: 'e', policy, timeZone: 'UTC', now: new Date('2024-06-03T08:30:00Z') });
    expect(noRefresh).not.toHaveProperty('refresh');
  });
});
