// The Teams message extension: a search over findings and incidents, the "File a finding" and
// "Escalate" action commands, and link unfurling for the app's links to a record. Its routes
// belong to one app's VerbRouter (the invoke router the bot already holds), so the bot finds
// them without another constructor argument, and two apps in one process never share them.
import { RecordSearch } from '../../domain/message-extension/record-search';
import type { FindingService } from '../../domain/findings/finding-service';
import type { IncidentService } from '../../domain/incidents/incident-service';
import type { FindingPresenter } from '../findings/finding-presenter';
import type { IncidentViews } from '../incidents/incident-views';
import type { Logger } from '../service-ops-bot';
import type { VerbRouter } from '../verb-router';
import { COMPOSE_COMMANDS, escalateCommand, fileFindingCommand } from './action-commands';
import { unfurlLink } from './link-unfurl';
import { MessageExtensionRoutes } from './message-extension-routes';
import { RecordResults } from './record-results';
import { searchRecords } from './search-command';

export { COMPOSE_COMMANDS } from './action-commands';

const routesByRouter = new WeakMap<VerbRouter, MessageExtensionRoutes>();

/** The message-extension routes of the app this VerbRouter belongs to, if it registered them. */
export function messageExtensionRoutes(verbs: VerbRouter): MessageExtensionRoutes | undefined {
  return routesByRouter.get(verbs);
}

export interface MessageExtensionDeps {
  verbs: VerbRouter;
  log: Logger;
  clock: () => Date;
  findings: { service: FindingService; presenter: FindingPresenter };
  incidents: { service: IncidentService; views: IncidentViews };
}

export function registerMessageExtension(deps: MessageExtensionDeps): MessageExtensionRoutes {
  if (routesByRouter.has(deps.verbs)) throw new Error('the message extension is registered twice');
  const search = new RecordSearch(deps.findings.service, deps.incidents.service);
  const results = new RecordResults(deps.findings.presenter, deps.incidents.views);
  const routes = new MessageExtensionRoutes(deps.log).use({
    searchCommandId: COMPOSE_COMMANDS.search,
    search: (request, ctx) => searchRecords(request, ctx, { search, results }),
    unfurl: (url, ctx) => unfurlLink(url, ctx, { search, results }),
    commands: [
      fileFindingCommand({ service: deps.findings.service, presenter: deps.findings.presenter, clock: deps.clock }),
      escalateCommand({ service: deps.incidents.service, clock: deps.clock, file: (d, fc) => deps.incidents.views.file(d, fc) }),
    ],
  });
  routesByRouter.set(deps.verbs, routes);
  return routes;
}
