import type { Incident, TimelineEntry } from '../domain/incidents/incident';
import { clockStart, isOpen, TEXT_LIMITS } from '../domain/incidents/incident';
import { SEVERITY_LEVELS, severityLabel, type SeverityPolicy } from '../domain/incidents/severity';
import { formatInZone } from '../platform/zoned-time';
import { INCIDENT_VERBS, type IncidentVerbData } from './incident-verbs';
import { escalationKindText, nextUpdateText, ownerText, responseGoalText, severityColor, severityText, shortDuration, STATE_LABELS } from './incident-format';
import { withVendorSection } from './incident-vendor-card';
import { personText, withMentionEntities } from './mention';
import { linkToProblemAction, type OpenProblemChoice } from './problem-link-action';
import { escapeMarkdown, expandTemplate } from './template';
import template from './templates/incident.json';

export interface IncidentCardInput {
  incident: Incident;
  /** ETag of the stored incident; carried in every action so stale views can be detected. */
  etag: string;
  policy: SeverityPolicy;
  timeZone: string;
  now: Date;
  /** Most recent entries, newest last; at most 6 are shown. */
  timeline?: readonly TimelineEntry[];
  /** Everyone who should see the card refresh itself (Teams allows up to 60). */
  userIds?: readonly string[];
  /** A one-line notice, e.g. why an action was refused or that someone else changed it. */
  message?: string;
  /** Open problems offered by "Link to problem" (a number can be typed too). */
  openProblems?: readonly OpenProblemChoice[];
}

const MAX_TIMELINE = 6;
const MAX_REFRESH_USERS = 60;
// The full texts are on the card already (problem, impact, latest update); the timeline only
// reminds, and clipping it keeps a card at every text limit under 25 KB.
const TIMELINE_TEXT_CHARS = 160;

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function renderIncidentCard(input: IncidentCardInput): Record<string, unknown> {
  const { incident: i, policy, timeZone, now } = input;
  const open = isOpen(i.state);
  const next = nextUpdateText(i, now, timeZone);
  const goal = responseGoalText(i, policy, now, timeZone);
  const actionData: IncidentVerbData = { incidentId: i.id, etag: input.etag };
  const userIds = (input.userIds ?? []).slice(0, MAX_REFRESH_USERS);
  const timeline = (input.timeline ?? []).slice(-MAX_TIMELINE).map((e) => ({ at: formatInZone(new Date(e.at), timeZone), summary: e.text ? `${e.summary}: ${clip(e.text, TIMELINE_TEXT_CHARS)}` : e.summary }));
  // The owner is @mentioned in the Owner fact (Teams resolves mentions in facts and text blocks).
  const owner = personText(i.owner, ownerText(i));
  const card = expandTemplate(template, {
    hasRefresh: userIds.length > 0,
    refreshVerb: INCIDENT_VERBS.refresh,
    refreshData: { incidentId: i.id },
    userIds: [...userIds],
    id: i.id,
    service: i.service,
    severityText: severityText(policy, i.severity),
    severityColor: severityColor(i.severity),
    stateText: STATE_LABELS[i.state] + (i.escalationLevel > 0 ? ` · escalated (level ${i.escalationLevel})` : ''),
    hasMessage: Boolean(input.message),
    message: input.message ? escapeMarkdown(input.message) : '',
    owner: owner.text,
    age: `${shortDuration(now.getTime() - clockStart(i).getTime())} (started ${formatInZone(clockStart(i), timeZone)}, recorded ${formatInZone(new Date(i.recordedAt), timeZone)})`,
    nextUpdate: next.text,
    nextUpdateOverdue: open && next.overdue,
    responseGoal: goal.text,
    route: i.scope.route === 'vendor' ? 'Vendor support' : `${i.scope.owningRole} (internal; the vendor does not accept this)`,
    escalationKind: escalationKindText(i.escalationKind),
    hasResolverGroup: Boolean(i.resolverGroup),
    resolverGroup: escapeMarkdown(i.resolverGroup ?? ''),
    problem: i.problem,
    impact: i.impact,
    affected: i.affected,
    hasLastUpdate: Boolean(i.lastUpdateText),
    lastUpdateHeading: i.lastUpdateAt ? `Latest update, ${formatInZone(new Date(i.lastUpdateAt), timeZone)}` : 'Latest update',
    lastUpdateText: i.lastUpdateText ?? '',
    hasResolution: Boolean(i.resolution),
    resolutionHeading: i.resolution?.kind === 'workaround' ? 'Workaround' : 'Resolution',
    resolutionText: i.resolution?.text ?? '',
    hasTimeline: timeline.length > 0,
    timeline,
    footer: `Version ${i.version} · times in ${timeZone}`,
    actionData,
    limits: TEXT_LIMITS,
    severityChoices: SEVERITY_LEVELS.filter((l) => l !== i.severity).map((l) => ({ title: severityLabel(policy.rules[l]), value: l })),
    can: {
      acknowledge: i.state === 'recorded',
      update: i.state === 'classified' || i.state === 'investigating',
      severity: open,
      escalate: i.state === 'classified' || i.state === 'investigating',
      deescalate: open && i.escalationLevel > 0,
      resolve: i.state === 'classified' || i.state === 'investigating',
      close: i.state === 'resolved',
      reopen: i.state === 'resolved',
    },
  });
  // Problem management: an incident whose cause is unknown is linked to the problem behind it.
  // In the body: the card's foot already holds the five actions a card may show there.
  (card.body as unknown[]).push({ type: 'ActionSet', separator: true, actions: [linkToProblemAction('incident', i.id, input.openProblems)] });
  // The vendor case (second clock) and its actions come from their own template.
  return withMentionEntities(withVendorSection(card, { incident: i, etag: input.etag, policy, timeZone, now }), [owner.entity]);
}
