// The `my work` chat command: parse who is asking and where, ask MyWorkService (which reads only
// this workspace's partitions), answer with the My work card. "my" alone works too.
import type { TurnContext } from 'botbuilder';
import { renderMyWorkCard } from '../../cards/my-work-card';
import type { Me, MyWorkService } from '../../domain/people/my-work';
import type { TabLinkOptions } from '../../domain/people/tab-link';
import { userOf, workspaceOf } from '../activity-context';
import type { CommandRouter } from '../command-router';
import { cardMessage, plainMessage } from '../replies';

export interface MyWorkCommandDeps {
  service: MyWorkService;
  links: TabLinkOptions;
}

/** The words after "my" that mean this command. */
export function myWorkTakes(args: string): boolean {
  return args.trim().toLowerCase() === 'work';
}

/** Every id Teams gives for the sender: records store the Teams user id, some the AAD object id. */
export function meOf(context: TurnContext): Me {
  const user = userOf(context.activity);
  return { ids: [user.id, user.aadObjectId].filter((id): id is string => Boolean(id) && id !== 'unknown'), name: user.name };
}

export function registerMyWorkCommand(commands: CommandRouter, deps: MyWorkCommandDeps): void {
  commands.register('my', async (context, args) => {
    if (args.trim() && !myWorkTakes(args)) {
      await context.sendActivity(plainMessage('I know "my work": your open findings and incidents, and the due tasks of your roles.'));
      return;
    }
    const me = meOf(context);
    const work = await deps.service.forMe(workspaceOf(context.activity), me);
    await context.sendActivity(cardMessage(renderMyWorkCard({ work, name: me.name, links: deps.links }), 'My work'));
  }, { takes: myWorkTakes });
}
