// Storage interfaces for reminders; implemented in storage/table-schedule-*, table-occurrence-*
// and table-reminder-*.
import type { Workspace } from '../workspace';
import type { CompletionRecord } from './actions';
import type { ReminderSchedule, ReminderSettings } from './schedule';

export type { Clock } from '../../platform/clock';

export interface ScheduleRepository {
  get(workspace: Workspace, id: string): Promise<ReminderSchedule | undefined>;
  list(workspace: Workspace): Promise<ReminderSchedule[]>;
  /** Enabled schedules for one conversation with an open task (carried into its digest). */
  listOpenForTarget(workspace: Workspace, conversationId: string): Promise<ReminderSchedule[]>;
  /** Inserts; 'exists' when the id is taken. Returns the stored schedule with its ETag. */
  create(schedule: ReminderSchedule): Promise<ReminderSchedule | 'exists'>;
  /** Inserts or replaces many of one workspace in batches (seeding); existing ids are left alone. */
  createMany(schedules: readonly ReminderSchedule[]): Promise<void>;
  /** Replaces the row if its ETag still matches; 'conflict' when someone changed it first. */
  update(schedule: ReminderSchedule): Promise<ReminderSchedule | 'conflict'>;
  /** ETag-conditional replace of several schedules of one workspace at once (all or none). */
  updateMany(schedules: readonly ReminderSchedule[]): Promise<ReminderSchedule[] | 'conflict'>;
  delete(workspace: Workspace, id: string): Promise<void>;
}

export interface DueEntry {
  /** Due instant, ISO. */
  dueAt: string;
  workspace: Workspace;
  scheduleId: string;
  targetConversationId: string;
}

/** Due entries of one read; `next` is where to go on when the read stopped at its limit. */
export interface DuePage {
  entries: DueEntry[];
  next?: string;
}

/**
 * The due index: one row per (due instant, schedule), partitioned by UTC minute (and a shard of
 * the workspace) so a tick reads only the partitions that are due, never the schedules that are not.
 */
export interface DueIndex {
  put(entries: readonly DueEntry[]): Promise<void>;
  remove(entries: readonly DueEntry[]): Promise<void>;
  /**
   * Entries from `from` (a minute bucket, or a `next` of an earlier page) up to `now`'s minute,
   * due ≤ now, at most `limit` rows read.
   */
  listDue(now: Date, from?: string, limit?: number): Promise<DuePage>;
}

export type ClaimState = 'claimed' | 'sent' | 'undeliverable';

export interface OccurrenceClaim {
  workspace: Workspace;
  occurrenceId: string;
  scheduleId: string;
  dueAt: string;
  /** The recipient this claim is for. */
  targetConversationId: string;
  state: ClaimState;
  owner: string;
  /** Until when the owner may send; after it another instance may take over. */
  leaseUntil: string;
  attempts: number;
  sentAt?: string;
  note?: string;
  etag?: string;
}

export interface OccurrenceClaimRepository {
  /**
   * Claims occurrences of one workspace by conditional insert: all of them at once when none is
   * taken (one transaction), otherwise one by one. Returns the claims this caller won.
   */
  claim(claims: readonly Omit<OccurrenceClaim, 'etag'>[]): Promise<{ won: OccurrenceClaim[]; taken: string[] }>;
  get(workspace: Workspace, occurrenceId: string): Promise<OccurrenceClaim | undefined>;
  /** ETag-conditional replace; 'conflict' when another instance changed it first. */
  update(claim: OccurrenceClaim): Promise<OccurrenceClaim | 'conflict'>;
  /** ETag-conditional replace of several claims of one workspace at once (all or none). */
  updateMany(claims: readonly OccurrenceClaim[]): Promise<OccurrenceClaim[] | 'conflict'>;
  /** True for the one caller that first claims this one-off key (e.g. "tell the owner once"). */
  claimOnce(workspace: Workspace, key: string, at: string): Promise<boolean>;
}

export interface CompletionRepository {
  /** Idempotent: the same resolution recorded twice is one row. */
  record(workspace: Workspace, record: CompletionRecord): Promise<void>;
  list(workspace: Workspace, sinceIso?: string): Promise<CompletionRecord[]>;
}

export interface ReminderSettingsRepository {
  get(workspace: Workspace): Promise<ReminderSettings>;
  save(settings: ReminderSettings): Promise<ReminderSettings | 'conflict'>;
}
