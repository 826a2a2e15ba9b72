// Wording shared by the incident cards: ages, due times, goals, severity colours.
import { responseStatus } from '../domain/incidents/cadence';
import type { Incident } from '../domain/incidents/incident';
import { formatDuration, severityLabel, type SeverityLevel, type SeverityPolicy } from '../domain/incidents/severity';
import { formatInZone } from '../platform/zoned-time';
import { ESCALATION_KIND_LABELS, type EscalationKind } from '../domain/incidents/escalation-kind';

export function shortDuration(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export function severityColor(level: SeverityLevel): string {
  return level === '1' || level === 'A' ? 'Attention' : level === 'B' ? 'Warning' : 'Default';
}

export function severityText(policy: SeverityPolicy, level: SeverityLevel): string {
  return `Severity ${severityLabel(policy.rules[level])}`;
}

export function nextUpdateText(i: Incident, now: Date, timeZone: string): { text: string; overdue: boolean } {
  if (!i.nextUpdateDueAt) return { text: i.state === 'resolved' || i.state === 'closed' || i.state === 'archived' ? 'None (no longer open)' : 'As agreed', overdue: false };
  const due = Date.parse(i.nextUpdateDueAt);
  const when = formatInZone(new Date(due), timeZone);
  return due >= now.getTime() ? { text: `${when} (in ${shortDuration(due - now.getTime())})`, overdue: false } : { text: `${when} (overdue by ${shortDuration(now.getTime() - due)})`, overdue: true };
}

export function responseGoalText(i: Incident, policy: SeverityPolicy, now: Date, timeZone: string): { text: string; color: string } {
  const goal = policy.rules[i.severity].initialResponseMinutes;
  const r = responseStatus(i, now);
  switch (r.kind) {
    case 'no-goal':
      return { text: 'No initial response goal', color: 'Default' };
    case 'met':
      return { text: `Met: we acknowledged it after ${shortDuration(r.afterMinutes * 60_000)}`, color: 'Good' };
    case 'missed':
      return { text: `Missed: we acknowledged it after ${shortDuration(r.afterMinutes * 60_000)}${goal ? ` (goal ${formatDuration(goal)})` : ''}`, color: 'Attention' };
    case 'pending':
      return { text: `Pending: respond by ${formatInZone(new Date(r.dueAt), timeZone)}`, color: 'Warning' };
    case 'overdue':
      return { text: `Not met: not acknowledged since ${formatInZone(new Date(r.dueAt), timeZone)}`, color: 'Attention' };
  }
}

export const STATE_LABELS: Record<Incident['state'], string> = {
  recorded: 'Recorded',
  classified: 'Acknowledged',
  investigating: 'Investigating',
  resolved: 'Resolved',
  closed: 'Closed',
  archived: 'Archived',
};

/** Who owns it: the person who acknowledged it, else the team it is routed to. */
export function ownerText(i: Incident): string {
  if (i.owner) return i.owner.name;
  return i.scope.route === 'internal' ? `Unassigned (${i.scope.owningRole})` : 'Unassigned';
}

/** An incident's escalation kind as the cards show it; incidents stored before the kind say so. */
export function escalationKindText(kind: EscalationKind | undefined): string {
  return kind ? ESCALATION_KIND_LABELS[kind] : 'Not recorded';
}
