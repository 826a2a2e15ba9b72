// Routes the message-extension invokes (composeExtension/query, fetchTask, submitAction,
// queryLink) to the search, the action commands and the link unfurler, and answers each in the
// response shape Teams expects. What a handler may not answer (storage down) becomes a short
// message, never a failed invoke, and nothing half-filed.
import type { InvokeResponse, TurnContext } from 'botbuilder';
import { channelData, targetConversationId, userOf, workspaceOf } from '../activity-context';
import { type ActionContext, Refusal } from '../card-actions';
import type { Logger } from '../service-ops-bot';
import { idFromActivity } from '../verb-router';
import type { ComposeCommand } from './compose-command';
import { readAction, readLinkUrl, readSearch, type SearchRequest } from './invoke-payload';
import { dialogMessage, dialogResponse, resultResponse, type ResultItem, searchMessage } from './responses';

export const COMPOSE_INVOKES = ['composeExtension/query', 'composeExtension/fetchTask', 'composeExtension/submitAction', 'composeExtension/queryLink'] as const;

const UNAVAILABLE = 'Service Ops can\'t reach its storage right now, so nothing was filed. Try again in a minute.';
const NO_SUCH_COMMAND = 'This command is no longer part of Service Ops. Update the app and try again.';

export interface MessageExtensionHandlers {
  searchCommandId: string;
  search(request: SearchRequest, ctx: ActionContext): Promise<ResultItem[]>;
  unfurl(url: string, ctx: ActionContext): Promise<ResultItem[]>;
  commands: readonly ComposeCommand[];
}

export class MessageExtensionRoutes {
  private handlers?: MessageExtensionHandlers;
  private readonly commands = new Map<string, ComposeCommand>();

  constructor(private readonly log: Logger) {}

  use(handlers: MessageExtensionHandlers): this {
    if (this.handlers) throw new Error('the message extension is registered twice');
    for (const c of handlers.commands) {
      if (this.commands.has(c.commandId) || c.commandId === handlers.searchCommandId) throw new Error(`message extension command ${c.commandId} declared twice`);
      this.commands.set(c.commandId, c);
    }
    this.handlers = handlers;
    return this;
  }

  /** The invoke's response; undefined when it is not a message-extension invoke this app handles. */
  async handle(context: TurnContext): Promise<InvokeResponse | undefined> {
    const name = context.activity.name ?? '';
    const h = this.handlers;
    if (!h || !(COMPOSE_INVOKES as readonly string[]).includes(name)) return undefined;
    const ctx = actionContext(context);
    try {
      return await this.route(name, context.activity.value, ctx, h);
    } catch (e) {
      this.log.warn('message extension invoke failed', { invoke: name, error: String(e) });
      return name === 'composeExtension/query' || name === 'composeExtension/queryLink' ? searchMessage(UNAVAILABLE) : dialogMessage(UNAVAILABLE);
    }
  }

  private async route(name: string, value: unknown, ctx: ActionContext, h: MessageExtensionHandlers): Promise<InvokeResponse> {
    if (name === 'composeExtension/query') {
      const request = readSearch(value);
      if (request.commandId !== h.searchCommandId) return searchMessage(NO_SUCH_COMMAND);
      return resultResponse(await h.search(request, ctx));
    }
    if (name === 'composeExtension/queryLink') return resultResponse(await h.unfurl(readLinkUrl(value), ctx));
    const request = readAction(value);
    const command = this.commands.get(request.commandId);
    if (!command) return dialogMessage(NO_SUCH_COMMAND);
    if (name === 'composeExtension/fetchTask') return dialogResponse(command.title, await command.open(request.message, ctx));
    const answer = await command.submit(request.data, ctx);
    if (answer instanceof Refusal) return dialogMessage('message' in answer.answer ? answer.answer.message : answer.answer.error);
    return 'form' in answer ? dialogResponse(command.title, answer.form) : resultResponse([answer.filed]);
  }
}

/** An invoke as the commands see it: the caller's workspace (tenant + team or chat) and who acts. */
function actionContext(context: TurnContext): ActionContext {
  const a = context.activity;
  const workspace = workspaceOf(a);
  const conversationId = targetConversationId(a);
  const invokeId = a.id ?? '';
  return {
    workspace,
    actor: userOf(a),
    opId: idFromActivity(conversationId, invokeId),
    surface: { kind: 'conversation', conversationId, name: channelData(a).channel?.name ?? (workspace.scope === 'chat' ? 'this chat' : 'this channel'), invokeId },
  };
}
