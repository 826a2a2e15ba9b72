// One question of a conversational dialog. Choices are Action.Submit buttons whose answer
// comes back as `value.dialogAnswer`: unlike imBack they reach the bot in channels too.
import template from './templates/question.json';
import { expandTemplate } from './template';

export interface QuestionCardInput {
  dialog: string;
  progress: string;
  question: string;
  hint?: string;
  /** Why the previous answer was not accepted (shown literally). */
  problem?: string;
  choices?: { title: string; value: string }[];
  allowSkip?: boolean;
}

export const MAX_CHOICE_BUTTONS = 12;

export function renderQuestionCard(input: QuestionCardInput): Record<string, unknown> {
  const answer = (title: string, value: string) => ({ type: 'Action.Submit', title, data: { dialog: input.dialog, dialogAnswer: value } });
  const actions = [
    ...(input.choices ?? []).slice(0, MAX_CHOICE_BUTTONS).map((c) => answer(c.title, c.value)),
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
