// The review checklist tab: one checklist template per tab (the `checklist` choice, from the
// ChecklistService templates). It shows the current run of that checklist (the open one
// started last, else the latest) with tick/untick per item, and the list of its runs with a
// Start button for a new period. Without a choice it lists every checklist.
import { renderChecklistListCard, renderChecklistRunCard } from '../../cards/checklist-card';
import { OPS_VERBS } from '../../cards/ops-verbs';
import type { ChecklistTemplate } from '../../domain/ops/checklist-templates';
import type { ChecklistRun } from '../../domain/ops/checklists';
import type { OpsServices } from '../../domain/ops/ops-services';
import { localAt } from '../../domain/ops/zoned-date';
import type { Workspace } from '../../domain/workspace';
import * as actions from '../../features/ops-actions';
import type { AdaptiveCard, TabActionResult, TabViewContext, TabViewProvider } from '../tab-views';
import { tabActor, tabOpId } from './view-support';

/** The section the run card shows by default: the first with open items (as the card does). */
const defaultSection = (run: ChecklistRun, t: ChecklistTemplate) => (t.sections.find((s) => s.items.some((i) => !run.items[i.id]?.done)) ?? t.sections[0])?.id;

export function checklistView(ops: OpsServices): TabViewProvider {
  const templates = ops.checklists.templates();

  async function listCard(ctx: TabViewContext, only?: ChecklistTemplate): Promise<AdaptiveCard> {
    const [runs, settings] = await Promise.all([ops.checklists.runs(ctx.workspace), ops.steering.settings(ctx.workspace)]);
    const today = localAt(ctx.clock(), settings.cadence.timeZone);
    return renderChecklistListCard({
      templates: only ? [only] : templates,
      runs: only ? runs.filter((r) => r.templateId === only.id) : runs,
      defaultPeriod: `${today.year}-${String(today.month).padStart(2, '0')}`,
    });
  }

  /** The run the view shows for a template: runs() lists open ones first, newest first. */
  async function currentRun(ws: Workspace, templateId: string): Promise<ChecklistRun | undefined> {
    return (await ops.checklists.runs(ws)).find((r) => r.templateId === templateId);
  }

  const chosen = (ctx: TabViewContext) => (ctx.params.checklist ? ops.checklists.template(ctx.params.checklist) : undefined);

  async function runCards(ws: Workspace, runId: string, sectionId?: string): Promise<TabActionResult> {
    const run = await ops.checklists.get(ws, runId);
    const template = run && ops.checklists.template(run.templateId);
    if (!run || !template) return { error: 'That checklist run no longer exists.' };
    return { cards: [renderChecklistRunCard({ run, template, ...(sectionId ? { sectionId } : {}) })] };
  }

  async function act(ctx: TabViewContext, verb: string, data: Record<string, unknown>): Promise<TabActionResult> {
    const ws = ctx.workspace;
    const r: actions.OpsActionRequest = { workspace: ws, data, actor: tabActor(ctx), opId: tabOpId() };
    switch (verb) {
      case OPS_VERBS.checklistList:
        // Without a chosen checklist that is the view itself; in a one-checklist tab, every checklist.
        return chosen(ctx) ? { cards: [await listCard(ctx)] } : undefined;
      case OPS_VERBS.checklistStart: {
        const started = await actions.startChecklist(ops, r);
        if (!started.ok) return { error: started.message };
        const current = await currentRun(ws, started.value.run.templateId);
        // A run of another checklist than this tab's, or an older period: show it on its own.
        return current?.id === started.value.run.id && chosen(ctx)?.id === started.value.run.templateId ? undefined : runCards(ws, started.value.run.id);
      }
      case OPS_VERBS.checklistOpen:
        return runCards(ws, actions.str(data.runId) ?? '', actions.str(data.sectionId));
      case OPS_VERBS.checklistTick: {
        const ticked = await actions.tickChecklistItem(ops, r);
        if (!ticked.ok) return { error: ticked.message };
        const run = ticked.value;
        const template = ops.checklists.template(run.templateId)!;
        const sectionId = actions.str(data.sectionId);
        // Stay in the section the person is working in: the view itself shows the first section with open items.
        const current = await currentRun(ws, run.templateId);
        const inView = chosen(ctx)?.id === run.templateId && current?.id === run.id && (!sectionId || sectionId === defaultSection(run, template));
        return inView ? undefined : runCards(ws, run.id, sectionId);
      }
      case OPS_VERBS.checklistComplete: {
        const completed = await actions.completeChecklist(ops, r);
        return completed.ok ? undefined : { error: completed.message };
      }
      default:
        return { error: 'This button does not belong to the checklist. Reload the tab and try again.' };
    }
  }

  return {
    id: 'checklist',
    title: 'Review checklist',
    description: 'A review checklist (Quality Experience Review, management reviews, hand-over) with progress.',
    choices: [{ param: 'checklist', label: 'Checklist', options: templates.map((t) => ({ id: t.id, title: t.title })) }],
    async render(ctx) {
      const template = chosen(ctx);
      if (!template) return { cards: [await listCard(ctx)] };
      const run = await currentRun(ctx.workspace, template.id);
      const list = await listCard(ctx, template);
      return { cards: run ? [renderChecklistRunCard({ run, template }), list] : [list] };
    },
    act,
  };
}
