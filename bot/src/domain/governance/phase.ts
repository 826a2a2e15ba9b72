// The project's phases (seed 001's timeline: envision, onboard, drive value). Other features read
// the current phase through PhaseReader (e.g. usage tasks weekly while onboarding) and hear of a
// change through PhaseListener (a gate review opens at a phase transition).
import type { Actor } from '../ops/common';
import type { Workspace } from '../workspace';

export type ProjectPhase = 'envision' | 'onboard' | 'drive-value';

export const PROJECT_PHASES: readonly ProjectPhase[] = ['envision', 'onboard', 'drive-value'];

export const PHASE_LABELS: Record<ProjectPhase, string> = {
  envision: 'Envision',
  onboard: 'Onboard',
  'drive-value': 'Drive value',
};

export function isProjectPhase(value: unknown): value is ProjectPhase {
  return typeof value === 'string' && (PROJECT_PHASES as readonly string[]).includes(value);
}

/** The workspace's current phase; undefined when no timeline has been set up. */
export interface PhaseReader {
  phaseOf(workspace: Workspace, now: Date): Promise<ProjectPhase | undefined>;
}

export interface PhaseChange {
  workspace: Workspace;
  from: ProjectPhase | undefined;
  to: ProjectPhase;
  /** ISO instant of the change. */
  at: string;
  actor: Actor;
}

/** Told after a phase change was saved; a failing listener must not undo the change. */
export type PhaseListener = (change: PhaseChange) => Promise<void>;
