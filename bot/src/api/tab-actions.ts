// The tab's door into the features' card actions (teams/<feature>/<feature>-actions.ts), the
// same registries the chat routes its invokes to. A view names the verbs its cards send; any
// other verb gets the view's own refusal. The action's answer becomes the tab's: a card shown
// in place of the view, or the view re-rendered (with the reason when nothing changed).
import { randomBytes } from 'node:crypto';
import type { CardData } from '../domain/card-data';
import type { ActionRegistry, ActionResult, Card } from '../teams/card-actions';
import type { TabActionResult, TabViewContext } from './tab-views';

export interface TabActions {
  /** The feature's card actions. */
  registry: ActionRegistry;
  /** The verbs this view's cards send. */
  verbs: readonly string[];
  /** What a button that does not belong to this view is told. */
  refuse(verb: string): string;
}

/**
 * Key-safe id of one tab action. A tab posts each click once (no connector redelivers it), so a
 * fresh id per request is right; the chat uses the invoke activity's id instead.
 */
export function tabOpId(): string {
  return `tab-${randomBytes(10).toString('hex')}`;
}

export async function runTabAction(actions: TabActions, view: string, ctx: TabViewContext, verb: string, data: CardData): Promise<TabActionResult> {
  const action = actions.verbs.includes(verb) ? actions.registry.get(verb) : undefined;
  if (!action) return { error: actions.refuse(verb) };
  const result = await action.perform(data, {
    workspace: ctx.workspace,
    actor: { id: ctx.identity.userId, name: ctx.identity.name },
    opId: tabOpId(),
    surface: { kind: 'view', view, params: ctx.params },
  });
  return tabAnswer(result);
}

function tabAnswer(result: ActionResult): TabActionResult {
  if ('card' in result) return { cards: [withoutRefresh(result.card)] };
  if ('view' in result) return result.problem ? { error: result.problem } : undefined;
  if ('message' in result) return result.done ? undefined : { error: result.message };
  return { error: result.error };
}

/** A tab has no Teams client to refresh a card for its people: the refresh block is left out. */
function withoutRefresh(card: Card): Card {
  const { refresh: _refresh, ...rest } = card;
  return rest;
}
