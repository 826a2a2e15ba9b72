// Every card template with a typical and a worst-case rendering. The card test fails if a
// template in bot/src/cards/templates has no entry here.
import { renderWelcomeCard } from '../../bot/src/cards/welcome-card';

export interface CardSample {
  template: string;
  name: string;
  render: () => Record<string, unknown>;
  /** Strings of user text the rendering must show literally. */
  literal?: string[];
}

export const CARD_SAMPLES: CardSample[] = [
  { template: 'welcome.json', name: 'welcome in a chat', render: () => renderWelcomeCard({ inChannel: false }) },
  { template: 'welcome.json', name: 'welcome in a channel', render: () => renderWelcomeCard({ inChannel: true }) },
];
