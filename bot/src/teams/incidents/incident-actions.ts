// Every incident card verb (cards/incident-verbs.ts) but the dialog's escalation.confirm /
// .edit / .discard, which the form runner answers: declared once for the chat and the incidents
// board. State-changing verbs go through IncidentService.act keyed on the delivery, so a
// redelivered invoke changes state once and every delivery still gets the current card:
// - applied (or a redelivery of an applied one): the refreshed card, updated for everyone;
// - conflict (someone changed the incident after this card was shown): the latest card, for
//   the person who acted, saying so; nothing of theirs was applied, so they can try again;
// - refused (e.g. closing an open incident): the latest card with the reason, for them only;
// - refresh / open / list: views for the person who asked (never edits the posted message: a
//   refresh runs for every viewer, and a list page is one person's browsing).
import { randomUUID } from 'node:crypto';
import { incidentActionFromInvoke, INCIDENT_VERBS as V, type IncidentListVerbData, type IncidentVerb } from '../../cards/incident-verbs';
import { type CardData, cardData, oneOf, str } from '../../domain/card-data';
import type { IncidentService } from '../../domain/incidents/incident-service';
import { isSeverityLevel } from '../../domain/incidents/severity';
import type { OutageNotifier, RequesterNotifier } from '../../domain/incidents/incident-routing';
import { requesterAsks } from '../../domain/incidents/closure-steps';
import { type ActionContext, ActionRegistry, badRequest, type CardAction, defineAction, listPage } from '../card-actions';
import { type IncidentViews, personOf } from './incident-views';

export interface IncidentActionDeps {
  service: IncidentService;
  views: IncidentViews;
  /** Sends the outage notifications an action causes, and the requester's confirm and survey cards. */
  rhythm: OutageNotifier & RequesterNotifier;
}

type Make = (deps: IncidentActionDeps) => CardAction;

/** The verbs that change an incident (IncidentService.act). */
const CHANGE_VERBS = [
  V.acknowledge, V.update, V.severity, V.escalate, V.deescalate, V.resolve, V.reopen, V.close,
  V.vendorEscalate, V.vendorAccept, V.vendorUpdate, V.outageDetails, V.confirmResolved, V.notFixed, V.satisfaction,
] as const;

const NO_INCIDENT = 'The card did not say which incident this is.';
const incidentIdOf = (d: CardData) => (typeof d.incidentId === 'string' ? d.incidentId : '');

/**
 * Teams redelivers an invoke with the same activity id: that id keys the change. A tab posts
 * each click once, with its own id.
 */
const idempotencyKey = (ctx: ActionContext) => (ctx.surface.kind === 'conversation' ? `invoke:${ctx.surface.invokeId || randomUUID()}` : ctx.opId);

const change = (verb: IncidentVerb): Make => (deps) => defineAction({
  verb,
  parse(d) {
    const parsed = incidentActionFromInvoke(verb, d);
    if (!('error' in parsed)) return parsed;
    // Bad card data (e.g. an empty update) on a known incident: its card with the reason.
    return incidentIdOf(d) ? { incidentId: incidentIdOf(d), problem: parsed.error } : badRequest(parsed.error);
  },
  async run(p, ctx) {
    const { service, views } = deps;
    const ws = ctx.workspace;
    const cardOf = async (stored: Parameters<IncidentViews['card']>[1], message?: string) => views.card(ws, stored, { actorId: ctx.actor.id, ...(message ? { message } : {}) });
    if ('problem' in p) {
      const current = await service.get(ws, p.incidentId);
      return current ? { card: await cardOf(current, p.problem) } : { error: p.problem, status: 400 };
    }
    const options = { idempotencyKey: idempotencyKey(ctx), expectedEtag: p.etag };
    let result = await service.act(ws, p.incidentId, p.action, personOf(ctx.actor), options);
    // Two deliveries of one invoke racing each other: the loser sees the winner's write as a
    // conflict. Asking again with the same key tells a redelivery (duplicate) from a real conflict.
    if (result.kind === 'conflict' && ctx.surface.kind === 'conversation') result = await service.act(ws, p.incidentId, p.action, personOf(ctx.actor), options);
    switch (result.kind) {
      case 'updated': {
        const stored = { incident: result.incident, etag: result.etag };
        deps.rhythm.notifyInBackground(ws, stored, result.notices);
        deps.rhythm.askRequesterInBackground(ws, stored, requesterAsks(result.entries));
        return { card: await cardOf(stored), forEveryone: true };
      }
      case 'duplicate': {
        // A redelivery: nothing changes again; answer with the current state.
        const current = await service.get(ws, p.incidentId);
        return current ? { card: await cardOf(current), forEveryone: true } : { message: `${p.incidentId} no longer exists.` };
      }
      case 'conflict':
        return { card: await cardOf(result.current, result.message) };
      case 'refused':
        return { card: await cardOf(result.current, result.reason) };
      case 'not-found':
        return { message: result.message };
    }
  },
});

/** Open posts the incident as its own message, so its actions edit that message, not the list or reminder. */
const show = (verb: typeof V.open | typeof V.refresh): Make => ({ service, views }) => defineAction({
  verb,
  parse: (d) => ({ incidentId: incidentIdOf(d) }),
  async run({ incidentId }, ctx) {
    const current = incidentId ? await service.get(ctx.workspace, incidentId) : undefined;
    if (!current) return { message: incidentId ? `There is no incident ${incidentId} in this team.` : NO_INCIDENT };
    const card = await views.card(ctx.workspace, current, { actorId: ctx.actor.id });
    const { id, service: name } = current.incident;
    return verb === V.open ? { card, post: { summary: `${id}: ${name}`, reply: `${id} is posted below.` } } : { card };
  },
});

const list: Make = ({ views }) => defineAction({
  verb: V.list,
  parse(d) {
    const f = cardData(d.filter);
    const filter: IncidentListVerbData['filter'] = {
      state: oneOf(f.state, ['open', 'all'] as const) ?? 'open',
      ...(typeof f.severity === 'string' && isSeverityLevel(f.severity) ? { severity: f.severity } : {}),
      ...(f.overdue === true ? { overdue: true } : {}),
    };
    return { filter, continuation: str(d.continuation, 2000) };
  },
  async run({ filter, continuation }, ctx) {
    return listPage((next) => views.listCard(ctx.workspace, filter, next), continuation);
  },
});

export function createIncidentActions(deps: IncidentActionDeps): ActionRegistry {
  return new ActionRegistry([...CHANGE_VERBS.map(change), show(V.open), show(V.refresh), list].map((make) => make(deps)));
}
