// The incident's two clocks on its card: our internal reference and record, and the vendor case
// (vendor SR number, when it responded, each commitment met / breached / pending), with the
// vendor actions. Rendered as a card of its own and merged into the incident card.
import type { Incident } from '../domain/incidents/incident';
import { isOpen, TEXT_LIMITS } from '../domain/incidents/incident';
import type { SeverityPolicy } from '../domain/incidents/severity';
import { type CommitmentStatus, TROUBLESHOOTING_CHECKLIST, VENDOR_SR_MAX, vendorCommitments } from '../domain/incidents/vendor-case';
import { formatInZone } from '../platform/zoned-time';
import { checklistInputId, type IncidentVerbData } from './incident-verbs';
import { escapeMarkdown, expandTemplate } from './template';
import template from './templates/incident-vendor.json';

export interface IncidentVendorCardInput {
  incident: Incident;
  etag: string;
  policy: SeverityPolicy;
  timeZone: string;
  now: Date;
}

const STATUS_WORDS: Record<CommitmentStatus, string> = { met: 'Met', breached: 'Breached', pending: 'Pending' };

type Fact = { title: string; value: string };

/** The vendor case's facts: SR number, response, and each commitment's status. */
export function vendorFacts(i: Incident, now: Date, timeZone: string): Fact[] {
  const at = (iso: string) => formatInZone(new Date(iso), timeZone);
  const facts: Fact[] = [{ title: 'Internal reference', value: `${i.id} (our own number, not a vendor SR number)` }];
  if (i.scope.route === 'internal') return [...facts, { title: 'Vendor SR number', value: `None: handled internally by ${i.scope.owningRole}` }];
  const vc = i.vendorCase;
  if (!vc) return [...facts, { title: 'Vendor case', value: 'Not escalated to the vendor yet' }];
  facts.push({ title: 'Escalated to vendor', value: `${at(vc.escalatedAt)} by ${escapeMarkdown(vc.escalatedBy.name)}` });
  facts.push({ title: 'Vendor SR number', value: vc.srNumber ? escapeMarkdown(vc.srNumber) : 'Not issued yet: the vendor issues it when it accepts the case' });
  if (vc.respondedAt) facts.push({ title: 'Vendor responded', value: at(vc.respondedAt) });
  for (const c of vendorCommitments(vc, now, i.resolvedAt)) {
    if (c.kind === 'initial-response') facts.push({ title: 'Vendor initial response', value: `${STATUS_WORDS[c.status]} (due ${at(c.dueAt!)})` });
    else if (c.status === 'pending') facts.push({ title: 'Next vendor update', value: `Pending (due ${at(c.dueAt!)})` });
    else facts.push({ title: `Vendor updates ${c.status}`, value: String(c.count) });
  }
  return facts;
}

/** Our record's extra facts: outage details and the requester's answers. */
function recordFacts(i: Incident, timeZone: string): Fact[] {
  const facts: Fact[] = [];
  if (i.outage?.expectedResolutionAt) facts.push({ title: 'Expected resolution', value: formatInZone(new Date(i.outage.expectedResolutionAt), timeZone) });
  const v = i.validation;
  if (i.state === 'resolved' && v && !v.confirmedAt) facts.push({ title: 'Requester confirmation', value: `Waiting for ${escapeMarkdown(i.recordedBy.name)} to confirm the fix` });
  if (v?.confirmedAt) facts.push({ title: 'Requester confirmation', value: `Confirmed ${formatInZone(new Date(v.confirmedAt), timeZone)}` });
  if (i.satisfaction) facts.push({ title: 'Satisfaction', value: `${i.satisfaction.rating} of 5` });
  return facts;
}

export function renderIncidentVendorCard(input: IncidentVendorCardInput): Record<string, unknown> {
  const { incident: i, policy, timeZone, now } = input;
  const vc = i.vendorCase;
  const open = isOpen(i.state) && i.state !== 'recorded';
  const latest = vc?.recentUpdates.at(-1);
  const actionData: IncidentVerbData = { incidentId: i.id, etag: input.etag };
  const breached = vc ? vendorCommitments(vc, now, i.resolvedAt).some((c) => c.status === 'breached') : false;
  return expandTemplate(template, {
    heading: i.scope.route === 'internal' ? 'Internal case' : 'Vendor case',
    facts: [...vendorFacts(i, now, timeZone), ...recordFacts(i, timeZone)],
    vendorBreached: breached && isOpen(i.state),
    hasVendorUpdate: Boolean(latest),
    vendorUpdateHeading: latest ? `Latest vendor update, ${formatInZone(new Date(latest.at), timeZone)}` : '',
    vendorUpdateText: latest?.text ?? '',
    hasBridge: Boolean(i.outage?.bridge),
    bridge: i.outage?.bridge ?? '',
    checklist: TROUBLESHOOTING_CHECKLIST.map((c) => ({ inputId: checklistInputId(c.id), title: c.title })),
    actionData,
    srMax: VENDOR_SR_MAX,
    updateMax: TEXT_LIMITS.update,
    bridgeMax: TEXT_LIMITS.bridge,
    can: {
      vendorEscalate: open && i.scope.route === 'vendor' && !vc,
      vendorAccept: open && Boolean(vc) && !vc?.srNumber,
      vendorUpdate: open && Boolean(vc?.srNumber),
      outage: isOpen(i.state) && policy.rules[i.severity].outageNotification,
    },
  });
}

/** The incident card with the vendor section (its actions in its own action set) after its facts. */
export function withVendorSection(card: Record<string, unknown>, input: IncidentVendorCardInput): Record<string, unknown> {
  const section = renderIncidentVendorCard(input);
  const body = [...((card.body as unknown[]) ?? [])];
  const factsAt = body.findIndex((b) => (b as { type?: string }).type === 'FactSet');
  body.splice(factsAt + 1, 0, ...((section.body as unknown[]) ?? []));
  return { ...card, body };
}
