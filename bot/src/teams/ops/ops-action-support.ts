// What the ops card actions share (role-actions.ts, agenda-actions.ts, checklist-actions.ts):
// how a card's ids and pages are read, who acts, and how a change or a refusal is answered.
import { type CardData, int, str } from '../../domain/card-data';
import type { Actor, Outcome } from '../../domain/ops/common';
import type { ActionContext, ActionResult, Card, CardAction } from '../card-actions';
import type { CardNote, OpsViews } from './ops-views';

/** One ops card action, made from the ops cards and services. */
export type OpsAction = (views: OpsViews) => CardAction;

export { plural } from '../../domain/text/plural';
export const etagOf = (d: CardData) => str(d.etag) || undefined;
export const idOf = (v: unknown) => str(v) ?? '';
export const offsetOf = (d: CardData) => ({ offset: int(d.offset) ?? 0 });
/** The services record the Entra object id when Teams sends one. */
export const actorOf = (ctx: ActionContext): Actor => ({ id: ctx.actor.aadObjectId ?? ctx.actor.id, name: ctx.actor.name });

/** Refused: the card the button is on, with the reason, for the person who acted. */
export function refused(problem: string, card: (note: CardNote) => Promise<Card>): ActionResult {
  return { view: () => card({ problem }), problem };
}

/** A change shown on the card it belongs to, with a notice for everyone; or refused. */
export function shown<T>(outcome: Outcome<T>, card: (note: CardNote) => Promise<Card>, notice: (value: T) => string): ActionResult {
  return outcome.ok ? { view: () => card({ notice: notice(outcome.value) }), forEveryone: true } : refused(outcome.message, card);
}

/** A further page of a card; its first page is part of the view. */
export const page = (offset: number, card: () => Promise<Card>): Promise<ActionResult> | ActionResult => (offset ? card().then((c) => ({ card: c })) : { view: card });
