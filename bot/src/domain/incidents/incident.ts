// The incident aggregate as the domain sees it. Times are ISO-8601 UTC strings so the record
// round-trips through storage and cards unchanged.
import type { Workspace } from '../workspace';
import type { EscalationKind } from './escalation-kind';
import type { ScopeDecision } from './scope-check';
import { mostSevere, type SeverityLevel } from './severity';
import type { VendorCase } from './vendor-case';

export type { Clock } from '../../platform/clock';

export interface Person {
  /** AAD object id (or Teams user id); shown nowhere, used for refresh user ids and mentions. */
  id: string;
  name: string;
}

export type IncidentState = 'recorded' | 'classified' | 'investigating' | 'resolved' | 'closed' | 'archived';
export const OPEN_STATES: readonly IncidentState[] = ['recorded', 'classified', 'investigating'];
export const isOpen = (s: IncidentState) => OPEN_STATES.includes(s);

/** What an escalation states about the problem: collected by the dialog, kept on the incident. */
export interface EscalationFacts {
  service: string;
  problem: string;
  impact: string;
  affected: string;
  startedAt: string;
  severity: SeverityLevel;
  scope: ScopeDecision;
  /** Technical or non-technical (escalation-kind.ts); absent on incidents stored before it was recorded. */
  escalationKind?: EscalationKind;
}

export interface Incident extends EscalationFacts {
  /**
   * Our internal reference, e.g. "SR-202403-0042"; also the incident's id. It is minted here,
   * so it is never the vendor's SR number (that is vendorCase.srNumber, issued by the vendor).
   */
  id: string;
  /** The workspace-wide sequence number inside the SR number. */
  number: number;
  workspace: Workspace;
  state: IncidentState;
  /**
   * The most severe level the incident has had (the severity can change during its life, and
   * the service review counts it at its worst). Absent on incidents stored before it was kept.
   */
  highestSeverity?: SeverityLevel;
  recordedAt: string;
  recordedBy: Person;
  owner?: Person;
  acknowledgedAt?: string;
  /** When the initial response is due; undefined when the severity has no response goal. */
  responseDueAt?: string;
  resolverGroup?: string;
  /** 0 = with the first-line owner; each escalation to a resolver group adds one. */
  escalationLevel: number;
  lastUpdateAt?: string;
  lastUpdateText?: string;
  lastUpdateBy?: Person;
  /** Undefined when no update is owed: "as agreed" severities and incidents no longer open. */
  nextUpdateDueAt?: string;
  updatesTotal: number;
  updatesOnTime: number;
  resolvedAt?: string;
  resolution?: { kind: 'resolution' | 'workaround'; text: string };
  closedAt?: string;
  archivedAt?: string;
  /** The vendor's side (second clock); absent until the desk escalates to the vendor, and on older records. */
  vendorCase?: VendorCase;
  /** What the outage notices tell the business beyond the facts: expected resolution and the bridge call. */
  outage?: OutageDetails;
  /** The requester's confirmation that the fix works; asked for when the incident is resolved. */
  validation?: RequesterValidation;
  /** The requester's answer to the one-question satisfaction survey after closing (1 to 5). */
  satisfaction?: { rating: number; at: string };
  /** Keys of reminders already sent for the current update cycle (see reminders.ts). */
  remindersSent: string[];
  /** The incident's row in the due index (reminder-index.ts); absent on records stored before it. */
  reminderIndex?: ReminderIndexPointer;
  /** Number of timeline entries written so far; the next entry gets timelineCount + 1. */
  timelineCount: number;
  /** Bumped on every change; shown on the card so people can tell two renderings apart. */
  version: number;
  updatedAt: string;
}

export interface OutageDetails {
  /** Expected resolution time (ISO), as the owner last gave it. */
  expectedResolutionAt?: string;
  /** Join link, phone number and participant code, as free text. */
  bridge?: string;
}

export interface RequesterValidation {
  requestedAt: string;
  confirmedAt?: string;
  /** Set when the requester said it is not fixed (the incident reopened). */
  rejectedAt?: string;
}

/**
 * Where the due index files the incident: the instant of its row (absent when no reminder is
 * pending) and a number that grows with every move, so a late removal of an older row can
 * never delete the current one, even when the instant comes back to an earlier value.
 */
export interface ReminderIndexPointer {
  seq: number;
  at?: string;
}

/**
 * Where the incident's clocks (age, first response, time to resolve) start: when the problem
 * started as the reporter said, not when it was recorded. A start given a few minutes ahead
 * of the recording (clock skew, allowed by the dialog) counts from the recording.
 */
export function clockStart(i: Pick<Incident, 'startedAt' | 'recordedAt'>): Date {
  const recorded = Date.parse(i.recordedAt);
  const started = Date.parse(i.startedAt);
  return new Date(Number.isNaN(started) ? recorded : Math.min(started, recorded));
}

/** The severity the incident is counted at in the figures: the highest it reached. */
export function highestSeverityOf(i: Pick<Incident, 'severity' | 'highestSeverity'>): SeverityLevel {
  return i.highestSeverity ? mostSevere(i.highestSeverity, i.severity) : i.severity;
}

export type TimelineKind =
  | 'recorded'
  | 'classified'
  | 'acknowledged'
  | 'update'
  | 'severity-changed'
  | 'escalated'
  | 'de-escalated'
  | 'resolved'
  | 'reopened'
  | 'closed'
  | 'archived'
  | 'vendor-escalated'
  | 'vendor-accepted'
  | 'vendor-update'
  | 'outage-details'
  | 'validated'
  | 'satisfaction';

export interface TimelineEntry {
  incidentId: string;
  seq: number;
  at: string;
  actor: Person;
  kind: TimelineKind;
  /** Human summary, e.g. "Severity B → A". */
  summary: string;
  /** User-written text of the step (update text, impact statement, resolution), if any. */
  text?: string;
  from?: string;
  to?: string;
}

// Limits keep one incident (stored as JSON) well inside a 32 K-character table property.
export const TEXT_LIMITS = { service: 120, problem: 2000, impact: 2000, affected: 500, update: 2000, resolution: 2000, resolverGroup: 120, note: 1000, bridge: 500 } as const;

/**
 * Service request number: "SR-<yyyymm>-<n>", the month the incident was recorded in the
 * workspace's time zone and a workspace-wide sequence number (not reset monthly, so the
 * number alone is unique; the month is for people). n is zero-padded to at least 4 digits.
 */
export function formatSrNumber(n: number, recordedYear: number, recordedMonth: number): string {
  return `SR-${String(recordedYear).padStart(4, '0')}${String(recordedMonth).padStart(2, '0')}-${String(n).padStart(4, '0')}`;
}

export function parseSrNumber(id: string): { year: number; month: number; n: number } | undefined {
  const m = /^SR-(\d{4})(\d{2})-(\d{4,})$/i.exec(id.trim());
  if (!m) return undefined;
  const n = Number(m[3]);
  return Number.isSafeInteger(n) && n > 0 ? { year: Number(m[1]), month: Number(m[2]), n } : undefined;
}
