// Registers the findings feature's commands, dialog and card actions (finding-actions.ts).
import { FINDING_VERBS } from '../../cards/finding-verbs';
import type { FindingService } from '../../domain/findings/finding-service';
import type { OwningTeamChannels } from '../../domain/findings/owning-team-channels';
import type { Sender } from '../../domain/sender';
import type { ActionRegistry } from '../card-actions';
import type { CommandRouter } from '../command-router';
import type { FormRunner } from '../dialogs/form-runner';
import type { Logger } from '../service-ops-bot';
import type { VerbRouter } from '../verb-router';
import { createFindingActions, type FindingActionDeps } from './finding-actions';
import { findingCommand, findingsCommand, parseFindingsArgs } from './finding-commands';
import { findingForm } from './finding-form';
import type { FindingPresenter } from './finding-presenter';
import { OwningTeamPoster } from './owning-team-poster';

/** Verbs the form runner registers for the `finding` dialog (`<form id>.confirm` / `.discard` / `.edit`). */
const FORM_VERBS: readonly string[] = [FINDING_VERBS.confirm, FINDING_VERBS.discard, FINDING_VERBS.edit];
const STORAGE_DOWN = 'I can\'t reach storage right now, so nothing was changed. Try again in a minute.';

export interface FindingHandlerDeps {
  commands: CommandRouter;
  verbs: VerbRouter;
  forms: FormRunner;
  sender: Sender;
  log: Logger;
  clock: () => Date;
  /** Where a filed finding is announced: the owning team's channel. */
  channels: OwningTeamChannels;
}

/** What the findings feature built: its service, how it renders a finding, its card actions. */
export interface FindingParts {
  service: FindingService;
  presenter: FindingPresenter;
  actions: ActionRegistry;
}

/** The card actions of findings, for the chat's routes and the findings board. */
export function findingActions(deps: FindingActionDeps): ActionRegistry {
  const actions = createFindingActions(deps);
  for (const verb of Object.values(FINDING_VERBS)) {
    // Every declared verb is answered: a card button must never hit "no longer supported".
    if (!FORM_VERBS.includes(verb) && !actions.get(verb)) throw new Error(`finding verb ${verb} has no card action`);
  }
  return actions;
}

export function registerFindingHandlers(deps: FindingHandlerDeps, { service, presenter, actions }: FindingParts): void {
  const { commands, verbs, forms, log, clock } = deps;
  const poster = new OwningTeamPoster(deps.sender, log, deps.channels);
  forms.register(findingForm({ service, presenter, poster, clock }), verbs);
  // A store that fails mid-action gets a plain answer, not a failed invoke.
  verbs.routeActions(actions, {
    failed(r, e) {
      log.warn('finding card action failed', { verb: r.verb, error: String(e) });
      return { message: STORAGE_DOWN };
    },
  });
  commands.register('finding', findingCommand(forms));
  // Filters it understands make "findings vpn" a command even while a dialog waits for an answer.
  commands.register('findings', findingsCommand(service, clock, log), { takes: (args) => parseFindingsArgs(args).ok });
}
