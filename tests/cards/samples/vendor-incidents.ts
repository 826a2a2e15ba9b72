// Samples of the incident's two clocks: the vendor section (on its own and inside the incident
// card), the requester's confirm and survey cards, the vendor breach reminders, and outage
// notices with the expected resolution and bridge call.
import { renderIncidentCard } from '../../../bot/src/cards/incident-card';
import { renderIncidentReminderCard } from '../../../bot/src/cards/incident-reminder-card';
import { renderIncidentSatisfactionCard } from '../../../bot/src/cards/incident-satisfaction-card';
import { renderIncidentValidationCard } from '../../../bot/src/cards/incident-validation-card';
import { renderIncidentVendorCard } from '../../../bot/src/cards/incident-vendor-card';
import { renderOutageNotificationCard } from '../../../bot/src/cards/outage-notification-card';
import { reminderKey, type ReminderKind } from '../../../bot/src/domain/incidents/cadence';
import type { Incident } from '../../../bot/src/domain/incidents/incident';
import { DEFAULT_SEVERITY_POLICY as policy } from '../../../bot/src/domain/incidents/severity';
import type { VendorCase } from '../../../bot/src/domain/incidents/vendor-case';
import type { CardSample } from '../card-samples';

const ws = { tenantId: 't', scope: 'team' as const, scopeId: '19:a@thread.tacv2' };
const now = new Date('2024-03-31T06:10:00Z');
const etag = 'W/"datetime\'2024-03-31T01%3A50%3A00.000Z\'"';
const HOSTILE = '**bold** [link](http://evil.example) ${service} {{x}} <at>Everyone</at> _x_ # \\ "quotes"';
const ana = { id: 'u2', name: 'Ana Owner' };

const vendorCase: VendorCase = {
  escalatedAt: '2024-03-31T01:30:00.000Z',
  escalatedBy: ana,
  troubleshooting: ['troubleshot', 'how-to', 'self-service', 'configuration', 'span-of-control'],
  responseDueAt: '2024-03-31T02:30:00.000Z',
  srNumber: '2403310040001234',
  respondedAt: '2024-03-31T02:10:00.000Z',
  nextUpdateDueAt: '2024-03-31T06:00:00.000Z',
  updatesOnTime: 1,
  updatesLate: 0,
  recentUpdates: [{ at: '2024-03-31T04:00:00.000Z', text: 'The vendor is failing over the media service in West Europe.', by: ana }],
};

const escalated: Incident = {
  id: 'SR-202403-0042',
  number: 42,
  workspace: ws,
  service: 'Teams meetings',
  problem: 'Meetings fail to start with error 500 for every user.',
  impact: 'Sales cannot hold customer calls.',
  affected: 'All users',
  startedAt: '2024-03-31T00:40:00.000Z',
  severity: 'A',
  scope: { route: 'vendor', reason: 'confirmed', matched: [] },
  state: 'investigating',
  recordedAt: '2024-03-31T01:00:00.000Z',
  recordedBy: { id: 'u1', name: 'Ben Desk' },
  owner: ana,
  acknowledgedAt: '2024-03-31T01:20:00.000Z',
  responseDueAt: '2024-03-31T02:00:00.000Z',
  escalationLevel: 0,
  nextUpdateDueAt: '2024-03-31T07:00:00.000Z',
  updatesTotal: 2,
  updatesOnTime: 2,
  remindersSent: [],
  timelineCount: 6,
  version: 6,
  updatedAt: '2024-03-31T04:00:00.000Z',
  vendorCase,
  outage: { expectedResolutionAt: '2024-03-31T09:00:00.000Z', bridge: 'https://meet.example/j/123 · +44 20 7946 0000, code 4455#' },
};
const notEscalated: Incident = { ...escalated, vendorCase: undefined, outage: undefined };
const awaitingSr: Incident = { ...escalated, vendorCase: { ...vendorCase, srNumber: undefined, respondedAt: undefined, nextUpdateDueAt: undefined, updatesOnTime: 0, recentUpdates: [] } };
const internal: Incident = { ...notEscalated, severity: 'B', scope: { route: 'internal', category: 'network', owningRole: 'Network Operations', reason: 'r', matched: ['vpn'] } };
const resolved: Incident = { ...escalated, state: 'resolved', resolvedAt: '2024-03-31T05:00:00.000Z', resolution: { kind: 'resolution', text: 'The vendor rolled back the media change.' }, validation: { requestedAt: '2024-03-31T05:00:00.000Z' } };
const hostile: Incident = {
  ...escalated,
  service: HOSTILE,
  recordedBy: { id: 'u1', name: HOSTILE },
  vendorCase: { ...vendorCase, recentUpdates: [{ at: vendorCase.respondedAt!, text: HOSTILE, by: ana }] },
  outage: { bridge: HOSTILE },
  resolution: { kind: 'workaround', text: HOSTILE },
};
const maxed: Incident = {
  ...escalated,
  service: 'S'.repeat(120),
  problem: 'P'.repeat(2000),
  impact: 'I'.repeat(2000),
  affected: 'A'.repeat(500),
  lastUpdateText: 'U'.repeat(2000),
  vendorCase: { ...vendorCase, srNumber: 'V'.repeat(40), recentUpdates: [{ at: vendorCase.respondedAt!, text: 'W'.repeat(2000), by: ana }] },
  outage: { expectedResolutionAt: '2024-03-31T09:00:00.000Z', bridge: 'B'.repeat(500) },
};

const vendor = (incident: Incident) => () => renderIncidentVendorCard({ incident, etag, policy, timeZone: 'Europe/London', now });
const card = (incident: Incident) => () => renderIncidentCard({ incident, etag, policy, timeZone: 'Europe/London', now });
const reminder = (kind: ReminderKind, incident: Incident, dueAt: string) => () =>
  renderIncidentReminderCard({ incident, etag, decision: { key: reminderKey(kind, dueAt), kind, incidentId: incident.id, dueAt }, policy, timeZone: 'Europe/London', now });

export const samples: CardSample[] = [
  { template: 'incident-vendor.json', name: 'vendor section, not escalated yet (checklist)', render: vendor(notEscalated) },
  { template: 'incident-vendor.json', name: 'vendor section, escalated, waiting for the SR number', render: vendor(awaitingSr) },
  { template: 'incident-vendor.json', name: 'vendor section, accepted, update breached', render: vendor(escalated) },
  { template: 'incident-vendor.json', name: 'vendor section, internal case', render: vendor(internal) },
  { template: 'incident-vendor.json', name: 'vendor section with hostile text', render: vendor(hostile), literal: [HOSTILE] },
  { template: 'incident.json', name: 'incident with a vendor case at every text limit', render: card(maxed) },
  { template: 'incident.json', name: 'incident resolved, waiting for the requester', render: card(resolved) },
  { template: 'incident-validation.json', name: 'confirm resolved', render: () => renderIncidentValidationCard({ incident: resolved, etag }) },
  { template: 'incident-validation.json', name: 'confirm resolved with hostile text', render: () => renderIncidentValidationCard({ incident: { ...hostile, state: 'resolved' }, etag }), literal: [HOSTILE] },
  { template: 'incident-satisfaction.json', name: 'satisfaction survey', render: () => renderIncidentSatisfactionCard({ incident: { ...resolved, state: 'closed' }, etag }) },
  { template: 'incident-satisfaction.json', name: 'satisfaction survey with hostile text', render: () => renderIncidentSatisfactionCard({ incident: hostile, etag }), literal: [HOSTILE] },
  { template: 'incident-reminder.json', name: 'vendor update breach reminder', render: reminder('vendor-update-overdue', escalated, vendorCase.nextUpdateDueAt!) },
  { template: 'incident-reminder.json', name: 'vendor response breach reminder', render: reminder('vendor-response-overdue', awaitingSr, vendorCase.responseDueAt!) },
  {
    template: 'outage-notification.json',
    name: 'outage update with expected resolution and bridge call',
    render: () => renderOutageNotificationCard({ incident: hostile, notice: { key: 'k', event: 'update', incidentId: escalated.id, at: now.toISOString(), text: 'Failing over' }, policy, timeZone: 'Europe/London' }),
    literal: [HOSTILE],
  },
];
