// The incident due index: one row per incident with a reminder pending, filed under the instant
// its next reminder decision becomes due, so the rhythm reads what is due and nothing else.
// The row is a pointer; the incident stays the truth. Every write re-derives where the row
// belongs (planReminderIndex), the new row goes in before the incident is written and the old
// one comes out after, so a crash leaves an extra row (dropped when the rhythm reads it), never
// a missing one.
import type { Workspace } from '../workspace';
import { nextReminderDue } from './cadence';
import type { Incident, ReminderIndexPointer } from './incident';
import type { SeverityPolicy } from './severity';

export interface IncidentDueEntry {
  workspace: Workspace;
  incidentId: string;
  /** When the rhythm should look at the incident (ISO, UTC). */
  dueAt: string;
  /** The pointer's sequence number: tells the current row from older ones. */
  seq: number;
}

export interface IncidentDueIndex {
  put(entries: readonly IncidentDueEntry[]): Promise<void>;
  /** Removes the rows; rows already gone are fine. */
  remove(entries: readonly IncidentDueEntry[]): Promise<void>;
  /** Rows due at or before `now`, from the minute of `from` (inclusive; default: the beginning). */
  listDue(now: Date, from?: Date): Promise<IncidentDueEntry[]>;
}

export interface ReminderIndexPlan {
  /** The incident to write, its pointer set. */
  incident: Incident;
  /** Put before the incident is written. */
  put?: IncidentDueEntry;
  /** Remove once the incident is written. */
  remove?: IncidentDueEntry;
}

/**
 * Where the due index should file `incident` as of `now`. A due instant already past is filed
 * under `now`: a row behind the readers' watermarks would only be found by a sweep. No change
 * (no put, no remove) when the pointer is already right.
 */
export function planReminderIndex(incident: Incident, policy: SeverityPolicy, now: Date): ReminderIndexPlan {
  const due = nextReminderDue(incident, policy);
  const at = due ? new Date(Math.max(due.getTime(), now.getTime())).toISOString() : undefined;
  const current = incident.reminderIndex;
  if (current?.at === at) return { incident };
  const pointer: ReminderIndexPointer = at ? { seq: (current?.seq ?? 0) + 1, at } : { seq: current?.seq ?? 0 };
  const next: Incident = { ...incident, reminderIndex: pointer };
  return {
    incident: next,
    ...(at ? { put: dueEntryOf(next, { seq: pointer.seq, at }) } : {}),
    ...(current?.at ? { remove: dueEntryOf(incident, { seq: current.seq, at: current.at }) } : {}),
  };
}

function dueEntryOf(incident: Incident, pointer: { seq: number; at: string }): IncidentDueEntry {
  return { workspace: incident.workspace, incidentId: incident.id, dueAt: pointer.at, seq: pointer.seq };
}

/** Whether a row read from the index is the one the incident points at now. */
export function isCurrentRow(entry: IncidentDueEntry, pointer: ReminderIndexPointer | undefined): boolean {
  return pointer?.at !== undefined && entry.seq === pointer.seq && Date.parse(entry.dueAt) === Date.parse(pointer.at);
}
