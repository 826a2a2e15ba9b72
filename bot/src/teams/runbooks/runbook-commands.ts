// The `runbook` chat command:
//   runbook            the runbooks (the catalog's as-needed tasks) by owning role
//   runbook <task>     one runbook, by its key or words of its title or role, with Start
import { findRunbooks } from '../../domain/runbooks/runbooks';
import { workspaceOf } from '../activity-context';
import type { CommandRouter } from '../command-router';
import { cardMessage, preview } from '../replies';
import type { RunbookViews } from './runbook-views';

export function registerRunbookCommands(commands: CommandRouter, views: RunbookViews): void {
  commands.register('runbook', async (context, args) => {
    const ws = workspaceOf(context.activity);
    const query = args.trim();
    if (!query) return void (await context.sendActivity(cardMessage(await views.listCard(ws), 'Runbooks')));
    const found = findRunbooks(query);
    if (found.length === 1) return void (await context.sendActivity(cardMessage(await views.card(ws, found[0]!), `Runbook: ${found[0]!.title}`)));
    const notice = found.length
      ? `"${preview(query, 40)}" fits ${found.length} runbooks; open the one you mean.`
      : `No runbook fits "${preview(query, 40)}". Here are all of them.`;
    await context.sendActivity(cardMessage(await views.listCard(ws, notice, found.length ? found : undefined), 'Runbooks'));
  }, { takes: () => true });
}
