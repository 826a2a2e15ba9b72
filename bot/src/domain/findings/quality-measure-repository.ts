// Storage contract for the measured call quality: the monthly aggregates (month × building/subnet
// × network type) of every call-quality import, per workspace. The Table implementation is in
// storage/findings/table-quality-measure-repository.ts.
//
// A month is stored as a whole: importing a month again replaces what was stored for it (the
// same file twice never doubles a count; a corrected export of the month supersedes the first).
import type { Workspace } from '../workspace';
import type { Aggregate } from './cqd-import';

export interface QualityMeasureQuery {
  /** YYYY-MM, inclusive. */
  fromMonth?: string;
  /** YYYY-MM, inclusive. */
  toMonth?: string;
}

export interface QualityMeasureRepository {
  /** Makes `aggregates` (all of `month`) the stored measurements of that month, replacing any stored before. */
  upsertMonth(workspace: Workspace, month: string, aggregates: readonly Aggregate[]): Promise<void>;
  /** The stored aggregates, oldest month first. */
  list(workspace: Workspace, query?: QualityMeasureQuery): Promise<Aggregate[]>;
}

/** YYYY-MM, `months` before the month of `now` (UTC). */
export function monthsBefore(now: Date, months: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
