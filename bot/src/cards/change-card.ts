// The request-for-change card: what and why, the classification (risk, urgency, impact, the
// priority they give, the category), the planned window, the approver and the outcome, and the
// next steps its status allows. An emergency change says it awaits the committee's review.
import {
  awaitsReview, CATEGORY_LABELS, CHANGE_LIMITS, CHANGE_STATUS_LABELS, CHANGE_TRANSITIONS, type ChangeRequest, type ChangeStatus, LEVEL_LABELS, PRIORITY_LABELS,
} from '../domain/changes/change';
import { CHANGE_INPUTS as IN, CHANGE_VERBS as V } from './change-verbs';
import { clip, execute } from './ops-card-parts';
import { expandTemplate } from './template';
import template from './templates/change.json';

export interface ChangeCardInput {
  change: ChangeRequest;
  message?: string;
  warning?: boolean;
}

const STATUS_COLOR: Record<ChangeStatus, string> = { requested: 'Accent', approved: 'Good', rejected: 'Default', scheduled: 'Accent', implemented: 'Good', reviewed: 'Default' };
const STEP_TITLES: Record<ChangeStatus, string> = { requested: 'Request', approved: 'Approve', rejected: 'Reject', scheduled: 'Schedule', implemented: 'Mark implemented', reviewed: 'Review' };
const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** Date and time inputs of a window end, filled with what is planned. */
export function windowInputs(window: ChangeRequest['window'] | undefined): Record<string, unknown>[] {
  const v = (value: string | undefined) => (value ? { value } : {});
  return [
    { type: 'Input.Date', id: IN.startDate, label: 'Window starts (date, UTC)', ...v(window?.start.slice(0, 10)) },
    { type: 'Input.Time', id: IN.startTime, label: 'at (time, UTC)', ...v(window?.start.slice(11, 16)) },
    { type: 'Input.Date', id: IN.endDate, label: 'Window ends (date, UTC)', ...v(window?.end.slice(0, 10)) },
    { type: 'Input.Time', id: IN.endTime, label: 'at (time, UTC)', ...v(window?.end.slice(11, 16)) },
  ];
}

function stepInputs(c: ChangeRequest, to: ChangeStatus): Record<string, unknown>[] {
  if (to === 'approved' || to === 'rejected') return [{ type: 'Input.Text', id: IN.approver, label: 'Approved or rejected by', maxLength: CHANGE_LIMITS.approver, value: c.approver ?? '' }];
  if (to === 'scheduled') return windowInputs(c.window);
  return [{ type: 'Input.Text', id: IN.outcome, label: to === 'reviewed' ? 'Outcome of the change (what the review found)' : 'Outcome (optional)', isMultiline: true, maxLength: CHANGE_LIMITS.outcome, value: c.outcome ?? '' }];
}

function facts(c: ChangeRequest): { label: string; value: string }[] {
  const source = c.source.kind === 'manual' ? 'requested directly' : c.source.kind === 'task' ? `the task "${c.source.title}"` : c.source.id;
  return [
    { label: 'Priority', value: `${PRIORITY_LABELS[c.priority]} (urgency ${LEVEL_LABELS[c.urgency].toLowerCase()}, impact ${LEVEL_LABELS[c.impact].toLowerCase()})` },
    { label: 'Category', value: CATEGORY_LABELS[c.category] },
    { label: 'Risk', value: LEVEL_LABELS[c.risk] },
    { label: 'Window', value: c.window ? `${when(c.window.start)} to ${when(c.window.end)}` : 'not planned yet' },
    { label: 'Approver', value: c.approver ?? 'not named yet' },
    { label: 'Raised from', value: source },
    { label: 'Requested', value: `${clip(c.created.by.name, 100)}, ${when(c.created.at)}` },
  ];
}

export function renderChangeCard(input: ChangeCardInput): Record<string, unknown> {
  const c = input.change;
  const base = { changeId: c.id, etag: c.etag ?? '' };
  const next = CHANGE_TRANSITIONS[c.status];
  const step = (to: ChangeStatus) => execute(STEP_TITLES[to], V.status, { ...base, to }, { associatedInputs: 'auto', ...(to === 'rejected' ? { style: 'destructive' as const } : {}) });
  // Approve and reject ask the same thing (who decides): one form with both buttons.
  const decide = next.includes('approved') && next.includes('rejected');
  const forms: { title: string; to: ChangeStatus[] }[] = decide
    ? [{ title: 'Approve or reject', to: ['approved', 'rejected'] }]
    : next.map((to) => ({ title: STEP_TITLES[to], to: [to] }));
  const actions: Record<string, unknown>[] = forms.map((f) => ({
    type: 'Action.ShowCard', title: f.title,
    card: { type: 'AdaptiveCard', body: stepInputs(c, f.to[0]!), actions: f.to.map(step) },
  }));
  actions.push(execute('Refresh', V.refresh, { changeId: c.id }, { associatedInputs: 'none' }));
  return expandTemplate(template, {
    heading: `${c.id} · Request for change`,
    title: clip(c.title, CHANGE_LIMITS.title),
    statusLabel: CHANGE_STATUS_LABELS[c.status],
    statusColor: STATUS_COLOR[c.status],
    flag: awaitsReview(c) ? 'Emergency: for review at the next steering meeting' : '',
    message: input.message ?? '',
    messageColor: input.warning ? 'Warning' : 'Good',
    undo: [],
    facts: facts(c),
    sections: [
      { heading: 'Why', text: clip(c.reason, CHANGE_LIMITS.reason), by: '' },
      ...(c.outcome ? [{ heading: 'Outcome', text: clip(c.outcome, CHANGE_LIMITS.outcome), by: '' }] : []),
    ],
    history: c.history.slice(0, 5).map((h) => ({ when: h.at.slice(0, 16).replace('T', ' '), who: clip(h.by.name, 100), what: h.text })),
    actions,
  });
}
