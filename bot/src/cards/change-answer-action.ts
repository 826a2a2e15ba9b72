// "Change an answer" on a dialog's confirmation card: pick the answer, and the dialog asks that
// question again, then comes back to the confirmation. The form runner adds it to every form's
// confirmation card, so each form gets it the same way.

export interface ChangeAnswerInput {
  /** The form's edit verb (`<form>.edit`). */
  verb: string;
  draftId: string;
  /** The answers that can be changed, in the dialog's order: the step key and its label. */
  steps: { key: string; label: string }[];
}

/** The input id the chosen step arrives in. */
export const CHANGE_STEP_INPUT = 'editStep';

export function renderChangeAnswerAction(input: ChangeAnswerInput): Record<string, unknown> {
  return {
    type: 'Action.ShowCard',
    title: 'Change an answer',
    card: {
      type: 'AdaptiveCard',
      body: [{
        type: 'Input.ChoiceSet',
        id: CHANGE_STEP_INPUT,
        label: 'Which answer?',
        style: 'compact',
        isRequired: true,
        errorMessage: 'Choose the answer to change.',
        value: input.steps[0]?.key ?? '',
        choices: input.steps.map((s) => ({ title: s.label, value: s.key })),
      }],
      actions: [{ type: 'Action.Execute', title: 'Ask it again', verb: input.verb, data: { draftId: input.draftId } }],
    },
  };
}

/** The card with the action added after its own actions. */
export function withChangeAnswer(card: Record<string, unknown>, input: ChangeAnswerInput): Record<string, unknown> {
  if (!input.steps.length) return card;
  const actions = Array.isArray(card.actions) ? card.actions : [];
  return { ...card, actions: [...actions, renderChangeAnswerAction(input)] };
}
