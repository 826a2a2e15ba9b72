// The "File a finding" dialog of the message extension (a task module): the finding dialog's
// questions on one form, pre-filled from the message it was started on, and shown again with
// each problem under its field when a submission is refused (nothing is filed then).
import { CATEGORIES, DEFAULT_ROLE_NAMES, METRICS, NETWORK_TYPES } from '../domain/findings/catalog';
import { FINDING_FIELDS, type FieldError, type FindingField, type FindingFields } from '../domain/message-extension/finding-submission';
import template from './templates/finding-task.json';
import { expandTemplate } from './template';

export interface FindingTaskCardInput {
  values: FindingFields;
  errors?: readonly FieldError[];
  /** The role map's teams; the standard template's when absent. */
  roles?: readonly string[];
  /** Where the form came from ("From a message by Ana"), shown literally. */
  source?: string;
  /** Goes back with the submission: names the form, so a double submit files once. */
  submit: Record<string, string>;
}

export const FINDING_FIELD_LABELS: Record<FindingField, string> = {
  category: 'Category', building: 'Building or site', subnet: 'Subnet', networkType: 'Network type', metric: 'Metric',
  value: 'Value', description: 'What did you see?', evidence: 'Evidence link', owningRole: 'Owning team',
};

export function renderFindingTaskCard(input: FindingTaskCardInput): Record<string, unknown> {
  const errors = input.errors ?? [];
  const fieldErrors = Object.fromEntries(FINDING_FIELDS.map((f) => [f, errors.filter((e) => e.field === f).map((e) => e.message).join(' ')]));
  const roles = input.roles?.length ? input.roles : DEFAULT_ROLE_NAMES;
  return expandTemplate(template, {
    source: input.source ?? '',
    errors: errors.map((e) => ({ label: FINDING_FIELD_LABELS[e.field], message: e.message })),
    fieldErrors,
    values: input.values,
    categories: CATEGORIES.map((c) => ({ title: c.label, value: c.id })),
    networkTypes: NETWORK_TYPES.map((n) => ({ title: n.label, value: n.id })),
    metrics: METRICS.filter((m) => m.id !== 'named').map((m) => ({ title: `${m.label} (${m.short})`, value: m.id })),
    roles: roles.map((r) => ({ title: r, value: r })),
    submit: input.submit,
  });
}
