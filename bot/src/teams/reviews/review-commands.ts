// The `reviews` chat command (also typed as `review`):
//   reviews                    the management reviews: open runs, the last outcome of each
//   review portfolio           starts a run of that review with the live data, or opens the open one
//   review MR-0003             posts one run's card
import { parseReviewId } from '../../domain/reviews/review';
import { findReviewTemplate, reviewTitle } from '../../domain/reviews/review-templates';
import { workspaceOf } from '../activity-context';
import type { CommandRouter } from '../command-router';
import { cardMessage, plainMessage, preview } from '../replies';
import type { ReviewViews } from './review-views';

const USAGE = 'Try: reviews (the list), review portfolio, review release readiness, review operational health, or review MR-0001.';

export function reviewsTakes(args: string): boolean {
  const a = args.trim();
  return parseReviewId(a) !== undefined || findReviewTemplate(a) !== undefined;
}

export function registerReviewCommands(commands: CommandRouter, views: ReviewViews): void {
  commands.register('reviews', async (context, args) => {
    const ws = workspaceOf(context.activity);
    const a = args.trim();
    if (!a) return void (await context.sendActivity(cardMessage(await views.listCard(ws), 'Management reviews')));
    if (parseReviewId(a) !== undefined) {
      const run = await views.service.get(ws, a);
      if (!run) return void (await context.sendActivity(plainMessage(`There is no review ${preview(a, 30)} in this team.`)));
      return void (await context.sendActivity(cardMessage(await views.card(ws, run), run.id)));
    }
    const template = findReviewTemplate(a);
    if (!template) return void (await context.sendActivity(plainMessage(`I don't know the review "${preview(a, 40)}". ${USAGE}`)));
    const from = context.activity.from;
    const actor = { id: from?.aadObjectId ?? from?.id ?? 'unknown', name: from?.name ?? 'Someone' };
    const r = await views.service.start(ws, template.id, actor, { kind: 'chat' });
    if (!r) return void (await context.sendActivity(plainMessage(USAGE)));
    const note = r.kind === 'started' ? `${actor.name} started ${r.run.id} with the data as it is now.` : `${r.run.id} is already open: here it is.`;
    await context.sendActivity(cardMessage(await views.card(ws, r.run, { message: note }, r.roleNames), `${r.run.id}: ${reviewTitle(template)}`));
  }, { takes: reviewsTakes });
}
