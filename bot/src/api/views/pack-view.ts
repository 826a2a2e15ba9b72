// The pack tab: the month's one-pager (the same card as `review pack`) with Download PNG and
// Download PDF. The picture and the downloads are signed links minted for the caller, who was
// signed in and checked against the workspace like every view; `?month=YYYY-MM` picks a month.
import { renderReviewPackCard, type ReviewPackCardLinks } from '../../cards/review-pack-card';
import type { PackMonth } from '../../domain/review-pack/pack-month';
import type { PackSettings } from '../../domain/review-pack/pack-sources';
import type { ReviewPack } from '../../domain/review-pack/review-pack';
import type { ReviewPackService } from '../../domain/review-pack/review-pack-service';
import type { Workspace } from '../../domain/workspace';
import type { PackFormat } from '../../platform/pack-render-links';
import { HttpError } from '../http-error';
import type { TabViewProvider } from '../tab-views';

export const PACK_VIEW_ID = 'pack';

/** Draws a pack's files; the feature gives it the renderer (render/ stays out of the API). */
export interface PackFiles {
  render(pack: ReviewPack, format: PackFormat): Promise<Buffer>;
}

export interface PackViewDeps {
  service: ReviewPackService;
  files: PackFiles;
  links(ws: Workspace, month: PackMonth): ReviewPackCardLinks;
  /** The key the file links are signed with (checked by pack-routes.ts). */
  signingKey: string;
}

/** The pack view with what the file routes need to serve its files. */
export interface PackViewProvider extends TabViewProvider {
  pack: PackViewDeps;
}

export const isPackView = (p: TabViewProvider | undefined): p is PackViewProvider => Boolean(p && 'pack' in p && (p as PackViewProvider).pack);

/** The requested month, with the settings read to resolve it (for the pack, so it does not read them again). */
export async function packMonthOf(service: ReviewPackService, ws: Workspace, text: string | undefined): Promise<{ month: PackMonth; settings: PackSettings }> {
  const month = await service.resolveMonth(ws, text);
  if (!month.ok) throw new HttpError(400, month.error);
  return { month: month.month, settings: month.settings };
}

export function packView(deps: PackViewDeps): PackViewProvider {
  return {
    id: PACK_VIEW_ID,
    title: 'Monthly service review pack',
    description: 'The monthly service review one-pager: vendor commitments, escalations, availability, call quality, tasks on time, problems and changes; download it as PNG or PDF.',
    async render(ctx) {
      const { month, settings } = await packMonthOf(deps.service, ctx.workspace, ctx.params['month']);
      const pack = await deps.service.pack(ctx.workspace, month, settings);
      if (pack.empty) return { cards: [renderReviewPackCard(pack, {})], empty: { title: `${pack.title}: nothing to show yet`, text: pack.missing.join(' ') } };
      return { cards: [renderReviewPackCard(pack, deps.links(ctx.workspace, month))] };
    },
    pack: deps,
  };
}
