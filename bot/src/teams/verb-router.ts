// Action.Execute (adaptiveCard/action invoke) routing: one handler per verb. The response
// card replaces the card for the person who acted; `updateForEveryone` also edits the posted
// message so everyone in the conversation sees the new state. Feature verbs come from their
// card-action registries (routeActions); the form runner registers its own verbs.
import { createHash } from 'node:crypto';
import { type InvokeResponse, type TurnContext } from 'botbuilder';
import type { IdempotencyLedger, IdempotencyTicket } from '../domain/idempotency';
import type { Workspace } from '../domain/workspace';
import { channelData, userOf, workspaceOf, targetConversationId } from './activity-context';
import type { ActionContext, ActionRegistry, ActionResult } from './card-actions';
import { cardMessage } from './replies';

export interface VerbRequest {
  verb: string;
  data: Record<string, unknown>;
  context: TurnContext;
  /** The invoke's activity id: Teams redelivers with the same id, so it keys idempotency. */
  invokeId: string;
  actor: { id: string; aadObjectId?: string; name: string };
  workspace: Workspace;
  conversationId: string;
}

export type VerbResponse =
  | { card: Record<string, unknown>; updateForEveryone?: boolean }
  | { message: string }
  | { error: string; status?: 400 | 403 | 404 | 409 | 412 };

export type VerbHandler = (request: VerbRequest) => Promise<VerbResponse>;

export interface VerbRouterOptions {
  /** Records state-changing actions by invoke id; without one, handlers see every delivery. */
  ledger?: IdempotencyLedger;
  /** Verbs that only show something, and need no record. */
  viewVerbs?: ReadonlySet<string>;
  /** How long a replay waits for the first delivery's answer before saying it is still running. */
  replayWaitMs?: number;
}

const REPLAY_POLL_MS = 50;

export class VerbRouter {
  private readonly handlers = new Map<string, VerbHandler>();

  constructor(private readonly options: VerbRouterOptions = {}) {}

  register(verb: string, handler: VerbHandler): this {
    if (this.handlers.has(verb)) throw new Error(`verb ${verb} registered twice`);
    this.handlers.set(verb, handler);
    return this;
  }

  /**
   * One route per verb of a feature's card actions. `failed` answers an action that threw
   * (e.g. a feature that says "storage can't be reached" rather than fail the invoke).
   */
  routeActions(registry: ActionRegistry, options: { failed?(request: VerbRequest, error: unknown): VerbResponse } = {}): this {
    for (const action of registry.list()) {
      this.register(action.verb, async (r) => {
        try {
          return await chatAnswer(r, await action.perform(r.data, chatContext(r)));
        } catch (e) {
          if (!options.failed) throw e;
          return options.failed(r, e);
        }
      });
    }
    return this;
  }

  has(verb: string): boolean {
    return this.handlers.has(verb);
  }

  list(): string[] {
    return [...this.handlers.keys()];
  }

  async handle(context: TurnContext): Promise<InvokeResponse> {
    const value = (context.activity.value ?? {}) as { action?: { verb?: unknown; data?: unknown } };
    const verb = typeof value.action?.verb === 'string' ? value.action.verb : '';
    const data = value.action?.data && typeof value.action.data === 'object' ? (value.action.data as Record<string, unknown>) : {};
    const handler = this.handlers.get(verb);
    if (!handler) return messageResponse('This card is out of date: its button is no longer supported. Type help to start again.');
    const request: VerbRequest = {
      verb,
      data,
      context,
      invokeId: context.activity.id ?? '',
      actor: userOf(context.activity),
      workspace: workspaceOf(context.activity),
      conversationId: targetConversationId(context.activity),
    };
    const ledger = this.options.ledger;
    if (!ledger || !request.invokeId || this.options.viewVerbs?.has(verb)) return this.respond(context, await handler(request));
    // The ledger is keyed by conversation and invoke id: an id names one delivery in one conversation.
    const key = `${request.conversationId}|${request.invokeId}`;
    let claim;
    try {
      claim = await ledger.claim(request.workspace, key);
    } catch {
      // Storage is not answering: the handler says so in its own words (and keeps what it can).
      return this.respond(context, await handler(request));
    }
    if (claim.kind === 'done') return this.replay(claim.result);
    if (claim.kind === 'running') return this.awaitFirst(ledger, request, key, claim.ticket);
    let response: VerbResponse;
    try {
      response = await handler(request);
    } catch (e) {
      await ledger.release(request.workspace, key, claim.ticket).catch(() => {});
      throw e;
    }
    // Not recorded if storage went away meanwhile: a redelivery then runs again, and the
    // handlers' own ETag checks keep it from applying twice.
    await ledger.complete(request.workspace, key, claim.ticket, JSON.stringify(response)).catch(() => {});
    return this.respond(context, response);
  }

  /** A replay: the first delivery's answer, without touching the posted message again. */
  private replay(result: string): InvokeResponse {
    const response = JSON.parse(result) as VerbResponse;
    return this.toInvokeResponse('card' in response ? { card: response.card } : response);
  }

  /** A replay that arrived while the first delivery still runs: its answer, once there. */
  private async awaitFirst(ledger: IdempotencyLedger, request: VerbRequest, key: string, ticket: IdempotencyTicket): Promise<InvokeResponse> {
    const until = Date.now() + (this.options.replayWaitMs ?? 8_000);
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, REPLAY_POLL_MS));
      const result = await ledger.result(request.workspace, key, ticket);
      if (result !== undefined) return this.replay(result);
    }
    return messageResponse('That action is still being processed. Refresh the card in a moment to see the result.');
  }

  private async respond(context: TurnContext, response: VerbResponse): Promise<InvokeResponse> {
    if ('card' in response && response.updateForEveryone && context.activity.replyToId) {
      try {
        await context.updateActivity({ id: context.activity.replyToId, type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: response.card }] });
      } catch {
        // The card still refreshes for each viewer through its refresh action.
      }
    }
    return this.toInvokeResponse(response);
  }

  private toInvokeResponse(response: VerbResponse): InvokeResponse {
    if ('card' in response) return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: response.card } };
    if ('message' in response) return messageResponse(response.message);
    return { status: 200, body: { statusCode: response.status ?? 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: response.error } } };
  }
}

/** Short, key-safe id from a Teams id (activity or invoke): the same message maps to the same id. */
export function idFromActivity(conversationId: string, activityId: string): string {
  return createHash('sha256').update(`${conversationId}|${activityId}`).digest('hex').slice(0, 24);
}

/** An invoke as the card actions see it. */
function chatContext(r: VerbRequest): ActionContext {
  const name = channelData(r.context.activity).channel?.name ?? (r.workspace.scope === 'chat' ? 'this chat' : 'this channel');
  return {
    workspace: r.workspace,
    actor: r.actor,
    opId: idFromActivity(r.conversationId, r.invokeId),
    surface: { kind: 'conversation', conversationId: r.conversationId, name, invokeId: r.invokeId },
  };
}

/** A card action's answer as the invoke's response. */
async function chatAnswer(r: VerbRequest, result: ActionResult): Promise<VerbResponse> {
  if ('card' in result) {
    if (result.post) {
      await r.context.sendActivity(cardMessage(result.card, result.post.summary));
      return { message: result.post.reply };
    }
    return result.forEveryone ? { card: result.card, updateForEveryone: true } : { card: result.card };
  }
  if ('view' in result) {
    const card = await result.view();
    return result.forEveryone ? { card, updateForEveryone: true } : { card };
  }
  if ('message' in result) return { message: result.message };
  return result;
}

export function messageResponse(text: string): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } };
}
