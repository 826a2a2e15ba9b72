// Until each feature registers its real provider, every view answers honestly: nothing made
// up, an empty state that says what is missing and what to do meanwhile.
import { METRICS } from '../domain/findings/catalog';
import type { Trend } from '../domain/findings/trends';
import { type TabViewProvider, type TabViewRegistry, type TrendChart } from './tab-views';

/** The review checklists a checklist tab can show; the ops content module may replace the list. */
export const DEFAULT_CHECKLISTS = [
  { id: 'qer', title: 'Quality Experience Review' },
  { id: 'operational-health', title: 'Operational Health Review' },
  { id: 'service-alignment', title: 'Service Alignment Review' },
  { id: 'release-readiness', title: 'Release Readiness Review' },
  { id: 'handover', title: 'Support hand-over checklist' },
];

function placeholder(id: string, title: string, description: string, emptyText: string, extra: Partial<TabViewProvider> = {}): TabViewProvider {
  return {
    id,
    title,
    description,
    async render() {
      return { cards: [], empty: { title: `${title}: nothing to show yet`, text: emptyText } };
    },
    ...extra,
  };
}

export const PLACEHOLDER_VIEWS: readonly TabViewProvider[] = [
  placeholder('roles', 'Operational role map', 'Who owns each operational role, their team and contact, and which teams have signed off.',
    'The role map has not been set up for this team yet. It appears here once Service Ops is given its role map; until then, keep using your current role list.'),
  placeholder('agenda', 'Steering-committee agenda', "The next meeting's agenda, generated from open incidents, findings, risks and overdue tasks.",
    'No agenda items yet. Items appear here as incidents, findings, risks and overdue tasks are recorded in this team.'),
  placeholder('checklist', 'Review checklist', 'A review checklist (Quality Experience Review, management reviews, hand-over) with progress.',
    'This checklist has no items for this team yet. Its items appear here once the review is set up.',
    { choices: [{ param: 'checklist', label: 'Checklist', options: DEFAULT_CHECKLISTS }] }),
  placeholder('findings', 'Findings board', 'Open quality findings and the quality trend against target.',
    'No findings have been filed in this team. In the channel, type "@Service Ops finding" to file one; the quality trend appears once call-quality data is imported.'),
  placeholder('incidents', 'Incidents board', 'Open incidents by severity, with the status updates that are due.',
    'No open incidents. In the channel, type "@Service Ops escalate" to record one.'),
  placeholder('reminders', 'Recurring operations reminders', 'The recurring operations tasks with their time, cadence and on/off switch, and on-time completion per team and task.',
    'Reminders are not set up for this team yet. In the channel, type "@Service Ops reminders" to set them up.'),
];

export function registerPlaceholderViews(registry: TabViewRegistry): TabViewRegistry {
  for (const view of PLACEHOLDER_VIEWS) registry.register(view);
  return registry;
}

/** A findings trend (domain/findings/trends.ts) as the chart the findings board draws. */
export function trendChart(trend: Trend, title = `${trend.label}: quality trend`): TrendChart | undefined {
  const last = trend.points[trend.points.length - 1];
  if (!last) return undefined;
  return {
    kind: 'trend',
    title,
    metric: METRICS.find((m) => m.id === trend.metric)?.label ?? trend.metric,
    target: last.target,
    lowerIsBetter: true,
    points: trend.points.slice(-36).map((p) => ({ month: p.month, rate: p.rate })),
  };
}
