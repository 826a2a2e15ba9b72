// The card of one review run: the review and its period, who decides, prepares and supplies the
// data, the data snapshot taken when it started, the decisions carried from the last run, the
// questions with their answers, and the outcome (decisions with owner and due date, outputs).
// While it is open: answer, record a decision or an output, and close. User text goes into
// TextRuns, so it is shown literally.
import { REVIEW_LIMITS, type ReviewRun } from '../domain/reviews/review';
import { MOF_PHASE_LABELS, REVIEW_ROLE_KINDS, REVIEW_ROLE_LABELS, type ReviewTemplate, reviewTitle } from '../domain/reviews/review-templates';
import { clip, execute, fitCard } from './ops-card-parts';
import { answerInputId, REVIEW_INPUTS as IN, REVIEW_VERBS as V } from './review-verbs';
import { snapshotLines } from './review-snapshot-lines';
import { expandTemplate } from './template';
import template from './templates/review-run.json';

export interface ReviewCardInput {
  run: ReviewRun;
  template: ReviewTemplate;
  /** A line above the facts: what was done, or why nothing was. */
  message?: string;
  warning?: boolean;
  /** Names offered as a decision's owner (the role map); typed text is accepted too. */
  owners?: readonly string[];
}

const OWNER_HINTS = 3;
const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const showCard = (title: string, body: Record<string, unknown>[], submit: Record<string, unknown>) => ({ type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body, actions: [submit] } });

function people(run: ReviewRun): { label: string; value: string }[] {
  return REVIEW_ROLE_KINDS.map((k) => ({ label: REVIEW_ROLE_LABELS[k], value: `${clip(run.people[k].who, 200)} (${clip(run.people[k].role, 80)})` }));
}

function edits(run: ReviewRun, t: ReviewTemplate, owners: readonly string[], base: Record<string, string>): Record<string, unknown>[] {
  const hint = owners.length ? `A person or a role, e.g. ${owners.slice(0, OWNER_HINTS).map((o) => clip(o, 40)).join(', ')}` : 'A person or a role';
  const owner = { type: 'Input.Text', id: IN.decisionOwner, label: 'Owner', placeholder: hint, maxLength: REVIEW_LIMITS.owner, isRequired: true, errorMessage: 'Name who owns the decision.' };
  const pending = run.carried.filter((d) => !d.done);
  return [
    showCard('Answer', t.questions.map((q) => ({
      type: 'Input.Text', id: answerInputId(q.id), label: q.text, isMultiline: true, maxLength: REVIEW_LIMITS.answer, value: run.answers[q.id]?.text ?? '',
    })), execute('Save answers', V.answer, base, { associatedInputs: 'auto' })),
    showCard('Decision', [
      { type: 'Input.Text', id: IN.decisionText, label: 'Decision', isMultiline: true, maxLength: REVIEW_LIMITS.decision, isRequired: true, errorMessage: 'Write the decision.' },
      owner,
      { type: 'Input.Date', id: IN.decisionDue, label: 'Due date', isRequired: true, errorMessage: 'Choose the due date.' },
    ], execute('Record decision', V.decide, base, { associatedInputs: 'auto' })),
    showCard('Output', [
      { type: 'Input.ChoiceSet', id: IN.outputKind, label: 'Output', isRequired: true, errorMessage: 'Choose what the output is.', value: t.outputs[0]?.id ?? 'other', choices: [...t.outputs.map((o) => ({ title: o.label, value: o.id })), { title: 'Other', value: 'other' }] },
      { type: 'Input.Text', id: IN.outputText, label: 'What was produced', isMultiline: true, maxLength: REVIEW_LIMITS.output, isRequired: true, errorMessage: 'Describe the output.' },
    ], execute('Record output', V.output, base, { associatedInputs: 'auto' })),
    ...(pending.length ? [showCard('Follow up', [
      { type: 'Input.ChoiceSet', id: IN.decisionId, label: 'A decision of the last run that is done', isRequired: true, errorMessage: 'Choose the decision that is done.', value: `${pending[0]!.runId}/${pending[0]!.id}`, choices: pending.map((d) => ({ title: `${d.runId} ${d.id}: ${clip(d.text, 50)}`, value: `${d.runId}/${d.id}` })) },
    ], execute('Mark done', V.settle, base, { associatedInputs: 'auto' }))] : []),
  ];
}

function actions(run: ReviewRun, base: Record<string, string>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (run.status === 'open') {
    out.push(showCard('Close with outcome', [
      { type: 'TextBlock', text: `Closing records the outcome as decided by ${clip(run.people.decides.who, 100)} (${clip(run.people.decides.role, 80)}). Open decisions carry to the next run.`, wrap: true },
      { type: 'Input.Text', id: IN.summary, label: 'Outcome summary (optional)', isMultiline: true, maxLength: REVIEW_LIMITS.summary },
    ], execute('Close review', V.close, base, { style: 'positive', associatedInputs: 'auto' })));
  }
  out.push(execute('Refresh', V.refresh, { runId: run.id }, { associatedInputs: 'none' }));
  out.push(execute('All reviews', V.list, {}, { associatedInputs: 'none' }));
  return out;
}

/** Text shown at most this long, largest first: a full run is shown shorter to stay under 25 KB (inputs keep the full text). */
const BUDGETS: readonly { text: number; rows: number }[] = [
  { text: REVIEW_LIMITS.answer, rows: 99 }, { text: 300, rows: 99 }, { text: 120, rows: 99 }, { text: 40, rows: 99 }, { text: 40, rows: 8 }, { text: 40, rows: 3 },
];

export function renderReviewCard(input: ReviewCardInput): Record<string, unknown> {
  return fitCard((i) => renderAt(input, BUDGETS[i]!.text, BUDGETS[i]!.rows), BUDGETS.map((_, i) => i));
}

/** The first `rows` lines, and a line saying how many more there are. */
function firstRows<T extends { ref: string; text: string; detail: string }>(lines: T[], rows: number): { ref: string; text: string; detail: string }[] {
  return lines.length <= rows ? lines : [...lines.slice(0, rows), { ref: '…', text: `${lines.length - rows} more`, detail: 'open the reviews tab for all' }];
}

function renderAt(input: ReviewCardInput, budget: number, rows: number): Record<string, unknown> {
  const { run, template: t } = input;
  const cut = (text: string, max: number) => clip(text, Math.min(max, budget));
  const base = { runId: run.id, etag: run.etag ?? '' };
  const open = run.status === 'open';
  return expandTemplate(template, {
    heading: `${run.id} · ${reviewTitle(t)}`,
    subtitle: `${t.kind === 'gate' ? 'Gate' : 'Periodic review'} · ${MOF_PHASE_LABELS[t.phase]} · ${clip(run.period, 60)} · started by ${clip(run.started.by.name, 80)}, ${when(run.started.at)}`,
    statusLabel: open ? 'Open' : 'Closed',
    statusColor: open ? 'Accent' : 'Good',
    message: input.message ?? '',
    messageColor: input.warning ? 'Warning' : 'Good',
    purpose: t.purpose,
    people: people(run),
    snapshotHeading: `Data at the start (${when(run.snapshot.takenAt)})`,
    snapshot: snapshotLines(run.snapshot, t.inputs),
    carried: firstRows(run.carried.map((d) => ({
      ref: `${d.runId} ${d.id}`, text: cut(d.text, REVIEW_LIMITS.decision), detail: d.done ? `done, ${cut(d.done.by.name, 60)}` : `${cut(d.owner, 80)}, due ${d.due}`,
    })), rows),
    questions: t.questions.map((q) => {
      const a = run.answers[q.id];
      return { question: q.text, answer: a ? cut(a.text, REVIEW_LIMITS.answer) : 'Not answered yet.', unanswered: !a };
    }),
    noDecisions: run.decisions.length ? '' : 'No decision recorded yet. The review closes on its decisions, each with an owner and a due date.',
    decisions: firstRows(run.decisions.map((d) => ({ ref: d.id, text: cut(d.text, REVIEW_LIMITS.decision), detail: `owner ${cut(d.owner, 80)}, due ${d.due}` })), rows),
    noOutputs: run.outputs.length ? '' : `None yet. Expected: ${t.outputs.map((o) => o.label.toLowerCase()).join(', ')}.`,
    outputs: run.outputs.slice(0, rows).map((o) => ({ kind: t.outputs.find((k) => k.id === o.kind)?.label ?? 'Other', text: cut(o.text, REVIEW_LIMITS.output) }))
      .concat(run.outputs.length > rows ? [{ kind: '…', text: `${run.outputs.length - rows} more` }] : []),
    closedLine: run.closed ? `Closed by ${clip(run.closed.by.name, 80)} as ${clip(run.closed.decidedAs, 80)}, ${when(run.closed.at)}. ` : '',
    closedSummary: run.closed?.summary ? cut(run.closed.summary, REVIEW_LIMITS.summary) : '',
    edits: open ? edits(run, t, input.owners ?? [], base) : [],
    actions: actions(run, base),
  });
}
