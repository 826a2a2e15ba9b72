import type { ControlMonthFigures } from '../../../bot/src/domain/changes/control-summary';
import { renderEscalationDraftCard } from '../../../bot/src/cards/escalation-draft-card';
import { renderIncidentCard } from '../../../bot/src/cards/incident-card';
import { renderIncidentFiguresCard } from '../../../bot/src/cards/incident-figures-card';
import type { MonthlyFigures } from '../../../bot/src/domain/incidents/figures';
import { renderIncidentListCard } from '../../../bot/src/cards/incident-list-card';
import { renderIncidentReminderCard } from '../../../bot/src/cards/incident-reminder-card';
import { renderOutageNotificationCard } from '../../../bot/src/cards/outage-notification-card';
import { reminderKey } from '../../../bot/src/domain/incidents/cadence';
import type { EscalationDraft } from '../../../bot/src/domain/incidents/escalation-draft';
import { classifyScope } from '../../../bot/src/domain/incidents/scope-check';
import type { Incident, TimelineEntry } from '../../../bot/src/domain/incidents/incident';
import { DEFAULT_SEVERITY_POLICY as policy } from '../../../bot/src/domain/incidents/severity';
import type { CardSample } from '../card-samples';

const ws = { tenantId: 't', scope: 'team' as const, scopeId: '19:a@thread.tacv2' };
const now = new Date('2024-03-31T03:10:00Z');
const HOSTILE = '**bold** [link](http://evil.example) ${service} {{x}} <at>Everyone</at> _x_ # \\ "quotes"';

const base: Incident = {
  id: 'SR-202403-0042',
  number: 42,
  workspace: ws,
  service: 'Teams meetings',
  problem: 'Meetings fail to start with error 500 for every user.',
  impact: 'Sales cannot hold customer calls; about 40 calls an hour are lost.',
  affected: 'All 1,200 users at Berlin and Lyon',
  startedAt: '2024-03-31T00:40:00.000Z',
  severity: 'A',
  scope: { route: 'vendor', reason: 'confirmed', matched: [] },
  state: 'recorded',
  recordedAt: '2024-03-31T01:00:00.000Z',
  recordedBy: { id: 'u1', name: 'Ben Desk' },
  responseDueAt: '2024-03-31T02:00:00.000Z',
  escalationLevel: 0,
  nextUpdateDueAt: '2024-03-31T03:00:00.000Z',
  updatesTotal: 0,
  updatesOnTime: 0,
  remindersSent: [],
  timelineCount: 1,
  version: 1,
  updatedAt: '2024-03-31T01:00:00.000Z',
};

const investigating: Incident = {
  ...base,
  state: 'investigating',
  owner: { id: 'u2', name: 'Ana Owner' },
  acknowledgedAt: '2024-03-31T01:20:00.000Z',
  lastUpdateAt: '2024-03-31T01:40:00.000Z',
  lastUpdateText: 'The vendor confirmed a fault in the media service and is failing over.',
  lastUpdateBy: { id: 'u2', name: 'Ana Owner' },
  nextUpdateDueAt: '2024-03-31T03:40:00.000Z',
  resolverGroup: 'Media engineering',
  escalationLevel: 1,
  updatesTotal: 1,
  updatesOnTime: 1,
  timelineCount: 4,
  version: 4,
};

const timeline: TimelineEntry[] = [
  { incidentId: base.id, seq: 1, at: base.recordedAt, actor: base.recordedBy, kind: 'recorded', summary: 'Recorded by Ben Desk as severity A Critical, escalated to the vendor' },
  { incidentId: base.id, seq: 2, at: '2024-03-31T01:20:00.000Z', actor: investigating.owner!, kind: 'acknowledged', summary: 'Acknowledged by Ana Owner (within the response goal)' },
  { incidentId: base.id, seq: 3, at: '2024-03-31T01:40:00.000Z', actor: investigating.owner!, kind: 'update', summary: 'Status update by Ana Owner', text: investigating.lastUpdateText },
  { incidentId: base.id, seq: 4, at: '2024-03-31T01:50:00.000Z', actor: investigating.owner!, kind: 'escalated', summary: 'Escalated to Media engineering by Ana Owner' },
];

const hostile: Incident = {
  ...investigating,
  service: HOSTILE,
  problem: HOSTILE,
  impact: HOSTILE,
  affected: HOSTILE,
  lastUpdateText: HOSTILE,
  owner: { id: 'u3', name: HOSTILE },
  resolverGroup: HOSTILE,
};

const maxed: Incident = {
  ...investigating,
  service: 'S'.repeat(120),
  problem: 'P'.repeat(2000),
  impact: 'I'.repeat(2000),
  affected: 'A'.repeat(500),
  lastUpdateText: 'U'.repeat(2000),
};

const userIds = Array.from({ length: 60 }, (_, k) => `29:user-${k}-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`);
const card = (incident: Incident, extra: Partial<Parameters<typeof renderIncidentCard>[0]> = {}) => () =>
  renderIncidentCard({ incident, etag: 'W/"datetime\'2024-03-31T01%3A50%3A00.000Z\'"', policy, timeZone: 'Europe/London', now, ...extra });

export const samples: CardSample[] = [
  { template: 'incident.json', name: 'incident just recorded, response overdue', render: card(base) },
  { template: 'incident.json', name: 'incident investigating, escalated, with refresh and timeline', render: card(investigating, { timeline, userIds: ['29:a', '29:b'] }) },
  {
    template: 'incident.json',
    name: 'incident resolved with a workaround, internal route',
    render: card({
      ...investigating,
      state: 'resolved',
      nextUpdateDueAt: undefined,
      resolvedAt: '2024-03-31T03:00:00.000Z',
      resolution: { kind: 'workaround', text: 'Join from the web client.' },
      scope: { route: 'internal', category: 'network', owningRole: 'Network Operations', reason: 'r', matched: ['vpn'] },
    }),
  },
  { template: 'incident.json', name: 'incident with hostile user text', render: card(hostile, { timeline: [{ ...timeline[2]!, text: HOSTILE }], message: HOSTILE }), literal: [HOSTILE] },
  { template: 'incident.json', name: 'incident at every text limit with 60 refresh users and a full timeline', render: card(maxed, { userIds, timeline: Array.from({ length: 6 }, (_, k) => ({ ...timeline[2]!, seq: k + 1, text: 'T'.repeat(2000) })) }) },
];

const etag = 'W/"1"';
const stored = (incident: Incident) => ({ incident, etag });
const list = (items: Incident[], extra: Partial<Parameters<typeof renderIncidentListCard>[0]> = {}) => () =>
  renderIncidentListCard({ items: items.map(stored), filter: { state: 'open' }, policy, timeZone: 'America/New_York', now, ...extra });

const draft: EscalationDraft = {
  service: 'Teams calling',
  problem: 'Calls drop after 30 seconds over the VPN and office Wi-Fi',
  impact: 'The contact centre loses calls',
  affected: 'about 80 agents in Leeds',
  affectedUsers: 80,
  startedAt: '2024-03-31T00:30:00.000Z',
  severity: 'B',
};
const internalDraft: EscalationDraft = { ...draft, scope: classifyScope([draft.problem]) };
const vendorDraft: EscalationDraft = { ...draft, problem: 'Meetings fail to start for everyone', severity: 'A', scope: { route: 'vendor', reason: 'The agent confirmed the problem is in the vendor service.', matched: [] } };
const sitesDraft: EscalationDraft = { ...vendorDraft, problem: 'Meetings fail to start in Branch Paris since the morning', affected: 'about 300 users in HQ Building 2 and Warehouse 2', affectedUsers: 300 };
const hostileDraft: EscalationDraft = { service: HOSTILE, problem: HOSTILE, impact: HOSTILE, affected: HOSTILE, startedAt: draft.startedAt, severity: 'C', scope: classifyScope([HOSTILE + ' firewall']) };

const reminder = (kind: 'update-due' | 'update-overdue' | 'response-overdue', incident: Incident, dueAt: string) => () =>
  renderIncidentReminderCard({ incident, etag, decision: { key: reminderKey(kind, dueAt), kind, incidentId: incident.id, dueAt }, policy, timeZone: 'Australia/Sydney', now });

const outage = (event: 'declared' | 'update' | 'resolved', incident: Incident, text?: string) => () =>
  renderOutageNotificationCard({ incident, notice: { key: `${incident.id}#1`, event, incidentId: incident.id, at: now.toISOString(), text }, policy, timeZone: 'Asia/Kolkata' });

samples.push(
  { template: 'incident-list.json', name: 'incident list, empty', render: list([]) },
  { template: 'incident-list.json', name: 'incident list with overdue items and a next page', render: list([base, investigating, { ...investigating, id: 'SR-202403-0041', severity: 'C' }], { continuation: 'token-abc' }) },
  { template: 'incident-list.json', name: 'incident list, a full page of maxed items', render: list(Array.from({ length: 20 }, () => maxed), { filter: { state: 'open', overdue: true } }) },
  { template: 'incident-list.json', name: 'incident list with hostile text', render: list([hostile]), literal: [HOSTILE] },
  { template: 'escalation-draft.json', name: 'escalation draft routed internally', render: () => renderEscalationDraftCard({ draft: internalDraft, policy, timeZone: 'Europe/London' }) },
  { template: 'escalation-draft.json', name: 'escalation draft to the vendor', render: () => renderEscalationDraftCard({ draft: vendorDraft, policy, timeZone: 'Europe/London' }) },
  { template: 'escalation-draft.json', name: 'escalation draft naming sites', render: () => renderEscalationDraftCard({ draft: sitesDraft, policy, timeZone: 'Europe/London' }), literal: ['Branch Paris, HQ Building 2, Warehouse 2'] },
  { template: 'escalation-draft.json', name: 'escalation draft with hostile text', render: () => renderEscalationDraftCard({ draft: hostileDraft, policy, timeZone: 'Europe/London' }), literal: [HOSTILE] },
  { template: 'incident-reminder.json', name: 'update due reminder', render: reminder('update-due', investigating, '2024-03-31T03:40:00.000Z') },
  { template: 'incident-reminder.json', name: 'update overdue reminder', render: reminder('update-overdue', investigating, '2024-03-31T03:00:00.000Z') },
  { template: 'incident-reminder.json', name: 'response overdue reminder with hostile text', render: reminder('response-overdue', { ...base, service: HOSTILE }, '2024-03-31T02:00:00.000Z'), literal: [HOSTILE] },
  { template: 'outage-notification.json', name: 'outage declared', render: outage('declared', base, base.impact) },
  { template: 'outage-notification.json', name: 'outage update', render: outage('update', investigating, investigating.lastUpdateText) },
  { template: 'outage-notification.json', name: 'outage resolved', render: outage('resolved', { ...investigating, state: 'resolved', resolvedAt: now.toISOString(), resolution: { kind: 'resolution', text: 'Failover completed' } }, 'Failover completed') },
  { template: 'outage-notification.json', name: 'outage update with hostile and maximal text', render: outage('update', { ...maxed, service: HOSTILE }, HOSTILE + 'U'.repeat(1900)), literal: [HOSTILE] },
  { template: 'incident-figures.json', name: 'figures for this month and the one before', render: () => renderIncidentFiguresCard([figures(2024, 3, 12), figures(2024, 2, 0)], policy) },
  { template: 'incident-figures.json', name: 'figures, one month with nothing recorded', render: () => renderIncidentFiguresCard([figures(2024, 3, 0)], policy) },
  { template: 'incident-figures.json', name: 'service review figures with problems and changes', render: () => renderIncidentFiguresCard([figures(2024, 3, 12), figures(2024, 2, 0)], policy, [control(2024, 3, 'partial'), control(2024, 2, 'none')]), literal: ['Emergency changes reviewed', 'Counted from'] },
);

function figures(year: number, month: number, total: number): MonthlyFigures {
  return {
    year, month, timeZone: 'Europe/Berlin', total,
    countBySeverity: { '1': total ? 1 : 0, A: total ? 2 : 0, B: total ? 3 : 0, C: total ? 4 : 0, D: total ? total - 10 : 0 },
    firstResponse: total ? { withinGoal: 9, decided: 11, share: 9 / 11 } : { withinGoal: 0, decided: 0, share: null },
    updates: total ? { onTime: 20, total: 25, share: 0.8 } : { onTime: 0, total: 0, share: null },
    meanTimeToResolveMinutes: total ? 754 : null,
    resolvedCount: total ? 10 : 0,
    vendor: { '1': { met: total ? 3 : 0, breached: total ? 1 : 0 }, A: { met: total ? 5 : 0, breached: 0 }, B: { met: 2, breached: 2 }, C: { met: 0, breached: 0 }, D: { met: 0, breached: 0 } },
    escalations: total ? { technical: 9, nonTechnical: 2, notRecorded: 1 } : { technical: 0, nonTechnical: 0, notRecorded: 0 },
    satisfaction: total ? { answers: 8, average: 4.3, agreeShare: 0.875 } : { answers: 0, average: null, agreeShare: null },
  };
}

function control(year: number, month: number, counted: ControlMonthFigures['counted']): ControlMonthFigures {
  return {
    year, month, timeZone: 'Europe/Berlin', counted, ...(counted === 'partial' ? { since: '2024-03-14T09:00:00.000Z' } : {}),
    problemsOpened: 4, problemsClosed: 2, changes: { standard: 6, normal: 3, emergency: 1 }, emergencyReviewed: 1,
  };
}
