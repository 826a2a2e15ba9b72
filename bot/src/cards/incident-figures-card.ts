// The service review's monthly incident figures, months side by side (the incidents tab shows
// this month and the one before): how many were recorded per severity, how often the first
// response and the status updates met their goals, and how long resolution took.
import { type MonthlyFigures, SATISFACTION_TARGET_SHARE } from '../domain/incidents/figures';
import { SEVERITY_LEVELS, type SeverityPolicy } from '../domain/incidents/severity';
import template from './templates/incident-figures.json';
import { expandTemplate } from './template';

const pct = (share: number | null) => (share === null ? 'n/a' : `${Math.round(share * 100)} %`);
const hours = (minutes: number | null) => (minutes === null ? 'n/a' : `${Math.floor(minutes / 60)} h ${Math.round(minutes % 60)} min`);
const label = (f: MonthlyFigures) => `${f.year}-${String(f.month).padStart(2, '0')}`;

/** `months` newest first. */
export function renderIncidentFiguresCard(months: readonly MonthlyFigures[], policy: SeverityPolicy): Record<string, unknown> {
  const rows: [string, (f: MonthlyFigures) => string][] = [
    ['Recorded', (f) => String(f.total)],
    ...SEVERITY_LEVELS.map((l): [string, (f: MonthlyFigures) => string] => [`  Severity ${policy.rules[l].level} ${policy.rules[l].name}`, (f) => String(f.countBySeverity[l])]),
    ['Acknowledged by us within goal', (f) => `${f.firstResponse.withinGoal} of ${f.firstResponse.decided} (${pct(f.firstResponse.share)})`],
    ['Status updates on time', (f) => `${f.updates.onTime} of ${f.updates.total} (${pct(f.updates.share)})`],
    ['Resolved in the month', (f) => String(f.resolvedCount)],
    ['Mean time to resolve', (f) => hours(f.meanTimeToResolveMinutes)],
    // Seed 003: what the vendor committed to (severity D has no goals, so it is left out).
    ...SEVERITY_LEVELS.filter((l) => l !== 'D').map((l): [string, (f: MonthlyFigures) => string] => [`Vendor commitments, severity ${l}`, (f) => `${f.vendor[l].met} met, ${f.vendor[l].breached} breached`]),
    ['Satisfaction with support (1-5)', (f) => (f.satisfaction.average === null ? 'No answers' : `${f.satisfaction.average} average, ${pct(f.satisfaction.agreeShare)} satisfied (target ${Math.round(SATISFACTION_TARGET_SHARE * 100)} %), ${f.satisfaction.answers} answers`)],
  ];
  return expandTemplate(template, {
    intro: `Incidents recorded in each month, how often the first response and the status updates met their goals, and how long resolution took; the vendor's commitments met or breached, and the requesters' satisfaction. Times in ${months[0]?.timeZone ?? 'UTC'}.`,
    months: months.map((f) => ({ label: label(f), facts: rows.map(([title, value]) => ({ title, value: value(f) })) })),
  });
}
