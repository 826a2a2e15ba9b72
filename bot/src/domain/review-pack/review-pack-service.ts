// Builds a workspace's review pack for a month from its sources. Reads only: the pack is made
// on demand (a command, the tab, the image route) and on the monthly schedule, never stored.
import { monthRange } from '../../platform/zoned-time';
import type { Workspace } from '../workspace';
import { monthAvailability } from './availability';
import { defaultPackMonth, parsePackMonth, type PackMonth } from './pack-month';
import type { PackSources } from './pack-sources';
import { buildReviewPack, type ReviewPack } from './review-pack';

export class ReviewPackService {
  constructor(private readonly sources: PackSources, private readonly clock: () => Date) {}

  /** The month a typed or requested "YYYY-MM" names (default: the last full month), in the workspace's zone. */
  async resolveMonth(ws: Workspace, text: string | undefined): Promise<{ ok: true; month: PackMonth } | { ok: false; error: string }> {
    const { timeZone } = await this.sources.settings(ws);
    const now = this.clock();
    if (!text?.trim()) return { ok: true, month: defaultPackMonth(now, timeZone) };
    return parsePackMonth(text, now, timeZone);
  }

  async pack(ws: Workspace, month: PackMonth): Promise<ReviewPack> {
    const { timeZone, policy } = await this.sources.settings(ws);
    const range = monthRange(month.year, month.month, timeZone);
    const [figures, outages, quality, completions, control] = await Promise.all([
      this.sources.figures(ws, month.year, month.month),
      this.sources.outages(ws, range.start, range.end),
      this.sources.quality(ws),
      this.sources.completions(ws, range.start, range.end),
      this.sources.control(ws),
    ]);
    const availability = monthAvailability(outages, range, this.clock(), figures.total);
    return buildReviewPack({ month, policy, figures, availability, quality, completions, control });
  }
}
