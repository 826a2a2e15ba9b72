// Reply helpers so every handler sends cards and plain text the same way.
import { type Activity, ActivityTypes, CardFactory, MessageFactory } from 'botbuilder';

export function cardMessage(card: Record<string, unknown>, summary?: string): Partial<Activity> {
  const message = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (summary) message.summary = summary;
  return message;
}

/** Plain text: Teams shows it literally, so it is safe for echoing user text. */
export function plainMessage(text: string): Partial<Activity> {
  return { type: ActivityTypes.Message, text, textFormat: 'plain' };
}

export function markdownMessage(text: string): Partial<Activity> {
  return { type: ActivityTypes.Message, text, textFormat: 'markdown' };
}

/** Short, single-line preview of user text for replies. */
export function preview(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}
