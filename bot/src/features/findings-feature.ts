// Quality-champion findings: the `finding` dialog and one-line shortcut, the `findings` list,
// the finding card actions, the findings board and its call-quality import, and the owning
// team's channel announcement.
import { findingsView } from '../api/views/findings-view';
import { FindingService } from '../domain/findings/finding-service';
import { QualitySettingsService } from '../domain/findings/quality-settings-service';
import { NO_OWNING_TEAM_CHANNELS, type OwningTeamChannels } from '../domain/findings/owning-team-channels';
import { FINDING_TABLES, TableFindingRepository } from '../storage/findings/table-finding-repository';
import { QUALITY_MEASURE_TABLES, TableQualityMeasureRepository } from '../storage/findings/table-quality-measure-repository';
import { QUALITY_SETTINGS_TABLES, TableQualitySettingsRepository } from '../storage/findings/table-quality-settings-repository';
import { type FindingParts, findingActions, registerFindingHandlers } from '../teams/findings';
import { FindingPresenter } from '../teams/findings/finding-presenter';
import type { Feature, FeatureContext } from './feature';

export type BuiltFindings = FindingParts;

export const FINDINGS_FEATURE_TABLES: readonly string[] = [...FINDING_TABLES, ...QUALITY_MEASURE_TABLES, ...QUALITY_SETTINGS_TABLES];

export function buildFindings(ctx: FeatureContext): BuiltFindings {
  const settings = new QualitySettingsService(new TableQualitySettingsRepository(ctx.store.client('QualitySettings')), ctx.clock);
  const service = new FindingService({
    findings: new TableFindingRepository(ctx.store.client('Findings')),
    measures: new TableQualityMeasureRepository(ctx.store.client('QualityMeasures')),
    counters: ctx.counters,
    clock: ctx.clock,
    settingsOf: (ws) => settings.settingsOf(ws),
  });
  const presenter = new FindingPresenter(service, ctx.clock, ctx.log);
  return { service, presenter, actions: findingActions({ service, presenter, clock: ctx.clock, settings }) };
}

/** `channels`: where a filed finding is announced (the role map's, in the product; see wiring.ts). */
export function registerFindings(ctx: FeatureContext, findings: BuiltFindings, channels: OwningTeamChannels): void {
  registerFindingHandlers({ ...ctx, channels }, findings);
  ctx.tabViews.register(findingsView(findings.service, findings.actions));
  ctx.cqdImport.provide(findings.service);
}

/** The findings feature on its own; `channels` default to none (the card stays where it was filed). */
export function createFindingsFeature(options: { channels?: OwningTeamChannels } = {}): Feature<BuiltFindings> {
  return {
    name: 'findings',
    tables: FINDINGS_FEATURE_TABLES,
    register(ctx) {
      const findings = buildFindings(ctx);
      registerFindings(ctx, findings, options.channels ?? NO_OWNING_TEAM_CHANNELS);
      return findings;
    },
  };
}
