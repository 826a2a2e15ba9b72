// The review pack card: a month with every part (image, facts, downloads) and an empty month.
import { renderReviewPackCard } from '../../../bot/src/cards/review-pack-card';
import { busyPack, emptyPack } from '../../render/sample-packs';
import type { CardSample } from '../card-samples';

const links = { image: 'https://ops.example.com/api/packs/abc.png?exp=1&sig=x', png: 'https://ops.example.com/api/packs/abc.png?exp=1&sig=x', pdf: 'https://ops.example.com/api/packs/abc.pdf?exp=1&sig=x' };

export const samples: CardSample[] = [
  { template: 'review-pack.json', name: 'review pack, a busy month', render: () => renderReviewPackCard(busyPack(), links) },
  { template: 'review-pack.json', name: 'review pack, an empty month', render: () => renderReviewPackCard(emptyPack(), {}) },
];
