// The "Escalate" dialog of the message extension (a task module): the escalate dialog's
// questions on one form, pre-filled from the message, with each severity's commitment named on
// its choice; refused submissions come back with the problems under their fields.
import { ESCALATION_FIELDS, type EscalationField, type EscalationFieldError, type EscalationFields } from '../domain/message-extension/escalation-submission';
import { DEFAULT_SEVERITY_POLICY, SEVERITY_LEVELS, severityLabel, formatDuration, type SeverityPolicy } from '../domain/incidents/severity';
import template from './templates/escalation-task.json';
import { expandTemplate } from './template';

export interface EscalationTaskCardInput {
  values: EscalationFields;
  errors?: readonly EscalationFieldError[];
  policy?: SeverityPolicy;
  source?: string;
  submit: Record<string, string>;
}

export const ESCALATION_FIELD_LABELS: Record<EscalationField, string> = {
  service: 'Affected service', problem: 'What is broken?', impact: 'Business impact', affected: 'Who is affected?', started: 'Started', severity: 'Severity',
};

function severityChoices(policy: SeverityPolicy): { title: string; value: string }[] {
  return SEVERITY_LEVELS.filter((l) => policy.rules[l].declaredBy !== 'vendor').map((l) => {
    const r = policy.rules[l];
    const response = r.initialResponseMinutes === null ? 'no response goal' : `response within ${formatDuration(r.initialResponseMinutes)}`;
    const updates = r.updateEveryMinutes === null ? 'updates as agreed' : `updates every ${formatDuration(r.updateEveryMinutes)}`;
    return { title: `${severityLabel(r)}: ${response}, ${updates}`, value: l };
  });
}

export function renderEscalationTaskCard(input: EscalationTaskCardInput): Record<string, unknown> {
  const errors = input.errors ?? [];
  const fieldErrors = Object.fromEntries(ESCALATION_FIELDS.map((f) => [f, errors.filter((e) => e.field === f).map((e) => e.message).join(' ')]));
  return expandTemplate(template, {
    source: input.source ?? '',
    errors: errors.map((e) => ({ label: ESCALATION_FIELD_LABELS[e.field], message: e.message })),
    fieldErrors,
    values: input.values,
    severities: severityChoices(input.policy ?? DEFAULT_SEVERITY_POLICY),
    submit: input.submit,
  });
}
