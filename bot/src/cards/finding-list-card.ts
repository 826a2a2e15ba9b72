import { CATEGORIES, category as categoryInfo, type CategoryId, DEFAULT_ROLE_NAMES } from '../domain/findings/catalog';
import { type Finding, type FindingStatus, isOverdue, STATUS_LABELS } from '../domain/findings/finding';
import template from './templates/finding-list.json';
import { expandTemplate } from './template';
import { clip, execute, FINDING_VERBS } from './finding-verbs';

/** The filter as the card sends it back (finding.list data merged with the inputs). */
export interface FindingListCardFilter {
  category?: CategoryId;
  /** A status, 'open' (default) or 'all'. */
  status?: FindingStatus | 'open' | 'all';
  owningRole?: string;
  overdue?: boolean;
}

export interface FindingListCardInput {
  items: readonly Finding[];
  filter: FindingListCardFilter;
  now: Date;
  /** Token of the next page, when there is one. */
  continuationToken?: string;
  roles?: readonly string[];
}

export function renderFindingListCard(input: FindingListCardInput): Record<string, unknown> {
  const f = input.filter;
  const parts = [f.status && f.status !== 'open' ? (f.status === 'all' ? 'all statuses' : STATUS_LABELS[f.status as FindingStatus]) : 'open'];
  if (f.category) parts.push(categoryInfo(f.category).short);
  if (f.owningRole) parts.push(`owned by ${f.owningRole}`);
  if (f.overdue) parts.push('overdue');
  const actions: Record<string, unknown>[] = [execute('Apply filters', FINDING_VERBS.list, {})];
  if (input.continuationToken) actions.push(execute('Next page', FINDING_VERBS.list, { ...cleanFilter(f), continuationToken: input.continuationToken }));
  const roles = input.roles?.length ? input.roles : DEFAULT_ROLE_NAMES;
  return expandTemplate(template, {
    title: 'Findings',
    filterSummary: `Showing ${parts.join(' · ')}.`,
    emptyText: 'No findings match. File one with "finding", or change the filters.',
    items: input.items.map((x) => ({
      id: x.id,
      headline: clip(x.description.split('\n')[0] ?? '', 400),
      detail: clip([categoryInfo(x.category).short, x.building, x.subnet, x.owningRole].filter(Boolean).join(' · '), 500),
      statusLabel: STATUS_LABELS[x.status],
      overdue: isOverdue(x, input.now),
      open: execute('Open', FINDING_VERBS.open, { findingId: x.id }),
    })),
    filter: { category: f.category ?? ANY, status: f.status ?? 'open', owningRole: f.owningRole ?? ANY, overdue: f.overdue ? 'true' : 'false' },
    categoryChoices: [{ title: 'Any category', value: ANY }, ...CATEGORIES.map((c) => ({ title: c.short, value: c.id }))],
    statusChoices: [{ title: 'Open', value: 'open' }, { title: 'All', value: 'all' }, ...(Object.keys(STATUS_LABELS) as FindingStatus[]).map((s) => ({ title: STATUS_LABELS[s], value: s }))],
    roleChoices: [{ title: 'Any team', value: ANY }, ...roles.map((r) => ({ title: clip(r, 200), value: r }))],
    actions,
  });
}

/** ChoiceSet values can't be empty: "any" stands for no filter. */
const ANY = 'any';

/** finding.list data (filters + inputs + continuationToken) → the filter and page token. */
export function parseListFilter(data: Record<string, unknown>): { filter: FindingListCardFilter; continuationToken?: string } {
  const str = (k: string) => (typeof data[k] === 'string' && data[k] !== '' && data[k] !== ANY ? (data[k] as string) : undefined);
  const filter: FindingListCardFilter = {};
  const category = str('category');
  if (category && CATEGORIES.some((c) => c.id === category)) filter.category = category as CategoryId;
  const status = str('status');
  if (status && (status === 'open' || status === 'all' || status in STATUS_LABELS)) filter.status = status as FindingListCardFilter['status'];
  const role = str('owningRole');
  if (role) filter.owningRole = role;
  if (data.overdue === true || data.overdue === 'true') filter.overdue = true;
  const token = str('continuationToken');
  return token ? { filter, continuationToken: token } : { filter };
}

function cleanFilter(f: FindingListCardFilter): Record<string, unknown> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== ''));
}

/** The card's filter as FindingService.list takes it. */
export function toServiceFilter(f: FindingListCardFilter): { category?: CategoryId; owningRole?: string; statuses?: FindingStatus[]; overdue?: boolean } {
  const out: { category?: CategoryId; owningRole?: string; statuses?: FindingStatus[]; overdue?: boolean } = {};
  if (f.category) out.category = f.category;
  if (f.owningRole) out.owningRole = f.owningRole;
  if (f.status === 'all') out.statuses = Object.keys(STATUS_LABELS) as FindingStatus[];
  else if (f.status && f.status !== 'open') out.statuses = [f.status];
  if (f.overdue) out.overdue = true;
  return out;
}
