import type { ReminderDecision } from '../domain/incidents/cadence';
import type { Incident } from '../domain/incidents/incident';
import { TEXT_LIMITS } from '../domain/incidents/incident';
import { formatDuration, type SeverityPolicy } from '../domain/incidents/severity';
import { formatInZone } from '../platform/zoned-time';
import { ownerText, severityText, shortDuration } from './incident-format';
import type { IncidentVerbData } from './incident-verbs';
import { type MentionTarget, withMention } from './mention';
import { escapeMarkdown, expandTemplate } from './template';
import template from './templates/incident-reminder.json';

export interface IncidentReminderCardInput {
  incident: Incident;
  etag: string;
  decision: ReminderDecision;
  policy: SeverityPolicy;
  timeZone: string;
  now: Date;
  /** Who is reminded (the owner, else the filer), @mentioned at the top leading into `lead`. */
  remind?: { person: MentionTarget; lead: string };
}

/** The due / overdue reminder sent to the owner and the channel. */
export function renderIncidentReminderCard(input: IncidentReminderCardInput): Record<string, unknown> {
  const { incident: i, decision: d, policy, timeZone, now } = input;
  const due = Date.parse(d.dueAt);
  const cadence = policy.rules[i.severity].updateEveryMinutes;
  const titles = {
    'update-due': `Status update due ${due > now.getTime() ? `in ${shortDuration(due - now.getTime())}` : 'now'}`,
    'update-overdue': `Status update overdue by ${shortDuration(now.getTime() - due)}`,
    'response-overdue': `No first response yet: goal missed by ${shortDuration(now.getTime() - due)}`,
    'vendor-response-overdue': `Vendor breach: no initial response, ${shortDuration(now.getTime() - due)} past the goal`,
    'vendor-update-overdue': `Vendor breach: the vendor's update is overdue by ${shortDuration(now.getTime() - due)}`,
  } as const;
  const sr = i.vendorCase?.srNumber;
  const explanations: Record<ReminderDecision['kind'], string> = {
    'response-overdue': 'Nobody has acknowledged this incident within its initial response goal. Acknowledge it to take ownership.',
    'update-due': `${severityText(policy, i.severity)} commits to a status update every ${cadence ? formatDuration(cadence) : 'agreed interval'}. Post one to keep the rhythm.`,
    'update-overdue': `${severityText(policy, i.severity)} commits to a status update every ${cadence ? formatDuration(cadence) : 'agreed interval'}. Post one to keep the rhythm.`,
    'vendor-response-overdue': `The vendor commits to an initial response within the goal of ${severityText(policy, i.severity)}, counted from the escalation. It has not responded: chase the vendor, then record its SR number on the incident.`,
    'vendor-update-overdue': `The vendor commits to updating us every ${cadence ? formatDuration(cadence) : 'agreed interval'} for ${severityText(policy, i.severity)}. Its update${sr ? ` on ${sr}` : ''} did not come in time, which is recorded as a breach. Chase the vendor, then log its update on the incident.`,
  };
  const explanation = explanations[d.kind];
  const actionData: IncidentVerbData = { incidentId: i.id, etag: input.etag };
  const card = expandTemplate(template, {
    title: titles[d.kind],
    titleColor: d.kind === 'update-due' ? 'Warning' : 'Attention',
    dueLabel: d.kind.startsWith('vendor-') ? 'Vendor due' : 'Due',
    id: i.id,
    service: i.service,
    explanation,
    severityText: severityText(policy, i.severity),
    owner: escapeMarkdown(ownerText(i)),
    due: formatInZone(new Date(due), timeZone),
    lastUpdate: i.lastUpdateAt ? formatInZone(new Date(i.lastUpdateAt), timeZone) : 'None yet',
    canUpdate: d.kind === 'update-due' || d.kind === 'update-overdue',
    canAcknowledge: d.kind === 'response-overdue',
    maxUpdate: TEXT_LIMITS.update,
    actionData,
    openData: { incidentId: i.id },
  });
  return input.remind ? withMention(card, input.remind.person, input.remind.lead) : card;
}
