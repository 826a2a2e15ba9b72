// Builds a workspace's review pack for a month from its sources. Reads only: the pack is made
// on demand (a command, the tab, the image route) and on the monthly schedule, never stored.
import { monthRange } from '../../platform/zoned-time';
import type { Workspace } from '../workspace';
import { monthAvailability } from './availability';
import { defaultPackMonth, parsePackMonth, type PackMonth } from './pack-month';
import type { PackSettings, PackSources } from './pack-sources';
import { buildReviewPack, type ReviewPack } from './review-pack';

export class ReviewPackService {
  constructor(private readonly sources: PackSources, private readonly clock: () => Date) {}

  /**
   * The month a typed or requested "YYYY-MM" names (default: the last full month), in the workspace's
   * zone; with the settings it read, for `pack` in the same request.
   */
  async resolveMonth(ws: Workspace, text: string | undefined): Promise<{ ok: true; month: PackMonth; settings: PackSettings } | { ok: false; error: string }> {
    const settings = await this.sources.settings(ws);
    const now = this.clock();
    if (!text?.trim()) return { ok: true, month: defaultPackMonth(now, settings.timeZone), settings };
    const parsed = parsePackMonth(text, now, settings.timeZone);
    return parsed.ok ? { ...parsed, settings } : parsed;
  }

  /** `settings`: the workspace's as this request read them already (resolveMonth), else read here. */
  async pack(ws: Workspace, month: PackMonth, settings?: PackSettings): Promise<ReviewPack> {
    const s = settings ?? (await this.sources.settings(ws));
    const range = monthRange(month.year, month.month, s.timeZone);
    const [{ figures, outages }, quality, completions, control] = await Promise.all([
      this.sources.incidents(ws, month, range, s),
      this.sources.quality(ws),
      this.sources.completions(ws, range.start, range.end),
      this.sources.control(ws),
    ]);
    const availability = monthAvailability(outages, range, this.clock(), figures.total);
    return buildReviewPack({ month, policy: s.policy, figures, availability, quality, completions, control });
  }
}
