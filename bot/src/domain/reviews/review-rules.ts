// The rules of a review run, pure: starting one from its template, the resolved people and the
// data snapshot; answering its questions; recording decisions (text, owner, due date) and
// outputs; following up a carried decision; and closing it on its outcome. Every change checks
// its input and says in plain words why it refuses; nothing changes on a refusal.
import { type Actor, invalid, okOf, type Outcome, OpsValidationError, textField, validated } from '../ops/common';
import type { Workspace } from '../workspace';
import { openDecisions, REVIEW_LIMITS, type ReviewDecision, type ReviewPerson, type ReviewRun, type ReviewTrigger } from './review';
import type { ReviewSnapshot } from './review-inputs';
import { type ReviewRoleKind, type ReviewTemplate, reviewTitle } from './review-templates';

export interface StartInput {
  template: ReviewTemplate;
  workspace: Workspace;
  id: string;
  number: number;
  period: string;
  trigger: ReviewTrigger;
  people: Record<ReviewRoleKind, ReviewPerson>;
  snapshot: ReviewSnapshot;
  carried: readonly ReviewDecision[];
  actor: Actor;
  now: Date;
}

export function startRun(i: StartInput): ReviewRun {
  const stamp = { by: i.actor, at: i.now.toISOString() };
  return {
    id: i.id, number: i.number, workspace: i.workspace, templateId: i.template.id, period: i.period, status: 'open', trigger: i.trigger,
    started: stamp, people: i.people, snapshot: i.snapshot, answers: {}, decisions: [], outputs: [],
    carried: i.carried.slice(0, REVIEW_LIMITS.carried).map((d) => ({ ...d })), updated: stamp,
  };
}

/** The period a run covers when it starts now: a month or a quarter, or the transition of a gate. */
export function periodOf(template: ReviewTemplate, now: Date, transition?: string): string {
  if (template.kind === 'gate') return transition ?? 'On demand';
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() + 1;
  return template.cadence === 'quarter' ? `${y} Q${Math.ceil(m / 3)}` : `${y}-${String(m).padStart(2, '0')}`;
}

export type ReviewAction =
  | { type: 'answer'; answers: Record<string, unknown> }
  | { type: 'decide'; text: unknown; owner: unknown; due: unknown }
  | { type: 'output'; kind: unknown; text: unknown }
  | { type: 'settle'; decisionId: string }
  | { type: 'close'; summary: unknown; actorIds: readonly string[] };

const stampOf = (actor: Actor, now: Date) => ({ by: actor, at: now.toISOString() });
const CLOSED = 'This review is closed; its outcome is recorded. Start the next run to review again.';

/** A calendar date, today or later (YYYY-MM-DD, or what a date input sends). */
export function dueDate(value: unknown, now: Date): string {
  const text = typeof value === 'string' ? value.trim().slice(0, 10) : '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!d || d.toISOString().slice(0, 10) !== text) throw new OpsValidationError('Give the due date as a date, for example 2027-01-15.');
  if (text < now.toISOString().slice(0, 10)) throw new OpsValidationError(`The due date ${text} is in the past; choose today or a later day.`);
  return text;
}

function answer(run: ReviewRun, template: ReviewTemplate, answers: Record<string, unknown>, actor: Actor, now: Date): Outcome<{ run: ReviewRun; summary: string }> {
  return validated(() => {
    const next = { ...run.answers };
    let changed = 0;
    for (const question of template.questions) {
      if (!(question.id in answers)) continue;
      const text = textField(`The answer to "${question.text}"`, answers[question.id] ?? '', REVIEW_LIMITS.answer, { optional: true, multiline: true });
      if (text === (next[question.id]?.text ?? '')) continue;
      if (text) next[question.id] = { text, by: actor, at: now.toISOString() };
      else delete next[question.id];
      changed++;
    }
    if (!changed) throw new OpsValidationError('Nothing to save: write or change an answer first.');
    return { run: { ...run, answers: next, updated: stampOf(actor, now) }, summary: `${changed === 1 ? 'an answer' : `${changed} answers`} saved` };
  });
}

function decide(run: ReviewRun, action: Extract<ReviewAction, { type: 'decide' }>, actor: Actor, now: Date): Outcome<{ run: ReviewRun; summary: string }> {
  return validated(() => {
    if (run.decisions.length >= REVIEW_LIMITS.decisions) throw new OpsValidationError(`A review holds at most ${REVIEW_LIMITS.decisions} decisions.`);
    const text = textField('The decision', action.text, REVIEW_LIMITS.decision);
    const owner = textField('The owner of the decision', action.owner, REVIEW_LIMITS.owner);
    const due = dueDate(action.due, now);
    const d: ReviewDecision = { id: `D${run.decisions.length + 1}`, text, owner, due, recorded: stampOf(actor, now), runId: run.id };
    return { run: { ...run, decisions: [...run.decisions, d], updated: stampOf(actor, now) }, summary: `decision ${d.id} recorded (${owner}, due ${due})` };
  });
}

function output(run: ReviewRun, template: ReviewTemplate, action: Extract<ReviewAction, { type: 'output' }>, actor: Actor, now: Date): Outcome<{ run: ReviewRun; summary: string }> {
  return validated(() => {
    if (run.outputs.length >= REVIEW_LIMITS.outputs) throw new OpsValidationError(`A review holds at most ${REVIEW_LIMITS.outputs} outputs.`);
    const kinds = [...template.outputs.map((o) => o.id), 'other'];
    const kind = typeof action.kind === 'string' && kinds.includes(action.kind) ? action.kind : undefined;
    if (!kind) throw new OpsValidationError(`Choose what the output is: ${template.outputs.map((o) => o.label).join(', ')} or other.`);
    const text = textField('The output', action.text, REVIEW_LIMITS.output, { multiline: true });
    const o = { id: `O${run.outputs.length + 1}`, kind, text, recorded: stampOf(actor, now) };
    return { run: { ...run, outputs: [...run.outputs, o], updated: stampOf(actor, now) }, summary: `output ${o.id} recorded` };
  });
}

function settle(run: ReviewRun, decisionId: string, actor: Actor, now: Date): Outcome<{ run: ReviewRun; summary: string }> {
  const d = run.carried.find((x) => `${x.runId}/${x.id}` === decisionId);
  if (!d) return invalid('That decision is not among those carried to this review.');
  if (d.done) return okOf({ run, summary: `${d.runId} ${d.id} was already done` });
  const carried = run.carried.map((x) => (x === d ? { ...x, done: stampOf(actor, now) } : x));
  return okOf({ run: { ...run, carried, updated: stampOf(actor, now) }, summary: `${d.runId} ${d.id} marked done` });
}

function close(run: ReviewRun, template: ReviewTemplate, action: Extract<ReviewAction, { type: 'close' }>, actor: Actor, now: Date): Outcome<{ run: ReviewRun; summary: string }> {
  const decider = run.people.decides;
  // Seed 002: the director decides. When the role map names the decider as a person, only they close.
  if (decider.personId && !action.actorIds.includes(decider.personId)) {
    return invalid(`Only ${decider.who} (${decider.role}) decides this review and can record its outcome.`);
  }
  if (!run.decisions.length) return invalid(`Record the outcome first: a ${reviewTitle(template)} closes on at least one decision, with its owner and due date.`);
  return validated(() => {
    const summary = textField('The outcome summary', action.summary ?? '', REVIEW_LIMITS.summary, { optional: true, multiline: true });
    const closed = { ...stampOf(actor, now), summary, decidedAs: decider.role };
    const next: ReviewRun = { ...run, status: 'closed', closed, updated: stampOf(actor, now) };
    return { run: next, summary: `closed with ${next.decisions.length === 1 ? 'one decision' : `${next.decisions.length} decisions`}; ${openDecisions(next).length} to follow up at the next run` };
  });
}

/** Applies one action to an open run; the run as it was (same object) when nothing changed. */
export function applyReviewAction(run: ReviewRun, template: ReviewTemplate, action: ReviewAction, actor: Actor, now: Date): Outcome<{ run: ReviewRun; summary: string }> {
  if (run.status === 'closed') return invalid(CLOSED);
  switch (action.type) {
    case 'answer': return answer(run, template, action.answers, actor, now);
    case 'decide': return decide(run, action, actor, now);
    case 'output': return output(run, template, action, actor, now);
    case 'settle': return settle(run, action.decisionId, actor, now);
    case 'close': return close(run, template, action, actor, now);
  }
}
