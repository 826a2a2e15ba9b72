// The two action commands: "File a finding" and "Escalate", each a dialog pre-filled from the
// message it was started on, filed through the findings and incidents services exactly as the
// chat dialogs file them (same rules, same idempotency, same cards).
import { randomBytes } from 'node:crypto';
import { renderEscalationTaskCard } from '../../cards/escalation-task-card';
import { renderFindingTaskCard } from '../../cards/finding-task-card';
import { findingPreview, incidentPreview } from '../../cards/record-preview';
import { type CardData, field, str } from '../../domain/card-data';
import type { FindingService } from '../../domain/findings/finding-service';
import type { IncidentService } from '../../domain/incidents/incident-service';
import { checkEscalationFields, escalationFields, type EscalationFieldError, type EscalationFields, escalationPrefill } from '../../domain/message-extension/escalation-submission';
import { checkFindingFields, type FieldError, findingFields, type FindingFields, findingPrefill } from '../../domain/message-extension/finding-submission';
import type { ActionContext } from '../card-actions';
import type { FormContext } from '../dialogs/form';
import type { FindingPresenter } from '../findings/finding-presenter';
import type { EscalationFormDraft } from '../incidents/escalation-form';
import type { FiledEscalation } from '../incidents/incident-views';
import { type ComposeCommand, defineComposeCommand, FORM_ID } from './compose-command';
import type { SourceMessage } from './invoke-payload';

/** Command ids as appPackage/manifest.json declares them. */
export const COMPOSE_COMMANDS = { search: 'searchRecords', fileFinding: 'fileFinding', escalate: 'escalateIncident' } as const;

const SOURCE_MAX = 300;
const newFormId = () => randomBytes(12).toString('hex');
const sourceLine = (m: SourceMessage | undefined) => (m ? `Pre-filled from a message${m.author ? ` by ${m.author}` : ''}. Check every field before filing.`.slice(0, SOURCE_MAX) : '');

/** What every submitted dialog carries besides its fields: its id and the line saying where it came from. */
interface FormMeta {
  formId?: string;
  source: string;
}

function readMeta(data: CardData): FormMeta {
  const id = str(field(data, 'formId'));
  return { ...(id && FORM_ID.test(id) ? { formId: id } : {}), source: str(field(data, 'source'), SOURCE_MAX) ?? '' };
}

/** A form without its id (an older client, a tampered card) is keyed by the delivery instead. */
const submitKey = (meta: FormMeta, ctx: ActionContext) => `me:${meta.formId ?? ctx.opId}`;
const submitData = (meta: FormMeta, ctx: ActionContext) => ({ formId: meta.formId ?? ctx.opId, source: meta.source });

export interface FindingCommandDeps {
  service: FindingService;
  presenter: FindingPresenter;
  clock: () => Date;
}

export function fileFindingCommand(deps: FindingCommandDeps): ComposeCommand {
  return defineComposeCommand<FormMeta & { fields: FindingFields }>({
    commandId: COMPOSE_COMMANDS.fileFinding,
    title: 'File a finding',
    async open(message) {
      const source = sourceLine(message);
      const values = findingPrefill(message?.text ?? '', deps.clock(), message?.link ? { link: message.link } : {});
      return renderFindingTaskCard({ values, source, submit: { formId: newFormId(), source } });
    },
    parse: (data) => ({ ...readMeta(data), fields: findingFields(data) }),
    async run(p, ctx) {
      const form = (errors: readonly FieldError[]) => ({ form: renderFindingTaskCard({ values: p.fields, errors, source: p.source, submit: submitData(p, ctx) }) });
      const checked = checkFindingFields(p.fields, deps.clock());
      if (!checked.ok) return form(checked.errors);
      const actor = { id: ctx.actor.id, name: ctx.actor.name };
      const created = await deps.service.create(ctx.workspace, checked.draft, actor, { idempotencyKey: submitKey(p, ctx), source: 'chat' });
      if (!created.ok) return form([{ field: 'description', message: created.error }]);
      return { filed: { card: await deps.presenter.card(created.finding, { actorId: actor.id }), preview: findingPreview(created.finding) } };
    },
  });
}

export interface EscalationCommandDeps {
  service: IncidentService;
  clock: () => Date;
  /** Files a confirmed draft and renders the incident card (IncidentViews.file, as the dialog does). */
  file(draft: EscalationFormDraft, fc: FormContext & { idempotencyKey: string }): Promise<FiledEscalation>;
}

export function escalateCommand(deps: EscalationCommandDeps): ComposeCommand {
  return defineComposeCommand<FormMeta & { fields: EscalationFields }>({
    commandId: COMPOSE_COMMANDS.escalate,
    title: 'Escalate an incident',
    async open(message, ctx) {
      const { timeZone, policy } = await deps.service.settings(ctx.workspace);
      const source = sourceLine(message);
      const values = escalationPrefill(message?.text ?? '', { now: deps.clock(), timeZone, policy });
      return renderEscalationTaskCard({ values, policy, source, submit: { formId: newFormId(), source } });
    },
    parse: (data) => ({ ...readMeta(data), fields: escalationFields(data) }),
    async run(p, ctx) {
      const { timeZone, policy } = await deps.service.settings(ctx.workspace);
      const now = deps.clock();
      const form = (errors: readonly EscalationFieldError[]) => ({ form: renderEscalationTaskCard({ values: p.fields, errors, policy, source: p.source, submit: submitData(p, ctx) }) });
      const checked = checkEscalationFields(p.fields, { now, timeZone, policy });
      if (!checked.ok) return form(checked.errors);
      const conversationId = ctx.surface.kind === 'conversation' ? ctx.surface.conversationId : '';
      const filed = await deps.file({ e: checked.draft, timeZone, policy }, { workspace: ctx.workspace, conversationId, actor: ctx.actor, now, idempotencyKey: submitKey(p, ctx) });
      if (filed.kind === 'invalid') return form(filed.errors.map((message) => ({ field: 'problem' as const, message })));
      return { filed: { card: filed.card, preview: incidentPreview(filed.incident) } };
    },
  });
}
