// The project timeline: seed 001's phases in order (envision, onboard, drive value), planned dates
// checked, and the current phase moved one step at a time from the phase the person saw.
import { describe, expect, it } from 'vitest';
import { PROJECT_PHASES } from '../../../bot/src/domain/governance/phase';
import { DEFAULT_TIMELINE, movePhase, nextPhase, phaseLate, phaseTiming, validatePlans } from '../../../bot/src/domain/governance/timeline';

const vera = { id: 'u1', name: 'Vera' };
const at = '2026-12-02T10:00:00.000Z';
const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const message = (r: { ok: boolean; message?: string }): string => (r.ok ? '' : r.message ?? '');

describe('the project timeline', () => {
  it('seed 001: the phases are envision, onboard and drive value, in that order', () => {
    expect(PROJECT_PHASES).toEqual(['envision', 'onboard', 'drive-value']);
    expect(nextPhase(undefined)).toBe('envision');
    expect(nextPhase('envision')).toBe('onboard');
    expect(nextPhase('onboard')).toBe('drive-value');
    expect(nextPhase('drive-value')).toBeUndefined();
  });

  it('seed 001: the project moves from envision to onboard one step at a time, and the history says who moved it', () => {
    const started = value(movePhase(DEFAULT_TIMELINE, undefined, at, vera));
    const onboard = value(movePhase(started, 'envision', at, vera));
    expect(onboard.current).toBe('onboard');
    expect(onboard.history.map((h) => h.phase)).toEqual(['envision', 'onboard']);
    expect(phaseTiming(onboard, 'envision')).toBe('done');
    expect(phaseTiming(onboard, 'onboard')).toBe('current');
    expect(phaseTiming(onboard, 'drive-value')).toBe('not-started');
  });

  it('seed 001: a stale confirmation (the project moved on meanwhile) moves nothing, and drive value is the last phase', () => {
    const onboard = value(movePhase(value(movePhase(DEFAULT_TIMELINE, undefined, at, vera)), 'envision', at, vera));
    expect(message(movePhase(onboard, 'envision', at, vera))).toMatch(/already in Onboard/);
    const last = value(movePhase(onboard, 'onboard', at, vera));
    expect(message(movePhase(last, 'drive-value', at, vera))).toMatch(/last phase/);
  });

  it('seed 001: each phase has a planned start and end; an end before its start, or a phase before the one it follows, is refused', () => {
    const plans = value(validatePlans({ start_envision: '2026-11-01', end_envision: '2026-11-30', start_onboard: '2026-12-01', end_onboard: '', start_drive_value: '' }));
    expect(plans).toEqual({ envision: { start: '2026-11-01', end: '2026-11-30' }, onboard: { start: '2026-12-01' }, 'drive-value': {} });
    expect(message(validatePlans({ start_envision: '2026-11-30', end_envision: '2026-11-01' }))).toMatch(/Envision would end \(2026-11-01\) before it starts/);
    expect(message(validatePlans({ start_envision: '2026-11-30', start_onboard: '2026-11-01' }))).toMatch(/Onboard cannot start .* before Envision starts/);
    expect(message(validatePlans({ start_envision: 'soon' }))).toMatch(/YYYY-MM-DD/);
  });

  it('seed 001: the current phase past its planned end is late', () => {
    const t = { ...value(movePhase(DEFAULT_TIMELINE, undefined, at, vera)), plans: { envision: { end: '2026-11-30' }, onboard: {}, 'drive-value': {} } };
    expect(phaseLate(t, 'envision', '2026-12-02')).toBe(true);
    expect(phaseLate(t, 'envision', '2026-11-30')).toBe(false);
  });
});
