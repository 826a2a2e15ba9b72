// One question of a conversational dialog. Choices are Action.Submit buttons whose answer
// comes back as `value.dialogAnswer`: unlike imBack they reach the bot in channels too. Each
// answer also names its draft and step, so a button on an older card is not taken as an
// answer to a later question.
import template from './templates/question.json';
import { expandTemplate } from './template';

export interface QuestionCardInput {
  dialog: string;
  /** The draft the question belongs to (the form runner's draft id). */
  draftId?: string;
  /** The step the question asks for. */
  step?: string;
  progress: string;
  question: string;
  hint?: string;
  /** Why the previous answer was not accepted (shown literally). */
  problem?: string;
  /** `data` travels with that button's answer (e.g. what to start after a discard). */
  choices?: { title: string; value: string; data?: Record<string, string> }[];
  allowSkip?: boolean;
}

export const MAX_CHOICE_BUTTONS = 12;

export function renderQuestionCard(input: QuestionCardInput): Record<string, unknown> {
  const where = { dialog: input.dialog, ...(input.draftId ? { draftId: input.draftId } : {}), ...(input.step ? { dialogStep: input.step } : {}) };
  const answer = (title: string, value: string, extra: Record<string, string> = {}) => ({ type: 'Action.Submit', title, data: { ...extra, ...where, dialogAnswer: value } });
  const actions = [
    ...(input.choices ?? []).slice(0, MAX_CHOICE_BUTTONS).map((c) => answer(c.title, c.value, c.data)),
    ...(input.allowSkip ? [answer('Skip', 'skip')] : []),
    answer('Cancel', 'cancel'),
  ];
  return expandTemplate(template, {
    progress: input.progress,
    question: input.question,
    hint: input.hint ?? '',
    problem: input.problem ?? '',
    actions,
  });
}

/** A dialog card that has been answered or gone out of date: what happened, and no buttons. */
export function renderDialogNoticeCard(input: { progress: string; text: string; hint?: string }): Record<string, unknown> {
  return expandTemplate(template, { progress: input.progress, question: input.text, hint: input.hint ?? '', problem: '', actions: [] });
}
