// The incidents board tab: the open incidents (the same list card as the `incidents` command)
// and the monthly figures of the service review for this month and the one before. Opening an
// incident shows its card; its buttons (acknowledge, update, severity, escalate, resolve,
// close...) are the incident card actions (teams/incidents/incident-actions.ts), with the same
// rules, ETag checks and outage notifications as in chat.
import { renderIncidentFiguresCard } from '../../cards/incident-figures-card';
import { INCIDENT_LIST_PAGE_SIZE, renderIncidentListCard } from '../../cards/incident-list-card';
import { INCIDENT_VERBS, type IncidentListVerbData } from '../../cards/incident-verbs';
import type { IncidentFilter } from '../../domain/incidents/incident-repository';
import type { ServiceReviewSources } from '../../domain/incidents/figures';
import type { IncidentService, ResolvedSettings } from '../../domain/incidents/incident-service';
import { isSeverityLevel } from '../../domain/incidents/severity';
import { toWallTime } from '../../platform/zoned-time';
import type { ActionRegistry } from '../../teams/card-actions';
import type { AdaptiveCard, TabViewContext, TabViewProvider } from '../tab-views';
import { incidentFirst } from './record-first';

export interface IncidentsViewDeps {
  service: IncidentService;
  /** The incident card actions (teams/incidents/incident-actions.ts), the same as in chat. */
  actions: ActionRegistry;
  /** The months' problems and changes for the figures card; without it the card shows incidents only. */
  review?: ServiceReviewSources;
}

/** The verbs of the board's cards; escalations are filed in the chat's dialog. */
const BOARD_VERBS = [
  INCIDENT_VERBS.list, INCIDENT_VERBS.open, INCIDENT_VERBS.refresh,
  INCIDENT_VERBS.acknowledge, INCIDENT_VERBS.update, INCIDENT_VERBS.severity, INCIDENT_VERBS.escalate,
  INCIDENT_VERBS.deescalate, INCIDENT_VERBS.resolve, INCIDENT_VERBS.reopen, INCIDENT_VERBS.close,
  // The vendor case and the outage details are the desk's, on the board as in the channel.
  INCIDENT_VERBS.vendorEscalate, INCIDENT_VERBS.vendorAccept, INCIDENT_VERBS.vendorUpdate, INCIDENT_VERBS.outageDetails,
];

export function incidentsView(deps: IncidentsViewDeps): TabViewProvider {
  const { service } = deps;

  async function listCard(ctx: TabViewContext, settings: Promise<ResolvedSettings>, filter: IncidentListVerbData['filter']): Promise<{ card: AdaptiveCard; count: number }> {
    const now = ctx.clock();
    const query: IncidentFilter = {
      state: filter.state === 'all' ? 'all' : 'open',
      ...(filter.severity && isSeverityLevel(filter.severity) ? { severity: filter.severity } : {}),
      ...(filter.overdue ? { updateOverdueAt: now } : {}),
    };
    const [{ policy, timeZone }, page] = await Promise.all([settings, service.list(ctx.workspace, query, { limit: INCIDENT_LIST_PAGE_SIZE })]);
    return { card: renderIncidentListCard({ items: page.items, filter, continuation: page.continuation, policy, timeZone, now }), count: page.items.length };
  }

  async function figures(ctx: TabViewContext, settings: Promise<ResolvedSettings>): Promise<{ card: AdaptiveCard; total: number }> {
    const { timeZone, policy } = await settings;
    const wall = toWallTime(ctx.clock(), timeZone);
    const previous = wall.month === 1 ? { year: wall.year - 1, month: 12 } : { year: wall.year, month: wall.month - 1 };
    const [months, control] = await Promise.all([
      Promise.all([service.figures(ctx.workspace, wall.year, wall.month, { timeZone }), service.figures(ctx.workspace, previous.year, previous.month, { timeZone })]),
      deps.review?.controlMonths(ctx.workspace, [wall, previous], timeZone),
    ]);
    return { card: renderIncidentFiguresCard(months, policy, control), total: months.reduce((n, f) => n + f.total, 0) };
  }

  return {
    id: 'incidents',
    title: 'Incidents board',
    description: 'Open incidents by severity, with the status updates that are due, and the monthly figures.',
    async render(ctx) {
      // A link to one incident opens the board at it: its card (or why it is not shown) goes first.
      // The list and the figures share one read of the settings, and still run side by side.
      const settings = service.settings(ctx.workspace);
      const [list, month, first] = await Promise.all([listCard(ctx, settings, { state: 'open' }), figures(ctx, settings), incidentFirst(ctx, service)]);
      if (!list.count && !month.total) {
        return { cards: first ? [first.card] : [], empty: { title: 'No incidents', text: 'No open incidents and none recorded this month or last. In the channel, type "@Service Ops escalate" to record one.' } };
      }
      return { cards: [...(first ? [first.card] : []), list.card, month.card] };
    },
    actions: {
      registry: deps.actions,
      verbs: BOARD_VERBS,
      refuse: (verb) => (verb === INCIDENT_VERBS.confirm || verb === INCIDENT_VERBS.discard ? 'Escalations are filed in the chat: type "@Service Ops escalate" in the channel.' : `${verb} does not change an incident.`),
    },
  };
}
