// The request-for-change form: what, why, risk, urgency, impact, category, the planned window
// and the approver, filled with what the source says. Priority is not asked: it follows from
// urgency and impact by the matrix (domain/changes/change.ts), which the form states.
import { CATEGORY_LABELS, CHANGE_CATEGORIES, CHANGE_LIMITS, type ChangeSource, LEVEL_LABELS, LEVELS } from '../domain/changes/change';
import { windowInputs } from './change-card';
import { CHANGE_INPUTS as IN, CHANGE_VERBS as V } from './change-verbs';
import { clip, execute } from './ops-card-parts';
import { expandTemplate } from './template';
import template from './templates/change-form.json';

export interface ChangeFormInput {
  source: ChangeSource;
  /** What the form starts with (from the source, or what was typed before a refusal). */
  values?: Partial<Record<'title' | 'reason' | 'risk' | 'urgency' | 'impact' | 'category' | 'approver', string>>;
  /** Words naming the source: "finding QF-0003", "the task …". */
  from: string;
  message?: string;
}

const levels = LEVELS.map((l) => ({ title: LEVEL_LABELS[l], value: l }));

export function renderChangeFormCard(input: ChangeFormInput): Record<string, unknown> {
  const v = input.values ?? {};
  const choice = (id: string, label: string, value: string | undefined, choices: { title: string; value: string }[]) => ({ type: 'Input.ChoiceSet', id, label, isRequired: true, errorMessage: `Choose the ${label.toLowerCase()}.`, value: value ?? 'medium', choices });
  return expandTemplate(template, {
    from: clip(`Raised from ${input.from}`, 300),
    message: input.message ?? '',
    matrix: 'Priority follows from urgency and impact: both high is critical; one high and one medium is high; medium and medium, or high and low, is medium; the rest is low.',
    inputs: [
      { type: 'Input.Text', id: IN.title, label: 'What will change', maxLength: CHANGE_LIMITS.title, isRequired: true, errorMessage: 'Say what will change.', value: clip(v.title ?? '', CHANGE_LIMITS.title) },
      { type: 'Input.Text', id: IN.reason, label: 'Why', isMultiline: true, maxLength: CHANGE_LIMITS.reason, isRequired: true, errorMessage: 'Say why.', value: clip(v.reason ?? '', CHANGE_LIMITS.reason) },
      choice(IN.risk, 'Risk', v.risk, levels),
      choice(IN.urgency, 'Urgency', v.urgency, levels),
      choice(IN.impact, 'Impact', v.impact, levels),
      choice(IN.category, 'Category', v.category ?? 'normal', CHANGE_CATEGORIES.map((c) => ({ title: CATEGORY_LABELS[c], value: c }))),
      ...windowInputs(undefined),
      { type: 'Input.Text', id: IN.approver, label: 'Approver (optional)', maxLength: CHANGE_LIMITS.approver, value: clip(v.approver ?? '', CHANGE_LIMITS.approver) },
    ],
    actions: [execute('Raise the change', V.raise, { source: input.source }, { style: 'positive', associatedInputs: 'auto' })],
  });
}
