// Asked when a command is typed while a dialog waits for an answer: leave the dialog (its
// answers are kept, to resume later) and run the command, or keep answering. When the text
// is also a valid answer to the question, a third button takes it as the answer.
import template from './templates/leave-dialog.json';
import { expandTemplate } from './template';
import { DIALOG_VERBS } from './verbs';

export interface LeaveDialogCardInput {
  /** What the dialog files ("finding", "escalation"). */
  noun: string;
  /** The question waiting for an answer (shown literally); undefined at the confirmation. */
  question?: string;
  /** The command as typed (shown literally). */
  command: string;
  /** Identifies the dialog on every button: { dialog, draftId, userId }. */
  dialog: Record<string, string>;
  /** The step the text would answer, when it is a valid answer there too. */
  answerStep?: string;
}

/** What is shown of the command; the buttons carry it whole. */
const SHOWN_CHARS = 300;

export function renderLeaveDialogCard(input: LeaveDialogCardInput): Record<string, unknown> {
  const execute = (title: string, verb: string, extra: Record<string, string> = {}) => ({ type: 'Action.Execute', title, verb, data: { ...input.dialog, ...extra } });
  const oneLine = [...input.command.replace(/\s+/g, ' ').trim()];
  const actions = [
    execute('Leave it and run the command', DIALOG_VERBS.leave, { command: input.command }),
    execute('Keep answering', DIALOG_VERBS.stay),
    ...(input.answerStep !== undefined ? [execute('It\'s my answer', DIALOG_VERBS.answer, { step: input.answerStep, answer: input.command })] : []),
  ];
  return expandTemplate(template, {
    heading: `New ${input.noun} · unfinished`,
    lead: `You're in the middle of a new ${input.noun} (${input.question === undefined ? 'waiting for you to ' : 'question: '}`,
    question: input.question ?? 'confirm or discard it',
    command: oneLine.length > SHOWN_CHARS ? `${oneLine.slice(0, SHOWN_CHARS - 1).join('')}…` : oneLine.join(''),
    note: input.answerStep !== undefined
      ? 'Leaving keeps your answers: type resume to pick it up later. If you meant it as your answer, select It\'s my answer.'
      : 'Leaving keeps your answers: type resume to pick it up later, or discard to drop it.',
    actions,
  });
}
