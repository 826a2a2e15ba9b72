// "Escalate" from the message extension: the escalate dialog's questions as one form. The
// message the command was started on pre-fills it (the one-line shortcut reads a service and a
// severity; the rest of the message is what is broken). A submitted form passes the dialog's step
// rules field by field; the scope check is the dialog's suggestion from the answers, so a case
// the vendor will not accept still goes to the internal owning team.
import { answerStep, confirmDraft, type ConfirmedEscalation, type EscalationDraft, type EscalationStep, type StepContext } from '../incidents/escalation-draft';
import { parseEscalationShortcut } from '../incidents/escalation-shortcut';
import { TEXT_LIMITS } from '../incidents/incident';

export const ESCALATION_FIELDS = ['service', 'problem', 'impact', 'affected', 'started', 'severity'] as const;
export type EscalationField = (typeof ESCALATION_FIELDS)[number];
export type EscalationFields = Record<EscalationField, string>;

export interface EscalationFieldError {
  field: EscalationField;
  message: string;
}

const clipTo = (text: string, max: number) => ([...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text);

export function escalationPrefill(text: string, ctx: StepContext): EscalationFields {
  const { draft } = parseEscalationShortcut(text, ctx);
  return {
    service: draft.service ?? '',
    // What the shortcut read as the problem (the service and severity taken out), else the whole message.
    problem: clipTo(draft.problem ?? text.trim(), TEXT_LIMITS.problem),
    impact: draft.impact ?? '',
    affected: draft.affected ?? '',
    started: 'now',
    severity: draft.severity ?? '',
  };
}

export function escalationFields(data: Readonly<Record<string, unknown>>): EscalationFields {
  const out = {} as EscalationFields;
  for (const f of ESCALATION_FIELDS) {
    const v = Object.prototype.hasOwnProperty.call(data, f) ? data[f] : undefined;
    out[f] = typeof v === 'string' ? v : '';
  }
  return out;
}

export function checkEscalationFields(fields: EscalationFields, ctx: StepContext): { ok: true; draft: EscalationDraft; escalation: ConfirmedEscalation } | { ok: false; errors: EscalationFieldError[] } {
  let draft: EscalationDraft = {};
  const errors: EscalationFieldError[] = [];
  for (const field of ESCALATION_FIELDS) {
    const step: EscalationStep = field === 'started' ? 'started' : field;
    const r = answerStep(draft, step, fields[field], ctx);
    if (r.ok) draft = r.draft;
    else errors.push({ field, message: r.message });
  }
  if (errors.length) return { ok: false, errors };
  const scoped = answerStep(draft, 'scope', 'yes', ctx);
  if (!scoped.ok) return { ok: false, errors: [{ field: 'problem', message: scoped.message }] };
  const confirmed = confirmDraft(scoped.draft);
  if (!confirmed.ok) return { ok: false, errors: [{ field: 'problem', message: confirmed.message }] };
  return { ok: true, draft: scoped.draft, escalation: confirmed.escalation };
}
