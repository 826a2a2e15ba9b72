// Registers the findings feature's commands, dialog and card verbs (wired by features/findings-feature.ts).
import { FINDING_VERBS } from '../../cards/finding-verbs';
import type { FindingService } from '../../domain/findings/finding-service';
import type { OwningTeamChannels } from '../../domain/findings/owning-team-channels';
import type { FeatureContext } from '../../features/feature';
import { findingCommand, findingsCommand, parseFindingsArgs } from './finding-commands';
import { findingForm } from './finding-form';
import { FindingPresenter } from './finding-presenter';
import { findingVerbHandlers } from './finding-verb-handlers';
import { OwningTeamPoster } from './owning-team-poster';

/** Verbs the form runner registers for the `finding` dialog (`<form id>.confirm` / `.discard`). */
const FORM_VERBS: readonly string[] = [FINDING_VERBS.confirm, FINDING_VERBS.discard, FINDING_VERBS.edit];

export function registerFindingHandlers(ctx: FeatureContext, service: FindingService, channels: OwningTeamChannels): void {
  const presenter = new FindingPresenter(service, ctx.clock, ctx.log);
  const poster = new OwningTeamPoster(ctx.sender, ctx.log, channels);
  ctx.forms.register(findingForm({ service, presenter, poster, clock: ctx.clock }), ctx.verbs);
  const handlers = findingVerbHandlers({ service, presenter, log: ctx.log, clock: ctx.clock });
  for (const verb of Object.values(FINDING_VERBS)) {
    if (FORM_VERBS.includes(verb)) continue;
    const handler = handlers.get(verb);
    // Every declared verb is answered: a card button must never hit "no longer supported".
    if (!handler) throw new Error(`finding verb ${verb} has no handler`);
    ctx.verbs.register(verb, handler);
  }
  ctx.commands.register('finding', findingCommand(ctx.forms));
  // Filters it understands make "findings vpn" a command even while a dialog waits for an answer.
  ctx.commands.register('findings', findingsCommand(service, ctx.clock, ctx.log), { takes: (args) => parseFindingsArgs(args).ok });
}
