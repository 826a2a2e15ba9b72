// The incidents board tab: the open incidents (the same list card as the `incidents` command)
// and the monthly figures of the service review for this month and the one before. Opening an
// incident shows its card; its buttons (acknowledge, update, severity, escalate, resolve,
// close...) go to IncidentService.act with the same rules, ETag checks and outage
// notifications as in chat.
import { renderIncidentCard } from '../../cards/incident-card';
import { renderIncidentFiguresCard } from '../../cards/incident-figures-card';
import { INCIDENT_LIST_PAGE_SIZE, renderIncidentListCard } from '../../cards/incident-list-card';
import { incidentActionFromInvoke, INCIDENT_VERBS, type IncidentListVerbData } from '../../cards/incident-verbs';
import type { TimelineEntry } from '../../domain/incidents/incident';
import type { IncidentFilter, StoredIncident } from '../../domain/incidents/incident-repository';
import type { IncidentService } from '../../domain/incidents/incident-service';
import type { OutageNotice } from '../../domain/incidents/outage-notice';
import { isSeverityLevel } from '../../domain/incidents/severity';
import { toWallTime } from '../../domain/incidents/zoned-time';
import type { Workspace } from '../../domain/workspace';
import type { AdaptiveCard, TabActionResult, TabViewContext, TabViewProvider } from '../tab-views';
import { tabActor, tabOpId } from './view-support';

export interface IncidentsViewDeps {
  service: IncidentService;
  /** Sends the outage notifications an action causes (the rhythm job does it for the chat too). */
  notify?(ws: Workspace, stored: StoredIncident, notices: readonly OutageNotice[]): void;
}

const TIMELINE_PAGE = 50;
export function incidentsView(deps: IncidentsViewDeps): TabViewProvider {
  const { service } = deps;

  async function listCard(ctx: TabViewContext, filter: IncidentListVerbData['filter'], continuation?: string): Promise<{ card: AdaptiveCard; count: number }> {
    const now = ctx.clock();
    const query: IncidentFilter = {
      state: filter.state === 'all' ? 'all' : 'open',
      ...(filter.severity && isSeverityLevel(filter.severity) ? { severity: filter.severity } : {}),
      ...(filter.overdue ? { updateOverdueAt: now } : {}),
    };
    const [{ policy, timeZone }, page] = await Promise.all([service.settings(ctx.workspace), service.list(ctx.workspace, query, { limit: INCIDENT_LIST_PAGE_SIZE, continuation })]);
    return { card: renderIncidentListCard({ items: page.items, filter, continuation: page.continuation, policy, timeZone, now }), count: page.items.length };
  }

  async function card(ctx: TabViewContext, stored: StoredIncident, message?: string): Promise<AdaptiveCard> {
    const ws = ctx.workspace;
    let timeline: TimelineEntry[] = [];
    let continuation: string | undefined;
    do {
      const page = await service.timeline(ws, stored.incident.id, { limit: TIMELINE_PAGE, continuation });
      timeline = [...timeline, ...page.items].slice(-6);
      continuation = page.continuation;
    } while (continuation);
    const { policy, timeZone } = await service.settings(ws);
    return renderIncidentCard({ incident: stored.incident, etag: stored.etag, policy, timeZone, now: ctx.clock(), timeline, ...(message ? { message } : {}) });
  }

  async function figures(ctx: TabViewContext): Promise<{ card: AdaptiveCard; total: number }> {
    const { timeZone, policy } = await service.settings(ctx.workspace);
    const wall = toWallTime(ctx.clock(), timeZone);
    const previous = wall.month === 1 ? { year: wall.year - 1, month: 12 } : { year: wall.year, month: wall.month - 1 };
    const months = await Promise.all([service.figures(ctx.workspace, wall.year, wall.month), service.figures(ctx.workspace, previous.year, previous.month)]);
    return { card: renderIncidentFiguresCard(months, policy), total: months.reduce((n, f) => n + f.total, 0) };
  }

  async function act(ctx: TabViewContext, verb: string, data: Record<string, unknown>): Promise<TabActionResult> {
    const ws = ctx.workspace;
    const incidentId = typeof data.incidentId === 'string' ? data.incidentId : undefined;
    if (verb === INCIDENT_VERBS.list) {
      const d = data as Partial<IncidentListVerbData>;
      const f = d.filter && typeof d.filter === 'object' ? d.filter : {};
      const filter: IncidentListVerbData['filter'] = {
        state: f.state === 'all' ? 'all' : 'open',
        ...(typeof f.severity === 'string' && isSeverityLevel(f.severity) ? { severity: f.severity } : {}),
        ...(f.overdue === true ? { overdue: true } : {}),
      };
      const continuation = typeof d.continuation === 'string' && d.continuation.length <= 2000 ? d.continuation : undefined;
      try {
        return { cards: [(await listCard(ctx, filter, continuation)).card] };
      } catch (e) {
        // A continuation token comes back from card data: if storage rejects it, start over.
        if (!continuation) throw e;
        return { cards: [(await listCard(ctx, filter)).card] };
      }
    }
    if (verb === INCIDENT_VERBS.open || verb === INCIDENT_VERBS.refresh) {
      const current = incidentId ? await service.get(ws, incidentId) : undefined;
      if (!current) return { error: incidentId ? `There is no incident ${incidentId} in this team.` : 'The card did not say which incident this is.' };
      return { cards: [await card(ctx, current)] };
    }
    if (verb === INCIDENT_VERBS.confirm || verb === INCIDENT_VERBS.discard) return { error: 'Escalations are filed in the chat: type "@Service Ops escalate" in the channel.' };
    const parsed = incidentActionFromInvoke(verb, data);
    if ('error' in parsed) {
      // Bad card data (e.g. an empty update): the current card with the reason.
      const current = incidentId ? await service.get(ws, incidentId) : undefined;
      return current ? { cards: [await card(ctx, current, parsed.error)] } : { error: parsed.error };
    }
    const result = await service.act(ws, parsed.incidentId, parsed.action, tabActor(ctx), { idempotencyKey: tabOpId(), expectedEtag: parsed.etag });
    switch (result.kind) {
      case 'updated': {
        const stored = { incident: result.incident, etag: result.etag };
        deps.notify?.(ws, stored, result.notices);
        return { cards: [await card(ctx, stored)] };
      }
      case 'duplicate': {
        const current = await service.get(ws, parsed.incidentId);
        return current ? { cards: [await card(ctx, current)] } : { error: `${parsed.incidentId} no longer exists.` };
      }
      case 'conflict':
        return { cards: [await card(ctx, result.current, result.message)] };
      case 'refused':
        return { cards: [await card(ctx, result.current, result.reason)] };
      case 'not-found':
        return { error: result.message };
    }
  }

  return {
    id: 'incidents',
    title: 'Incidents board',
    description: 'Open incidents by severity, with the status updates that are due, and the monthly figures.',
    async render(ctx) {
      const [list, month] = await Promise.all([listCard(ctx, { state: 'open' }), figures(ctx)]);
      if (!list.count && !month.total) {
        return { cards: [], empty: { title: 'No incidents', text: 'No open incidents and none recorded this month or last. In the channel, type "@Service Ops escalate" to record one.' } };
      }
      return { cards: [list.card, month.card] };
    },
    act,
  };
}
