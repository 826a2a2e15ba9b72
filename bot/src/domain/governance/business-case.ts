// The business case (seed 001): the organizational scope, and business use cases that each
// describe the current process, its challenges, how Teams helps and the measurable outcome.
// Each outcome is tracked as a KSI: a target (at least / at most a value) and the value a person
// measured on a date, so the committee sees measured against target.
import type { Actor } from '../ops/common';
import { choiceField, OpsValidationError, textField, validated, type Outcome } from '../ops/common';
import { formatLocalDate, parseLocalDate } from '../ops/zoned-date';

export const BUSINESS_CASE_LIMITS = { scope: 1000, name: 120, field: 1000, indicator: 300, unit: 20, useCases: 8 } as const;

export type TargetComparison = 'at-least' | 'at-most';
export const TARGET_COMPARISONS: readonly TargetComparison[] = ['at-least', 'at-most'];
export const COMPARISON_LABELS: Record<TargetComparison, string> = { 'at-least': 'At least', 'at-most': 'At most' };

export interface Measurement {
  value: number;
  /** "YYYY-MM-DD": the day it was measured. */
  on: string;
  by: Actor;
}

export interface OutcomeKsi {
  /** What is measured, e.g. "Reduction of monthly telephony spend". */
  indicator: string;
  comparison: TargetComparison;
  target: number;
  /** "%", "days", "users"... */
  unit: string;
  /** The workspace KSI (OKRs and KSIs) this outcome is aligned with, when one was chosen. */
  ksiId?: string;
  measured?: Measurement;
}

export interface UseCase {
  id: string;
  name: string;
  currentProcess: string;
  challenges: string;
  howTeamsHelps: string;
  outcome: string;
  ksi: OutcomeKsi;
  example?: boolean;
}

export interface BusinessCase {
  scope: string;
  useCases: UseCase[];
  /** The last use case removed, kept so its removal can be undone. */
  removed?: UseCase;
}

/** Seed 001's completed example, in our words: cloud calling replaces desk phones and the PBX. */
export const DEFAULT_BUSINESS_CASE: BusinessCase = {
  scope: 'Example: every office of the organization; business units join in waves agreed by the steering committee.',
  useCases: [{
    id: 'example-retire-pbx',
    name: 'Example: retire the desk phones and the legacy PBX',
    currentProcess: 'Every desk has a phone with its own direct number, wired to an on-premises PBX that reaches the public network over a SIP trunk. People can only take and make calls at their own desk.',
    challenges: 'Only about one desk phone in ten is actually used; the rest forward or ring through to mobiles. Keeping the PBX and the desk phones running is about a fifth of the monthly telephony bill.',
    howTeamsHelps: 'Calls are made and answered in the Teams app on any computer or phone over the data network, so no desk phones need rolling out or maintaining and the PBX can be switched off.',
    outcome: 'Monthly telephony spend falls by a fifth, and new offices open with almost no up-front telephony cost.',
    ksi: { indicator: 'Reduction of monthly telephony spend', comparison: 'at-least', target: 20, unit: '%' },
    example: true,
  }],
};

/** A KSI of the workspace's OKRs and KSIs, offered for alignment. */
export interface KsiChoice {
  id: string;
  question: string;
  successCriteria: string;
}

export interface UseCaseInput {
  name?: unknown;
  currentProcess?: unknown;
  challenges?: unknown;
  howTeamsHelps?: unknown;
  outcome?: unknown;
  indicator?: unknown;
  comparison?: unknown;
  target?: unknown;
  unit?: unknown;
  ksiId?: unknown;
}

function numberField(label: string, value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim().replace(/%$/, '')) : NaN;
  if (!Number.isFinite(n)) throw new OpsValidationError(`${label} must be a number, e.g. 20 or 4.5.`);
  if (Math.abs(n) > 1e12) throw new OpsValidationError(`${label} is too large.`);
  return n;
}

/** The four fields of seed 001's use case and its KSI, checked; a chosen KSI names the indicator when none is written. */
export function validateUseCase(input: UseCaseInput, id: string, ksis: readonly KsiChoice[], before?: UseCase): Outcome<UseCase> {
  return validated(() => {
    const f = (label: string, v: unknown) => textField(label, v, BUSINESS_CASE_LIMITS.field, { multiline: true });
    const name = textField('The use case name', input.name, BUSINESS_CASE_LIMITS.name);
    const ksiId = typeof input.ksiId === 'string' && input.ksiId.trim() ? input.ksiId.trim() : undefined;
    const aligned = ksiId ? ksis.find((k) => k.id === ksiId) : undefined;
    if (ksiId && !aligned) throw new OpsValidationError('That KSI is no longer in the OKRs and KSIs; choose another or none.');
    const written = textField('What is measured', input.indicator, BUSINESS_CASE_LIMITS.indicator, { optional: true });
    const indicator = written || aligned?.question;
    if (!indicator) throw new OpsValidationError('What is measured is required (or choose the KSI it is aligned with).');
    const ksi: OutcomeKsi = {
      indicator,
      comparison: choiceField('The target', input.comparison, TARGET_COMPARISONS, COMPARISON_LABELS),
      target: numberField('The target value', input.target),
      unit: textField('The unit', input.unit, BUSINESS_CASE_LIMITS.unit, { optional: true }),
      ...(aligned ? { ksiId: aligned.id } : {}),
      ...(before?.ksi.measured ? { measured: before.ksi.measured } : {}),
    };
    return {
      id, name, ksi,
      currentProcess: f('The current process', input.currentProcess),
      challenges: f('The challenges', input.challenges),
      howTeamsHelps: f('How Teams helps', input.howTeamsHelps),
      outcome: f('The measurable outcome', input.outcome),
    };
  });
}

/** A measured value of a use case's KSI: a number, on a day that is not in the future. */
export function validateMeasurement(value: unknown, on: unknown, today: string, by: Actor): Outcome<Measurement> {
  return validated(() => {
    const n = numberField('The measured value', value);
    const day = typeof on === 'string' && on.trim() ? parseLocalDate(on.trim()) : undefined;
    if (on !== undefined && on !== '' && !day) throw new OpsValidationError('The day it was measured is written YYYY-MM-DD, e.g. 2026-11-30.');
    const date = day ? formatLocalDate(day) : today;
    if (date > today) throw new OpsValidationError(`A value cannot be measured in the future; ${date} is after today (${today}).`);
    return { value: n, on: date, by };
  });
}

export type KsiState = 'met' | 'not-met' | 'not-measured';

/** Met when the measured value is on the right side of the target (the target itself counts). */
export function ksiState(ksi: OutcomeKsi): KsiState {
  if (!ksi.measured) return 'not-measured';
  const v = ksi.measured.value;
  return (ksi.comparison === 'at-least' ? v >= ksi.target : v <= ksi.target) ? 'met' : 'not-met';
}

const num = (n: number, unit: string) => `${Number(n.toFixed(4))}${unit === '%' ? ' %' : unit ? ` ${unit}` : ''}`;

/** "at least 20 %" */
export const targetText = (k: OutcomeKsi) => `${COMPARISON_LABELS[k.comparison].toLowerCase()} ${num(k.target, k.unit)}`;

/** "measured 22 % on 2026-11-30 against a target of at least 20 %: met" */
export function measuredText(k: OutcomeKsi): string {
  const state = ksiState(k);
  if (!k.measured) return `not measured yet; target ${targetText(k)}`;
  return `measured ${num(k.measured.value, k.unit)} on ${k.measured.on} against a target of ${targetText(k)}: ${state === 'met' ? 'met' : 'not met'}`;
}

export function validateScope(text: unknown): Outcome<string> {
  return validated(() => textField('The organizational scope', text, BUSINESS_CASE_LIMITS.scope, { multiline: true }));
}
