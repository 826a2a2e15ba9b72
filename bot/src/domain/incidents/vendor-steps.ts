// The vendor case's steps (escalate to the vendor, the vendor accepted, a vendor update) and the
// outage details we tell the business, applied by the lifecycle (lifecycle.ts) like any action.
import { isOpen, type Incident, TEXT_LIMITS } from './incident';
import type { Step, StepContext } from './lifecycle';
import type { SeverityRule } from './severity';
import {
  checkVendorUpdateText, MAX_RECENT_VENDOR_UPDATES, missingTroubleshooting, readWallInstant, TROUBLESHOOTING_CHECKLIST, type VendorCase, vendorInstant, vendorResponseDue, vendorUpdateDue,
  validateVendorSrNumber,
} from './vendor-case';
import { checkFreeText } from '../text/free-text';

export type VendorAction =
  | { type: 'vendor-escalate'; checklist: string[] }
  | { type: 'vendor-accept'; srNumber: string; date?: string; time?: string }
  | { type: 'vendor-update'; text: string; date?: string; time?: string }
  | { type: 'outage-details'; etaDate?: string; etaTime?: string; bridge?: string };

const opt = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

/** The vendor actions from card data; undefined when `a.type` is none of them. */
export function parseVendorAction(a: Record<string, unknown>): VendorAction | { error: string } | undefined {
  const str = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : '');
  switch (a.type) {
    case 'vendor-escalate': {
      const list = Array.isArray(a.checklist) ? a.checklist.filter((x): x is string => typeof x === 'string') : [];
      return { type: 'vendor-escalate', checklist: list };
    }
    case 'vendor-accept':
      return { type: 'vendor-accept', srNumber: str('srNumber'), date: opt(a.date), time: opt(a.time) };
    case 'vendor-update':
      return { type: 'vendor-update', text: str('text'), date: opt(a.date), time: opt(a.time) };
    case 'outage-details':
      return { type: 'outage-details', etaDate: opt(a.etaDate), etaTime: opt(a.etaTime), bridge: typeof a.bridge === 'string' ? a.bridge : undefined };
    default:
      return undefined;
  }
}

export function vendorStep(cx: StepContext, action: VendorAction): Step {
  switch (action.type) {
    case 'vendor-escalate':
      return escalateToVendor(cx, action.checklist);
    case 'vendor-accept':
      return vendorAccepted(cx, action);
    case 'vendor-update':
      return vendorUpdate(cx, action);
    case 'outage-details':
      return outageDetails(cx, action);
  }
}

/** A severity change moves the vendor's running update interval to the new cadence, from now. */
export function withVendorCadence(vc: VendorCase, rule: SeverityRule, now: Date): VendorCase {
  if (!vc.respondedAt && vc.responseDueAt) return vc;
  return { ...vc, nextUpdateDueAt: vendorUpdateDue(rule, now)?.toISOString() };
}

function notOpen(incident: Incident): { refused: string } | undefined {
  if (incident.state === 'recorded') return { refused: `Acknowledge ${incident.id} first, so someone owns it on our side.` };
  if (!isOpen(incident.state)) return { refused: `${incident.id} is no longer open; the vendor case can only change while the incident is open.` };
  return undefined;
}

function escalateToVendor({ incident, actor, now, at, rule }: StepContext, checklist: readonly string[]): Step {
  if (incident.scope.route !== 'vendor') return { refused: `${incident.id} is routed to ${incident.scope.owningRole}: the vendor does not accept this kind of problem, so it is not escalated to the vendor.` };
  const blocked = notOpen(incident);
  if (blocked) return blocked;
  if (incident.vendorCase) return { refused: `${incident.id} was already escalated to the vendor.` };
  const missing = missingTroubleshooting(checklist);
  if (missing.length) {
    const titles = TROUBLESHOOTING_CHECKLIST.filter((c) => missing.includes(c.id)).map((c) => c.title);
    return { refused: `Before escalating to the vendor, confirm the troubleshooting on our side. Not confirmed: ${titles.join('; ')}.` };
  }
  // Seed 003: the initial response goal runs from the escalation; updates start once the vendor responds
  // (for a severity with no response goal, severity 1, from the escalation itself).
  const responseDueAt = vendorResponseDue(rule, now)?.toISOString();
  const vendorCase: VendorCase = {
    escalatedAt: at,
    escalatedBy: actor,
    troubleshooting: TROUBLESHOOTING_CHECKLIST.map((c) => c.id),
    ...(responseDueAt ? { responseDueAt } : { nextUpdateDueAt: vendorUpdateDue(rule, now)?.toISOString() }),
    updatesOnTime: 0,
    updatesLate: 0,
    recentUpdates: [],
  };
  // For B and C only the vendor owes updates from now on, so our own update clock stops.
  const nextUpdateDueAt = rule.updatesBothWays ? incident.nextUpdateDueAt : undefined;
  return {
    next: { ...incident, state: 'investigating', vendorCase, nextUpdateDueAt },
    kind: 'vendor-escalated',
    summary: `Escalated to the vendor by ${actor.name} (troubleshooting confirmed)`,
    extra: { from: incident.state, to: 'investigating' },
  };
}

function vendorAccepted({ incident, actor, now, rule, timeZone }: StepContext, action: Extract<VendorAction, { type: 'vendor-accept' }>): Step {
  const vc = incident.vendorCase;
  if (!vc) return { refused: `${incident.id} has not been escalated to the vendor, so there is no vendor SR number to record.` };
  const blocked = notOpen(incident);
  if (blocked) return blocked;
  if (vc.srNumber) return { refused: `The vendor already accepted ${incident.id} as ${vc.srNumber}.` };
  const sr = validateVendorSrNumber(action.srNumber);
  if (!sr.ok) return { refused: sr.error };
  const when = vendorInstant({ date: action.date, time: action.time }, now, timeZone, new Date(vc.escalatedAt), 'the vendor responded');
  if ('error' in when) return { refused: when.error };
  const respondedAt = when.toISOString();
  const onTime = !vc.responseDueAt || when.getTime() <= Date.parse(vc.responseDueAt);
  const next: VendorCase = { ...vc, srNumber: sr.value, respondedAt, nextUpdateDueAt: vendorUpdateDue(rule, when)?.toISOString() };
  return {
    next: { ...incident, vendorCase: next, remindersSent: incident.remindersSent.filter((k) => !k.startsWith('vendor-response-overdue@')) },
    kind: 'vendor-accepted',
    summary: `The vendor accepted the case as ${sr.value}${vc.responseDueAt ? (onTime ? ' (initial response within the goal)' : ' (initial response after the goal)') : ''}; recorded by ${actor.name}`,
    extra: { to: sr.value },
  };
}

function vendorUpdate({ incident, actor, now, rule, timeZone }: StepContext, action: Extract<VendorAction, { type: 'vendor-update' }>): Step {
  const vc = incident.vendorCase;
  if (!vc) return { refused: `${incident.id} has not been escalated to the vendor.` };
  const blocked = notOpen(incident);
  if (blocked) return blocked;
  if (!vc.srNumber) return { refused: `Record the vendor's SR number for ${incident.id} first: the vendor issues it when it accepts the case.` };
  const text = checkVendorUpdateText(action.text, TEXT_LIMITS.update);
  if (!text.ok) return { refused: text.error };
  const when = vendorInstant({ date: action.date, time: action.time }, now, timeZone, new Date(vc.respondedAt ?? vc.escalatedAt), 'of the vendor update');
  if ('error' in when) return { refused: when.error };
  const onTime = !vc.nextUpdateDueAt || when.getTime() <= Date.parse(vc.nextUpdateDueAt);
  const counted = Boolean(vc.nextUpdateDueAt);
  const next: VendorCase = {
    ...vc,
    nextUpdateDueAt: vendorUpdateDue(rule, when)?.toISOString(),
    updatesOnTime: vc.updatesOnTime + (counted && onTime ? 1 : 0),
    updatesLate: vc.updatesLate + (counted && !onTime ? 1 : 0),
    recentUpdates: [...vc.recentUpdates, { at: when.toISOString(), text: text.value, by: actor }].slice(-MAX_RECENT_VENDOR_UPDATES),
  };
  return {
    next: { ...incident, vendorCase: next, remindersSent: incident.remindersSent.filter((k) => !k.startsWith('vendor-update-overdue@')) },
    kind: 'vendor-update',
    summary: `Vendor update on ${vc.srNumber}${counted ? (onTime ? ' (on time)' : ' (late: the vendor missed its update time)') : ''}, logged by ${actor.name}`,
    extra: { text: text.value },
  };
}

function outageDetails({ incident, actor, now, timeZone, rule }: StepContext, action: Extract<VendorAction, { type: 'outage-details' }>): Step {
  if (!rule.outageNotification) return { refused: `Outage details are for severity 1 and A incidents, which send outage notices; ${incident.id} is severity ${incident.severity}.` };
  if (!isOpen(incident.state)) return { refused: `${incident.id} is no longer open.` };
  const bridge = checkFreeText(action.bridge ?? '', { label: 'The bridge call details', max: TEXT_LIMITS.bridge, multiline: true, optional: true });
  if (!bridge.ok) return { refused: bridge.error };
  let expectedResolutionAt = incident.outage?.expectedResolutionAt;
  const eta = readWallInstant({ date: action.etaDate, time: action.etaTime }, now, timeZone, 'of the expected resolution');
  if (eta && 'error' in eta) return { refused: eta.error };
  if (eta) {
    if (eta.getTime() < now.getTime()) return { refused: 'The expected resolution time is in the past; give when the service should be back.' };
    expectedResolutionAt = eta.toISOString();
  }
  if (!expectedResolutionAt && !bridge.value) return { refused: 'Give the expected resolution time, the bridge call details, or both.' };
  const outage = { ...(expectedResolutionAt ? { expectedResolutionAt } : {}), ...(bridge.value ? { bridge: bridge.value } : incident.outage?.bridge ? { bridge: incident.outage.bridge } : {}) };
  return {
    next: { ...incident, outage },
    kind: 'outage-details',
    summary: `Outage details updated by ${actor.name}`,
    extra: { text: bridge.value || undefined },
  };
}
