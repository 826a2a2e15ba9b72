// The steering committee's card verbs (cards/ops-verbs.ts): the agenda (refresh, add and remove
// items, record a meeting, the meeting schedule, actions done), the risk register and the
// OKRs/KSIs. Fields go to the services as sent: they validate whatever they store.
import { OPS_VERBS as V } from '../../cards/ops-verbs';
import { type CardData, field, oneOf, str } from '../../domain/card-data';
import { defineAction, nothing } from '../card-actions';
import { actorOf, etagOf, idOf, offsetOf, type OpsAction, page, plural, shown } from './ops-action-support';

const agendaRefresh: OpsAction = (views) => defineAction({
  verb: V.agendaRefresh,
  parse: nothing,
  run: async (_, ctx) => ({ view: () => views.agendaCard(ctx.workspace) }),
});

const agendaAdd: OpsAction = (views) => defineAction({
  verb: V.agendaAdd,
  parse: (d) => ({ text: d.agendaText, kind: oneOf(d.agendaKind, ['topic', 'decision'] as const) ?? 'topic' }),
  run: async ({ text, kind }, ctx) => shown(
    await views.ops.steering.addItem(ctx.workspace, text, actorOf(ctx), { kind, idempotencyKey: ctx.opId }),
    (note) => views.agendaCard(ctx.workspace, note), () => `${ctx.actor.name} added an item.`),
});

const agendaRemove: OpsAction = (views) => defineAction({
  verb: V.agendaRemove,
  parse: (d) => ({ itemId: idOf(d.itemId) }),
  run: async ({ itemId }, ctx) =>
    shown(await views.ops.steering.removeItem(ctx.workspace, itemId), (note) => views.agendaCard(ctx.workspace, note), () => `${ctx.actor.name} removed an item.`),
});

const agendaRecord: OpsAction = (views) => defineAction({
  verb: V.agendaRecord,
  parse: (d) => ({ decisions: d.decisions, actions: d.actions }),
  run: async (meeting, ctx) => shown(
    await views.ops.steering.recordMeeting(ctx.workspace, meeting, actorOf(ctx), `m-${ctx.opId}`),
    (note) => views.agendaCard(ctx.workspace, note),
    (m) => `Meeting recorded by ${ctx.actor.name}: ${plural(m.decisions.length, 'decision')}, ${plural(m.actionIds.length, 'action')}. This is the agenda for the next meeting.`),
});

const agendaCadence: OpsAction = (views) => defineAction({
  verb: V.agendaCadence,
  parse: (d) => ({ cadence: { everyWeeks: d.everyWeeks, weekday: d.weekday, time: d.time, timeZone: d.timeZone, startsOn: d.startsOn }, etag: etagOf(d) }),
  run: async ({ cadence, etag }, ctx) => shown(
    await views.ops.steering.saveCadence(ctx.workspace, cadence, actorOf(ctx), etag),
    (note) => views.agendaCard(ctx.workspace, note), () => `${ctx.actor.name} changed the meeting schedule.`),
});

const actionDone: OpsAction = (views) => defineAction({
  verb: V.actionDone,
  parse: (d) => ({ actionId: idOf(d.actionId) }),
  run: async ({ actionId }, ctx) =>
    shown(await views.ops.steering.completeAction(ctx.workspace, actionId, actorOf(ctx)), (note) => views.agendaCard(ctx.workspace, note), () => `${ctx.actor.name} marked an action done.`),
});

// ---- risks and OKRs ---------------------------------------------------------------------------

/** The register rows prefix their inputs (one form per row). */
const prefixed = (d: CardData, key: string) => field(d, `${str(d.prefix) ?? ''}${key}`);

const risksShow: OpsAction = (views) => defineAction({
  verb: V.risksShow,
  parse: offsetOf,
  run: async ({ offset }, ctx) => page(offset, () => views.risksCard(ctx.workspace, { offset })),
});

const riskSave: OpsAction = (views) => defineAction({
  verb: V.riskSave,
  parse: (d) => ({
    riskId: idOf(d.riskId), etag: etagOf(d),
    input: { likelihood: prefixed(d, 'likelihood'), impact: prefixed(d, 'impact'), mitigation: prefixed(d, 'mitigation'), owner: prefixed(d, 'owner'), status: prefixed(d, 'status') },
  }),
  run: async ({ riskId, etag, input }, ctx) => shown(
    await views.ops.risks.update(ctx.workspace, riskId, input, actorOf(ctx), etag),
    (note) => views.risksCard(ctx.workspace, note), (risk) => `${ctx.actor.name} updated a risk: overall ${risk.overall}.`),
});

const riskAdd: OpsAction = (views) => defineAction({
  verb: V.riskAdd,
  parse: (d) => ({ title: d.newRiskTitle, likelihood: d.newRiskLikelihood, impact: d.newRiskImpact, mitigation: d.newRiskMitigation ?? '', owner: '' }),
  run: async (input, ctx) =>
    shown(await views.ops.risks.add(ctx.workspace, input, actorOf(ctx)), (note) => views.risksCard(ctx.workspace, note), () => `${ctx.actor.name} added a risk.`),
});

const okrsShow: OpsAction = (views) => defineAction({
  verb: V.okrsShow,
  parse: offsetOf,
  run: async ({ offset }, ctx) => page(offset, () => views.okrsCard(ctx.workspace, { offset })),
});

const trackSave = (kind: 'ksi' | 'objective'): OpsAction => (views) => defineAction({
  verb: kind === 'ksi' ? V.ksiSave : V.objectiveSave,
  parse: (d) => ({ id: idOf(kind === 'ksi' ? d.ksiId : d.objectiveId), etag: etagOf(d), input: { status: prefixed(d, 'status'), note: prefixed(d, 'note') } }),
  async run({ id, etag, input }, ctx) {
    const { okrs } = views.ops;
    const saved = kind === 'ksi'
      ? await okrs.updateKsi(ctx.workspace, id, input, actorOf(ctx), etag)
      : await okrs.updateObjective(ctx.workspace, id, input, actorOf(ctx), etag);
    return shown<unknown>(saved, (note) => views.okrsCard(ctx.workspace, note), () => `${ctx.actor.name} updated a status.`);
  },
});

export const AGENDA_ACTIONS: readonly OpsAction[] = [
  agendaRefresh, agendaAdd, agendaRemove, agendaRecord, agendaCadence, actionDone,
  risksShow, riskSave, riskAdd, okrsShow, trackSave('ksi'), trackSave('objective'),
];
