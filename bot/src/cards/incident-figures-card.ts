// The service review's monthly figures, months side by side (the incidents tab shows this month
// and the one before): how many incidents were recorded per severity, how often the first
// response and the status updates met their goals, how long resolution took, the vendor's
// commitments, the technical and non-technical escalations (seed 003's monthly service review)
// and the requesters' satisfaction; with the change-control summary, the month's problems
// opened and closed and its changes by category (seed 002).
import type { ControlMonthFigures } from '../domain/changes/control-summary';
import { CATEGORY_LABELS, CHANGE_CATEGORIES } from '../domain/changes/change';
import { type MonthlyFigures, SATISFACTION_TARGET_SHARE } from '../domain/incidents/figures';
import { SEVERITY_LEVELS, type SeverityPolicy } from '../domain/incidents/severity';
import template from './templates/incident-figures.json';
import { expandTemplate } from './template';

const pct = (share: number | null) => (share === null ? 'n/a' : `${Math.round(share * 100)} %`);
const hours = (minutes: number | null) => (minutes === null ? 'n/a' : `${Math.floor(minutes / 60)} h ${Math.round(minutes % 60)} min`);
const label = (f: { year: number; month: number }) => `${f.year}-${String(f.month).padStart(2, '0')}`;

type Row = [string, (f: MonthlyFigures) => string];

function incidentRows(policy: SeverityPolicy): Row[] {
  return [
    ['Recorded', (f) => String(f.total)],
    ...SEVERITY_LEVELS.map((l): Row => [`  Severity ${policy.rules[l].level} ${policy.rules[l].name}`, (f) => String(f.countBySeverity[l])]),
    ['Acknowledged by us within goal', (f) => `${f.firstResponse.withinGoal} of ${f.firstResponse.decided} (${pct(f.firstResponse.share)})`],
    ['Status updates on time', (f) => `${f.updates.onTime} of ${f.updates.total} (${pct(f.updates.share)})`],
    ['Resolved in the month', (f) => String(f.resolvedCount)],
    ['Mean time to resolve', (f) => hours(f.meanTimeToResolveMinutes)],
    // Seed 003: what the vendor committed to (severity D has no goals, so it is left out).
    ...SEVERITY_LEVELS.filter((l) => l !== 'D').map((l): Row => [`Vendor commitments, severity ${l}`, (f) => `${f.vendor[l].met} met, ${f.vendor[l].breached} breached`]),
    ['Technical escalations', (f) => String(f.escalations.technical)],
    ['Non-technical escalations', (f) => String(f.escalations.nonTechnical)],
    ['  Kind not recorded', (f) => String(f.escalations.notRecorded)],
    ['Satisfaction with support (1-5)', (f) => (f.satisfaction.average === null ? 'No answers' : `${f.satisfaction.average} average, ${pct(f.satisfaction.agreeShare)} satisfied (target ${Math.round(SATISFACTION_TARGET_SHARE * 100)} %), ${f.satisfaction.answers} answers`)],
  ];
}

/** The month's problems and changes; a month before counting began says so instead of showing zeros. */
export function controlFacts(c: ControlMonthFigures): { title: string; value: string }[] {
  if (c.counted === 'none') return [{ title: 'Problems and changes', value: 'Not counted: counting began after this month' }];
  return [
    ...(c.counted === 'partial' && c.since ? [{ title: 'Counted from', value: c.since.slice(0, 10) }] : []),
    { title: 'Problems opened', value: String(c.problemsOpened) },
    { title: 'Problems resolved or closed', value: String(c.problemsClosed) },
    ...CHANGE_CATEGORIES.map((k) => ({ title: `${CATEGORY_LABELS[k]} changes raised`, value: String(c.changes[k]) })),
    { title: 'Emergency changes reviewed', value: String(c.emergencyReviewed) },
  ];
}

/** `months` newest first; `control`, when given, the same months' problems and changes in the same order. */
export function renderIncidentFiguresCard(months: readonly MonthlyFigures[], policy: SeverityPolicy, control?: readonly ControlMonthFigures[]): Record<string, unknown> {
  const rows = incidentRows(policy);
  const withControl = Boolean(control?.length);
  return expandTemplate(template, {
    intro: `Incidents recorded in each month, how often the first response and the status updates met their goals, and how long resolution took; the vendor's commitments met or breached, the technical and non-technical escalations, and the requesters' satisfaction${withControl ? '; then the problems opened and closed and the changes raised by category' : ''}. Times in ${months[0]?.timeZone ?? 'UTC'}.`,
    months: months.map((f, i) => {
      const c = control?.[i];
      return { label: label(f), facts: rows.map(([title, value]) => ({ title, value: value(f) })), hasControl: Boolean(c), controlFacts: c ? controlFacts(c) : [] };
    }),
  });
}
