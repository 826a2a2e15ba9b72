// The vendor's side of an incident: the second clock. Seed 003 says what the vendor commits to
// once the service desk escalates a case it could not resolve: an initial response within the
// severity's goal, counted from the escalation to the vendor, then status updates at the
// severity's cadence (1 hour for severity 1, 2 hours for A, 24 hours for B, 72 hours for C),
// and a service request number issued when the vendor accepts the case. Our own record (owner,
// notices to the business) keeps its own clock on the incident itself.
import type { Person } from './incident';
import type { SeverityRule } from './severity';
import { checkFreeText } from '../text/free-text';
import { wallToInstant } from '../../platform/zoned-time';

const MINUTE = 60_000;

/** One status update the vendor gave us, as the desk logged it. */
export interface VendorUpdate {
  at: string;
  text: string;
  by: Person;
}

export interface VendorCase {
  escalatedAt: string;
  escalatedBy: Person;
  /** Ids of the troubleshooting checklist items the desk confirmed before escalating. */
  troubleshooting: string[];
  /** When the vendor's initial response is due; absent when the severity sets no goal (severity 1, D). */
  responseDueAt?: string;
  /** The vendor's own service request number, issued when it accepted the case. */
  srNumber?: string;
  /** When the vendor responded (accepted the case), as the desk recorded it. */
  respondedAt?: string;
  /** When the next vendor update is due; absent until the vendor responded, or when updates are "as agreed". */
  nextUpdateDueAt?: string;
  /** Vendor updates that came by their due time, and those that came late. */
  updatesOnTime: number;
  updatesLate: number;
  /** The latest few updates (older ones stay on the timeline). */
  recentUpdates: VendorUpdate[];
}

export const MAX_RECENT_VENDOR_UPDATES = 3;

/**
 * What the desk confirms before it escalates: seed 003's service-desk responsibilities, the
 * things inside our own span of control that are worked through before the vendor is asked.
 */
export const TROUBLESHOOTING_CHECKLIST = [
  { id: 'troubleshot', title: 'Troubleshooting is done: we tried to find the problem and a resolution, using the vendor\'s support and diagnostic tools' },
  { id: 'how-to', title: 'The provided how-to articles and FAQs do not resolve it' },
  { id: 'self-service', title: 'The vendor\'s self-service tools do not resolve it' },
  { id: 'configuration', title: 'Software configuration, client connectivity and desktop support are ruled out' },
  { id: 'span-of-control', title: 'It is no availability or performance problem within our own span of control' },
] as const;

export type TroubleshootingItem = (typeof TROUBLESHOOTING_CHECKLIST)[number]['id'];

/** The ids the desk has not confirmed (the vendor escalation needs all of them). */
export function missingTroubleshooting(confirmed: readonly string[]): TroubleshootingItem[] {
  return TROUBLESHOOTING_CHECKLIST.map((c) => c.id).filter((id) => !confirmed.includes(id));
}

export const VENDOR_SR_MAX = 40;

/** A vendor SR number as the vendor writes it: 3 to 40 letters, digits and - _ . / # (no spaces). */
export function validateVendorSrNumber(input: unknown): { ok: true; value: string } | { ok: false; error: string } {
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text) return { ok: false, error: 'Write the vendor\'s service request number (the one the vendor issued when it accepted the case).' };
  if (text.length < 3 || text.length > VENDOR_SR_MAX) return { ok: false, error: `The vendor SR number must be 3 to ${VENDOR_SR_MAX} characters; "${text.slice(0, VENDOR_SR_MAX)}" is ${text.length}.` };
  if (!/^[A-Za-z0-9][A-Za-z0-9\-_./#]*$/.test(text)) return { ok: false, error: 'The vendor SR number may contain letters, digits and - _ . / # only, with no spaces.' };
  return { ok: true, value: text };
}

/** A vendor update's text, with the rule every free text follows. */
export function checkVendorUpdateText(input: unknown, max: number): { ok: true; value: string } | { ok: false; error: string } {
  return checkFreeText(input, { label: 'The vendor update', max, min: 3, multiline: true, whenMissing: 'Please write what the vendor said.' });
}

/**
 * The instant a card's date ("YYYY-MM-DD") and time ("HH:mm") name in the workspace's zone; a
 * time without a date is today in the zone. Undefined when both are empty.
 */
export function readWallInstant(input: { date?: string; time?: string }, now: Date, timeZone: string, what: string): Date | { error: string } | undefined {
  const time = input.time?.trim() ?? '';
  const date = input.date?.trim() ?? '';
  if (!time && !date) return undefined;
  const t = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(time);
  if (!t) return { error: `Give the time ${what} as HH:mm, for example 14:05.` };
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (date && !d) return { error: `Give the date ${what} as YYYY-MM-DD.` };
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now).split('-');
  const [year, month, day] = d ? [d[1], d[2], d[3]] : [today[0], today[1], today[2]];
  try {
    return wallToInstant({ year: Number(year), month: Number(month), day: Number(day), hour: Number(t[1]), minute: Number(t[2]) }, timeZone);
  } catch {
    return { error: `${date} ${time} is not a valid date and time.` };
  }
}

/**
 * When something the vendor did happened: the card's date and time (readWallInstant), else now.
 * Refused when it is in the future or before `notBefore` (e.g. the escalation).
 */
export function vendorInstant(input: { date?: string; time?: string }, now: Date, timeZone: string, notBefore: Date, what: string): Date | { error: string } {
  const at = readWallInstant(input, now, timeZone, what) ?? now;
  if ('error' in at) return at;
  if (at.getTime() > now.getTime() + MINUTE) return { error: `The time ${what} is in the future; give the time it happened.` };
  if (at.getTime() < notBefore.getTime()) return { error: `The time ${what} is before the case was escalated to the vendor.` };
  return at;
}

export function vendorResponseDue(rule: SeverityRule, escalatedAt: Date): Date | undefined {
  return rule.initialResponseMinutes === null ? undefined : new Date(escalatedAt.getTime() + rule.initialResponseMinutes * MINUTE);
}

export function vendorUpdateDue(rule: SeverityRule, from: Date): Date | undefined {
  return rule.updateEveryMinutes === null ? undefined : new Date(from.getTime() + rule.updateEveryMinutes * MINUTE);
}

export type CommitmentStatus = 'met' | 'breached' | 'pending';

export interface VendorCommitment {
  kind: 'initial-response' | 'update';
  status: CommitmentStatus;
  /** The due time (the current or last interval's, for updates). */
  dueAt?: string;
  /** For updates: how many intervals ended this way (pending is always 0 or 1). */
  count: number;
}

/**
 * Each vendor commitment of a case as met, breached or pending at `now`. The initial response
 * is met when the vendor responded by its due time (inclusive), breached when it responded
 * later or has not responded by then, pending before. Every logged update closes an interval
 * (on time or late); the interval running now is pending until its due time and breached from
 * the millisecond after. `endedAt` (resolution) stops the running clock: an interval whose due
 * time had not come by then is owed nothing.
 */
export function vendorCommitments(vc: VendorCase, now: Date, endedAt?: string): VendorCommitment[] {
  const end = endedAt ? Math.min(Date.parse(endedAt), now.getTime()) : now.getTime();
  const out: VendorCommitment[] = [];
  if (vc.responseDueAt) {
    const due = Date.parse(vc.responseDueAt);
    const status: CommitmentStatus = vc.respondedAt ? (Date.parse(vc.respondedAt) <= due ? 'met' : 'breached') : end > due ? 'breached' : 'pending';
    // A case resolved before any response and before the goal ran out owes no response any more.
    if (!(endedAt && !vc.respondedAt && end <= due)) out.push({ kind: 'initial-response', status, dueAt: vc.responseDueAt, count: 1 });
  }
  const met = vc.updatesOnTime;
  let breached = vc.updatesLate;
  let pending = 0;
  if (vc.nextUpdateDueAt) {
    const due = Date.parse(vc.nextUpdateDueAt);
    if (end > due) breached++;
    else if (!endedAt) pending++;
  }
  if (met) out.push({ kind: 'update', status: 'met', count: met, dueAt: undefined });
  if (breached) out.push({ kind: 'update', status: 'breached', count: breached, dueAt: vc.nextUpdateDueAt });
  if (pending) out.push({ kind: 'update', status: 'pending', count: 1, dueAt: vc.nextUpdateDueAt });
  return out;
}

/** Totals over the commitments: for the figures. */
export function commitmentTotals(list: readonly VendorCommitment[]): { met: number; breached: number; pending: number } {
  const t = { met: 0, breached: 0, pending: 0 };
  for (const c of list) t[c.status] += c.count;
  return t;
}

