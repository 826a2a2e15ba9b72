// The review pack in chat:
//   review pack [YYYY-MM]   the monthly service review one-pager as a card (default: last month)
//   review pack here | off  post it here on the first working day of each month (or stop)
// The card carries signed links to the picture and the downloads; the picture itself is drawn
// when Teams fetches it (api/pack-routes.ts), so this turn only reads the figures.
import type { TurnContext } from 'botbuilder';
import { renderReviewPackCard, type ReviewPackCardLinks } from '../../cards/review-pack-card';
import type { PackMonth } from '../../domain/review-pack/pack-month';
import type { PackPostLedger } from '../../domain/review-pack/pack-posting';
import type { ReviewPackService } from '../../domain/review-pack/review-pack-service';
import type { Workspace } from '../../domain/workspace';
import { conversationKind, targetConversationId, workspaceOf } from '../activity-context';
import type { CommandRouter } from '../command-router';
import { cardMessage, plainMessage } from '../replies';

export interface ReviewPackCommandDeps {
  service: ReviewPackService;
  /** Signed, absolute links to the month's files. */
  links(ws: Workspace, month: PackMonth): ReviewPackCardLinks;
  ledger: Pick<PackPostLedger, 'subscribe' | 'unsubscribe'>;
  clock: () => Date;
}

/** What `review pack` understands after it: a month, or nothing. */
export const reviewPackTakes = (args: string) => /^(\d{4}-\d{2}|here|off)$/i.test(args.trim());

export function registerReviewPackCommands(commands: CommandRouter, deps: ReviewPackCommandDeps): void {
  commands.register('pack', async (context, args) => {
    await reviewPack(deps, context, workspaceOf(context.activity), args);
  }, { takes: reviewPackTakes });
}

async function reviewPack(deps: ReviewPackCommandDeps, context: TurnContext, ws: Workspace, args: string): Promise<void> {
  const words = args.trim().split(/\s+/).filter(Boolean);
  if (words.length > 1) {
    await context.sendActivity(plainMessage('Try: review pack (last month), review pack 2026-11 (a month, written YYYY-MM), or review pack here (post it in this channel every month).'));
    return;
  }
  const word = words[0]?.toLowerCase();
  if (word === 'here' || word === 'off') return void (await schedule(deps, context, ws, word === 'off'));
  const month = await deps.service.resolveMonth(ws, words[0]);
  if (!month.ok) return void (await context.sendActivity(plainMessage(month.error)));
  const pack = await deps.service.pack(ws, month.month, month.settings);
  const links = pack.empty ? {} : deps.links(ws, month.month);
  await context.sendActivity(cardMessage(renderReviewPackCard(pack, links), pack.title));
}

async function schedule(deps: ReviewPackCommandDeps, context: TurnContext, ws: Workspace, off: boolean): Promise<void> {
  if (off) {
    const was = await deps.ledger.unsubscribe(ws);
    await context.sendActivity(plainMessage(was ? 'The monthly review pack is no longer posted. Type review pack here to post it again.' : 'The monthly review pack was not being posted anywhere in this team.'));
    return;
  }
  if (conversationKind(context.activity) === 'personal') {
    await context.sendActivity(plainMessage('The monthly review pack goes to a channel or group chat everyone concerned can see. Type review pack here there.'));
    return;
  }
  await deps.ledger.subscribe({ workspace: ws, conversationId: targetConversationId(context.activity), since: deps.clock().toISOString() });
  await context.sendActivity(plainMessage('The review pack of each month will be posted here on the first working day of the next month, from 09:00. Type review pack off to stop.'));
}
