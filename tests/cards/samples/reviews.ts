// Sample renderings of the management review cards: a fresh gate run, a run at every limit, a
// closed run, hostile text (shown literally), and the list before and after runs.
import { renderReviewCard } from '../../../bot/src/cards/review-card';
import { renderReviewListCard } from '../../../bot/src/cards/review-list-card';
import { EMPTY_REVIEW_SUMMARY, summaryAfterRun } from '../../../bot/src/domain/reviews/review-summary';
import { reviewTemplate } from '../../../bot/src/domain/reviews/review-templates';
import { ANA, fullRun, NOW, run, stamp } from '../../domain/reviews/fixtures';
import type { CardSample } from '../card-samples';
import { HOSTILE } from './ops';

const ROLES = ['Service Owner', 'Quality Champion', 'Help Desk'];
const closed = () => run('portfolio', 2, {
  status: 'closed', decisions: [{ id: 'D1', text: 'Fund the Lyon network refresh', owner: 'Network Lead', due: '2027-01-15', recorded: stamp, runId: 'MR-0002' }],
  closed: { ...stamp, summary: 'Go, with the network refresh first', decidedAs: 'Project Executive Sponsor' },
});
const hostile = () => run('release-readiness', 3, {
  answers: { go: { text: HOSTILE, by: ANA, at: NOW.toISOString() } },
  decisions: [{ id: 'D1', text: HOSTILE, owner: HOSTILE, due: '2027-01-15', recorded: stamp, runId: 'MR-0003' }],
  outputs: [{ id: 'O1', kind: 'go-no-go', text: HOSTILE, recorded: stamp }],
});

export const samples: CardSample[] = [
  { template: 'review-run.json', name: 'a gate review just started', render: () => renderReviewCard({ run: run('portfolio'), template: reviewTemplate('portfolio')!, owners: ROLES }) },
  { template: 'review-run.json', name: 'a review with every list and text at its limit', render: () => renderReviewCard({ run: fullRun(), template: reviewTemplate('operational-health')!, owners: Array.from({ length: 60 }, (_, i) => `Role ${i} ${'y'.repeat(70)}`), message: 'z'.repeat(300), warning: true }) },
  { template: 'review-run.json', name: 'a closed review', render: () => renderReviewCard({ run: closed(), template: reviewTemplate('portfolio')! }) },
  { template: 'review-run.json', name: 'a review with hostile text', render: () => renderReviewCard({ run: hostile(), template: reviewTemplate('release-readiness')!, owners: [] }), literal: [HOSTILE] },
  { template: 'review-list.json', name: 'no review held yet', render: () => renderReviewListCard({ summary: EMPTY_REVIEW_SUMMARY }) },
  { template: 'review-list.json', name: 'reviews open and closed', render: () => renderReviewListCard({ summary: summaryAfterRun(summaryAfterRun(EMPTY_REVIEW_SUMMARY, closed()), run('operational-health', 3)), message: 'Started.' }) },
  { template: 'review-list.json', name: 'reviews with a hostile outcome', render: () => renderReviewListCard({ summary: summaryAfterRun(EMPTY_REVIEW_SUMMARY, { ...closed(), closed: { ...stamp, summary: HOSTILE, decidedAs: 'x' } }) }), literal: [HOSTILE] },
];
