// The `ola` chat command:
//   ola              every team's OLA: sign-off and on-time completion over the last 30 days
//   ola <team|role>  that team's OLA: what it commits to, who signed, adherence over 30 and 90 days
import { renderOlaCard } from '../../cards/ola-card';
import { isNamed } from '../../domain/ops/roles';
import { workspaceOf } from '../activity-context';
import type { CommandRouter } from '../command-router';
import { cardMessage, plainMessage, preview } from '../replies';
import type { OlaViews } from './ola-views';

export function registerOlaCommands(commands: CommandRouter, views: OlaViews): void {
  commands.register('ola', async (context, args) => {
    const ws = workspaceOf(context.activity);
    const query = args.trim();
    if (!query) return void (await context.sendActivity(cardMessage(await views.listCard(ws), 'OLAs')));
    const { roles, matches } = await views.service.find(ws, query);
    if (matches.length === 1) {
      const [view] = await views.service.views(ws, matches);
      return void (await context.sendActivity(cardMessage(renderOlaCard({ view: view! }), `OLA: ${matches[0]!.name}`)));
    }
    const known = roles.map((r) => r.team).filter(isNamed);
    const notice = matches.length
      ? `"${preview(query, 40)}" fits ${matches.length} roles; open one below, or type more of its team or role name.`
      : `No team or role on the role map is called "${preview(query, 40)}".${known.length ? '' : ' No team is named on the role map yet: type roles to name them.'}`;
    if (!roles.length) return void (await context.sendActivity(plainMessage('The role map is empty: type roles to add the operational roles first.')));
    await context.sendActivity(cardMessage(await views.listCard(ws, notice, roles), 'OLAs'));
  }, { takes: () => true });
}
