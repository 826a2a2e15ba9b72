// Runbook runs: "Start" posts a checklist of the runbook's steps; ticking the last step completes
// the run and records a completion of the task, so as-needed work counts in the team's OLA. A run
// keeps the steps it started with (a later edit of the runbook does not change a run under way)
// and the owning team as the role map named it then.
import type { Actor, Clock, OpsRecord, Outcome, RecordRepository } from '../ops/common';
import { invalid, mutate, okOf } from '../ops/common';
import { runbookTaskId } from '../ops/ola';
import type { OpsRole } from '../ops/roles';
import { isNamed } from '../ops/roles';
import type { CompletionRecord } from '../reminders/actions';
import type { Workspace } from '../workspace';
import { type Runbook, runbookByKey, type RunbookStep } from './runbooks';

export interface RunbookRun extends OpsRecord {
  key: string;
  title: string;
  role: string;
  /** The team holding the role when the run started; absent while the role map names none. */
  team?: string;
  contact?: string;
  steps: RunbookStep[];
  /** Ids of the steps ticked, in the runbook's order. */
  ticked: string[];
  startedAt: string;
  startedBy: Actor;
  completedAt?: string;
  completedBy?: Actor;
}

export type RunbookRunRepository = RecordRepository<RunbookRun>;

/** Where a completed run is recorded: the reminders' completion history. */
export interface RunbookCompletions {
  record(ws: Workspace, record: CompletionRecord): Promise<void>;
}

export interface RunbookServiceDeps {
  runs: RunbookRunRepository;
  completions: RunbookCompletions;
  /** The workspace's role map (who holds the runbook's role). */
  roles(ws: Workspace): Promise<OpsRole[]>;
  clock: Clock;
  newId(): string;
}

/** The role holding a runbook: the role map's role of the catalog's name, if it has one. */
export function owningRole(runbook: Pick<Runbook, 'role'>, roles: readonly OpsRole[]): OpsRole | undefined {
  const want = runbook.role.trim().toLowerCase();
  return roles.find((r) => r.name.trim().toLowerCase() === want);
}

/** The run after the card's ticks: only the run's own step ids count, kept in the runbook's order. */
export function applyTicks(run: RunbookRun, ticked: readonly string[], actor: Actor, now: Date): RunbookRun {
  const set = new Set(ticked);
  const next: RunbookRun = { ...run, ticked: run.steps.map((s) => s.id).filter((id) => set.has(id)) };
  if (!run.completedAt && next.ticked.length === run.steps.length) {
    next.completedAt = now.toISOString();
    next.completedBy = actor;
  }
  return next;
}

/** The completion a finished run records: done on time (as-needed work has no due date to miss). */
export function completionOf(run: RunbookRun): CompletionRecord {
  return {
    scheduleId: runbookTaskId(run.key),
    title: run.title,
    team: run.team ?? run.role,
    dueAt: run.startedAt,
    resolvedAt: run.completedAt!,
    outcome: 'done',
    onTime: true,
    missed: 0,
    by: run.completedBy?.name ?? run.startedBy.name,
  };
}

export class RunbookService {
  constructor(private readonly deps: RunbookServiceDeps) {}

  async start(ws: Workspace, key: string, actor: Actor): Promise<Outcome<RunbookRun>> {
    const runbook = runbookByKey(key);
    if (!runbook) return invalid('There is no such runbook. Type runbook to see them all.');
    const role = owningRole(runbook, await this.deps.roles(ws));
    const run: RunbookRun = {
      id: `run-${this.deps.newId()}`,
      key: runbook.key,
      title: runbook.title,
      role: role?.name ?? runbook.role,
      ...(role && isNamed(role.team) ? { team: role.team } : {}),
      ...(role && isNamed(role.contact) ? { contact: role.contact } : {}),
      steps: runbook.steps,
      ticked: [],
      startedAt: this.deps.clock().toISOString(),
      startedBy: actor,
    };
    const created = await this.deps.runs.create(ws, run);
    return created.created ? okOf(created.record) : invalid('That runbook could not be started; try again.');
  }

  get(ws: Workspace, id: string): Promise<RunbookRun | undefined> {
    return this.deps.runs.get(ws, id);
  }

  /**
   * Saves the ticks of the card. Ticking the last step completes the run once and records the
   * task's completion; a finished run keeps its steps ticked (untick nothing after the fact).
   */
  async tick(ws: Workspace, id: string, ticked: readonly string[], actor: Actor): Promise<Outcome<{ run: RunbookRun; completedNow: boolean }>> {
    let completedNow = false;
    const saved = await mutate(this.deps.runs, ws, id, (run) => {
      if (run.completedAt) return okOf(run);
      const next = applyTicks(run, ticked, actor, this.deps.clock());
      completedNow = next.completedAt !== undefined;
      return next.ticked.join() === run.ticked.join() && !completedNow ? okOf(run) : okOf(next);
    }, { what: 'This runbook run' });
    if (!saved.ok) return saved as Outcome<never>;
    // After the run was saved complete: a retry finds it complete and records nothing twice,
    // and the completion history is keyed by task and start, so a repeat is one row.
    if (completedNow) await this.deps.completions.record(ws, completionOf(saved.value));
    return okOf({ run: saved.value, completedNow });
  }
}
