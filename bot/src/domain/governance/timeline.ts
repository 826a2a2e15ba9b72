// The project timeline (seed 001: envision, onboard, drive value): each phase's planned start and
// end, and the phase the project is in, which a person moves on one step at a time after a
// confirmation. The history says who moved it and when.
import type { Actor } from '../ops/common';
import { OpsValidationError, validated, type Outcome } from '../ops/common';
import { formatLocalDate, parseLocalDate } from '../ops/zoned-date';
import { PHASE_LABELS, PROJECT_PHASES, type ProjectPhase } from './phase';

export interface PhasePlan {
  /** "YYYY-MM-DD" */
  start?: string;
  end?: string;
}

export interface PhaseEntry {
  phase: ProjectPhase;
  /** ISO instant. */
  at: string;
  by: Actor;
}

export interface Timeline {
  plans: Record<ProjectPhase, PhasePlan>;
  /** Undefined until a person starts the first phase. */
  current?: ProjectPhase;
  history: PhaseEntry[];
}

export const DEFAULT_TIMELINE: Timeline = { plans: { envision: {}, onboard: {}, 'drive-value': {} }, history: [] };
const HISTORY_KEPT = 20;

/** The phase after `current`: the first one when none has started; undefined after the last. */
export function nextPhase(current: ProjectPhase | undefined): ProjectPhase | undefined {
  if (!current) return PROJECT_PHASES[0];
  return PROJECT_PHASES[PROJECT_PHASES.indexOf(current) + 1];
}

/** Input ids of a phase's dates on the timeline form. */
export const planInputIds = (p: ProjectPhase) => ({ start: `start_${p}`, end: `end_${p}` });

function dateOf(label: string, v: unknown): string | undefined {
  if (v === undefined || v === null || (typeof v === 'string' && !v.trim())) return undefined;
  const d = typeof v === 'string' ? parseLocalDate(v.trim()) : undefined;
  if (!d) throw new OpsValidationError(`${label} is written YYYY-MM-DD, e.g. 2027-01-15.`);
  return formatLocalDate(d);
}

/**
 * Planned dates of every phase: each ends on or after it starts, and a phase starts no earlier
 * than the one before it started (phases run in seed 001's order; they may overlap).
 */
export function validatePlans(input: Readonly<Record<string, unknown>>): Outcome<Record<ProjectPhase, PhasePlan>> {
  return validated(() => {
    const plans = {} as Record<ProjectPhase, PhasePlan>;
    let previous: { phase: ProjectPhase; start: string } | undefined;
    for (const p of PROJECT_PHASES) {
      const ids = planInputIds(p);
      const start = dateOf(`${PHASE_LABELS[p]}: the planned start`, input[ids.start]);
      const end = dateOf(`${PHASE_LABELS[p]}: the planned end`, input[ids.end]);
      if (start && end && end < start) throw new OpsValidationError(`${PHASE_LABELS[p]} would end (${end}) before it starts (${start}).`);
      if (start && previous && start < previous.start) throw new OpsValidationError(`${PHASE_LABELS[p]} cannot start (${start}) before ${PHASE_LABELS[previous.phase]} starts (${previous.start}).`);
      if (start) previous = { phase: p, start };
      plans[p] = { ...(start ? { start } : {}), ...(end ? { end } : {}) };
    }
    return plans;
  });
}

/**
 * Moves to the next phase. `from` is the phase the person saw when they confirmed: if the project
 * moved on meanwhile, the move is refused rather than skipping a phase.
 */
export function movePhase(t: Timeline, from: ProjectPhase | undefined, at: string, by: Actor): Outcome<Timeline> {
  return validated(() => {
    if (from !== t.current) throw new OpsValidationError(`The project is already in ${t.current ? PHASE_LABELS[t.current] : 'no phase'}; nothing was moved. Look at the timeline again.`);
    const to = nextPhase(t.current);
    if (!to) throw new OpsValidationError(`${PHASE_LABELS[t.current!]} is the last phase of the timeline.`);
    return { ...t, current: to, history: [...t.history, { phase: to, at, by }].slice(-HISTORY_KEPT) };
  });
}

export type PhaseTiming = 'not-started' | 'current' | 'done';

/** A planned phase whose planned end is before today and that is still current is late. */
export function phaseLate(t: Timeline, p: ProjectPhase, today: string): boolean {
  const end = t.plans[p]?.end;
  return t.current === p && end !== undefined && end < today;
}

export function phaseTiming(t: Timeline, p: ProjectPhase): PhaseTiming {
  if (!t.current) return 'not-started';
  const i = PROJECT_PHASES.indexOf(p);
  const c = PROJECT_PHASES.indexOf(t.current);
  return i < c ? 'done' : i === c ? 'current' : 'not-started';
}
