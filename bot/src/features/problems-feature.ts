// Problem management and change management: problem records (linked to incidents and findings,
// with root cause, known error and workaround) and requests for change (raised from a finding,
// a problem or a reminder task), their chat commands, card actions and tab views. Built after
// the ops, findings and incidents features (wiring.ts), which say what exists to link and who
// the role map names.
import { changesView } from '../api/views/changes-view';
import { problemsView } from '../api/views/problems-view';
import { agendaChangeControl } from '../domain/changes/agenda-part';
import { ChangeService } from '../domain/changes/change-service';
import { controlMonthFigures } from '../domain/changes/control-summary';
import type { ServiceReviewSources } from '../domain/incidents/figures';
import type { AgendaSources } from '../domain/ops/agenda';
import { ProblemService } from '../domain/problems/problem-service';
import type { Workspace } from '../domain/workspace';
import { CHANGE_CONTROL_TABLE, CHANGE_CONTROL_TABLES } from '../storage/table-change-control';
import { TableChangeRepository } from '../storage/table-change-repository';
import { TableProblemRepository } from '../storage/table-problem-repository';
import type { ActionRegistry } from '../teams/card-actions';
import { createChangeActions } from '../teams/changes/change-actions';
import { registerChangeCommands } from '../teams/changes/change-commands';
import { type ChangeSourceTitles, ChangeViews } from '../teams/changes/change-views';
import { createProblemActions } from '../teams/problems/problem-actions';
import { registerProblemCommands } from '../teams/problems/problem-commands';
import { type LinkTargets, ProblemViews } from '../teams/problems/problem-views';
import type { FeatureContext } from './feature';

export const PROBLEMS_FEATURE_TABLES = CHANGE_CONTROL_TABLES;

export interface ProblemsDeps {
  /** The names of the workspace's role map (a problem's owner is one of them). */
  roleNames(workspace: Workspace): Promise<string[]>;
  /** The incidents and findings a problem can link. */
  linkTargets: LinkTargets;
  /** The title of a finding a change is raised from (problems are read here; a task's title comes with it). */
  findingTitle(workspace: Workspace, id: string): Promise<string | undefined>;
}

export interface BuiltProblems {
  problems: ProblemService;
  changes: ChangeService;
  problemViews: ProblemViews;
  changeViews: ChangeViews;
  problemActions: ActionRegistry;
  changeActions: ActionRegistry;
}

export function buildProblems(ctx: FeatureContext, deps: ProblemsDeps): BuiltProblems {
  const table = ctx.store.client(CHANGE_CONTROL_TABLE);
  const problems = new ProblemService({ repo: new TableProblemRepository(table), numbers: ctx.counters, clock: ctx.clock, roleNames: deps.roleNames });
  const changes = new ChangeService({
    repo: new TableChangeRepository(table), numbers: ctx.counters, clock: ctx.clock,
    // A change raised from a problem is noted on it, so the problem card lists its changes.
    onRaised: async (ws, change, actor) => (change.source.kind === 'problem' ? problems.noteChange(ws, change.source.id, change.id, actor) : undefined),
  });
  const sources: ChangeSourceTitles = {
    async title(ws, source) {
      if (source.kind === 'manual') return '';
      if (source.kind === 'problem') return (await problems.get(ws, source.id))?.title;
      return source.kind === 'task' ? source.title : deps.findingTitle(ws, source.id);
    },
  };
  const problemViews = new ProblemViews(problems, deps.linkTargets);
  const changeViews = new ChangeViews(changes, sources);
  return {
    problems, changes, problemViews, changeViews,
    problemActions: createProblemActions(problemViews),
    changeActions: createChangeActions(changeViews),
  };
}

/**
 * The agenda's part, readable before the rest is built (the ops feature takes its agenda sources
 * at construction, and this feature needs the ops role map): one point read of the summary row.
 */
export function problemsAgendaSource(ctx: FeatureContext): Pick<AgendaSources, 'changeControl'> {
  const repo = new TableProblemRepository(ctx.store.client(CHANGE_CONTROL_TABLE));
  return { changeControl: async (ws) => agendaChangeControl(await repo.summary(ws)) };
}

/** The service review's month of problems and changes: one point read of the same summary row. */
export function problemsReviewSource(ctx: FeatureContext): ServiceReviewSources {
  const repo = new TableProblemRepository(ctx.store.client(CHANGE_CONTROL_TABLE));
  return {
    controlMonth: async (ws, year, month, timeZone) => controlMonthFigures(await repo.summary(ws), year, month, timeZone),
    async controlMonths(ws, months, timeZone) {
      const summary = await repo.summary(ws);
      return months.map((m) => controlMonthFigures(summary, m.year, m.month, timeZone));
    },
  };
}

export function registerProblems(ctx: FeatureContext, built: BuiltProblems): void {
  registerProblemCommands(ctx.commands, built.problemViews);
  registerChangeCommands(ctx.commands, built.changeViews);
  ctx.verbs.routeActions(built.problemActions);
  ctx.verbs.routeActions(built.changeActions);
  ctx.tabViews.register(problemsView(built.problemViews, built.problemActions));
  ctx.tabViews.register(changesView(built.changeViews, built.changeActions));
}
