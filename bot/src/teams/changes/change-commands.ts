// The `changes` chat command:
//   changes                      the open requests for change (card; pages and filters with change.list)
//   changes all | scheduled      every change / one status
//   changes new                  the request form
//   changes RFC-0002             post one change's card
import { parseChangeFilter } from '../../cards/change-list-card';
import { parseChangeId } from '../../domain/changes/change';
import { workspaceOf } from '../activity-context';
import type { CommandRouter } from '../command-router';
import { cardMessage, plainMessage, preview } from '../replies';
import type { ChangeViews } from './change-views';

const USAGE = 'Try: changes (the open ones), changes all, changes scheduled, changes new, or changes RFC-0001.';

export function changesTakes(args: string): boolean {
  const a = args.trim().toLowerCase();
  return a === 'new' || parseChangeId(a) !== undefined || parseChangeFilter(a) !== undefined;
}

export function registerChangeCommands(commands: CommandRouter, views: ChangeViews): void {
  commands.register('changes', async (context, args) => {
    const ws = workspaceOf(context.activity);
    const a = args.trim();
    if (a.toLowerCase() === 'new') {
      const form = await views.formCard(ws, { kind: 'manual' });
      return void (await context.sendActivity(cardMessage(form!, 'Request for change')));
    }
    if (parseChangeId(a) !== undefined) {
      const c = await views.service.get(ws, a);
      if (!c) return void (await context.sendActivity(plainMessage(`There is no request for change ${preview(a, 30)} in this team.`)));
      return void (await context.sendActivity(cardMessage(views.card(c), c.id)));
    }
    const filter = a ? parseChangeFilter(a) : 'open';
    if (!filter) return void (await context.sendActivity(plainMessage(`I don't understand "changes ${preview(a, 40)}". ${USAGE}`)));
    await context.sendActivity(cardMessage(await views.listCard(ws, filter), 'Changes'));
  }, { takes: changesTakes });
}
