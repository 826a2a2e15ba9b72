// Quality-champion findings (issue 3): the `finding` dialog and one-line shortcut, the
// `findings` list, the finding card's actions, and the owning team's channel announcement.
import { findingsView } from '../api/views/findings-view';
import { FindingService } from '../domain/findings/finding-service';
import { NO_OWNING_TEAM_CHANNELS, type OwningTeamChannels } from '../domain/findings/owning-team-channels';
import { FINDING_TABLES, TableFindingRepository } from '../storage/findings/table-finding-repository';
import { QUALITY_MEASURE_TABLES, TableQualityMeasureRepository } from '../storage/findings/table-quality-measure-repository';
import { registerFindingHandlers } from '../teams/findings';
import type { Feature, FeatureContext } from './feature';

export interface FindingsFeatureOptions {
  /** The owning teams' channels (from the role map, see wiring.ts), or how to make them from the app's context. */
  channels?: OwningTeamChannels | ((ctx: FeatureContext) => OwningTeamChannels);
}

export interface FindingsFeature extends Feature {
  /** The finding service as wired (for the agenda, the tab API and tests). */
  service(): FindingService;
}

export function createFindingsFeature(options: FindingsFeatureOptions = {}): FindingsFeature {
  let wired: FindingService | undefined;
  return {
    name: 'findings',
    tables: [...FINDING_TABLES, ...QUALITY_MEASURE_TABLES],
    register(ctx) {
      const service = new FindingService({
        findings: new TableFindingRepository(ctx.store.client('Findings')),
        measures: new TableQualityMeasureRepository(ctx.store.client('QualityMeasures')),
        counters: ctx.counters,
        clock: ctx.clock,
      });
      wired = service;
      const channels = typeof options.channels === 'function' ? options.channels(ctx) : options.channels;
      registerFindingHandlers(ctx, service, channels ?? NO_OWNING_TEAM_CHANNELS);
      ctx.tabViews.register(findingsView(service));
      ctx.cqdImport.provide(service);
    },
    service() {
      if (!wired) throw new Error('the findings feature is not registered yet');
      return wired;
    },
  };
}

export const findingsFeature: FindingsFeature = createFindingsFeature();
