// Quality-champion findings (issue 3): the `finding` dialog and one-line shortcut, the
// `findings` list, the finding card's actions, and the owning team's channel announcement.
import { FindingService } from '../domain/findings/finding-service';
import { NO_OWNING_TEAM_CHANNELS, type OwningTeamChannels } from '../domain/findings/owning-team-channels';
import { FINDING_TABLES, TableFindingRepository } from '../storage/findings/table-finding-repository';
import { registerFindingHandlers } from '../teams/findings';
import type { Feature } from './feature';

export interface FindingsFeatureOptions {
  /** The owning teams' channels; the role map supplies these once it exists. */
  channels?: OwningTeamChannels;
}

export function createFindingsFeature(options: FindingsFeatureOptions = {}): Feature {
  return {
    name: 'findings',
    tables: [...FINDING_TABLES],
    register(ctx) {
      const service = new FindingService({ findings: new TableFindingRepository(ctx.store.client('Findings')), counters: ctx.counters, clock: ctx.clock });
      registerFindingHandlers(ctx, service, options.channels ?? NO_OWNING_TEAM_CHANNELS);
    },
  };
}

export const findingsFeature: Feature = createFindingsFeature();
