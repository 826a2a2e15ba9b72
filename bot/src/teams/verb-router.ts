// Action.Execute (adaptiveCard/action invoke) routing: one handler per verb. The response
// card replaces the card for the person who acted; `updateForEveryone` also edits the posted
// message so everyone in the conversation sees the new state.
import { type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Workspace } from '../domain/workspace';
import { userOf, workspaceOf, targetConversationId } from './activity-context';

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

export class VerbRouter {
  private readonly handlers = new Map<string, VerbHandler>();

  register(verb: string, handler: VerbHandler): this {
    if (this.handlers.has(verb)) throw new Error(`verb ${verb} registered twice`);
    this.handlers.set(verb, handler);
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
    const response = await handler({
      verb,
      data,
      context,
      invokeId: context.activity.id ?? '',
      actor: userOf(context.activity),
      workspace: workspaceOf(context.activity),
      conversationId: targetConversationId(context.activity),
    });
    if ('card' in response) {
      if (response.updateForEveryone && context.activity.replyToId) {
        try {
          await context.updateActivity({ id: context.activity.replyToId, type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: response.card }] });
        } catch {
          // The card still refreshes for each viewer through its refresh action.
        }
      }
      return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: response.card } };
    }
    if ('message' in response) return messageResponse(response.message);
    return { status: 200, body: { statusCode: response.status ?? 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: response.error } } };
  }
}

export function messageResponse(text: string): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } };
}
