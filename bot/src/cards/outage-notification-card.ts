import type { Incident } from '../domain/incidents/incident';
import type { OutageNotice } from '../domain/incidents/outage-notice';
import type { SeverityPolicy } from '../domain/incidents/severity';
import { formatInZone } from '../platform/zoned-time';
import { ownerText, severityText } from './incident-format';
import { personText, withMentionEntities } from './mention';
import { expandTemplate } from './template';
import template from './templates/outage-notification.json';

export interface OutageNotificationCardInput {
  incident: Incident;
  notice: OutageNotice;
  policy: SeverityPolicy;
  timeZone: string;
}

/** Posted to the workspace's designated audience channel for severity 1 and A; the owner is @mentioned. */
export function renderOutageNotificationCard(input: OutageNotificationCardInput): Record<string, unknown> {
  const { incident: i, notice: n, policy, timeZone } = input;
  const title = { declared: 'Outage notification', update: 'Outage update', resolved: 'Outage resolved' }[n.event];
  const resolved = n.event === 'resolved';
  const owner = personText(i.owner, ownerText(i));
  const card = expandTemplate(template, {
    style: resolved ? 'good' : 'attention',
    title,
    id: i.id,
    service: i.service,
    severityText: severityText(policy, i.severity),
    started: formatInZone(new Date(i.startedAt), timeZone),
    nextLabel: resolved ? 'Resolved' : 'Next update by',
    nextValue: resolved ? formatInZone(new Date(i.resolvedAt ?? n.at), timeZone) : i.nextUpdateDueAt ? formatInZone(new Date(i.nextUpdateDueAt), timeZone) : 'As agreed',
    impact: i.impact,
    affected: i.affected,
    hasText: Boolean(n.text),
    textHeading: resolved ? (i.resolution?.kind === 'workaround' ? 'Workaround' : 'Resolution') : n.event === 'declared' ? 'Business impact statement' : 'Update',
    text: n.text ?? '',
    // Seed 003: the notice carries an expected time of resolution, and the bridge call when there is one.
    expectedResolution: resolved ? 'Resolved' : i.outage?.expectedResolutionAt ? formatInZone(new Date(i.outage.expectedResolutionAt), timeZone) : 'Not known yet',
    hasBridge: !resolved && Boolean(i.outage?.bridge),
    bridge: i.outage?.bridge ?? '',
    footer: `Sent ${formatInZone(new Date(n.at), timeZone)} · times in ${timeZone}`,
    owner: owner.text,
    openData: { incidentId: i.id },
  });
  return withMentionEntities(card, [owner.entity]);
}
