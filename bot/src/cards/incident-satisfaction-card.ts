// The one-question survey after an incident is closed (seed 001's KSI "I am satisfied with the
// quality of technical support", measured after each incident), answered on a 1 to 5 scale.
import { SATISFACTION_SCALE } from '../domain/incidents/closure-steps';
import type { Incident } from '../domain/incidents/incident';
import type { IncidentVerbData } from './incident-verbs';
import { escapeMarkdown, expandTemplate } from './template';
import template from './templates/incident-satisfaction.json';

const WORDS = ['strongly disagree', 'disagree', 'neither', 'agree', 'strongly agree'];

export function renderIncidentSatisfactionCard(input: { incident: Incident; etag: string }): Record<string, unknown> {
  const { incident: i } = input;
  const actionData: IncidentVerbData = { incidentId: i.id, etag: input.etag };
  return expandTemplate(template, {
    id: i.id,
    service: i.service,
    intro: `${escapeMarkdown(i.recordedBy.name)}, this incident is closed. One question, so we learn how well support works.`,
    choices: SATISFACTION_SCALE.map((n) => ({ title: `${n} (${WORDS[n - 1]})`, value: String(n) })),
    actionData,
  });
}
