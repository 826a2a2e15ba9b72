// "Link to problem" on an incident or finding card: a choice of the open problems, or a new
// problem raised from the record. The cards that carry it pass the open problems they know of;
// a number can always be typed instead.
import { NEW_PROBLEM_CHOICE, PROBLEM_INPUTS as IN, PROBLEM_VERBS as V } from './problem-verbs';
import { clip, execute } from './ops-card-parts';

export interface OpenProblemChoice {
  id: string;
  title: string;
}

export function linkToProblemAction(kind: 'incident' | 'finding', ref: string, openProblems: readonly OpenProblemChoice[] = []): Record<string, unknown> {
  const choices = [
    { title: 'New problem from this', value: NEW_PROBLEM_CHOICE },
    ...openProblems.slice(0, 20).map((p) => ({ title: clip(`${p.id}: ${p.title}`, 120), value: p.id })),
  ];
  return {
    type: 'Action.ShowCard',
    title: 'Link to problem',
    card: {
      type: 'AdaptiveCard',
      body: [
        { type: 'Input.ChoiceSet', id: IN.choice, label: 'Problem', value: NEW_PROBLEM_CHOICE, choices },
        { type: 'Input.Text', id: IN.problemRef, label: 'Or type a problem number (PRB-…)', maxLength: 20 },
      ],
      actions: [
        execute('Link to problem', V.link, { kind, ref }, { associatedInputs: 'auto' }),
        // The cards that carry this cannot list every open problem: the picker does.
        execute('Choose an open problem', V.list, { filter: 'open', link: { kind, ref } }, { associatedInputs: 'none' }),
      ],
    },
  };
}
