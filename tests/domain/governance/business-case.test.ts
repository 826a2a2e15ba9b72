// The business case's rules: seed 001's four fields, an outcome tracked as a KSI with a target and
// a measured value on a date, met or not.
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CASE, ksiState, measuredText, validateMeasurement, validateScope, validateUseCase } from '../../../bot/src/domain/governance/business-case';
import { DEFAULT_KSIS } from '../../../bot/src/domain/ops/okrs';

const vera = { id: 'u1', name: 'Vera' };
const ksis = DEFAULT_KSIS.map((k) => ({ id: k.id, question: k.question, successCriteria: k.successCriteria }));
const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const message = (r: { ok: boolean; message?: string }): string => (r.ok ? '' : r.message ?? '');
const input = { name: 'Retire the PBX', currentProcess: 'Desk phones', challenges: 'Unused', howTeamsHelps: 'Calls in Teams', outcome: 'Lower cost', indicator: 'Telephony spend reduction', comparison: 'at-least', target: '20', unit: '%' };

describe('the business case', () => {
  it('seed 001: the example use case retires the desk phones and PBX for a 20 % cut in monthly telephony spend', () => {
    const [u] = DEFAULT_BUSINESS_CASE.useCases;
    expect(u!.ksi).toMatchObject({ comparison: 'at-least', target: 20, unit: '%' });
    expect(u!.challenges).toMatch(/one desk phone in ten/);
    expect(u!.example).toBe(true);
    expect(DEFAULT_BUSINESS_CASE.scope).toMatch(/^Example/);
  });

  it('seed 001: a use case needs its current process, challenges, how Teams helps and the measurable outcome', () => {
    const u = value(validateUseCase(input, 'uc-1', ksis));
    expect(u).toMatchObject({ id: 'uc-1', name: 'Retire the PBX', ksi: { indicator: 'Telephony spend reduction', comparison: 'at-least', target: 20, unit: '%' } });
    for (const [key, label] of [['currentProcess', 'current process'], ['challenges', 'challenges'], ['howTeamsHelps', 'How Teams helps'], ['outcome', 'measurable outcome']] as const) {
      expect(message(validateUseCase({ ...input, [key]: ' ' }, 'uc-1', ksis)).toLowerCase()).toContain(`${label.toLowerCase()} is required`);
    }
    expect(message(validateUseCase({ ...input, target: 'twenty' }, 'uc-1', ksis))).toMatch(/target value must be a number/);
    expect(message(validateUseCase({ ...input, comparison: 'about' }, 'uc-1', ksis))).toMatch(/At least/);
  });

  it('seed 001: an outcome aligned with a KSI ("poor calls under 5 % a month") takes its question when none is written', () => {
    const u = value(validateUseCase({ ...input, indicator: '', ksiId: 'example-ksi-4', comparison: 'at-most', target: 5 }, 'uc-2', ksis));
    expect(u.ksi).toMatchObject({ indicator: 'Poor calls and conferences are rare', ksiId: 'example-ksi-4', target: 5 });
    expect(message(validateUseCase({ ...input, ksiId: 'gone' }, 'uc-2', ksis))).toMatch(/no longer in the OKRs/);
    expect(message(validateUseCase({ ...input, indicator: '' }, 'uc-2', ksis))).toMatch(/What is measured is required/);
  });

  it('seed 001: a measured value is met when it reaches the target ("< 5 % poor calls per month" met by 4.2 %)', () => {
    const ksi = { indicator: 'Poor calls', comparison: 'at-most' as const, target: 5, unit: '%' };
    expect(ksiState(ksi)).toBe('not-measured');
    const measured = value(validateMeasurement('4.2', '2026-11-30', '2026-12-02', vera));
    expect(measured).toEqual({ value: 4.2, on: '2026-11-30', by: vera });
    expect(ksiState({ ...ksi, measured })).toBe('met');
    expect(measuredText({ ...ksi, measured })).toBe('measured 4.2 % on 2026-11-30 against a target of at most 5 %: met');
    expect(ksiState({ ...ksi, measured: { ...measured, value: 6 } })).toBe('not-met');
    expect(ksiState({ ...ksi, comparison: 'at-least', target: 20, measured: { ...measured, value: 20 } })).toBe('met');
  });

  it('seed 001: a measured value is a number on a day that is not in the future (today when no day is given)', () => {
    expect(message(validateMeasurement('lots', '2026-11-30', '2026-12-02', vera))).toMatch(/must be a number/);
    expect(message(validateMeasurement('3', '30/11/2026', '2026-12-02', vera))).toMatch(/YYYY-MM-DD/);
    expect(message(validateMeasurement('3', '2026-12-03', '2026-12-02', vera))).toMatch(/future/);
    expect(value(validateMeasurement(3, '', '2026-12-02', vera)).on).toBe('2026-12-02');
  });

  it('seed 001: the organizational scope is text, required', () => {
    expect(value(validateScope(' The London and Paris offices '))).toBe('The London and Paris offices');
    expect(message(validateScope(''))).toMatch(/scope is required/);
  });
});
