// Communication rhythm: when the next status update is due and which reminders are owed.
// Everything here is pure: the scheduler passes `now`, sends what comes back, and records
// the keys it sent (claimReminder) so a second tick or a second instance sends nothing twice.
import { clockStart, isOpen, type Incident } from './incident';
import type { SeverityPolicy, SeverityRule } from './severity';

const MINUTE = 60_000;

/**
 * The next update is due `updateEveryMinutes` of absolute time after `from`: across midnight,
 * month ends and DST changes alike (a 2-hour cadence is 2 real hours even on the night the
 * clocks go forward, so the wall clock may read 3 hours later). null when the severity's
 * updates are "as agreed".
 */
export function nextUpdateDue(rule: SeverityRule, from: Date): Date | null {
  return rule.updateEveryMinutes === null ? null : new Date(from.getTime() + rule.updateEveryMinutes * MINUTE);
}

/**
 * When the initial response is due, or null when the severity sets no response goal. `started`
 * is the incident's clock start (clockStart): the goal runs from when the problem began, so an
 * incident reported late is due (or overdue) accordingly.
 */
export function responseDue(rule: SeverityRule, started: Date): Date | null {
  return rule.initialResponseMinutes === null ? null : new Date(started.getTime() + rule.initialResponseMinutes * MINUTE);
}

export type ResponseStatus =
  | { kind: 'no-goal' }
  | { kind: 'met'; afterMinutes: number }
  | { kind: 'missed'; afterMinutes: number }
  | { kind: 'pending'; dueAt: string }
  | { kind: 'overdue'; dueAt: string };

export function responseStatus(incident: Incident, now: Date): ResponseStatus {
  if (!incident.responseDueAt) return { kind: 'no-goal' };
  const due = Date.parse(incident.responseDueAt);
  if (incident.acknowledgedAt) {
    const ack = Date.parse(incident.acknowledgedAt);
    const afterMinutes = Math.round((ack - clockStart(incident).getTime()) / MINUTE);
    return ack <= due ? { kind: 'met', afterMinutes } : { kind: 'missed', afterMinutes };
  }
  return now.getTime() <= due ? { kind: 'pending', dueAt: incident.responseDueAt } : { kind: 'overdue', dueAt: incident.responseDueAt };
}

/**
 * Ours: update-due, update-overdue, response-overdue (our own owner owes it). The vendor's:
 * vendor-response-overdue and vendor-update-overdue, a breach of the vendor's commitment that
 * tells our owner to chase the vendor.
 */
export type ReminderKind = 'update-due' | 'update-overdue' | 'response-overdue' | 'vendor-response-overdue' | 'vendor-update-overdue';

/** The vendor's deadlines the rhythm watches: each flagged once, the millisecond after it passes. */
function vendorDeadlines(incident: Incident): { kind: ReminderKind; dueAt: string }[] {
  const vc = incident.vendorCase;
  if (!vc || !isOpen(incident.state)) return [];
  const out: { kind: ReminderKind; dueAt: string }[] = [];
  if (vc.responseDueAt && !vc.respondedAt) out.push({ kind: 'vendor-response-overdue', dueAt: vc.responseDueAt });
  if (vc.nextUpdateDueAt) out.push({ kind: 'vendor-update-overdue', dueAt: vc.nextUpdateDueAt });
  return out;
}

export interface ReminderDecision {
  /** Stable for one due time: sending the same key twice is the duplicate to avoid. */
  key: string;
  kind: ReminderKind;
  incidentId: string;
  dueAt: string;
}

export function reminderKey(kind: ReminderKind, dueAt: string): string {
  return `${kind}@${dueAt}`;
}

/**
 * Which reminders an incident owes at `now`, split into those to send and those already sent.
 * - update-due: from `reminderLeadMinutes` before the next update is due until it is due;
 * - update-overdue: once the due time has passed (a due reminder not sent by then is
 *   skipped, so a late scheduler sends one overdue card, not two cards at once);
 * - response-overdue: an incident nobody acknowledged within the initial response goal.
 * One of each per due time; a status update moves the due time and so starts a new cycle.
 */
export function reminderDecisions(incident: Incident, policy: SeverityPolicy, now: Date): { send: ReminderDecision[]; alreadySent: ReminderDecision[] } {
  const owed: ReminderDecision[] = [];
  if (isOpen(incident.state)) {
    const t = now.getTime();
    if (incident.nextUpdateDueAt) {
      const due = Date.parse(incident.nextUpdateDueAt);
      const lead = policy.reminderLeadMinutes * MINUTE;
      const kind: ReminderKind | undefined = t > due ? 'update-overdue' : t >= due - lead ? 'update-due' : undefined;
      if (kind) owed.push({ key: reminderKey(kind, incident.nextUpdateDueAt), kind, incidentId: incident.id, dueAt: incident.nextUpdateDueAt });
    }
    if (incident.state === 'recorded' && !incident.acknowledgedAt && incident.responseDueAt && t > Date.parse(incident.responseDueAt)) {
      owed.push({ key: reminderKey('response-overdue', incident.responseDueAt), kind: 'response-overdue', incidentId: incident.id, dueAt: incident.responseDueAt });
    }
    for (const v of vendorDeadlines(incident)) if (t > Date.parse(v.dueAt)) owed.push({ key: reminderKey(v.kind, v.dueAt), kind: v.kind, incidentId: incident.id, dueAt: v.dueAt });
  }
  const taken = new Set(incident.remindersSent.filter((entry) => isTaken(entry, now)).map(keyOf));
  return { send: owed.filter((d) => !taken.has(d.key)), alreadySent: owed.filter((d) => taken.has(d.key)) };
}

/**
 * The first instant at which reminderDecisions owes this incident a reminder it has not sent,
 * or undefined when it never will (finished, nothing pending, everything sent). It reads the
 * same facts as reminderDecisions, so the due index wakes the rhythm exactly when a decision
 * changes: the update-due window opens `reminderLeadMinutes` before the next update is due
 * and closes at it, update-overdue and response-overdue start the millisecond after their due
 * time, and a claim held by another instance postpones its key until the lease runs out.
 */
export function nextReminderDue(incident: Incident, policy: SeverityPolicy): Date | undefined {
  if (!isOpen(incident.state)) return undefined;
  const windows: { key: string; from: number; until: number }[] = [];
  const due = incident.nextUpdateDueAt ? Date.parse(incident.nextUpdateDueAt) : NaN;
  if (!Number.isNaN(due)) {
    windows.push({ key: reminderKey('update-due', incident.nextUpdateDueAt!), from: due - policy.reminderLeadMinutes * MINUTE, until: due });
    windows.push({ key: reminderKey('update-overdue', incident.nextUpdateDueAt!), from: due + 1, until: Infinity });
  }
  const response = incident.responseDueAt ? Date.parse(incident.responseDueAt) : NaN;
  if (incident.state === 'recorded' && !incident.acknowledgedAt && !Number.isNaN(response)) {
    windows.push({ key: reminderKey('response-overdue', incident.responseDueAt!), from: response + 1, until: Infinity });
  }
  for (const v of vendorDeadlines(incident)) windows.push({ key: reminderKey(v.kind, v.dueAt), from: Date.parse(v.dueAt) + 1, until: Infinity });
  let first = Infinity;
  for (const w of windows) {
    const entries = incident.remindersSent.filter((entry) => keyOf(entry) === w.key);
    if (entries.some((entry) => !entry.includes(LEASE))) continue; // sent for good
    // A held claim is taken while its lease runs (isTaken): owed again from the lease's end.
    const leases = entries.map((entry) => Date.parse(entry.slice(entry.indexOf(LEASE) + LEASE.length))).filter((t) => !Number.isNaN(t));
    const from = Math.max(w.from, ...leases);
    if (from <= w.until) first = Math.min(first, from);
  }
  return first === Infinity ? undefined : new Date(first);
}

// A reminder is recorded in `remindersSent` as its key once sent, or as `key|until=<instant>`
// while one instance holds it (claimed, not yet confirmed). A claim whose lease has run out
// (the instance died between claim and send) is owed again.
const LEASE = '|until=';

function keyOf(entry: string): string {
  const i = entry.indexOf(LEASE);
  return i < 0 ? entry : entry.slice(0, i);
}

function isTaken(entry: string, now: Date): boolean {
  const i = entry.indexOf(LEASE);
  return i < 0 || Date.parse(entry.slice(i + LEASE.length)) > now.getTime();
}

/** Claims a reminder until `leaseUntil`; undefined when it is sent or held by someone else. */
export function withReminderClaimed(incident: Incident, key: string, now: Date, leaseUntil: Date): Incident | undefined {
  if (incident.remindersSent.some((entry) => keyOf(entry) === key && isTaken(entry, now))) return undefined;
  // Keep only entries that can still matter: the current update cycle and the response goal.
  const vendor = new Set(vendorDeadlines(incident).map((v) => reminderKey(v.kind, v.dueAt)));
  const live = incident.remindersSent.filter((entry) => keyOf(entry) !== key && ((!entry.startsWith('vendor-') && keyOf(entry).endsWith(`@${incident.nextUpdateDueAt ?? ''}`)) || entry.startsWith('response-overdue@') || vendor.has(keyOf(entry))));
  return { ...incident, remindersSent: [...live, `${key}${LEASE}${leaseUntil.toISOString()}`] };
}

/** Marks a claimed reminder as sent (idempotent). */
export function withReminderConfirmed(incident: Incident, key: string): Incident | undefined {
  if (incident.remindersSent.includes(key)) return undefined;
  return { ...incident, remindersSent: [...incident.remindersSent.filter((entry) => keyOf(entry) !== key), key] };
}

/** Drops a claim (or record) of a reminder so it is owed again. */
export function withReminderReleased(incident: Incident, key: string): Incident | undefined {
  if (!incident.remindersSent.some((entry) => keyOf(entry) === key)) return undefined;
  return { ...incident, remindersSent: incident.remindersSent.filter((entry) => keyOf(entry) !== key) };
}
