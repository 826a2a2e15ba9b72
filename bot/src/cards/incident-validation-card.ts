// Sent to the person who reported the incident when it is resolved: they confirm the fix (which
// closes it) or say it is not fixed (which reopens it), as seed 003 has the resolution validated
// before the incident is finished.
import type { Incident } from '../domain/incidents/incident';
import { TEXT_LIMITS } from '../domain/incidents/incident';
import type { IncidentVerbData } from './incident-verbs';
import { escapeMarkdown, expandTemplate } from './template';
import template from './templates/incident-validation.json';

export function renderIncidentValidationCard(input: { incident: Incident; etag: string }): Record<string, unknown> {
  const { incident: i } = input;
  const actionData: IncidentVerbData = { incidentId: i.id, etag: input.etag };
  return expandTemplate(template, {
    id: i.id,
    service: i.service,
    intro: `${escapeMarkdown(i.recordedBy.name)}, you reported this incident. Please check that it works for you again, then confirm, so it can be closed.`,
    resolutionHeading: i.resolution?.kind === 'workaround' ? 'Workaround' : 'Resolution',
    resolutionText: i.resolution?.text ?? '',
    maxReason: TEXT_LIMITS.note,
    actionData,
  });
}
