// The `problems` chat command:
//   problems                 the open problems (card; pages and filters with problem.list)
//   problems all | resolved  every problem / one status
//   problems PRB-0003        post one problem's card
import { parseProblemFilter } from '../../cards/problem-list-card';
import { parseProblemId } from '../../domain/problems/problem';
import { workspaceOf } from '../activity-context';
import type { CommandRouter } from '../command-router';
import { cardMessage, plainMessage, preview } from '../replies';
import type { ProblemViews } from './problem-views';

const USAGE = 'Try: problems (the open ones), problems all, problems known-error, or problems PRB-0001.';

export function problemsTakes(args: string): boolean {
  const a = args.trim();
  return parseProblemId(a) !== undefined || parseProblemFilter(a) !== undefined;
}

export function registerProblemCommands(commands: CommandRouter, views: ProblemViews): void {
  commands.register('problems', async (context, args) => {
    const ws = workspaceOf(context.activity);
    const a = args.trim();
    if (parseProblemId(a) !== undefined) {
      const p = await views.service.get(ws, a);
      if (!p) return void (await context.sendActivity(plainMessage(`There is no problem ${preview(a, 30)} in this team.`)));
      return void (await context.sendActivity(cardMessage(await views.card(ws, p), p.id)));
    }
    const filter = a ? parseProblemFilter(a) : 'open';
    if (!filter) return void (await context.sendActivity(plainMessage(`I don't understand "problems ${preview(a, 40)}". ${USAGE}`)));
    await context.sendActivity(cardMessage(await views.listCard(ws, filter), 'Problems'));
  }, { takes: problemsTakes });
}
