// The list of problems (the `problems` command and the problems tab): open ones first by default,
// a status filter, paging, and a form to record a new problem.
import { type Problem, PROBLEM_LIMITS, PROBLEM_STATUS_LABELS, PROBLEM_STATUSES, type ProblemStatus } from '../domain/problems/problem';
import { clip, execute } from './ops-card-parts';
import { PROBLEM_INPUTS as IN, PROBLEM_VERBS as V } from './problem-verbs';
import { expandTemplate } from './template';
import template from './templates/problem-list.json';
import { plural } from '../domain/text/plural';

export const PROBLEM_LIST_PAGE_SIZE = 10;

export type ProblemListFilter = 'open' | 'all' | ProblemStatus;

export interface ProblemListCardInput {
  items: readonly Problem[];
  filter: ProblemListFilter;
  continuation?: string;
  roles: readonly string[];
  message?: string;
  warning?: boolean;
  /** A picker: choosing a problem links this incident or finding to it. */
  link?: { kind: 'incident' | 'finding'; ref: string };
}

const filterLabel = (f: ProblemListFilter) => (f === 'open' ? 'Open problems' : f === 'all' ? 'All problems' : `Problems: ${PROBLEM_STATUS_LABELS[f].toLowerCase()}`);

export function parseProblemFilter(value: unknown): ProblemListFilter | undefined {
  const v = typeof value === 'string' ? value.trim().toLowerCase().replace(/\s+/g, '-') : '';
  if (v === 'open' || v === 'all') return v;
  return PROBLEM_STATUSES.find((s) => s === v);
}

export function renderProblemListCard(input: ProblemListCardInput): Record<string, unknown> {
  const link = input.link;
  const filters = (['open', 'known-error', 'resolved', 'all'] as const).filter((f) => f !== input.filter)
    .map((f) => execute(f === 'open' ? 'Open' : f === 'all' ? 'All' : PROBLEM_STATUS_LABELS[f], V.list, { filter: f, ...(link ? { link } : {}) }, { associatedInputs: 'none' }));
  const actions: Record<string, unknown>[] = [];
  if (input.continuation) actions.push(execute('Next page', V.list, { filter: input.filter, continuation: input.continuation, ...(link ? { link } : {}) }, { associatedInputs: 'none' }));
  actions.push({
    type: 'Action.ShowCard', title: 'New problem',
    card: {
      type: 'AdaptiveCard',
      body: [
        { type: 'Input.Text', id: IN.title, label: 'What keeps going wrong?', maxLength: PROBLEM_LIMITS.title, isRequired: true, errorMessage: 'Give the problem a title.' },
        ...(input.roles.length ? [{ type: 'Input.ChoiceSet', id: IN.owner, label: 'Owning role (optional)', choices: input.roles.slice(0, 60).map((r) => ({ title: clip(r, 80), value: r })) }] : []),
      ],
      actions: [execute('Record problem', V.create, {}, { style: 'positive', associatedInputs: 'auto' })],
    },
  });
  return expandTemplate(template, {
    heading: link ? `Choose the problem behind ${link.ref}` : filterLabel(input.filter),
    subtitle: 'Problem management: find the root cause of recurring incidents and remove it for good.',
    message: input.message ?? '',
    messageColor: input.warning ? 'Warning' : 'Good',
    filters,
    empty: input.items.length ? '' : input.filter === 'open' ? 'No open problems. Link an incident or a finding to a problem from its card, or record one below.' : 'No problems with this status.',
    items: input.items.map((p) => ({
      id: p.id,
      title: clip(p.title, 200),
      detail: [PROBLEM_STATUS_LABELS[p.status], p.owner ? `owner ${p.owner}` : 'no owner yet', plural(p.incidents.length, 'incident'), plural(p.findings.length, 'finding'), p.rootCause ? 'root cause known' : 'root cause not yet known'].join(' · '),
      color: p.status === 'new' ? 'Accent' : 'Default',
      open: link
        ? execute(`Link ${link.ref}`, V.link, { problemId: p.id, kind: link.kind, ref: link.ref, pick: true }, { associatedInputs: 'none' })
        : execute('Open', V.open, { problemId: p.id }, { associatedInputs: 'none' }),
    })),
    actions,
  });
}
