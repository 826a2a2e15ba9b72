// Issue 4, incident escalations: the `escalate` dialog, the `incidents` command, every
// incident card verb, and the communication-rhythm job (due/overdue update reminders and
// outage notifications), which sends through the app's one proactive sender.
import { incidentsView } from '../api/views/incidents-view';
import { IncidentService } from '../domain/incidents/incident-service';
import type { Workspace } from '../domain/workspace';
import { combinedWorkspaces, IncidentRhythm, RepositoryIncidentRouting, type RhythmWorkspaces, SeenWorkspaces } from '../jobs/incident-rhythm';
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
      const service = new IncidentService({ incidents: repo, numbers: counters, clock, defaultTimeZone: config.defaultTimeZone });
      const routing = new RepositoryIncidentRouting(repo, config.defaultTimeZone);
      // Workspaces seen by this process right away, plus every installed workspace (durable).
      const seen = new SeenWorkspaces();
      const installed: RhythmWorkspaces = { list: () => targets.listActiveWorkspaces() };
      const rhythm = new IncidentRhythm({ service, routing, targets, sender, clock, log, workspaces: combinedWorkspaces(seen, installed) });
      wired = { service, rhythm };
      const views = new IncidentViews(service, routing, () => rhythm, clock);
      const markSeen = (ws: Workspace) => seen.add(ws);
      forms.register(escalationForm({ service, clock, file: (d, fc) => views.file(d, fc) }), verbs);
      registerIncidentCommands(commands, { service, views, routing, forms, clock, seen: markSeen });
      registerIncidentVerbs(verbs, { service, views, rhythm: () => rhythm, clock, seen: markSeen });
      context.tabViews.register(incidentsView({ service, notify: (ws, stored, notices) => rhythm.notifyInBackground(ws, stored, notices) }));
      jobs.add({ name: 'incident-rhythm', start: () => rhythm.start(RHYTHM_INTERVAL_MS), stop: () => rhythm.stop() });
    },
    rhythm: () => need().rhythm,
    service: () => need().service,
  };
}
