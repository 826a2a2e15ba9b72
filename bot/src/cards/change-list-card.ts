// The list of requests for change (the `changes` command and the changes tab): open ones by
// default, emergency changes awaiting review, a status filter and paging.
import { awaitsReview, CATEGORY_LABELS, CHANGE_STATUS_LABELS, CHANGE_STATUSES, type ChangeRequest, type ChangeStatus, PRIORITY_LABELS } from '../domain/changes/change';
import { CHANGE_VERBS as V } from './change-verbs';
import { clip, execute } from './ops-card-parts';
import { expandTemplate } from './template';
import template from './templates/change-list.json';
import { plural } from '../domain/text/plural';

export const CHANGE_LIST_PAGE_SIZE = 10;

export type ChangeListFilter = 'open' | 'all' | ChangeStatus;

export interface ChangeListCardInput {
  items: readonly ChangeRequest[];
  filter: ChangeListFilter;
  continuation?: string;
  /** Emergency changes awaiting the steering committee's review (from the summary). */
  awaitingReview?: number;
  message?: string;
}

export function parseChangeFilter(value: unknown): ChangeListFilter | undefined {
  const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (v === 'open' || v === 'all') return v;
  return CHANGE_STATUSES.find((s) => s === v);
}

const label = (f: ChangeListFilter) => (f === 'open' ? 'Open requests for change' : f === 'all' ? 'All requests for change' : `Requests for change: ${CHANGE_STATUS_LABELS[f].toLowerCase()}`);

export function renderChangeListCard(input: ChangeListCardInput): Record<string, unknown> {
  const filters = (['open', 'requested', 'scheduled', 'all'] as const).filter((f) => f !== input.filter)
    .map((f) => execute(f === 'open' ? 'Open' : f === 'all' ? 'All' : CHANGE_STATUS_LABELS[f], V.list, { filter: f }, { associatedInputs: 'none' }));
  const actions: Record<string, unknown>[] = [];
  if (input.continuation) actions.push(execute('Next page', V.list, { filter: input.filter, continuation: input.continuation }, { associatedInputs: 'none' }));
  actions.push(execute('Request a change', V.draft, { source: { kind: 'manual' } }, { associatedInputs: 'none' }));
  const review = input.awaitingReview ?? 0;
  return expandTemplate(template, {
    heading: label(input.filter),
    subtitle: review ? `${plural(review, 'emergency change')} awaiting review at the next steering meeting.` : 'Change management: assess, approve, schedule, implement and review every change.',
    message: input.message ?? '',
    messageColor: 'Good',
    filters,
    empty: input.items.length ? '' : 'No requests for change here. Raise one from a finding, a problem, or the task about the published IP ranges.',
    items: input.items.map((c) => ({
      id: c.id,
      title: clip(c.title, 200),
      detail: [CHANGE_STATUS_LABELS[c.status], `priority ${PRIORITY_LABELS[c.priority].toLowerCase()}`, CATEGORY_LABELS[c.category].toLowerCase(), ...(awaitsReview(c) ? ['awaits review'] : [])].join(' · '),
      color: awaitsReview(c) ? 'Attention' : 'Default',
      open: execute('Open', V.open, { changeId: c.id }, { associatedInputs: 'none' }),
    })),
    actions,
  });
}
