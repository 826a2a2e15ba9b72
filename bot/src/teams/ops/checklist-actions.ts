// The review checklists' card verbs (cards/ops-verbs.ts): the list, start a run for a period,
// open a run at a section, tick an item (with its note), complete a run with its outcome.
import { renderChecklistRunCard } from '../../cards/checklist-card';
import { OPS_VERBS as V } from '../../cards/ops-verbs';
import { bool, field, str } from '../../domain/card-data';
import type { ChecklistTemplate } from '../../domain/ops/checklist-templates';
import type { ChecklistRun } from '../../domain/ops/checklists';
import type { Workspace } from '../../domain/workspace';
import { type ActionContext, type ActionResult, type Card, defineAction, nothing } from '../card-actions';
import { actorOf, idOf, type OpsAction, refused } from './ops-action-support';
import type { OpsViews } from './ops-views';

const RUN_GONE = 'That checklist run no longer exists.';

/** The section a run card shows by default: the first with open items (as the card does). */
const defaultSection = (run: ChecklistRun, t: ChecklistTemplate) => (t.sections.find((s) => s.items.some((i) => !run.items[i.id]?.done)) ?? t.sections[0])?.id;

/**
 * Whether a tab's view shows this run as it is: a one-checklist tab shows the current run of its
 * checklist (runs() lists open ones first, newest first), at its first section with open items.
 */
async function viewShows(views: OpsViews, ctx: ActionContext, run: ChecklistRun, sectionId?: string): Promise<boolean> {
  if (ctx.surface.kind !== 'view' || ctx.surface.params.checklist !== run.templateId) return false;
  const template = views.ops.checklists.template(run.templateId);
  if (!template || (sectionId && sectionId !== defaultSection(run, template))) return false;
  return (await views.ops.checklists.runs(ctx.workspace)).find((r) => r.templateId === run.templateId)?.id === run.id;
}

/** The run's card; undefined when the run (or its template) is gone. */
async function runCard(views: OpsViews, ws: Workspace, runId: string, extra: { sectionId?: string; problem?: string } = {}): Promise<Card | undefined> {
  const run = await views.ops.checklists.get(ws, runId);
  const template = run && views.ops.checklists.template(run.templateId);
  return run && template ? renderChecklistRunCard({ run, template, ...extra }) : undefined;
}

/** Refused: the run's card (or the list, if the run is gone) with the reason. */
function refusedOnRun(views: OpsViews, ws: Workspace, runId: string, problem: string, sectionId?: string): ActionResult {
  const extra = { ...(sectionId ? { sectionId } : {}), problem };
  return { view: async () => (await runCard(views, ws, runId, extra)) ?? views.checklistListCard(ws, { problem: RUN_GONE }), problem };
}

const checklistList: OpsAction = (views) => defineAction({
  verb: V.checklistList,
  parse: nothing,
  async run(_, ctx) {
    // A tab without a chosen checklist shows this list as its view.
    const chosen = ctx.surface.kind === 'view' && ctx.surface.params.checklist ? views.ops.checklists.template(ctx.surface.params.checklist) : undefined;
    if (ctx.surface.kind === 'view' && !chosen) return { view: () => views.checklistListCard(ctx.workspace) };
    return { card: await views.checklistListCard(ctx.workspace) };
  },
});

const checklistStart: OpsAction = (views) => defineAction({
  verb: V.checklistStart,
  parse: (d) => ({ templateId: idOf(d.templateId), period: d.period }),
  async run({ templateId, period }, ctx) {
    const started = await views.ops.checklists.start(ctx.workspace, templateId, period, actorOf(ctx));
    if (!started.ok) return refused(started.message, (note) => views.checklistListCard(ctx.workspace, note));
    const { run, created } = started.value;
    const notice = created ? `${ctx.actor.name} started this run.` : 'This period already has a run; here it is.';
    const card = renderChecklistRunCard({ run, template: views.ops.checklists.template(run.templateId)!, notice });
    return (await viewShows(views, ctx, run)) ? { view: async () => card, forEveryone: true } : { card, forEveryone: true };
  },
});

const checklistOpen: OpsAction = (views) => defineAction({
  verb: V.checklistOpen,
  parse: (d) => ({ runId: idOf(d.runId), sectionId: str(d.sectionId) }),
  async run({ runId, sectionId }, ctx) {
    const card = await runCard(views, ctx.workspace, runId, sectionId ? { sectionId } : {});
    return card ? { card } : refused(RUN_GONE, (note) => views.checklistListCard(ctx.workspace, note));
  },
});

const checklistTick: OpsAction = (views) => defineAction({
  verb: V.checklistTick,
  parse(d) {
    // The note travels in the input the card names (note_<n>), one per item on the card.
    const noteInput = str(d.noteInput);
    const note = noteInput && /^note_\d+$/.test(noteInput) ? { note: field(d, noteInput) ?? '' } : {};
    return { runId: idOf(d.runId), itemId: idOf(d.itemId), done: bool(d.done) === true, sectionId: str(d.sectionId), note };
  },
  async run({ runId, itemId, done, sectionId, note }, ctx) {
    const ticked = await views.ops.checklists.tick(ctx.workspace, runId, itemId, done, actorOf(ctx), { opId: ctx.opId, ...note });
    if (!ticked.ok) return refusedOnRun(views, ctx.workspace, runId, ticked.message, sectionId);
    const run = ticked.value;
    const card = renderChecklistRunCard({ run, template: views.ops.checklists.template(run.templateId)!, ...(sectionId ? { sectionId } : {}) });
    // Stay in the section the person is working in.
    return (await viewShows(views, ctx, run, sectionId)) ? { view: async () => card, forEveryone: true } : { card, forEveryone: true };
  },
});

const checklistComplete: OpsAction = (views) => defineAction({
  verb: V.checklistComplete,
  parse: (d) => ({ runId: idOf(d.runId), outcome: d.outcome, note: d.outcomeNote ?? '' }),
  async run({ runId, outcome, note }, ctx) {
    const completed = await views.ops.checklists.complete(ctx.workspace, runId, outcome, note, actorOf(ctx), ctx.opId);
    if (!completed.ok) return refusedOnRun(views, ctx.workspace, runId, completed.message);
    const run = completed.value;
    const card = renderChecklistRunCard({ run, template: views.ops.checklists.template(run.templateId)!, notice: 'Run completed: its outcome is recorded.' });
    return { view: async () => card, forEveryone: true };
  },
});

export const CHECKLIST_ACTIONS: readonly OpsAction[] = [checklistList, checklistStart, checklistOpen, checklistTick, checklistComplete];
