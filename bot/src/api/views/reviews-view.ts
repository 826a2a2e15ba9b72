// The reviews tab: the management reviews (the same list card as the `reviews` command). With a
// run named (`?run=MR-0001`, or a run opened from the list), its card: the data snapshot it
// started from, the questions, the decisions and outputs. Its buttons are the review card actions
// (teams/reviews/review-actions.ts), with the same rules and ETag checks as in chat.
import { REVIEW_VERBS } from '../../cards/review-verbs';
import type { ActionRegistry } from '../../teams/card-actions';
import type { ReviewViews } from '../../teams/reviews/review-views';
import type { TabViewProvider } from '../tab-views';

export function reviewsView(views: ReviewViews, actions: ActionRegistry): TabViewProvider {
  return {
    id: 'reviews',
    title: 'Management reviews',
    description: 'The MOF management reviews: gates at each phase change and periodic reviews, run from live data, with their decisions and outputs.',
    async render(ctx) {
      const list = await views.listCard(ctx.workspace);
      const runId = ctx.params.run;
      const run = runId ? await views.service.get(ctx.workspace, runId) : undefined;
      if (runId && !run) return { cards: [await views.listCard(ctx.workspace, { message: `There is no review ${runId.slice(0, 20)} in this team.`, warning: true })] };
      return { cards: run ? [await views.card(ctx.workspace, run), list] : [list] };
    },
    actions: { registry: actions, verbs: Object.values(REVIEW_VERBS), refuse: (verb) => `${verb} is not a review action.` },
  };
}
