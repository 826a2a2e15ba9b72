// One Action.Execute route per incident verb. State-changing verbs go through
// IncidentService.act keyed on the invoke id, so Teams redelivering an invoke changes state
// once and every delivery still gets the current card back. Responses:
// - applied (or a redelivery of an applied one): the refreshed card, updated for everyone;
// - conflict (someone changed the incident after this card was shown): the latest card, for
//   the person who acted, saying so; nothing of theirs was applied, so they can try again;
// - refused (e.g. closing an open incident): the latest card with the reason, for them only;
// - refresh / open / list: views, answered to the person who asked (never edits the posted
//   message: a refresh runs for every viewer, and a list page is one person's browsing).
import { randomUUID } from 'node:crypto';
import { INCIDENT_LIST_PAGE_SIZE, renderIncidentListCard } from '../../cards/incident-list-card';
import { incidentActionFromInvoke, INCIDENT_VERBS, type IncidentListVerbData } from '../../cards/incident-verbs';
import type { IncidentFilter } from '../../domain/incidents/incident-repository';
import type { IncidentService } from '../../domain/incidents/incident-service';
import { isSeverityLevel } from '../../domain/incidents/severity';
import type { Workspace } from '../../domain/workspace';
import type { IncidentRhythm } from '../../jobs/incident-rhythm';
import { cardMessage } from '../replies';
import type { VerbRequest, VerbResponse, VerbRouter } from '../verb-router';
import { type IncidentViews, personOf } from './incident-views';

export interface IncidentVerbDeps {
  service: IncidentService;
  views: IncidentViews;
  rhythm: () => IncidentRhythm;
  clock: () => Date;
  /** Called at the start of every incident turn (binds the proactive sender). */
  onTurn?(request: VerbRequest): void;
}

const ACTION_VERBS = [
  INCIDENT_VERBS.acknowledge, INCIDENT_VERBS.update, INCIDENT_VERBS.severity, INCIDENT_VERBS.escalate,
  INCIDENT_VERBS.deescalate, INCIDENT_VERBS.resolve, INCIDENT_VERBS.reopen, INCIDENT_VERBS.close,
] as const;

export function registerIncidentVerbs(verbs: VerbRouter, deps: IncidentVerbDeps): void {
  const wrap = (handler: (r: VerbRequest) => Promise<VerbResponse>) => async (r: VerbRequest) => {
    deps.onTurn?.(r);
    return handler(r);
  };
  for (const verb of ACTION_VERBS) verbs.register(verb, wrap((r) => act(deps, r)));
  verbs.register(INCIDENT_VERBS.refresh, wrap((r) => view(deps, r)));
  verbs.register(INCIDENT_VERBS.open, wrap((r) => open(deps, r)));
  verbs.register(INCIDENT_VERBS.list, wrap((r) => list(deps, r)));
}

async function act(deps: IncidentVerbDeps, r: VerbRequest): Promise<VerbResponse> {
  const parsed = incidentActionFromInvoke(r.verb, r.data);
  const incidentId = typeof r.data.incidentId === 'string' ? r.data.incidentId : undefined;
  if ('error' in parsed) {
    // Bad card data (e.g. an empty update): show the current card with the reason.
    const current = incidentId ? await deps.service.get(r.workspace, incidentId) : undefined;
    if (!current) return { error: parsed.error, status: 400 };
    return { card: await deps.views.card(r.workspace, current, { actorId: r.actor.id, message: parsed.error }) };
  }
  // Teams redelivers an invoke with the same activity id: that id is the idempotency key.
  const key = `invoke:${r.invokeId || randomUUID()}`;
  const options = { idempotencyKey: key, expectedEtag: parsed.etag };
  let result = await deps.service.act(r.workspace, parsed.incidentId, parsed.action, personOf(r.actor), options);
  // Two deliveries of one invoke racing each other: the loser sees the winner's write as a
  // conflict. Asking again with the same key tells a redelivery (duplicate) from a real conflict.
  if (result.kind === 'conflict') result = await deps.service.act(r.workspace, parsed.incidentId, parsed.action, personOf(r.actor), options);
  switch (result.kind) {
    case 'updated': {
      const stored = { incident: result.incident, etag: result.etag };
      deps.rhythm().notifyInBackground(r.workspace, stored, result.notices);
      return { card: await deps.views.card(r.workspace, stored, { actorId: r.actor.id }), updateForEveryone: true };
    }
    case 'duplicate': {
      // A redelivery: nothing changes again; answer with the current state.
      const current = await deps.service.get(r.workspace, parsed.incidentId);
      if (!current) return { message: `${parsed.incidentId} no longer exists.` };
      return { card: await deps.views.card(r.workspace, current, { actorId: r.actor.id }), updateForEveryone: true };
    }
    case 'conflict':
      return { card: await deps.views.card(r.workspace, result.current, { actorId: r.actor.id, message: result.message }) };
    case 'refused':
      return { card: await deps.views.card(r.workspace, result.current, { actorId: r.actor.id, message: result.reason }) };
    case 'not-found':
      return { message: result.message };
  }
}

async function view(deps: IncidentVerbDeps, r: VerbRequest): Promise<VerbResponse> {
  const id = typeof r.data.incidentId === 'string' ? r.data.incidentId : '';
  const current = id ? await deps.service.get(r.workspace, id) : undefined;
  if (!current) return { message: id ? `There is no incident ${id} in this team.` : 'The card did not say which incident this is.' };
  return { card: await deps.views.card(r.workspace, current, { actorId: r.actor.id }) };
}

/** Posts the incident as its own message, so its actions edit that message, not the list or reminder. */
async function open(deps: IncidentVerbDeps, r: VerbRequest): Promise<VerbResponse> {
  const id = typeof r.data.incidentId === 'string' ? r.data.incidentId : '';
  const current = id ? await deps.service.get(r.workspace, id) : undefined;
  if (!current) return { message: id ? `There is no incident ${id} in this team.` : 'The card did not say which incident this is.' };
  await r.context.sendActivity(cardMessage(await deps.views.card(r.workspace, current, { actorId: r.actor.id }), `${current.incident.id}: ${current.incident.service}`));
  return { message: `${current.incident.id} is posted below.` };
}

async function list(deps: IncidentVerbDeps, r: VerbRequest): Promise<VerbResponse> {
  const data = r.data as Partial<IncidentListVerbData>;
  const f = data.filter && typeof data.filter === 'object' ? data.filter : {};
  const filter: IncidentListVerbData['filter'] = {
    state: f.state === 'all' ? 'all' : 'open',
    ...(typeof f.severity === 'string' && isSeverityLevel(f.severity) ? { severity: f.severity } : {}),
    ...(f.overdue === true ? { overdue: true } : {}),
  };
  const continuation = typeof data.continuation === 'string' ? data.continuation : undefined;
  try {
    return { card: await listCard(deps, r.workspace, filter, continuation) };
  } catch (e) {
    // A continuation token comes back from card data: if storage rejects it, start over.
    if (!continuation) throw e;
    return { card: await listCard(deps, r.workspace, filter) };
  }
}

export async function listCard(deps: Pick<IncidentVerbDeps, 'service' | 'clock'>, ws: Workspace, filter: IncidentListVerbData['filter'], continuation?: string): Promise<Record<string, unknown>> {
  const now = deps.clock();
  const query: IncidentFilter = {
    state: filter.state === 'all' ? 'all' : 'open',
    ...(filter.severity && isSeverityLevel(filter.severity) ? { severity: filter.severity } : {}),
    ...(filter.overdue ? { updateOverdueAt: now } : {}),
  };
  const [{ policy, timeZone }, page] = await Promise.all([deps.service.settings(ws), deps.service.list(ws, query, { limit: INCIDENT_LIST_PAGE_SIZE, continuation })]);
  return renderIncidentListCard({ items: page.items, filter, continuation: page.continuation, policy, timeZone, now });
}
