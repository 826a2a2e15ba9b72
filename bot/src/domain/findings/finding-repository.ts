// Storage contract for findings; the Table implementation is in storage/findings/.
import type { Workspace } from '../workspace';
import type { CategoryId } from './catalog';
import type { Finding, FindingStatus, HistoryEntry } from './finding';
import type { ImportBatch } from './cqd-import';
import type { FindingSummary } from './finding-summary';
import type { QualityDigest } from './quality-digest';

export interface FindingListFilter {
  /** Default: the open statuses. */
  statuses?: readonly FindingStatus[];
  category?: CategoryId;
  owningRole?: string;
  /** ISO time: only findings whose due date is before it (overdue at that moment). */
  overdueAt?: string;
}

export interface PageRequest {
  pageSize?: number;
  continuationToken?: string;
}

export interface FindingPage {
  items: Finding[];
  /** Pass back to get the next page; absent on the last page. */
  continuationToken?: string;
}

/** The stored quality digest: absent digest until one was computed; `pending` while an import writes measurements. */
export interface QualityDigestState {
  digest?: QualityDigest;
  pending?: { token: string; since: string };
  etag: string;
}

export interface FindingSummaries {
  findings: FindingSummary;
  /** Undefined when no digest row exists yet. */
  quality?: QualityDigestState;
}

export type CreateOutcome = { created: true; finding: Finding } | { created: false; existingId: string };
export type UpdateOutcome = { ok: true; finding: Finding } | { ok: false; reason: 'conflict' | 'not-found' };

export interface FindingRepository {
  /**
   * Stores the finding, its first history entry and the idempotency marker together, or
   * nothing: when the marker already exists (a redelivered activity) it returns the id the
   * marker points to.
   */
  create(finding: Finding, history: HistoryEntry, idempotencyKey: string): Promise<CreateOutcome>;
  /** The finding id a given idempotency key filed, if any. */
  idempotent(workspace: Workspace, idempotencyKey: string): Promise<string | undefined>;
  get(workspace: Workspace, id: string): Promise<Finding | undefined>;
  /**
   * Replaces `before` (the stored finding, read with ETag `etag`) by `after`, appending the history
   * entry, moving the finding between the lists and updating the summary in the same write.
   */
  update(before: Finding, after: Finding, history: HistoryEntry, etag: string): Promise<UpdateOutcome>;
  /** In filing order; a status filter reads only the rows of those statuses. */
  list(workspace: Workspace, filter: FindingListFilter, page: PageRequest): Promise<FindingPage>;
  /** The workspace's findings summary (built from the findings when none is stored yet). */
  summary(workspace: Workspace): Promise<FindingSummary>;
  /** The findings summary and the quality digest, in one read. */
  summaries(workspace: Workspace): Promise<FindingSummaries>;
  /** Marks the digest as being recomputed by an import (`token`): readers recompute it meanwhile. Returns the row's ETag. */
  markQualityPending(workspace: Workspace, token: string, since: string): Promise<string>;
  /** Stores a digest: over the row with ETag `etag`, or as a new row. False when the row changed (or exists). */
  saveQualityDigest(workspace: Workspace, digest: QualityDigest, expected: { etag: string } | { create: true }): Promise<boolean>;
  /** Newest first. */
  history(workspace: Workspace, id: string, limit?: number): Promise<HistoryEntry[]>;
  /** Proposals of an import waiting for the champion's confirmation. */
  saveImport(workspace: Workspace, batch: ImportBatch): Promise<void>;
  getImport(workspace: Workspace, importId: string): Promise<ImportBatch | undefined>;
}
