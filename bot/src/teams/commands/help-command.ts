import type { TurnContext } from 'botbuilder';
import { renderWelcomeCard } from '../../cards/welcome-card';
import { conversationKind } from '../activity-context';
import { cardMessage } from '../replies';

export async function sendWelcome(context: TurnContext): Promise<void> {
  const card = renderWelcomeCard({ inChannel: conversationKind(context.activity) === 'channel' });
  await context.sendActivity(cardMessage(card, 'Service Ops: what I do and the commands I know'));
}

export const helpCommand = (context: TurnContext) => sendWelcome(context);
