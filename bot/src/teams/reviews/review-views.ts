// How reviews render for chat and the tab: a run's card (with the role map's names as the owner
// choices) and the list. One place, so the commands, the card actions and the tab agree.
import { renderReviewCard } from '../../cards/review-card';
import { renderReviewListCard } from '../../cards/review-list-card';
import type { ReviewRun } from '../../domain/reviews/review';
import type { ReviewService } from '../../domain/reviews/review-service';
import { reviewTemplate } from '../../domain/reviews/review-templates';
import type { Workspace } from '../../domain/workspace';

export type Card = Record<string, unknown>;
export interface Note {
  message?: string;
  warning?: boolean;
}

export class ReviewViews {
  constructor(readonly service: ReviewService, private readonly owners: (ws: Workspace) => Promise<string[]>) {}

  /** `knownOwners`: the role map's names when this turn read them already (a start), so they are not read again. */
  async card(ws: Workspace, run: ReviewRun, note: Note = {}, knownOwners?: readonly string[]): Promise<Card> {
    const template = reviewTemplate(run.templateId);
    if (!template) return this.listCard(ws, { message: `Review ${run.id} follows a review this version does not know.`, warning: true });
    const owners = run.status === 'open' ? (knownOwners ?? (await this.owners(ws).catch(() => []))) : [];
    return renderReviewCard({ run, template, owners, ...note });
  }

  async listCard(ws: Workspace, note: Note = {}): Promise<Card> {
    return renderReviewListCard({ summary: await this.service.summary(ws), ...note });
  }
}
