// "My work": the `my work` command and the My work tab (personal static tab, or any tab), built on
// the services of the findings, incidents, reminders and ops features. Wired in wiring.ts.
import { myWorkView } from '../api/views/my-work-view';
import { type Finding, OPEN_STATUSES } from '../domain/findings/finding';
import type { FindingService } from '../domain/findings/finding-service';
import type { IncidentService } from '../domain/incidents/incident-service';
import type { RoleMapService } from '../domain/ops/roles';
import { MyWorkService, type MyWorkSources } from '../domain/people/my-work';
import type { TabLinkOptions } from '../domain/people/tab-link';
import type { ReminderService } from '../domain/reminders/reminder-service';
import { tabLinkTarget } from '../domain/tab-link';
import { registerMyWorkCommand } from '../teams/my-work/my-work-command';
import type { FeatureContext } from './feature';

export interface MyWorkInputs {
  findings: FindingService;
  incidents: IncidentService;
  reminders: ReminderService;
  roles: RoleMapService;
}

export interface BuiltMyWork {
  service: MyWorkService;
  links: TabLinkOptions;
}

/** Open records only: the open-status list rows of findings and the open incidents, a page at a time. */
export function myWorkSources(inputs: MyWorkInputs): MyWorkSources {
  return {
    openFindings: async (ws) => {
      const out: Finding[] = [];
      let token: string | undefined;
      do {
        const page = await inputs.findings.list(ws, { statuses: OPEN_STATUSES }, { pageSize: 500, ...(token ? { continuationToken: token } : {}) });
        out.push(...page.items);
        token = page.continuationToken;
      } while (token);
      return out;
    },
    openIncidents: async (ws) => (await inputs.incidents.allOpen(ws)).map((s) => s.incident),
    schedules: (ws) => inputs.reminders.list(ws),
    roles: (ws) => inputs.roles.list(ws),
  };
}

export function buildMyWork(ctx: FeatureContext, inputs: MyWorkInputs): BuiltMyWork {
  // Teams deep links to the personal tab once the bot is registered with Teams and the app id is
  // known; otherwise (local mode, the Playground) the tab page on the tab endpoint.
  return { service: new MyWorkService(myWorkSources(inputs)), links: tabLinkTarget(ctx.config) };
}

export function registerMyWork(ctx: FeatureContext, built: BuiltMyWork): void {
  registerMyWorkCommand(ctx.commands, built);
  ctx.tabViews.register(myWorkView(built.service, built.links));
}
