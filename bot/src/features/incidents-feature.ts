// Issue 4, incident escalations: the `escalate` dialog, the `incidents` command, every
// incident card verb, and the communication-rhythm job (reminders and outage notifications).
//
// Composition root (app.ts), once the adapter exists:
//   const incidents = createIncidentsFeature();           // in the features list
//   ...after createAdapter():
//   const rhythm = incidents.rhythm({ sender, workspaces }); // sender: the shared ProactiveSender
//   rhythm.start(60_000);  ...  await rhythm.stop() on close
// Without that wiring the feature still works: the dialog, cards and verbs need nothing more,
// outage notifications go through a ProactiveSender bound to the first turn's adapter, and
// the rhythm (if ticked) only knows the workspaces this process has seen.
import type { ConversationTargetRepository } from '../domain/conversation-target';
import { IncidentService } from '../domain/incidents/incident-service';
import type { Sender } from '../domain/reminders/sender';
import type { Workspace } from '../domain/workspace';
import { combinedWorkspaces, IncidentRhythm, RepositoryIncidentRouting, type RhythmWorkspaces, SeenWorkspaces } from '../jobs/incident-rhythm';
import { INCIDENT_TABLES, TableIncidentRepository } from '../storage/table-incident-repository';
import { BatchingCounterAllocator } from '../storage/table-incident-number-allocator';
import { AdapterBoundSender } from '../teams/incidents/adapter-sender';
import { escalationForm } from '../teams/incidents/escalation-form';
import { registerIncidentCommands } from '../teams/incidents/incident-commands';
import { registerIncidentVerbs } from '../teams/incidents/incident-verb-handlers';
import { IncidentViews } from '../teams/incidents/incident-views';
import type { Feature, FeatureContext } from './feature';

export interface IncidentsFeature extends Feature {
  /**
   * The communication-rhythm job. Call after register(). `sender`: the composition root's
   * proactive sender (shared rate limits); `workspaces`: a durable list of the workspaces to
   * visit (e.g. every workspace with an active conversation target). Both optional; see above.
   */
  rhythm(options?: { sender?: Sender; workspaces?: RhythmWorkspaces }): IncidentRhythm;
  /** The incident service as wired (for the tab API and tests). */
  service(): IncidentService;
}

interface Wired {
  service: IncidentService;
  rhythm: IncidentRhythm;
  sender: AdapterBoundSender;
  seen: SeenWorkspaces;
  deps: { targets: ConversationTargetRepository; routing: RepositoryIncidentRouting; context: FeatureContext };
  extraWorkspaces?: RhythmWorkspaces;
}

export function createIncidentsFeature(): IncidentsFeature {
  let wired: Wired | undefined;
  const need = (): Wired => {
    if (!wired) throw new Error('the incidents feature is not registered yet');
    return wired;
  };

  return {
    name: 'incidents',
    tables: INCIDENT_TABLES,
    register(context) {
      const { config, store, clock, commands, verbs, forms, log, targets } = context;
      const repo = new TableIncidentRepository(store.client('Incidents'));
      // The batching allocator keeps SR numbers unique and fast when many file at once.
      const service = new IncidentService({ incidents: repo, numbers: new BatchingCounterAllocator(store.client('Counters')), clock, defaultTimeZone: config.defaultTimeZone });
      const routing = new RepositoryIncidentRouting(repo, config.defaultTimeZone);
      const sender = new AdapterBoundSender(config, targets);
      const seen = new SeenWorkspaces();
      const w: Wired = { service, sender, seen, deps: { targets, routing, context }, rhythm: undefined as unknown as IncidentRhythm };
      w.rhythm = new IncidentRhythm({
        service, routing, targets, sender, clock, log,
        workspaces: { list: () => (w.extraWorkspaces ? combinedWorkspaces(seen, w.extraWorkspaces) : seen).list() },
      });
      wired = w;
      const views = new IncidentViews(service, routing, () => w.rhythm, clock);
      const markSeen = (ws: Workspace) => seen.add(ws);
      forms.register(escalationForm({ service, clock, file: (d, fc) => views.file(d, fc) }), verbs);
      // escalation.confirm runs in the form runner; it also needs the sender bound and the
      // workspace seen, which the escalate command (always the first turn of the dialog) did.
      registerIncidentCommands(commands, { service, views, routing, forms, clock, seen: markSeen, onTurn: (c) => sender.bind(c) });
      registerIncidentVerbs(verbs, { service, views, rhythm: () => w.rhythm, clock, seen: markSeen, onTurn: (r) => sender.bind(r.context) });
    },
    rhythm(options = {}) {
      const w = need();
      if (options.sender) w.sender.use(options.sender);
      if (options.workspaces) w.extraWorkspaces = options.workspaces;
      return w.rhythm;
    },
    service: () => need().service,
  };
}

/** The feature with default wiring, for DEFAULT_FEATURES. Keep one instance per app. */
export const incidentsFeature: IncidentsFeature = createIncidentsFeature();
