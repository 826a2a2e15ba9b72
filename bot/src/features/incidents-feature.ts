// Incident escalations: the `escalate` dialog, the `incidents` command, every incident card
// verb, and the communication-rhythm job (due/overdue update reminders and outage
// notifications), which sends through the app's one proactive sender. The rhythm finds its
// work in the incident due index, which every incident write keeps right.
import { incidentsView } from '../api/views/incidents-view';
import { IncidentService } from '../domain/incidents/incident-service';
import { IncidentRhythm, RepositoryIncidentRouting } from '../jobs/incident-rhythm';
import { SEED_TABLE, SeedMarkers } from '../storage/seed-markers';
import { INCIDENT_DUE_TABLE, TableIncidentDueIndex } from '../storage/table-incident-due-index';
import { INCIDENT_TABLES, TableIncidentRepository } from '../storage/table-incident-repository';
import { escalationForm } from '../teams/incidents/escalation-form';
import { registerIncidentCommands } from '../teams/incidents/incident-commands';
import { registerIncidentVerbs } from '../teams/incidents/incident-verb-handlers';
import { IncidentViews } from '../teams/incidents/incident-views';
import type { Feature } from './feature';

export interface IncidentsFeature extends Feature {
  /** The communication-rhythm job as wired (tests tick it with a fake clock). */
  rhythm(): IncidentRhythm;
  /** The incident service as wired (for the tab API, the agenda and tests). */
  service(): IncidentService;
}

/** How often the rhythm looks for due and overdue updates. */
const RHYTHM_INTERVAL_MS = 60_000;

export function createIncidentsFeature(): IncidentsFeature {
  let wired: { service: IncidentService; rhythm: IncidentRhythm } | undefined;
  const need = () => {
    if (!wired) throw new Error('the incidents feature is not registered yet');
    return wired;
  };

  return {
    name: 'incidents',
    tables: INCIDENT_TABLES,
    register(context) {
      const { config, store, clock, commands, verbs, forms, log, targets, sender, jobs, counters } = context;
      const repo = new TableIncidentRepository(store.client('Incidents'));
      const dueIndex = new TableIncidentDueIndex(store.client(INCIDENT_DUE_TABLE));
      const service = new IncidentService({ incidents: repo, numbers: counters, clock, defaultTimeZone: config.defaultTimeZone, dueIndex });
      const routing = new RepositoryIncidentRouting(repo, config.defaultTimeZone);
      // Open incidents stored before the due index existed are filed once, on the first start.
      const markers = new SeedMarkers(store.client(SEED_TABLE));
      const backfillOnce = (run: () => Promise<void>) => markers.once('incidents', 'due-index-backfill', run);
      const rhythm = new IncidentRhythm({ service, routing, targets, sender, dueIndex, clock, log, backfillOnce });
      wired = { service, rhythm };
      const views = new IncidentViews(service, routing, () => rhythm, clock);
      forms.register(escalationForm({ service, clock, file: (d, fc) => views.file(d, fc) }), verbs);
      registerIncidentCommands(commands, { service, views, routing, forms, clock });
      registerIncidentVerbs(verbs, { service, views, rhythm: () => rhythm, clock });
      context.tabViews.register(incidentsView({ service, notify: (ws, stored, notices) => rhythm.notifyInBackground(ws, stored, notices) }));
      jobs.add({ name: 'incident-rhythm', start: () => rhythm.start(RHYTHM_INTERVAL_MS), stop: () => rhythm.stop() });
    },
    rhythm: () => need().rhythm,
    service: () => need().service,
  };
}
