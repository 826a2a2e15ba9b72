// The runbook card verbs (cards/runbook-verbs.ts): the list, one runbook, Start (posts the run's
// checklist in the conversation) and the ticks of a run (the last one completes the task).
import { RUNBOOK_VERBS, stepInputId } from '../../cards/runbook-verbs';
import { bool, type CardData, str } from '../../domain/card-data';
import { runbookByKey } from '../../domain/runbooks/runbooks';
import { ActionRegistry, badRequest, defineAction, nothing } from '../card-actions';
import { actorOf } from '../ops/ops-action-support';
import type { RunbookViews } from './runbook-views';

const NO_SUCH = 'There is no such runbook any more. Type runbook to see them all.';

const keyOf = (d: CardData) => {
  const key = str(d.key, 80);
  return key ? { key } : badRequest('This card names no runbook.');
};

/** The step ids a run card's toggles say are ticked ("true", or true from a tab). */
export function tickedSteps(d: CardData, stepIds: readonly string[]): string[] {
  return stepIds.filter((id) => bool(d[stepInputId(id)]) === true);
}

export function createRunbookActions(views: RunbookViews): ActionRegistry {
  return new ActionRegistry([
    defineAction({ verb: RUNBOOK_VERBS.list, parse: nothing, run: async (_p, ctx) => ({ card: await views.listCard(ctx.workspace) }) }),
    defineAction({
      verb: RUNBOOK_VERBS.open,
      parse: keyOf,
      async run({ key }, ctx) {
        const runbook = runbookByKey(key);
        return runbook ? { card: await views.card(ctx.workspace, runbook) } : { message: NO_SUCH };
      },
    }),
    defineAction({
      verb: RUNBOOK_VERBS.start,
      parse: keyOf,
      async run({ key }, ctx) {
        const started = await views.service.start(ctx.workspace, key, actorOf(ctx));
        if (!started.ok) return { message: started.message };
        const run = started.value;
        return { card: views.runCard(run), post: { summary: `Runbook: ${run.title}`, reply: `${ctx.actor.name} started the runbook "${run.title}": the checklist is below.` } };
      },
    }),
    defineAction({
      verb: RUNBOOK_VERBS.tick,
      parse: (d) => {
        const runId = str(d.runId, 120);
        return runId ? { runId, data: d } : badRequest('This card names no runbook run.');
      },
      async run({ runId, data }, ctx) {
        const run = await views.service.get(ctx.workspace, runId);
        if (!run) return { message: 'That runbook run no longer exists.' };
        const saved = await views.service.tick(ctx.workspace, runId, tickedSteps(data, run.steps.map((s) => s.id)), actorOf(ctx));
        if (!saved.ok) return { card: views.runCard(run, { problem: saved.message }) };
        const { run: now, completedNow } = saved.value;
        const notice = completedNow ? `${ctx.actor.name} ticked the last step: "${now.title}" is recorded as done for ${now.team ?? now.role}.` : `${ctx.actor.name} saved the ticks.`;
        return { card: views.runCard(now, { notice }), forEveryone: true };
      },
    }),
  ]);
}
