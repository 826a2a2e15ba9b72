// Storage contract for findings; the Table implementation is in storage/findings/.
import type { Workspace } from '../workspace';
import type { CategoryId } from './catalog';
import type { Finding, FindingStatus, HistoryEntry } from './finding';
import type { ImportBatch } from './cqd-import';

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
  /** Replaces the finding if its stored ETag is still `etag`, appending the history entry in the same write. */
  update(finding: Finding, history: HistoryEntry, etag: string): Promise<UpdateOutcome>;
  list(workspace: Workspace, filter: FindingListFilter, page: PageRequest): Promise<FindingPage>;
  /** Newest first. */
  history(workspace: Workspace, id: string, limit?: number): Promise<HistoryEntry[]>;
  /** Proposals of an import waiting for the champion's confirmation. */
  saveImport(workspace: Workspace, batch: ImportBatch): Promise<void>;
  getImport(workspace: Workspace, importId: string): Promise<ImportBatch | undefined>;
}
