// The `charter` chat command:
//   charter            the charter card: purpose, objectives, members, cadence, timeline and phase,
//                      interim deliverables and points raised for the committee
//   charter business   the business case card: scope and use cases with their KSIs
import { workspaceOf } from '../activity-context';
import type { CommandRouter } from '../command-router';
import { cardMessage, plainMessage, preview } from '../replies';
import type { GovernanceViews } from './governance-views';

const BUSINESS = /^(business|business case|use cases?|ksis?)$/i;
const USAGE = 'Try: charter (the committee, its timeline and deliverables) or charter business (the business case).';

export const charterTakes = (args: string): boolean => args.trim() === '' || BUSINESS.test(args.trim());

export function registerGovernanceCommands(commands: CommandRouter, views: GovernanceViews): void {
  commands.register('charter', async (context, args) => {
    const ws = workspaceOf(context.activity);
    const a = args.trim();
    if (!a) return void (await context.sendActivity(cardMessage(await views.charterCard(ws), 'Steering committee charter')));
    if (BUSINESS.test(a)) return void (await context.sendActivity(cardMessage(await views.businessCaseCard(ws), 'Business case')));
    await context.sendActivity(plainMessage(`I don't understand "charter ${preview(a, 40)}". ${USAGE}`));
  }, { takes: charterTakes });
}
