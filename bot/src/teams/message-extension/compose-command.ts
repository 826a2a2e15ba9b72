// An action command of the message extension ("File a finding", "Escalate"): declared once like
// a card action (teams/card-actions.ts), with the dialog it opens, a parser of the submitted
// form, and the domain call that files it. The router (message-extension-routes.ts) turns the
// answers into Teams' invoke responses; nothing here knows botbuilder or HTTP.
import type { CardData } from '../../domain/card-data';
import { type ActionContext, type Card, Refusal } from '../card-actions';
import type { SourceMessage } from './invoke-payload';
import type { ResultItem } from './responses';

export type ComposeAnswer =
  /** Filed: the record's card, inserted into the compose box to share. */
  | { filed: ResultItem }
  /** Refused: the form again, with the problems shown; nothing was filed. */
  | { form: Card };

export interface ComposeCommandSpec<P> {
  /** The command id exactly as appPackage/manifest.json declares it. */
  commandId: string;
  /** The dialog's title. */
  title: string;
  /** The dialog (composeExtension/fetchTask), pre-filled from the message it was started on. */
  open(message: SourceMessage | undefined, ctx: ActionContext): Promise<Card>;
  /** Reads the submitted form (untrusted) into the payload, or refuses it. */
  parse(data: CardData): P | Refusal;
  run(payload: P, ctx: ActionContext): Promise<ComposeAnswer>;
}

export interface ComposeCommand {
  readonly commandId: string;
  readonly title: string;
  open(message: SourceMessage | undefined, ctx: ActionContext): Promise<Card>;
  submit(data: CardData, ctx: ActionContext): Promise<ComposeAnswer | Refusal>;
}

export function defineComposeCommand<P>(spec: ComposeCommandSpec<P>): ComposeCommand {
  return {
    commandId: spec.commandId,
    title: spec.title,
    open: (message, ctx) => spec.open(message, ctx),
    async submit(data, ctx) {
      const payload = spec.parse(data);
      return payload instanceof Refusal ? payload : spec.run(payload, ctx);
    },
  };
}

/** Key-safe id a dialog carries from fetchTask to submitAction: a second submit of the same dialog files nothing new. */
export const FORM_ID = /^[0-9a-f]{24}$/;
