// Renders incidents for Teams and files confirmed escalations: the pieces the escalate
// dialog, the incident card actions and the incidents command share.
import { renderIncidentCard } from '../../cards/incident-card';
import { INCIDENT_LIST_PAGE_SIZE, renderIncidentListCard } from '../../cards/incident-list-card';
import type { IncidentListVerbData } from '../../cards/incident-verbs';
import type { Clock, Incident, Person, TimelineEntry } from '../../domain/incidents/incident';
import type { IncidentFilter, StoredIncident } from '../../domain/incidents/incident-repository';
import type { IncidentService } from '../../domain/incidents/incident-service';
import { isSeverityLevel, severityLabel } from '../../domain/incidents/severity';
import type { Workspace } from '../../domain/workspace';
import type { IncidentRouting, OutageNotifier } from '../../domain/incidents/incident-routing';
import type { FormContext } from '../dialogs/form';
import type { EscalationFormDraft } from './escalation-form';

export type FiledEscalation =
  | { kind: 'filed' | 'duplicate'; incident: Incident; card: Record<string, unknown>; summary: string }
  | { kind: 'invalid'; errors: string[] };

const TIMELINE_PAGE = 50;
/** Teams refreshes a card automatically for at most 60 listed users. */
const MAX_REFRESH_USERS = 60;

/** The person as the incident records them: the Teams user id (an MRI, as refresh.userIds and mentions want it). */
export function personOf(actor: { id: string; name: string }): Person {
  return { id: actor.id, name: actor.name };
}

/**
 * Who sees the card refresh itself: the person who just acted, the reporter, the owner and
 * the author of the latest update, the people who care most whether the card is current.
 * Everyone else sees the last posted version (updated for everyone on every change) and gets
 * the latest state with the Refresh verb when they act.
 */
export function refreshUserIds(incident: Incident, actorId?: string): string[] {
  const ids = [actorId, incident.recordedBy.id, incident.owner?.id, incident.lastUpdateBy?.id].filter((id): id is string => Boolean(id));
  return [...new Set(ids)].slice(0, MAX_REFRESH_USERS);
}

export class IncidentViews {
  constructor(
    private readonly service: IncidentService,
    private readonly routing: IncidentRouting,
    private readonly rhythm: OutageNotifier,
    private readonly clock: Clock,
  ) {}

  async card(ws: Workspace, stored: StoredIncident, opts: { actorId?: string; message?: string } = {}): Promise<Record<string, unknown>> {
    const [{ policy, timeZone }, timeline] = await Promise.all([this.service.settings(ws), this.recentTimeline(ws, stored.incident.id)]);
    return renderIncidentCard({
      incident: stored.incident,
      etag: stored.etag,
      policy,
      timeZone,
      now: this.clock(),
      timeline,
      userIds: refreshUserIds(stored.incident, opts.actorId),
      message: opts.message,
    });
  }

  /** A page of the incident list for a filter. */
  async listCard(ws: Workspace, filter: IncidentListVerbData['filter'], continuation?: string): Promise<Record<string, unknown>> {
    const now = this.clock();
    const query: IncidentFilter = {
      state: filter.state === 'all' ? 'all' : 'open',
      ...(filter.severity && isSeverityLevel(filter.severity) ? { severity: filter.severity } : {}),
      ...(filter.overdue ? { updateOverdueAt: now } : {}),
    };
    const [{ policy, timeZone }, page] = await Promise.all([this.service.settings(ws), this.service.list(ws, query, { limit: INCIDENT_LIST_PAGE_SIZE, continuation })]);
    return renderIncidentListCard({ items: page.items, filter, continuation: page.continuation, policy, timeZone, now });
  }

  /** Files a confirmed draft once per idempotency key, remembers where, and renders the card. */
  async file(d: EscalationFormDraft, fc: FormContext & { idempotencyKey: string }): Promise<FiledEscalation> {
    const actor = personOf(fc.actor);
    const result = await this.service.file(fc.workspace, d.e, actor, fc.idempotencyKey);
    if (result.kind === 'invalid') return result;
    const id = result.incident.id;
    const stored = (await this.routing.recordOrigin(fc.workspace, id, fc.conversationId)) ?? (await this.service.get(fc.workspace, id));
    if (!stored) throw new Error(`${id} was filed but cannot be read back`);
    if (result.kind === 'filed') this.rhythm.notifyInBackground(fc.workspace, stored, result.notices);
    const { policy } = await this.service.settings(fc.workspace);
    const i = stored.incident;
    const route = i.scope.route === 'vendor' ? 'to be escalated to the vendor once the troubleshooting is confirmed' : `routed to ${i.scope.owningRole}, because the vendor does not accept it`;
    return {
      kind: result.kind,
      incident: i,
      card: await this.card(fc.workspace, stored, { actorId: actor.id }),
      summary: `${id} filed: severity ${severityLabel(policy.rules[i.severity])}, ${route}.`,
    };
  }

  /** The latest entries (the card shows the last six). */
  private async recentTimeline(ws: Workspace, id: string): Promise<TimelineEntry[]> {
    let entries: TimelineEntry[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.service.timeline(ws, id, { limit: TIMELINE_PAGE, continuation });
      entries = [...entries, ...page.items].slice(-6);
      continuation = page.continuation;
    } while (continuation);
    return entries;
  }
}
