// The data a review starts from, taken from the live records when a run starts and kept with the
// run as a snapshot: later changes to incidents or problems do not rewrite what the review saw.
// The domain names what it needs through ReviewInputs; the composition implements it from the
// incidents, findings, problems, changes, risks and reminders services. A part that cannot be
// read is named as unavailable, and the review starts anyway.
import type { Workspace } from '../workspace';
import type { ReviewInputPart } from './review-templates';

export interface IncidentInput {
  /** The calendar month counted (YYYY-MM). */
  month: string;
  total: number;
  /** By the highest severity each reached. */
  bySeverity: Record<string, number>;
  /** 0..1, or null when nothing was decided yet. */
  firstResponseShare: number | null;
  updatesOnTimeShare: number | null;
  meanTimeToResolveMinutes: number | null;
  /** Open incidents now, whatever month they started. */
  open: number;
}

export interface QualityInput {
  month: string;
  overall: { metric: string; rate: number; target: number; above: boolean; direction: string }[];
  /** The places furthest above target, first few. */
  aboveTarget: { place: string; metric: string; rate: number; target: number }[];
  aboveCount: number;
}

export interface ProblemInput {
  open: number;
  top: { id: string; title: string; incidents: number; hasRootCause: boolean }[];
}

export interface ChangeInput {
  byStatus: Record<string, number>;
  emergencyAwaitingReview: number;
}

export interface RiskInput {
  open: number;
  high: number;
  top: { title: string; overall: string; owner: string }[];
}

export interface TaskInput {
  due: number;
  onTime: number;
  /** 0..1, undefined when nothing fell due. */
  rate?: number;
  /** Teams with the lowest on-time rate, first few. */
  lowest: { team: string; rate: number }[];
}

export interface ReviewSnapshot {
  takenAt: string;
  incidents?: IncidentInput;
  quality?: QualityInput;
  problems?: ProblemInput;
  changes?: ChangeInput;
  risks?: RiskInput;
  tasks?: TaskInput;
  /** Parts the review asked for that could not be read, or have no data yet. */
  missing: ReviewInputPart[];
}

export interface ReviewInputs {
  incidents(workspace: Workspace, now: Date): Promise<IncidentInput | undefined>;
  quality(workspace: Workspace): Promise<QualityInput | undefined>;
  /** Problems and changes come from one summary row: one read gives both parts. */
  problemsAndChanges(workspace: Workspace): Promise<{ problems?: ProblemInput; changes?: ChangeInput }>;
  risks(workspace: Workspace): Promise<RiskInput | undefined>;
  tasks(workspace: Workspace, now: Date): Promise<TaskInput | undefined>;
}

/** How many lines of a list a snapshot keeps (the record sources keep the full lists). */
export const SNAPSHOT_LINES = 5;

/** Reads the parts a review asks for, side by side; a failing part is listed as missing. */
export async function takeSnapshot(inputs: ReviewInputs, ws: Workspace, parts: readonly ReviewInputPart[], now: Date): Promise<ReviewSnapshot> {
  // A review asking for both problems and changes reads their shared row once for this snapshot.
  let control: ReturnType<ReviewInputs['problemsAndChanges']> | undefined;
  const problemsAndChanges = () => (control ??= inputs.problemsAndChanges(ws));
  const read = (part: ReviewInputPart): Promise<unknown> => {
    switch (part) {
      case 'incidents': return inputs.incidents(ws, now);
      case 'quality': return inputs.quality(ws);
      case 'problems': return problemsAndChanges().then((c) => c.problems);
      case 'changes': return problemsAndChanges().then((c) => c.changes);
      case 'risks': return inputs.risks(ws);
      case 'tasks': return inputs.tasks(ws, now);
    }
  };
  const values = await Promise.all(parts.map((p) => read(p).catch(() => undefined)));
  const snapshot: ReviewSnapshot = { takenAt: now.toISOString(), missing: [] };
  parts.forEach((part, i) => {
    const v = values[i];
    if (v === undefined) snapshot.missing.push(part);
    else (snapshot as unknown as Record<string, unknown>)[part] = v;
  });
  return snapshot;
}
