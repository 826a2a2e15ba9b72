// Message-extension invokes as Teams sends them (composeExtension/query, fetchTask,
// submitAction, queryLink), in a conversation built by activities.ts. The message an action
// command starts on arrives as messagePayload, with its body as HTML, its author and its link.
import { randomUUID } from 'node:crypto';

type Conv = { message(text: string): Record<string, unknown>; conversationId: string };

function invoke(conv: Conv, name: string, value: Record<string, unknown>, id?: string) {
  return { ...conv.message(''), id: id ?? `f:${randomUUID()}`, type: 'invoke', name, text: undefined, entities: undefined, value };
}

/** A channel message as Teams hands it to a message action: HTML body, author, deep link. */
export function messagePayload(html: string, author = { id: randomUUID(), displayName: 'Ana Champion' }) {
  const id = String(Date.now());
  return {
    id,
    replyToId: null,
    createdDateTime: new Date().toISOString(),
    lastModifiedDateTime: null,
    deleted: false,
    subject: null,
    summary: null,
    importance: 'normal',
    locale: 'en-us',
    linkToMessage: `https://teams.microsoft.com/l/message/19:general@thread.tacv2/${id}?tenantId=${randomUUID()}&createdTime=${id}`,
    from: { device: null, conversation: null, user: { userIdentityType: 'aadUser', id: author.id, displayName: author.displayName }, application: null },
    body: { contentType: 'html', content: html },
    attachmentLayout: null,
    attachments: [],
    mentions: [],
    policyViolation: null,
    reactions: [],
  };
}

export function composeQuery(conv: Conv, commandId: string, text: string | { initialRun: true }, options: { skip?: number; count?: number } = {}) {
  const parameters = typeof text === 'string' ? [{ name: 'query', value: text }] : [{ name: 'initialRun', value: 'true' }];
  return invoke(conv, 'composeExtension/query', { commandId, parameters, queryOptions: { skip: options.skip ?? 0, count: options.count ?? 25 } });
}

export function composeFetchTask(conv: Conv, commandId: string, payload?: ReturnType<typeof messagePayload>) {
  return invoke(conv, 'composeExtension/fetchTask', {
    commandId,
    commandContext: payload ? 'message' : 'compose',
    requestId: randomUUID(),
    context: { theme: 'default' },
    ...(payload ? { messagePayload: payload } : {}),
  });
}

/** The dialog's Action.Submit: its data merged with the form's inputs, as `data`. */
export function composeSubmitAction(conv: Conv, commandId: string, data: Record<string, unknown>, payload?: ReturnType<typeof messagePayload>, id?: string) {
  return invoke(conv, 'composeExtension/submitAction', {
    commandId,
    commandContext: payload ? 'message' : 'compose',
    requestId: randomUUID(),
    context: { theme: 'default' },
    data,
    ...(payload ? { messagePayload: payload } : {}),
  }, id);
}

export function composeQueryLink(conv: Conv, url: string) {
  return invoke(conv, 'composeExtension/queryLink', { url });
}

/** The inputs of a dialog card with their values, as the client submits them, plus the submit button's data. */
export function formValues(card: any, overrides: Record<string, string> = {}): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const visit = (node: any) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && node.id) values[node.id] = node.value ?? '';
    for (const v of Object.values(node)) visit(v);
  };
  visit(card.body);
  const submit = (card.actions ?? []).find((a: any) => a.type === 'Action.Submit');
  return { ...values, ...(submit?.data ?? {}), ...overrides };
}
