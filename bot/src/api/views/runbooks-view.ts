// The runbooks tab: the catalog's as-needed tasks as runbooks, by owning role (the same list card
// as the `runbook` command). Opening one shows its steps; Start shows the run's checklist, whose
// ticks are the runbook card actions (teams/runbooks/runbook-actions.ts), as in chat.
import { COMMAND_VERBS } from '../../cards/command-verbs';
import { RUNBOOK_VERBS } from '../../cards/runbook-verbs';
import type { ActionRegistry } from '../../teams/card-actions';
import type { RunbookViews } from '../../teams/runbooks/runbook-views';
import type { TabViewProvider } from '../tab-views';

export function runbooksView(views: RunbookViews, actions: ActionRegistry): TabViewProvider {
  return {
    id: 'runbooks',
    title: 'Runbooks',
    description: 'The operations work done as needed, as runbooks with their steps and owning team; a finished run counts in the team\'s OLA.',
    async render(ctx) {
      return { cards: [await views.listCard(ctx.workspace)] };
    },
    actions: { registry: actions, verbs: Object.values(RUNBOOK_VERBS), refuse: (verb) => (verb === COMMAND_VERBS.run ? 'Escalate from the chat: type escalate in the channel, and the dialog asks for the incident.' : `${verb} is not a runbook action.`) },
  };
}
