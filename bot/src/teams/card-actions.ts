// Card actions: each Action.Execute verb declared once, for both doors into the domain. The
// chat routes its invokes here (VerbRouter.routeActions) and the tab API its actions
// (api/tab-actions.ts). An action parses the card's data into a typed payload, calls its domain
// service and says what to show next; each door turns that answer into its own reply.
// No botbuilder and no HTTP here, so the tab API can use it as well.
import type { CardData } from '../domain/card-data';
import type { Workspace } from '../domain/workspace';

export type Card = Record<string, unknown>;
export type ErrorStatus = 400 | 403 | 404 | 409 | 412;

/** Where the card that was acted on is shown. */
export type ActionSurface =
  | {
      kind: 'conversation';
      conversationId: string;
      /** The channel's name as Teams sends it ("this channel" / "this chat" when it does not). */
      name: string;
      /** The invoke activity's id: Teams redelivers an invoke with the same one. */
      invokeId: string;
    }
  | {
      kind: 'view';
      /** The tab view the card belongs to, with the tab's options (e.g. { checklist: 'qer' }). */
      view: string;
      params: Readonly<Record<string, string>>;
    };

export interface ActionContext {
  workspace: Workspace;
  /** Who acts: the Teams user (with the Entra object id when Teams sends one), or the tab's signed-in user. */
  actor: { id: string; aadObjectId?: string; name: string };
  /** Key-safe id of this delivery: a redelivered invoke carries the same one; a tab posts each click once. */
  opId: string;
  surface: ActionSurface;
}

/** What an action answers; the doors decide how it is shown. */
export type ActionResult =
  /**
   * The card to show next. forEveryone: the posted message shows it too (chat). post: the chat
   * posts the card as a message of its own (the list it was opened from stays) and answers
   * `reply`; a tab just shows the card.
   */
  | { card: Card; forEveryone?: boolean; post?: { summary: string; reply: string } }
  /**
   * The answer is the card of the view the button is on: the chat shows view(); a tab re-renders
   * its own view, with `problem` as its error. Lazy, so a tab does not render a card it won't show.
   */
  | { view: () => Promise<Card>; problem?: string; forEveryone?: boolean }
  /** Text only. done: the change is made (a tab re-renders its view); else why nothing changed. */
  | { message: string; done?: boolean }
  /** The request itself is wrong (a card that names nothing, a tampered page link). */
  | { error: string; status?: ErrorStatus };

/** A card's data this verb cannot take: the answer says why, and nothing is done. */
export class Refusal {
  constructor(readonly answer: { message: string } | { error: string; status?: ErrorStatus }) {}
}

/** Refused with a message for the person (e.g. "Write the note first."). */
export const refuse = (message: string): Refusal => new Refusal({ message });
/** Refused as a bad request: the card itself is wrong. */
export const badRequest = (error: string, status: ErrorStatus = 400): Refusal => new Refusal({ error, status });

export interface ActionSpec<P> {
  /** The verb exactly as the cards send it (cards/<feature>-verbs.ts). */
  verb: string;
  /** Reads the untrusted card data into the payload (domain/card-data.ts readers), or refuses it. */
  parse(data: CardData): P | Refusal;
  /** The domain call, and the card it answers with. */
  run(payload: P, ctx: ActionContext): Promise<ActionResult>;
}

export interface CardAction {
  readonly verb: string;
  perform(data: CardData, ctx: ActionContext): Promise<ActionResult>;
}

export function defineAction<P>(spec: ActionSpec<P>): CardAction {
  return {
    verb: spec.verb,
    async perform(data, ctx) {
      const payload = spec.parse(data);
      return payload instanceof Refusal ? payload.answer : spec.run(payload, ctx);
    },
  };
}

/** For verbs whose data carries nothing to read. */
export const nothing = (): Record<string, never> => ({});

/**
 * A list page's card. A continuation token comes back from card data: if storage rejects it
 * (stale, or from another layout), the list starts over from its first page.
 */
export async function listPage(load: (continuation?: string) => Promise<Card>, continuation: string | undefined): Promise<ActionResult> {
  try {
    return { card: await load(continuation) };
  } catch (e) {
    if (!continuation) throw e;
    return { card: await load() };
  }
}

/** One feature's card actions, by verb. */
export class ActionRegistry {
  private readonly byVerb = new Map<string, CardAction>();

  constructor(actions: readonly CardAction[]) {
    for (const action of actions) {
      if (this.byVerb.has(action.verb)) throw new Error(`card action ${action.verb} declared twice`);
      this.byVerb.set(action.verb, action);
    }
  }

  get(verb: string): CardAction | undefined {
    return this.byVerb.get(verb);
  }

  list(): CardAction[] {
    return [...this.byVerb.values()];
  }
}
