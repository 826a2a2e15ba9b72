// Incident escalations: the `escalate` dialog, the `incidents` command, the incident card
// actions, the incidents board, and the communication-rhythm job (due/overdue update reminders
// and outage notifications), which sends through the app's one proactive sender. The rhythm
// finds its work in the incident due index, which every incident write keeps right.
import { incidentsView } from '../api/views/incidents-view';
import type { ServiceReviewSources } from '../domain/incidents/figures';
import { IncidentService } from '../domain/incidents/incident-service';
import type { IncidentRouting } from '../domain/incidents/incident-routing';
import { IncidentRhythm, RepositoryIncidentRouting } from '../jobs/incident-rhythm';
import { SEED_TABLE, SeedMarkers } from '../storage/seed-markers';
import { INCIDENT_DUE_TABLE, TableIncidentDueIndex } from '../storage/table-incident-due-index';
import { INCIDENT_TABLES, TableIncidentRepository } from '../storage/table-incident-repository';
import type { ActionRegistry } from '../teams/card-actions';
import { escalationForm } from '../teams/incidents/escalation-form';
import { createIncidentActions } from '../teams/incidents/incident-actions';
import { registerIncidentCommands } from '../teams/incidents/incident-commands';
import { IncidentViews } from '../teams/incidents/incident-views';
import type { Feature, FeatureContext } from './feature';

/** How often the rhythm looks for due and overdue updates. */
const RHYTHM_INTERVAL_MS = 60_000;

export interface BuiltIncidents {
  service: IncidentService;
  /** The communication-rhythm job (tests tick it with a fake clock). */
  rhythm: IncidentRhythm;
  routing: IncidentRouting;
  views: IncidentViews;
  actions: ActionRegistry;
}

export function buildIncidents(ctx: FeatureContext): BuiltIncidents {
  const { config, store, clock, log, targets, sender, counters } = ctx;
  const repo = new TableIncidentRepository(store.client('Incidents'));
  const dueIndex = new TableIncidentDueIndex(store.client(INCIDENT_DUE_TABLE));
  const service = new IncidentService({ incidents: repo, numbers: counters, clock, defaultTimeZone: config.defaultTimeZone, dueIndex });
  const routing = new RepositoryIncidentRouting(repo, config.defaultTimeZone);
  // Open incidents stored before the due index existed are filed once, on the first start.
  const markers = new SeedMarkers(store.client(SEED_TABLE));
  const backfillOnce = (run: () => Promise<void>) => markers.once('incidents', 'due-index-backfill', run);
  const rhythm = new IncidentRhythm({ service, routing, targets, sender, dueIndex, clock, log, backfillOnce });
  const views = new IncidentViews(service, routing, rhythm, clock);
  return { service, rhythm, routing, views, actions: createIncidentActions({ service, views, rhythm }) };
}

/** `review`: what the figures card shows beyond incidents (the product passes the problems and changes). */
export function registerIncidents(ctx: FeatureContext, incidents: BuiltIncidents, review?: ServiceReviewSources): void {
  const { service, rhythm, routing, views, actions } = incidents;
  ctx.forms.register(escalationForm({ service, clock: ctx.clock, file: (d, fc) => views.file(d, fc) }), ctx.verbs);
  registerIncidentCommands(ctx.commands, { service, views, routing, forms: ctx.forms, clock: ctx.clock, ...(review ? { review } : {}) });
  ctx.verbs.routeActions(actions);
  ctx.tabViews.register(incidentsView({ service, actions, ...(review ? { review } : {}) }));
  ctx.jobs.add({ name: 'incident-rhythm', start: () => rhythm.start(RHYTHM_INTERVAL_MS), stop: () => rhythm.stop() });
}

export function createIncidentsFeature(): Feature<BuiltIncidents> {
  return {
    name: 'incidents',
    tables: INCIDENT_TABLES,
    register(ctx) {
      const incidents = buildIncidents(ctx);
      registerIncidents(ctx, incidents);
      return incidents;
    },
  };
}
