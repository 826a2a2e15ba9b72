// Sample renderings of the problem and change cards: typical, empty, full (every list and text
// at its limit) and hostile text, which must show literally.
import { renderChangeCard } from '../../../bot/src/cards/change-card';
import { renderChangeFormCard } from '../../../bot/src/cards/change-form-card';
import { renderChangeListCard } from '../../../bot/src/cards/change-list-card';
import { renderProblemCard } from '../../../bot/src/cards/problem-card';
import { renderProblemListCard } from '../../../bot/src/cards/problem-list-card';
import { PROBLEM_LIMITS } from '../../../bot/src/domain/problems/problem';
import { CHANGE_LIMITS } from '../../../bot/src/domain/changes/change';
import { change, problem, ROLES } from '../../domain/problems/fixtures';
import type { CardSample } from '../card-samples';
import { HOSTILE } from './ops';

const stamp = { by: { id: 'a', name: 'Ana Ops' }, at: '2026-11-30T10:00:00.000Z' };
const long = (n: number) => 'x'.repeat(n);
const fullProblem = () => problem(7, {
  title: long(PROBLEM_LIMITS.title), owner: 'Network Operations', status: 'known-error',
  incidents: Array.from({ length: PROBLEM_LIMITS.links }, (_, i) => `SR-202611-${String(i + 1).padStart(4, '0')}`),
  findings: Array.from({ length: PROBLEM_LIMITS.links }, (_, i) => `QF-${String(i + 1).padStart(4, '0')}`),
  changes: ['RFC-0001', 'RFC-0002'],
  rootCause: { text: long(PROBLEM_LIMITS.rootCause), ...stamp },
  knownError: { description: long(PROBLEM_LIMITS.knownError), workaround: long(PROBLEM_LIMITS.workaround), ...stamp },
  history: Array.from({ length: PROBLEM_LIMITS.history }, () => ({ ...stamp, text: 'Linked SR-202611-0001' })),
  etag: 'W/"1"',
});
const hostileProblem = () => problem(3, { title: HOSTILE, rootCause: { text: HOSTILE, ...stamp }, knownError: { description: HOSTILE, workaround: HOSTILE, ...stamp }, etag: 'W/"2"' });
const fullChange = () => change(9, {
  title: long(CHANGE_LIMITS.title), reason: long(CHANGE_LIMITS.reason), outcome: long(CHANGE_LIMITS.outcome), approver: long(CHANGE_LIMITS.approver),
  category: 'emergency', status: 'implemented', window: { start: '2026-12-05T22:00:00.000Z', end: '2026-12-06T02:00:00.000Z' },
  history: Array.from({ length: CHANGE_LIMITS.history }, () => ({ ...stamp, text: 'Status: Approved' })), etag: 'W/"3"',
});

export const samples: CardSample[] = [
  { template: 'problem.json', name: 'a new problem', render: () => renderProblemCard({ problem: problem(1, { etag: 'W/"1"' }), roles: ROLES }) },
  { template: 'problem.json', name: 'a problem after an unlink, with undo', render: () => renderProblemCard({ problem: problem(2, { etag: 'W/"1"' }), roles: ROLES, message: 'Ana: Unlinked SR-202611-0001.', undo: { kind: 'incident', ref: 'SR-202611-0001' } }) },
  { template: 'problem.json', name: 'a problem with every list and text at its limit', render: () => renderProblemCard({ problem: fullProblem(), roles: Array.from({ length: 60 }, (_, i) => `Role ${i} ${long(70)}`), message: long(300), warning: true }) },
  { template: 'problem.json', name: 'a problem with hostile text', render: () => renderProblemCard({ problem: hostileProblem(), roles: ROLES }), literal: [HOSTILE] },
  { template: 'problem-list.json', name: 'no problems', render: () => renderProblemListCard({ items: [], filter: 'open', roles: ROLES }) },
  { template: 'problem-list.json', name: 'a full page of problems with a next page', render: () => renderProblemListCard({ items: Array.from({ length: 10 }, () => fullProblem()), filter: 'all', roles: ROLES, continuation: 'token' }) },
  { template: 'problem-list.json', name: 'problems with hostile titles', render: () => renderProblemListCard({ items: [hostileProblem()], filter: 'open', roles: ROLES }), literal: [HOSTILE] },
  { template: 'change.json', name: 'a requested change', render: () => renderChangeCard({ change: change(1, { etag: 'W/"1"' }) }) },
  { template: 'change.json', name: 'an emergency change with every text at its limit', render: () => renderChangeCard({ change: fullChange(), message: long(300), warning: true }) },
  { template: 'change.json', name: 'a change with hostile text', render: () => renderChangeCard({ change: change(2, { title: HOSTILE, reason: HOSTILE, approver: HOSTILE }) }), literal: [HOSTILE] },
  { template: 'change-list.json', name: 'no changes', render: () => renderChangeListCard({ items: [], filter: 'open' }) },
  { template: 'change-list.json', name: 'a full page of changes, two awaiting review', render: () => renderChangeListCard({ items: Array.from({ length: 10 }, () => fullChange()), filter: 'all', continuation: 'token', awaitingReview: 2 }) },
  { template: 'change-form.json', name: 'the change form from a finding', render: () => renderChangeFormCard({ source: { kind: 'finding', id: 'QF-0003' }, from: 'finding QF-0003', values: { title: 'Remove the cause of QF-0003' } }) },
  { template: 'change-form.json', name: 'the change form refused, with hostile text kept', render: () => renderChangeFormCard({ source: { kind: 'task', id: 'cat-endpoints-watch', title: HOSTILE }, from: HOSTILE, values: { title: HOSTILE, reason: HOSTILE }, message: 'The planned window must end after it starts.' }), literal: [HOSTILE] },
];
