// Every card template with typical and worst-case renderings. Each feature adds a module in
// ./samples/ exporting `samples: CardSample[]`; the card test fails if a template in
// bot/src/cards/templates has no sample.
import { renderWelcomeCard } from '../../bot/src/cards/welcome-card';

export interface CardSample {
  template: string;
  name: string;
  render: () => Record<string, unknown>;
  /** Strings of user text the rendering must show literally. */
  literal?: string[];
}

const featureSamples = import.meta.glob<{ samples: CardSample[] }>('./samples/*.ts', { eager: true });

export const CARD_SAMPLES: CardSample[] = [
  { template: 'welcome.json', name: 'welcome in a chat', render: () => renderWelcomeCard({ inChannel: false }) },
  { template: 'welcome.json', name: 'welcome in a channel', render: () => renderWelcomeCard({ inChannel: true }) },
  ...Object.values(featureSamples).flatMap((m) => m.samples),
];
