// The problems tab: the open problems (the same list card as the `problems` command). Opening a
// problem shows its card; its buttons are the problem card actions (teams/problems/problem-actions.ts),
// with the same rules and ETag checks as in chat.
import { PROBLEM_VERBS } from '../../cards/problem-verbs';
import type { ActionRegistry } from '../../teams/card-actions';
import type { ProblemViews } from '../../teams/problems/problem-views';
import type { TabViewProvider } from '../tab-views';

export function problemsView(views: ProblemViews, actions: ActionRegistry): TabViewProvider {
  return {
    id: 'problems',
    title: 'Problems',
    description: 'Problems behind recurring incidents and findings, with their root cause, known error and workaround.',
    async render(ctx) {
      return { cards: [await views.listCard(ctx.workspace, 'open')] };
    },
    actions: { registry: actions, verbs: Object.values(PROBLEM_VERBS), refuse: (verb) => `${verb} is not a problem action.` },
  };
}
