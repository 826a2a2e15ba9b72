// The invoke responses a message extension answers with, in the shapes Teams reads: a result
// list (composeExtension result: each attachment is the card to insert plus its preview), a
// dialog to show (task "continue" with an Adaptive Card), or a short message.
import type { InvokeResponse } from 'botbuilder';
import { THUMBNAIL, type ThumbnailCard } from '../../cards/record-preview';

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

export interface ResultItem {
  card: Record<string, unknown>;
  preview: ThumbnailCard;
}

export function resultResponse(items: readonly ResultItem[]): InvokeResponse {
  return {
    status: 200,
    body: {
      composeExtension: {
        type: 'result',
        attachmentLayout: 'list',
        attachments: items.map((i) => ({ contentType: ADAPTIVE, content: i.card, preview: { contentType: THUMBNAIL, content: i.preview } })),
      },
    },
  };
}

/** Text in place of results (the search box shows it). */
export function searchMessage(text: string): InvokeResponse {
  return { status: 200, body: { composeExtension: { type: 'message', text } } };
}

export function dialogResponse(title: string, card: Record<string, unknown>): InvokeResponse {
  return { status: 200, body: { task: { type: 'continue', value: { title, height: 'large', width: 'medium', card: { contentType: ADAPTIVE, content: card } } } } };
}

/** Closes nothing and files nothing: the dialog shows the text. */
export function dialogMessage(text: string): InvokeResponse {
  return { status: 200, body: { task: { type: 'message', value: text } } };
}
