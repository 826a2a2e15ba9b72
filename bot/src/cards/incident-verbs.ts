// Action.Execute verbs of the incident feature and the data each carries. teams/ registers
// one route per verb; incidentActionFromInvoke turns a verb + its data (card inputs merged in
// by Teams) into a domain action, so routing stays a thin lookup.
import type { IncidentAction } from '../domain/incidents/lifecycle';
import { parseIncidentAction } from '../domain/incidents/lifecycle';
import { TROUBLESHOOTING_CHECKLIST } from '../domain/incidents/vendor-case';

export const INCIDENT_VERBS = {
  acknowledge: 'incident.acknowledge',
  update: 'incident.update',
  severity: 'incident.severity',
  escalate: 'incident.escalate',
  deescalate: 'incident.deescalate',
  resolve: 'incident.resolve',
  reopen: 'incident.reopen',
  close: 'incident.close',
  refresh: 'incident.refresh',
  open: 'incident.open',
  list: 'incident.list',
  vendorEscalate: 'incident.vendor.escalate',
  vendorAccept: 'incident.vendor.accept',
  vendorUpdate: 'incident.vendor.update',
  outageDetails: 'incident.outage.details',
  confirmResolved: 'incident.confirm-resolved',
  notFixed: 'incident.not-fixed',
  satisfaction: 'incident.satisfaction',
  confirm: 'escalation.confirm',
  edit: 'escalation.edit',
  discard: 'escalation.discard',
} as const;

export type IncidentVerb = (typeof INCIDENT_VERBS)[keyof typeof INCIDENT_VERBS];

/** Input ids on the cards; Teams merges their values into the action's data. */
export const INCIDENT_INPUTS = {
  updateText: 'updateText',
  severity: 'severity',
  impact: 'impact',
  vendorDeclared: 'vendorDeclared',
  resolverGroup: 'resolverGroup',
  resolutionKind: 'resolutionKind',
  resolutionText: 'resolutionText',
  reopenReason: 'reopenReason',
  vendorSr: 'vendorSr',
  vendorRespondedDate: 'vendorRespondedDate',
  vendorRespondedTime: 'vendorRespondedTime',
  vendorUpdateText: 'vendorUpdateText',
  vendorUpdateDate: 'vendorUpdateDate',
  vendorUpdateTime: 'vendorUpdateTime',
  etaDate: 'etaDate',
  etaTime: 'etaTime',
  bridge: 'bridge',
  notFixedReason: 'notFixedReason',
  rating: 'rating',
} as const;

/** The Input.Toggle id of a troubleshooting checklist item on the "Escalate to vendor" card. */
export const checklistInputId = (id: string) => `check-${id}`;

const ticked = (d: Record<string, unknown>) => TROUBLESHOOTING_CHECKLIST.map((c) => c.id).filter((id) => d[checklistInputId(id)] === 'true' || d[checklistInputId(id)] === true);

/** Data of every incident.* verb that acts on one incident (plus the inputs above). */
export interface IncidentVerbData {
  incidentId: string;
  /** ETag of the incident the card showed; pass to IncidentService.act as expectedEtag. */
  etag: string;
}

/** Data of incident.list: the filter and the page to show. */
export interface IncidentListVerbData {
  filter: { state?: 'open' | 'all'; severity?: string; overdue?: boolean };
  continuation?: string;
}

/** Data of escalation.confirm / escalation.discard: the confirmed draft travels on the card. */
export interface EscalationVerbData {
  draft: unknown;
}

const ACTION_VERBS: Partial<Record<IncidentVerb, (d: Record<string, unknown>) => unknown>> = {
  [INCIDENT_VERBS.acknowledge]: () => ({ type: 'acknowledge' }),
  [INCIDENT_VERBS.update]: (d) => ({ type: 'update', text: d[INCIDENT_INPUTS.updateText] }),
  [INCIDENT_VERBS.severity]: (d) => ({ type: 'severity', severity: d[INCIDENT_INPUTS.severity], impact: d[INCIDENT_INPUTS.impact], vendorDeclared: d[INCIDENT_INPUTS.vendorDeclared] }),
  [INCIDENT_VERBS.escalate]: (d) => ({ type: 'escalate', resolverGroup: d[INCIDENT_INPUTS.resolverGroup] }),
  [INCIDENT_VERBS.deescalate]: () => ({ type: 'deescalate' }),
  [INCIDENT_VERBS.resolve]: (d) => ({ type: 'resolve', kind: d[INCIDENT_INPUTS.resolutionKind], text: d[INCIDENT_INPUTS.resolutionText] }),
  [INCIDENT_VERBS.reopen]: (d) => ({ type: 'reopen', reason: d[INCIDENT_INPUTS.reopenReason] }),
  [INCIDENT_VERBS.close]: () => ({ type: 'close' }),
  [INCIDENT_VERBS.vendorEscalate]: (d) => ({ type: 'vendor-escalate', checklist: ticked(d) }),
  [INCIDENT_VERBS.vendorAccept]: (d) => ({ type: 'vendor-accept', srNumber: d[INCIDENT_INPUTS.vendorSr], date: d[INCIDENT_INPUTS.vendorRespondedDate], time: d[INCIDENT_INPUTS.vendorRespondedTime] }),
  [INCIDENT_VERBS.vendorUpdate]: (d) => ({ type: 'vendor-update', text: d[INCIDENT_INPUTS.vendorUpdateText], date: d[INCIDENT_INPUTS.vendorUpdateDate], time: d[INCIDENT_INPUTS.vendorUpdateTime] }),
  [INCIDENT_VERBS.outageDetails]: (d) => ({ type: 'outage-details', etaDate: d[INCIDENT_INPUTS.etaDate], etaTime: d[INCIDENT_INPUTS.etaTime], bridge: d[INCIDENT_INPUTS.bridge] }),
  [INCIDENT_VERBS.confirmResolved]: () => ({ type: 'confirm-resolved' }),
  [INCIDENT_VERBS.notFixed]: (d) => ({ type: 'not-fixed', reason: d[INCIDENT_INPUTS.notFixedReason] }),
  [INCIDENT_VERBS.satisfaction]: (d) => ({ type: 'satisfaction', rating: d[INCIDENT_INPUTS.rating] }),
};

/** The domain action for a state-changing verb; { error } for bad data or a non-action verb. */
export function incidentActionFromInvoke(verb: string, data: unknown): { incidentId: string; etag?: string; action: IncidentAction } | { error: string } {
  const make = ACTION_VERBS[verb as IncidentVerb];
  if (!make) return { error: `${verb} does not change an incident.` };
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  if (typeof d.incidentId !== 'string' || !d.incidentId) return { error: 'The card did not say which incident this is.' };
  const action = parseIncidentAction(make(d));
  if ('error' in action) return action;
  return { incidentId: d.incidentId, etag: typeof d.etag === 'string' ? d.etag : undefined, action };
}
