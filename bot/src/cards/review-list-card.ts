// The list of the management reviews (the `reviews` command and the reviews tab): the gates and
// the periodic reviews, each with its open run or the outcome of its last run and the decisions
// still to follow up, and a button to open the run or start one.
import { PHASE_LABELS } from '../domain/governance/phase';
import type { ReviewSummary } from '../domain/reviews/review-summary';
import { summaryEntry } from '../domain/reviews/review-summary';
import { MOF_PHASE_LABELS, REVIEW_TEMPLATES, type ReviewTemplate } from '../domain/reviews/review-templates';
import { clip, execute } from './ops-card-parts';
import { REVIEW_VERBS as V } from './review-verbs';
import { expandTemplate } from './template';
import template from './templates/review-list.json';
import { plural } from '../domain/text/plural';

export interface ReviewListCardInput {
  summary: ReviewSummary;
  message?: string;
  warning?: boolean;
}

function where(t: ReviewTemplate): string {
  if (t.kind === 'gate') return `${MOF_PHASE_LABELS[t.phase]} · opens at ${t.transitions.map((x) => `${PHASE_LABELS[x.from]} → ${PHASE_LABELS[x.to]}`).join(', ')}`;
  return `${MOF_PHASE_LABELS[t.phase]} · every ${t.cadence ?? 'quarter'}`;
}

function item(t: ReviewTemplate, s: ReviewSummary) {
  const e = summaryEntry(s, t.id);
  const follow = e.carry.length ? ` ${plural(e.carry.length, 'decision')} to follow up.` : '';
  const last = e.last
    ? ` Last outcome: ${e.last.runId} (${clip(e.last.period, 40)}) closed ${e.last.closedAt.slice(0, 10)} by ${clip(e.last.closedBy, 60)}, ${plural(e.last.decisions, 'decision')}, ${plural(e.last.outputs, 'output')}${e.last.summary ? `: ${clip(e.last.summary, 200)}` : '.'}`
    : '';
  return {
    name: t.name,
    where: where(t),
    state: e.open ? `Open: ${e.open.runId} (${clip(e.open.period, 40)}).` : e.last ? 'Closed.' : 'Not held yet.',
    stateColor: e.open ? 'Accent' : 'Default',
    outcome: `${last}${follow}`,
    buttons: [e.open
      ? execute('Open', V.open, { runId: e.open.runId }, { associatedInputs: 'none' })
      : execute('Start', V.start, { templateId: t.id }, { associatedInputs: 'none' })],
  };
}

export function renderReviewListCard(input: ReviewListCardInput): Record<string, unknown> {
  const s = input.summary;
  return expandTemplate(template, {
    subtitle: 'MOF management reviews: the gates at each phase change, and the periodic reviews of the running service. Each run starts from live data and closes on its decisions and outputs.',
    message: input.message ?? '',
    messageColor: input.warning ? 'Warning' : 'Good',
    groups: [
      { title: 'Gates', items: REVIEW_TEMPLATES.filter((t) => t.kind === 'gate').map((t) => item(t, s)) },
      { title: 'Periodic reviews', items: REVIEW_TEMPLATES.filter((t) => t.kind === 'periodic').map((t) => item(t, s)) },
    ],
  });
}
