// Reads the values of the message-extension invokes as Teams sends them: composeExtension/query
// ({ commandId, parameters: [{ name, value }], queryOptions: { skip, count } }),
// composeExtension/fetchTask and submitAction ({ commandId, commandContext, data, messagePayload
// with the message's body as HTML }) and composeExtension/queryLink ({ url }). Untrusted input:
// every reader returns a typed value or a default.
import { type CardData, cardData, field, int, str } from '../../domain/card-data';
import { messageText } from '../../domain/text/message-html';

export interface SearchRequest {
  commandId: string;
  text: string;
  /** Teams' first query when the command opens (initialRun in the manifest). */
  initialRun: boolean;
  skip: number;
  count: number;
}

export interface SourceMessage {
  text: string;
  author?: string;
  /** The message's deep link (linkToMessage), kept as a finding's evidence. */
  link?: string;
}

export interface ActionRequest {
  commandId: string;
  commandContext: string;
  data: CardData;
  message?: SourceMessage;
}

const MAX_MESSAGE_CHARS = 20_000;

export function readSearch(value: unknown): SearchRequest {
  const v = cardData(value);
  const parameters = Array.isArray(field(v, 'parameters')) ? (field(v, 'parameters') as unknown[]).map(cardData) : [];
  const initialRun = parameters.some((p) => str(field(p, 'name')) === 'initialRun' && str(field(p, 'value')) === 'true');
  const query = parameters.find((p) => str(field(p, 'name')) !== 'initialRun');
  const options = cardData(field(v, 'queryOptions'));
  return {
    commandId: str(field(v, 'commandId'), 64) ?? '',
    text: initialRun ? '' : str(field(query ?? {}, 'value'), 500) ?? '',
    initialRun,
    skip: int(field(options, 'skip')) ?? 0,
    count: int(field(options, 'count')) ?? 25,
  };
}

export function readAction(value: unknown): ActionRequest {
  const v = cardData(value);
  const message = readMessage(field(v, 'messagePayload'));
  return {
    commandId: str(field(v, 'commandId'), 64) ?? '',
    commandContext: str(field(v, 'commandContext'), 32) ?? '',
    data: cardData(field(v, 'data')),
    ...(message ? { message } : {}),
  };
}

/** The message an action command was started on (commandContext "message"), as plain text. */
export function readMessage(payload: unknown): SourceMessage | undefined {
  const p = cardData(payload);
  const body = cardData(field(p, 'body'));
  const content = str(field(body, 'content'), MAX_MESSAGE_CHARS);
  if (content === undefined) return undefined;
  const text = messageText(content, str(field(body, 'contentType')) ?? 'html');
  const user = cardData(field(cardData(field(p, 'from')), 'user'));
  const author = str(field(user, 'displayName'), 200);
  const link = str(field(p, 'linkToMessage'), 2000);
  return { text, ...(author ? { author } : {}), ...(link && /^https:\/\//.test(link) ? { link } : {}) };
}

export function readLinkUrl(value: unknown): string {
  return str(field(cardData(value), 'url'), 2048) ?? '';
}
