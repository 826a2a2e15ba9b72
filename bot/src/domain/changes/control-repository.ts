// The storage contract shared by problems and changes: records in the workspace's partition,
// listed by status without a scan, updated with the ETag the change was based on, and the
// workspace's summary row kept right in the same write.
import type { Workspace } from '../workspace';
import type { ControlSummary } from './control-summary';

/** "open": the open statuses; one status; or every record. Newest first. */
export type StatusFilter<S extends string> = 'open' | 'all' | S;

export interface ControlPage<T> {
  items: T[];
  continuation?: string;
}

export interface ControlRepository<T extends { id: string; number: number; workspace: Workspace; etag?: string }, S extends string> {
  /** Stores a new record; 'taken' when its number is stored already. */
  create(record: T): Promise<T | 'taken'>;
  get(workspace: Workspace, number: number): Promise<T | undefined>;
  /** Replaces the record stored with `expectedEtag`; 'conflict' when it changed since. */
  update(before: T, after: T, expectedEtag: string): Promise<T | 'conflict'>;
  list(workspace: Workspace, filter: StatusFilter<S>, page: { limit: number; continuation?: string }): Promise<ControlPage<T>>;
  /** The workspace's summary (one point read; the empty summary before the first record). */
  summary(workspace: Workspace): Promise<ControlSummary>;
}
