// The review checklist tab: one checklist template per tab (the `checklist` choice, from the
// ChecklistService templates). It shows the current run of that checklist (the open one
// started last, else the latest) with tick/untick per item, and the list of its runs with a
// Start button for a new period. Without a choice it lists every checklist. Its buttons are the
// ops card actions (teams/ops/ops-actions.ts), as in chat.
import { renderChecklistListCard, renderChecklistRunCard } from '../../cards/checklist-card';
import { OPS_VERBS } from '../../cards/ops-verbs';
import type { ChecklistTemplate } from '../../domain/ops/checklist-templates';
import type { ChecklistRun } from '../../domain/ops/checklists';
import type { OpsServices } from '../../domain/ops/ops-services';
import { localAt } from '../../domain/ops/zoned-date';
import type { Workspace } from '../../domain/workspace';
import type { ActionRegistry } from '../../teams/card-actions';
import type { AdaptiveCard, TabViewContext, TabViewProvider } from '../tab-views';

const CHECKLIST_VERBS = [OPS_VERBS.checklistList, OPS_VERBS.checklistStart, OPS_VERBS.checklistOpen, OPS_VERBS.checklistTick, OPS_VERBS.checklistComplete];

export function checklistView(ops: OpsServices, actions: ActionRegistry): TabViewProvider {
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
    actions: { registry: actions, verbs: CHECKLIST_VERBS, refuse: () => 'This button does not belong to the checklist. Reload the tab and try again.' },
  };
}
