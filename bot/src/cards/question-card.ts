// One question of a conversational dialog. A question with an input (text, a choice list, a
// date, a number) is answered on the card: "Next" is an Action.Execute of the dialog answer
// verb, which reaches the bot in a channel without an @mention, with the input's value merged
// into its data. Questions without one (resume or discard, say) offer their choices as
// Action.Submit buttons whose answer comes back as `value.dialogAnswer`. Each answer also names
// its draft and step, so a button on an older card is not taken as an answer to a later question.
import { type DialogChoice, type DialogInputSpec, renderDialogInput } from './dialog-inputs';
import template from './templates/question.json';
import { expandTemplate } from './template';
import { DIALOG_VERBS } from './verbs';

export interface QuestionCardInput {
  dialog: string;
  /** The draft the question belongs to (the form runner's draft id). */
  draftId?: string;
  /** The step the question asks for. */
  step?: string;
  /** Whose question it is: a press by someone else in a channel is told so. */
  userId?: string;
  progress: string;
  question: string;
  hint?: string;
  /** Why the previous answer was not accepted (shown literally). */
  problem?: string;
  /** `data` travels with that button's answer (e.g. what to start after a discard). */
  choices?: { title: string; value: string; data?: Record<string, string> }[];
  allowSkip?: boolean;
  /** Answer on the card (needs draftId and step); its choices are `choices`. */
  input?: DialogInputSpec;
}

export const MAX_CHOICE_BUTTONS = 12;
/** The id of the question's input: its value arrives as `answer`, as the leave-dialog card's does. */
export const ANSWER_INPUT = 'answer';

export function renderQuestionCard(input: QuestionCardInput): Record<string, unknown> {
  const where = { dialog: input.dialog, ...(input.draftId ? { draftId: input.draftId } : {}), ...(input.step ? { dialogStep: input.step } : {}) };
  const answer = (title: string, value: string, extra: Record<string, string> = {}) => ({ type: 'Action.Submit', title, data: { ...extra, ...where, dialogAnswer: value } });
  const cancel = answer('Cancel', 'cancel');
  // Cancel checks no input: an empty required one would hold it back.
  if (input.input && input.draftId && input.step) return inputCard(input, input.input, { ...cancel, associatedInputs: 'none' });
  const actions = [
    ...(input.choices ?? []).slice(0, MAX_CHOICE_BUTTONS).map((c) => answer(c.title, c.value, c.data)),
    ...(input.allowSkip ? [answer('Skip', 'skip')] : []),
    cancel,
  ];
  return expandTemplate(template, { progress: input.progress, question: input.question, hint: input.hint ?? '', problem: input.problem ?? '', inputs: [], actions });
}

function inputCard(input: QuestionCardInput, spec: DialogInputSpec, cancel: Record<string, unknown>): Record<string, unknown> {
  const data = { dialog: input.dialog, draftId: input.draftId!, step: input.step!, ...(input.userId ? { userId: input.userId } : {}) };
  const choices: DialogChoice[] = (input.choices ?? []).map((c) => ({ title: c.title, value: c.value }));
  const actions = [
    { type: 'Action.Execute', title: 'Next', verb: DIALOG_VERBS.answer, style: 'positive', data },
    // Skip sends no input: an answer half typed is not taken for it.
    ...(input.allowSkip ? [{ type: 'Action.Execute', title: 'Skip', verb: DIALOG_VERBS.answer, associatedInputs: 'none', data: { ...data, [ANSWER_INPUT]: 'skip' } }] : []),
    cancel,
  ];
  return expandTemplate(template, {
    progress: input.progress,
    question: input.question,
    hint: input.hint ?? '',
    problem: input.problem ?? '',
    inputs: renderDialogInput(ANSWER_INPUT, spec, choices, { label: 'Your answer', required: !input.allowSkip }),
    actions,
  });
}

/** A dialog card that has been answered or gone out of date: what happened, and no buttons. */
export function renderDialogNoticeCard(input: { progress: string; text: string; hint?: string }): Record<string, unknown> {
  return expandTemplate(template, { progress: input.progress, question: input.text, hint: input.hint ?? '', problem: '', inputs: [], actions: [] });
}
