// Every governance card verb (cards/governance-verbs.ts), declared once for the chat and the
// charter tab. A change goes through GovernanceService.act with the ETag the card showed:
// - done: the card again with what changed, for everyone (a removed use case offers Undo);
// - refused or conflicting: the latest card with the reason, for the person who acted only.
// The verb router's idempotency ledger makes a redelivered invoke change nothing twice.
import { GOVERNANCE_INPUTS as IN, GOVERNANCE_VERBS as V, measureInputIds, NO_KSI } from '../../cards/governance-verbs';
import { type CardData, str } from '../../domain/card-data';
import type { GovernanceAction } from '../../domain/governance/governance';
import type { GovernanceResult } from '../../domain/governance/governance-service';
import { isProjectPhase, PROJECT_PHASES } from '../../domain/governance/phase';
import { planInputIds } from '../../domain/governance/timeline';
import { type ActionContext, type ActionResult, ActionRegistry, badRequest, type CardAction, defineAction } from '../card-actions';
import { actorOf, etagOf } from '../ops/ops-action-support';
import type { GovernanceViews } from './governance-views';

type Make = (views: GovernanceViews) => CardAction;
type Surface = 'charter' | 'business';

const idOf = (d: CardData, key: string) => str(d[key], 80) ?? '';

async function answer(views: GovernanceViews, ctx: ActionContext, surface: Surface, r: GovernanceResult, action: GovernanceAction): Promise<ActionResult> {
  const ws = ctx.workspace;
  const show = (note: { notice?: string; problem?: string }) => (surface === 'charter' ? views.charterCard(ws, note, r.record) : views.businessCaseCard(ws, {
    ...note,
    ...(r.kind === 'updated' && action.type === 'use-case-remove' && r.record.businessCase.removed ? { undo: { id: r.record.businessCase.removed.id, name: r.record.businessCase.removed.name } } : {}),
  }, r.record));
  if (r.kind === 'updated') return { card: await show({ notice: `${ctx.actor.name} ${r.summary}.` }), forEveryone: true };
  return { card: await show({ problem: r.reason }) };
}

/** A verb that applies one action built from the card's data. */
const change = (verb: string, surface: Surface, build: (d: CardData) => GovernanceAction | undefined): Make => (views) => defineAction({
  verb,
  parse(d) {
    const action = build(d);
    return action ? { action, etag: etagOf(d) } : badRequest('The card did not say what to change.');
  },
  async run(p, ctx) {
    const r = await views.service.act(ctx.workspace, p.action, actorOf(ctx), p.etag);
    return answer(views, ctx, surface, r, p.action);
  },
});

const plans = (d: CardData) => Object.fromEntries(PROJECT_PHASES.flatMap((p) => [planInputIds(p).start, planInputIds(p).end]).map((k) => [k, str(d[k], 20)]));
const useCaseInput = (d: CardData) => ({
  name: str(d[IN.name], 2000), currentProcess: str(d[IN.currentProcess], 5000), challenges: str(d[IN.challenges], 5000), howTeamsHelps: str(d[IN.howTeamsHelps], 5000),
  outcome: str(d[IN.outcome], 5000), indicator: str(d[IN.indicator], 2000), comparison: str(d[IN.comparison], 20), target: d[IN.target], unit: str(d[IN.unit], 100), ksiId: str(d[IN.ksi], 100) === NO_KSI ? undefined : str(d[IN.ksi], 100),
});

const CHANGES: Make[] = [
  change(V.charterSave, 'charter', (d) => ({ type: 'charter', input: { purpose: str(d[IN.purpose], 5000), objectives: str(d[IN.objectives], 10000), cadence: str(d[IN.cadence], 20) } })),
  change(V.memberAdd, 'charter', (d) => ({ type: 'member-add', stakeholderId: idOf(d, IN.stakeholder), committeeRole: str(d[IN.committeeRole], 40) ?? '' })),
  change(V.memberRemove, 'charter', (d) => (idOf(d, 'stakeholderId') ? { type: 'member-remove', stakeholderId: idOf(d, 'stakeholderId') } : undefined)),
  change(V.plansSave, 'charter', (d) => ({ type: 'plans', input: plans(d) })),
  change(V.phaseConfirm, 'charter', (d) => {
    const from = str(d.from, 20) ?? '';
    return from === '' || isProjectPhase(from) ? { type: 'phase-next', from: from === '' ? undefined : from } : undefined;
  }),
  change(V.deliverableAdd, 'charter', (d) => ({ type: 'deliverable-add', input: { title: str(d[IN.deliverableTitle], 2000), owner: str(d[IN.deliverableOwner], 1000), dueOn: str(d[IN.deliverableDue], 20) } })),
  change(V.deliverableDecide, 'charter', (d) => (idOf(d, 'deliverableId') ? { type: 'deliverable-decide', deliverableId: idOf(d, 'deliverableId'), decision: str(d.decision, 20) } : undefined)),
  change(V.noteAdd, 'charter', (d) => ({ type: 'note-add', input: { kind: str(d[IN.noteKind], 20), text: str(d[IN.noteText], 5000) } })),
  change(V.noteClose, 'charter', (d) => (idOf(d, 'noteId') ? { type: 'note-close', noteId: idOf(d, 'noteId') } : undefined)),
  change(V.scopeSave, 'business', (d) => ({ type: 'scope', text: str(d[IN.scope], 5000) })),
  change(V.useCaseSave, 'business', (d) => ({ type: 'use-case', ...(idOf(d, 'useCaseId') ? { useCaseId: idOf(d, 'useCaseId') } : {}), input: useCaseInput(d) })),
  change(V.useCaseRemove, 'business', (d) => (idOf(d, 'useCaseId') ? { type: 'use-case-remove', useCaseId: idOf(d, 'useCaseId') } : undefined)),
  change(V.useCaseUndo, 'business', (d) => (idOf(d, 'useCaseId') ? { type: 'use-case-undo', useCaseId: idOf(d, 'useCaseId') } : undefined)),
  change(V.measure, 'business', (d) => {
    const id = idOf(d, 'useCaseId');
    if (!id) return undefined;
    const ids = measureInputIds(id);
    // The card's own inputs are named per use case; a plain `measured` is accepted too (the tab API).
    return { type: 'measure', useCaseId: id, value: d[ids.value] ?? d.measured, on: str(d[ids.on] ?? d.measuredOn, 20) };
  }),
];

const SHOWS: Make[] = [
  (views) => defineAction({ verb: V.charterShow, parse: () => ({}), run: async (_p, ctx) => ({ card: await views.charterCard(ctx.workspace) }) }),
  (views) => defineAction({ verb: V.phaseAsk, parse: () => ({}), run: async (_p, ctx) => ({ card: await views.charterCard(ctx.workspace, { confirmPhase: true }) }) }),
  (views) => defineAction({ verb: V.businessCaseShow, parse: () => ({}), run: async (_p, ctx) => ({ card: await views.businessCaseCard(ctx.workspace) }) }),
  (views) => defineAction({
    verb: V.useCaseEdit,
    parse: (d) => ({ useCaseId: idOf(d, 'useCaseId') || 'new' }),
    async run({ useCaseId }, ctx) {
      const g = await views.service.get(ctx.workspace);
      const known = useCaseId === 'new' || g.businessCase.useCases.some((u) => u.id === useCaseId);
      return { card: await views.businessCaseCard(ctx.workspace, known ? { editing: useCaseId } : { problem: 'That use case is no longer in the business case.' }, g) };
    },
  }),
];

export function createGovernanceActions(views: GovernanceViews): ActionRegistry {
  return new ActionRegistry([...CHANGES, ...SHOWS].map((make) => make(views)));
}
