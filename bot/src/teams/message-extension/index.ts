// The Teams message extension: a search over findings and incidents, the "File a finding" and
// "Escalate" action commands, and link unfurling for the app's links to a record. The
// composition root makes the routes and hands them to the bot; the feature that owns findings
// and incidents fills them in.
import { RecordSearch } from '../../domain/message-extension/record-search';
import type { FindingService } from '../../domain/findings/finding-service';
import type { IncidentService } from '../../domain/incidents/incident-service';
import type { FindingPresenter } from '../findings/finding-presenter';
import type { IncidentViews } from '../incidents/incident-views';
import { COMPOSE_COMMANDS, escalateCommand, fileFindingCommand } from './action-commands';
import { unfurlLink } from './link-unfurl';
import type { MessageExtensionRoutes } from './message-extension-routes';
import { RecordResults } from './record-results';
import { searchRecords } from './search-command';

export { COMPOSE_COMMANDS } from './action-commands';
export { MessageExtensionRoutes } from './message-extension-routes';

export interface MessageExtensionDeps {
  routes: MessageExtensionRoutes;
  clock: () => Date;
  findings: { service: FindingService; presenter: FindingPresenter };
  incidents: { service: IncidentService; views: IncidentViews };
}

export function registerMessageExtension(deps: MessageExtensionDeps): MessageExtensionRoutes {
  const search = new RecordSearch(deps.findings.service, deps.incidents.service);
  const results = new RecordResults(deps.findings.presenter, deps.incidents.views);
  return deps.routes.use({
    searchCommandId: COMPOSE_COMMANDS.search,
    search: (request, ctx) => searchRecords(request, ctx, { search, results }),
    unfurl: (url, ctx) => unfurlLink(url, ctx, { search, results }),
    commands: [
      fileFindingCommand({ service: deps.findings.service, presenter: deps.findings.presenter, clock: deps.clock }),
      escalateCommand({ service: deps.incidents.service, clock: deps.clock, file: (d, fc) => deps.incidents.views.file(d, fc) }),
    ],
  });
}
