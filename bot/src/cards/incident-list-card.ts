import { clockStart } from '../domain/incidents/incident';
import type { StoredIncident } from '../domain/incidents/incident-repository';
import { SEVERITY_LEVELS, type SeverityPolicy } from '../domain/incidents/severity';
import { clip } from './incident-card';
import { nextUpdateText, ownerText, severityColor, severityText, shortDuration, STATE_LABELS } from './incident-format';
import { INCIDENT_VERBS, type IncidentListVerbData } from './incident-verbs';
import { escapeMarkdown, expandTemplate } from './template';
import template from './templates/incident-list.json';

export interface IncidentListCardInput {
  items: readonly StoredIncident[];
  filter: IncidentListVerbData['filter'];
  /** From the page just shown; renders a "Next page" button. */
  continuation?: string;
  policy: SeverityPolicy;
  timeZone: string;
  now: Date;
}

const PROBLEM_CHARS = 120;
const SERVICE_CHARS = 60;
/** A page of this many incidents at every text limit stays under 25 KB; ask the service for pages of this size. */
export const INCIDENT_LIST_PAGE_SIZE = 20;

export function renderIncidentListCard(input: IncidentListCardInput): Record<string, unknown> {
  const { filter, policy, now, timeZone } = input;
  const described = [filter.state === 'all' ? 'All incidents' : 'Open incidents', filter.severity ? `severity ${filter.severity}` : '', filter.overdue ? 'update overdue' : '']
    .filter(Boolean)
    .join(', ');
  const list = (f: IncidentListVerbData['filter'], title: string) => ({ type: 'Action.Execute', title, verb: INCIDENT_VERBS.list, data: { filter: f } satisfies IncidentListVerbData });
  const actions: Record<string, unknown>[] = [];
  if (input.continuation) actions.push({ type: 'Action.Execute', title: 'Next page', verb: INCIDENT_VERBS.list, data: { filter, continuation: input.continuation } satisfies IncidentListVerbData });
  if (!filter.overdue) actions.push(list({ ...filter, overdue: true }, 'Overdue updates'));
  if (filter.overdue || filter.severity || filter.state === 'all') actions.push(list({ state: 'open' }, 'All open'));
  if (!filter.severity) actions.push(list({ ...filter, severity: 'A' }, 'Severity A'));
  return expandTemplate(template, {
    title: described,
    subtitle: `${Math.min(input.items.length, INCIDENT_LIST_PAGE_SIZE)} shown${input.continuation ? ', more on the next page' : ''} · newest first · times in ${timeZone}`,
    hasItems: input.items.length > 0,
    items: input.items.slice(0, INCIDENT_LIST_PAGE_SIZE).map(({ incident: i }) => {
      const next = nextUpdateText(i, now, timeZone);
      return {
        id: i.id,
        service: clip(i.service, SERVICE_CHARS),
        problem: clip(i.problem, PROBLEM_CHARS),
        severityText: severityText(policy, i.severity),
        severityColor: severityColor(i.severity),
        detail: escapeMarkdown(`${STATE_LABELS[i.state]} · ${ownerText(i)} · age ${shortDuration(now.getTime() - clockStart(i).getTime())}`),
        overdue: next.overdue,
        overdueText: `Update overdue: was due ${next.text}`,
        openData: { incidentId: i.id },
      };
    }),
    actions,
  });
}

/** Severity order for grouping a page on screen (1 first). */
export const SEVERITY_ORDER = SEVERITY_LEVELS;
