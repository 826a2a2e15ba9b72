import type { EscalationDraft } from '../domain/incidents/escalation-draft';
import { confirmDraft, namedSites } from '../domain/incidents/escalation-draft';
import { describeCommitment, type SeverityPolicy } from '../domain/incidents/severity';
import { formatInZone } from '../platform/zoned-time';
import { escalationKindText, severityText } from './incident-format';
import { expandTemplate } from './template';
import template from './templates/escalation-draft.json';

export interface EscalationDraftCardInput {
  /** A complete draft (nextStep(draft) === 'confirm'). */
  draft: EscalationDraft;
  policy: SeverityPolicy;
  timeZone: string;
}

/** The confirmation card: every answer, the severity's commitment and where the case goes. */
export function renderEscalationDraftCard(input: EscalationDraftCardInput): Record<string, unknown> {
  const c = confirmDraft(input.draft);
  if (!c.ok) throw new Error(c.message);
  const e = c.escalation;
  const internal = e.scope.route === 'internal';
  return expandTemplate(template, {
    service: e.service,
    problem: e.problem,
    impact: e.impact,
    affected: e.affected,
    // The sites the answers name, each whole ("HQ Building 2"), so a misread shows before filing.
    sites: namedSites(e).join(', '),
    started: formatInZone(new Date(e.startedAt), input.timeZone),
    severityText: severityText(input.policy, e.severity),
    kindText: escalationKindText(e.escalationKind),
    commitment: describeCommitment(input.policy, e.severity),
    routeStyle: internal ? 'warning' : 'good',
    routeHeading: e.scope.route === 'internal' ? `Not for the vendor: goes to ${e.scope.owningRole}` : 'Escalated to the vendor',
    routeReason: e.scope.reason,
    confirmTitle: internal ? `File and route to ${e.scope.route === 'internal' ? e.scope.owningRole : ''}` : 'File the escalation',
    // The runner adds the draft's id; the draft itself is the dialog's, never read from the card.
    verbData: {},
  });
}
