// The charter tab: the steering committee's charter with the project timeline and the
// deliverables awaiting approval, then the business case with its use cases and KSIs. Every
// button is a governance card action (teams/governance/governance-actions.ts), as in chat.
import { GOVERNANCE_VERBS } from '../../cards/governance-verbs';
import type { ActionRegistry } from '../../teams/card-actions';
import type { GovernanceViews } from '../../teams/governance/governance-views';
import type { TabViewProvider } from '../tab-views';

export function charterView(views: GovernanceViews, actions: ActionRegistry): TabViewProvider {
  return {
    id: 'charter',
    title: 'Steering committee charter',
    description: 'The committee charter and members, the project timeline and phase, deliverables for approval, and the business case with its KSIs.',
    async render(ctx) {
      const record = await views.service.get(ctx.workspace);
      const [charter, business] = await Promise.all([views.charterCard(ctx.workspace, {}, record), views.businessCaseCard(ctx.workspace, {}, record)]);
      return { cards: [charter, business] };
    },
    actions: { registry: actions, verbs: Object.values(GOVERNANCE_VERBS), refuse: (verb) => `${verb} is not a charter action.` },
  };
}
