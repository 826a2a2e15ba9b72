// What the incident service needs from storage. One implementation lives in
// storage/table-incident-repository.ts; the tests also use it against Azurite.
import type { Workspace } from '../workspace';
import type { Incident, IncidentState, TimelineEntry } from './incident';
import type { SeverityLevel, SeverityOverrides } from './severity';

/** An incident with the opaque concurrency token of the stored record. */
export interface StoredIncident {
  incident: Incident;
  etag: string;
}

/** The outcome of an action, kept so a repeated delivery returns the same thing. */
export interface IdempotencyRecord {
  key: string;
  incidentId: string;
  /** 'filed' for a new escalation, otherwise the action type. */
  operation: string;
  at: string;
  /** The incident as it was right after the action (what the first delivery returned). */
  result: Incident;
}

export type WriteOutcome = { ok: true; etag: string } | { ok: false; reason: 'conflict' | 'duplicate' };

export interface IncidentFilter {
  /** 'open' = recorded/classified/investigating; 'all' includes finished ones. Default 'open'. */
  state?: 'open' | 'all' | IncidentState;
  severity?: SeverityLevel;
  /** Only open incidents whose next update was due before this instant. */
  updateOverdueAt?: Date;
  /** recordedAt in [from, to): for monthly figures. */
  recordedFrom?: Date;
  recordedTo?: Date;
}

export interface PageRequest {
  limit: number;
  continuation?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; undefined on the last page. */
  continuation?: string;
}

export interface IncidentSettings {
  timeZone: string;
  overrides?: SeverityOverrides;
  /** Where severity 1/A outage notifications go (the designated audience channel). */
  audienceConversationId?: string;
}

export interface IncidentRepository {
  get(workspace: Workspace, id: string): Promise<StoredIncident | undefined>;
  /**
   * Writes a new incident, its first timeline entries and (if given) the idempotency record
   * atomically. 'duplicate' when the idempotency key was used already, 'conflict' when the id exists.
   */
  create(incident: Incident, entries: readonly TimelineEntry[], idempotency?: IdempotencyRecord): Promise<WriteOutcome>;
  /**
   * Replaces the incident if its stored ETag is still `etag`, appending the timeline entries
   * and the idempotency record in the same atomic write.
   */
  update(incident: Incident, etag: string, entries: readonly TimelineEntry[], idempotency?: IdempotencyRecord): Promise<WriteOutcome>;
  getIdempotency(workspace: Workspace, key: string): Promise<IdempotencyRecord | undefined>;
  timeline(workspace: Workspace, incidentId: string, page: PageRequest): Promise<Page<TimelineEntry>>;
  /** Newest first. */
  list(workspace: Workspace, filter: IncidentFilter, page: PageRequest): Promise<Page<StoredIncident>>;
  /**
   * Open incidents of every workspace: a query across all partitions, so only for a one-off
   * job (the due index's backfill), never for a timer.
   */
  listOpenEverywhere(page: PageRequest): Promise<Page<StoredIncident>>;
  getSettings(workspace: Workspace): Promise<IncidentSettings | undefined>;
  saveSettings(workspace: Workspace, settings: IncidentSettings): Promise<void>;
}
