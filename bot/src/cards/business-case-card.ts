// The business case card: the organizational scope and the business use cases, each with seed
// 001's four fields and its outcome's KSI (target, measured value and date, met or not). A use
// case is edited in a form on the same card (one at a time, so the card stays small); removing
// one offers Undo. Shared by `charter business` and the charter tab. User text is shown literally.
import template from './templates/business-case.json';
import { COMPARISON_LABELS, type KsiChoice, ksiState, measuredText, TARGET_COMPARISONS, type UseCase } from '../domain/governance/business-case';
import type { Governance } from '../domain/governance/governance';
import { GOVERNANCE_INPUTS as IN, GOVERNANCE_VERBS as V, measureInputIds, NO_KSI } from './governance-verbs';
import { clip, execute, fitCard } from './ops-card-parts';
import { expandTemplate } from './template';

export interface BusinessCaseCardInput {
  record: Governance;
  /** The workspace's KSIs, offered for alignment in the use-case form. */
  ksis: readonly KsiChoice[];
  /** "YYYY-MM-DD": the measured-on date the form proposes. */
  today: string;
  notice?: string;
  problem?: string;
  /** The use case whose form is open ('new' for a new one). */
  editing?: string;
  /** The use case just removed: its Undo is offered. */
  undo?: { id: string; name: string };
}

type Card = Record<string, unknown>;
const none = { associatedInputs: 'none' as const };
const FIELDS: readonly [keyof UseCase & string, string][] = [['currentProcess', 'Current process'], ['challenges', 'Challenges'], ['howTeamsHelps', 'How Teams helps'], ['outcome', 'Measurable outcome']];

function useCaseView(u: UseCase, ksis: readonly KsiChoice[], today: string, etag: string, textMax: number) {
  const state = ksiState(u.ksi);
  const ids = measureInputIds(u.id);
  const aligned = u.ksi.ksiId ? ksis.find((k) => k.id === u.ksi.ksiId) : undefined;
  return {
    name: clip(u.name, textMax ? 120 : 80),
    // At the smallest budget only the name and the KSI are shown; Edit opens the four fields.
    fields: textMax ? FIELDS.map(([key, label]) => ({ label, text: clip(String(u[key]), textMax) })) : [],
    ksiLine: clip(`${u.ksi.indicator}: ${measuredText(u.ksi)}`, textMax ? Math.max(textMax, 120) + 120 : 160),
    ksiColor: state === 'met' ? 'Good' : state === 'not-met' ? 'Attention' : 'Default',
    ksiDetail: [u.ksi.measured ? `Recorded by ${clip(u.ksi.measured.by.name, 60)}` : '', aligned ? `Aligned with the KSI "${clip(aligned.question, 100)}"` : ''].filter(Boolean).join(' · '),
    buttons: [
      {
        type: 'Action.ShowCard', title: 'Record the measured value',
        card: {
          type: 'AdaptiveCard', version: '1.5',
          body: [
            { type: 'Input.Number', id: ids.value, label: `Measured${u.ksi.unit ? ` (${clip(u.ksi.unit, 20)})` : ''}`, isRequired: true, errorMessage: 'Type the measured value.', ...(u.ksi.measured ? { value: u.ksi.measured.value } : {}) },
            { type: 'Input.Date', id: ids.on, label: 'Measured on', value: today },
          ],
          actions: [execute('Record', V.measure, { etag, useCaseId: u.id }, { style: 'positive' })],
        },
      },
      execute('Edit', V.useCaseEdit, { useCaseId: u.id }, none),
      execute('Remove', V.useCaseRemove, { etag, useCaseId: u.id }, { style: 'destructive', associatedInputs: 'none' }),
    ],
  };
}

function useCaseInputs(u: UseCase | undefined, ksis: readonly KsiChoice[]): Card[] {
  const text = (id: string, label: string, value: string | undefined, max: number, multiline = true) => ({ type: 'Input.Text', id, label, value: value ?? '', maxLength: max, isMultiline: multiline, isRequired: true, errorMessage: `${label} is required.` });
  return [
    text(IN.name, 'Use case', u?.name, 120, false),
    text(IN.currentProcess, 'Current business process', u?.currentProcess, 1000),
    text(IN.challenges, 'Challenges with it', u?.challenges, 1000),
    text(IN.howTeamsHelps, 'How Teams helps overcome them', u?.howTeamsHelps, 1000),
    text(IN.outcome, 'Expected, measurable business outcome', u?.outcome, 1000),
    { type: 'Input.ChoiceSet', id: IN.ksi, label: 'Aligned with the KSI (optional)', value: u?.ksi.ksiId ?? NO_KSI, choices: [{ title: 'None', value: NO_KSI }, ...ksis.slice(0, 30).map((k) => ({ title: clip(k.question, 100), value: k.id }))] },
    { type: 'Input.Text', id: IN.indicator, label: 'What is measured (leave empty to use the KSI)', value: u?.ksi.indicator ?? '', maxLength: 300 },
    { type: 'Input.ChoiceSet', id: IN.comparison, label: 'Target', value: u?.ksi.comparison ?? 'at-least', choices: TARGET_COMPARISONS.map((c) => ({ title: COMPARISON_LABELS[c], value: c })) },
    { type: 'Input.Number', id: IN.target, label: 'Target value', isRequired: true, errorMessage: 'Type the target value.', ...(u ? { value: u.ksi.target } : {}) },
    { type: 'Input.Text', id: IN.unit, label: 'Unit (e.g. %)', value: u?.ksi.unit ?? '%', maxLength: 20 },
  ];
}

function editingBlock(input: BusinessCaseCardInput) {
  const g = input.record;
  if (!input.editing) return '';
  const u = g.businessCase.useCases.find((x) => x.id === input.editing);
  if (input.editing !== 'new' && !u) return '';
  return {
    heading: u ? `Edit "${clip(u.name, 100)}"` : 'New use case',
    inputs: useCaseInputs(u, input.ksis),
    buttons: [
      execute(u ? 'Save the use case' : 'Add the use case', V.useCaseSave, { etag: g.etag ?? '', ...(u ? { useCaseId: u.id } : {}) }, { style: 'positive' }),
      execute('Cancel', V.businessCaseShow, {}, none),
    ],
  };
}

function render(input: BusinessCaseCardInput, textMax: number): Card {
  const g = input.record;
  const etag = g.etag ?? '';
  const editing = editingBlock(input);
  const actions: Card[] = [
    ...(editing ? [] : [execute('Add a use case', V.useCaseEdit, { useCaseId: 'new' }, none)]),
    {
      type: 'Action.ShowCard', title: 'Edit the scope',
      card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text', id: IN.scope, label: 'Organizational scope: the whole organization, or which business units', value: g.businessCase.scope, isMultiline: true, maxLength: 1000, isRequired: true, errorMessage: 'Write the scope.' }], actions: [execute('Save the scope', V.scopeSave, { etag }, { style: 'positive' })] },
    },
    execute('Charter and timeline', V.charterShow, {}, none),
  ];
  return expandTemplate(template, {
    notice: input.notice ?? '',
    problem: input.problem ?? '',
    undo: input.undo ? { text: `"${clip(input.undo.name, 120)}" was removed from the business case.`, buttons: [execute('Undo', V.useCaseUndo, { useCaseId: input.undo.id }, none)] } : '',
    scope: clip(g.businessCase.scope, textMax * 2),
    useCasesHeading: `Business use cases (${g.businessCase.useCases.length})`,
    useCases: g.businessCase.useCases.map((u) => useCaseView(u, input.ksis, input.today, etag, textMax)),
    editing,
    actions,
  });
}

export function renderBusinessCaseCard(input: BusinessCaseCardInput): Card {
  return fitCard((b) => render(input, b), [400, 240, 140, 80, 0]);
}
