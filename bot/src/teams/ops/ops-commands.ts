// Chat commands of the operations content: roles, agenda, checklists. Parse here, decide in the
// domain services, render with the ops cards (ops-views.ts). Their card verbs are ops-actions.ts.
import type { TurnContext } from 'botbuilder';
import { renderStakeholdersCard } from '../../cards/stakeholders-card';
import type { Actor } from '../../domain/ops/common';
import type { Workspace } from '../../domain/workspace';
import { targetConversationId, userOf, workspaceOf } from '../activity-context';
import type { CommandRouter } from '../command-router';
import { cardMessage, plainMessage, preview } from '../replies';
import { idFromActivity } from '../verb-router';
import type { OpsViews } from './ops-views';

const AGENDA_HELP = 'I know: agenda (show it), agenda add <text>, agenda decision <text>, agenda remove <number>, agenda risks, agenda okrs.';

export function registerOpsCommands(commands: CommandRouter, views: OpsViews, clock: () => Date): void {
  // The sub-commands each understands: typed while a dialog waits, they are commands, not answers.
  commands.register('roles', (c, args) => rolesCommand(views, c, args), { takes: (args) => /^stakeholders?$/i.test(args.trim()) });
  commands.register('agenda', (c, args) => agendaCommand(views, clock, c, args), { takes: (args) => /^(add|decision|remove)\s+\S/i.test(args.trim()) });
  commands.register('checklists', async (c) => {
    await c.sendActivity(cardMessage(await views.checklistListCard(workspaceOf(c.activity)), 'Review checklists'));
  });
}

async function rolesCommand(views: OpsViews, context: TurnContext, args: string): Promise<void> {
  const ws = workspaceOf(context.activity);
  if (/^stakeholders?$/i.test(args.trim())) {
    await context.sendActivity(cardMessage(renderStakeholdersCard({ stakeholders: await views.ops.stakeholders.list(ws) }), 'Stakeholder matrix'));
    return;
  }
  await context.sendActivity(cardMessage(await views.roleMapCard(ws), 'Operational role map'));
}

async function agendaCommand(views: OpsViews, clock: () => Date, context: TurnContext, args: string): Promise<void> {
  const ws = workspaceOf(context.activity);
  const m = /^(\S+)\s*([\s\S]*)$/.exec(args.trim());
  const sub = (m?.[1] ?? '').toLowerCase();
  const rest = (m?.[2] ?? '').trim();
  const say = async (text: string) => void (await context.sendActivity(plainMessage(text)));
  if (!sub) {
    await context.sendActivity(cardMessage(await views.agendaCard(ws), 'Steering committee agenda'));
  } else if (sub === 'add' || sub === 'decision') {
    await say(await addItem(views, ws, context, sub, rest, clock));
  } else if (sub === 'remove') {
    await say(await removeItem(views, ws, rest));
  } else if (sub === 'risks') {
    await context.sendActivity(cardMessage(await views.risksCard(ws), 'Risk register'));
  } else if (sub === 'okrs' || sub === 'ksis') {
    await context.sendActivity(cardMessage(await views.okrsCard(ws), 'OKRs and KSIs'));
  } else {
    await say(AGENDA_HELP);
  }
}

async function addItem(views: OpsViews, ws: Workspace, context: TurnContext, sub: 'add' | 'decision', text: string, clock: () => Date): Promise<string> {
  if (!text) return `Write the item after the command, e.g. "agenda ${sub} Budget for a Wi-Fi survey".`;
  const user = userOf(context.activity);
  const actor: Actor = { id: user.aadObjectId ?? user.id, name: user.name };
  // The same message delivered again adds the item once.
  const key = idFromActivity(targetConversationId(context.activity), context.activity.id ?? String(clock().getTime()));
  const added = await views.ops.steering.addItem(ws, text, actor, { kind: sub === 'decision' ? 'decision' : 'topic', idempotencyKey: key });
  if (!added.ok) return added.message;
  const number = (await views.ops.steering.items(ws)).findIndex((i) => i.id === added.value.id) + 1;
  const what = sub === 'decision' ? 'Decision request added' : 'Added';
  return `${what} to the next steering-committee agenda as #${number}: "${preview(added.value.text, 80)}". Type agenda to see it, or agenda remove ${number} to take it off.`;
}

async function removeItem(views: OpsViews, ws: Workspace, text: string): Promise<string> {
  const n = Number(text.replace(/^#/, ''));
  if (!Number.isInteger(n) || n < 1) return 'Give the number of the item to remove, as shown on the agenda, e.g. "agenda remove 2".';
  const removed = await views.ops.steering.removeItemByNumber(ws, n);
  return removed.ok ? `Removed #${n} from the agenda: "${preview(removed.value.text, 80)}".` : removed.message;
}
