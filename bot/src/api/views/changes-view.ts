// The changes tab: the open requests for change (the same list card as the `changes` command),
// with the emergency changes awaiting review counted. The buttons are the change card actions
// (teams/changes/change-actions.ts), with the same rules and ETag checks as in chat.
import { CHANGE_VERBS } from '../../cards/change-verbs';
import type { ActionRegistry } from '../../teams/card-actions';
import type { ChangeViews } from '../../teams/changes/change-views';
import type { TabViewProvider } from '../tab-views';

export function changesView(views: ChangeViews, actions: ActionRegistry): TabViewProvider {
  return {
    id: 'changes',
    title: 'Requests for change',
    description: 'Requests for change with their priority, approval, window and outcome; emergency changes awaiting review.',
    async render(ctx) {
      return { cards: [await views.listCard(ctx.workspace, 'open')] };
    },
    actions: { registry: actions, verbs: Object.values(CHANGE_VERBS), refuse: (verb) => `${verb} is not a change action.` },
  };
}
