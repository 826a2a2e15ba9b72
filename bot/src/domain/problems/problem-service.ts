// Problem records of a workspace: numbered from the workspace's counters, every change checked
// by the rules (problem-rules.ts) and written with the ETag of the version the person saw.
import type { ControlPage, ControlRepository, StatusFilter } from '../changes/control-repository';
import type { ControlSummary } from '../changes/control-summary';
import type { CounterRepository } from '../counter';
import type { Actor, Outcome } from '../ops/common';
import type { Workspace } from '../workspace';
import { formatProblemId, parseProblemId, type Problem, type ProblemStatus } from './problem';
import { applyProblemAction, newProblem, type NewProblemInput, type ProblemAction } from './problem-rules';

export type ProblemRepository = ControlRepository<Problem, ProblemStatus>;

export type ActResult =
  | { kind: 'updated'; problem: Problem; summary: string }
  | { kind: 'refused'; current: Problem; reason: string }
  | { kind: 'conflict'; current: Problem; message: string }
  | { kind: 'not-found'; message: string };

export interface ProblemServiceDeps {
  repo: ProblemRepository;
  numbers: CounterRepository;
  clock: () => Date;
  /** The names of the workspace's role map: a problem's owner is one of them. */
  roleNames(workspace: Workspace): Promise<string[]>;
}

const COUNTER = 'problem';
const CONFLICT = 'Someone else changed this problem since you opened it. Here is the latest version: check it and try again.';

export class ProblemService {
  constructor(private readonly deps: ProblemServiceDeps) {}

  roleNames(ws: Workspace): Promise<string[]> {
    return this.deps.roleNames(ws);
  }

  async create(ws: Workspace, input: NewProblemInput, actor: Actor): Promise<Outcome<Problem>> {
    const roles = input.owner ? await this.deps.roleNames(ws) : [];
    // Checked before a number is taken, so a refused title wastes none.
    const dry = newProblem(input, { workspace: ws, id: 'PRB-0', number: 0, actor, now: this.deps.clock(), roles });
    if (!dry.ok) return dry;
    for (;;) {
      const number = await this.deps.numbers.next(ws, COUNTER);
      const made = newProblem(input, { workspace: ws, id: formatProblemId(number), number, actor, now: this.deps.clock(), roles });
      if (!made.ok) return made;
      const stored = await this.deps.repo.create(made.value);
      // A taken number (a counter restored from an old backup) is skipped, never reused.
      if (stored !== 'taken') return { ok: true, value: stored };
    }
  }

  async get(ws: Workspace, id: string): Promise<Problem | undefined> {
    const n = parseProblemId(id);
    return n === undefined ? undefined : this.deps.repo.get(ws, n);
  }

  list(ws: Workspace, filter: StatusFilter<ProblemStatus>, page: { limit: number; continuation?: string }): Promise<ControlPage<Problem>> {
    return this.deps.repo.list(ws, filter, page);
  }

  summary(ws: Workspace): Promise<ControlSummary> {
    return this.deps.repo.summary(ws);
  }

  /** One action on the version the person saw (`expectedEtag`); without one, on the latest. */
  async act(ws: Workspace, id: string, action: ProblemAction, actor: Actor, expectedEtag?: string): Promise<ActResult> {
    const current = await this.get(ws, id);
    if (!current) return { kind: 'not-found', message: `There is no problem ${id} in this team.` };
    if (expectedEtag !== undefined && expectedEtag !== current.etag) return { kind: 'conflict', current, message: CONFLICT };
    const roles = action.type === 'owner' ? await this.deps.roleNames(ws) : [];
    const applied = applyProblemAction(current, action, actor, this.deps.clock(), roles);
    if (!applied.ok) return { kind: 'refused', current, reason: applied.message };
    if (applied.value.problem === current) return { kind: 'updated', problem: current, summary: applied.value.summary };
    const saved = await this.deps.repo.update(current, applied.value.problem, current.etag ?? '');
    if (saved === 'conflict') {
      const latest = await this.get(ws, id);
      return latest ? { kind: 'conflict', current: latest, message: CONFLICT } : { kind: 'not-found', message: `There is no problem ${id} in this team.` };
    }
    return { kind: 'updated', problem: saved, summary: applied.value.summary };
  }

  /** Notes a change raised from the problem; retried on a lost race, as nobody is waiting to resolve it. */
  async noteChange(ws: Workspace, id: string, changeId: string, actor: Actor): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const r = await this.act(ws, id, { type: 'change', changeId }, actor);
      if (r.kind !== 'conflict') return;
    }
  }
}
