// The settings card of a workspace's quality review: every target row of the Quality Experience
// Review (scope × network → poor stream, setup failure and drop failure rate) and the time boxes
// of an open finding. Save checks every value (settings parse in quality-settings.ts) and, when
// one is wrong, shows the card again with what was typed and the reason under its row.
import { CATEGORIES, metric as metricInfo } from '../domain/findings/catalog';
import { remediationInputId } from '../domain/findings/remediation-targets';
import {
  DAYS_RANGE, DUE_LABELS, dueInputId, METRIC_INPUTS, type QualitySettings, type SettingsErrors, TARGET_RANGE, targetInputId, TIMED_STATUSES,
} from '../domain/findings/quality-settings';
import { FINDING_VERBS, execute } from './finding-verbs';
import template from './templates/quality-settings.json';
import { expandTemplate } from './template';
import { capital } from '../domain/text/capital';

export interface QualitySettingsCardInput {
  settings: QualitySettings;
  /** True when the workspace never saved settings (the guide's targets and the product's time boxes). */
  isDefault: boolean;
  /** The stored row's version: a save over another person's newer save is refused. */
  etag?: string;
  updatedBy?: string;
  updatedAt?: string;
  /** What was typed, shown again after a refused save (input id → text). */
  typed?: Readonly<Record<string, unknown>>;
  errors?: SettingsErrors;
  message?: { text: string; ok: boolean };
}

const shown = (typed: QualitySettingsCardInput['typed'], id: string, value: number) => {
  const t = typed && Object.prototype.hasOwnProperty.call(typed, id) ? typed[id] : undefined;
  return typeof t === 'string' || typeof t === 'number' ? String(t).slice(0, 10) : String(value);
};

/** A value that may be blank (blank: the default applies). */
const shownOptional = (typed: QualitySettingsCardInput['typed'], id: string, value: number | undefined) => {
  const t = typed && Object.prototype.hasOwnProperty.call(typed, id) ? typed[id] : undefined;
  return typeof t === 'string' || typeof t === 'number' ? String(t).slice(0, 10) : value === undefined ? '' : String(value);
};


export function renderQualitySettingsCard(input: QualitySettingsCardInput): Record<string, unknown> {
  const errors = input.errors ?? {};
  const rows = input.settings.targets.map((row, i) => {
    const inputs = METRIC_INPUTS.map(({ metric, suffix }) => ({ id: targetInputId(i, suffix), label: metricInfo(metric).label, value: shown(input.typed, targetInputId(i, suffix), row.targets[metric]) }));
    return { label: capital(row.label), inputs, error: inputs.map((x) => errors[x.id]).filter(Boolean).join(' ') };
  });
  const due = TIMED_STATUSES.map((status) => {
    const id = dueInputId(status);
    return { id, label: `Days ${DUE_LABELS[status]}`, value: shown(input.typed, id, input.settings.dueDays[status]), error: errors[id] ?? '' };
  });
  const remediation = CATEGORIES.map((c) => {
    const id = remediationInputId(c.id);
    const own = input.settings.dueDays.byCategory?.[c.id];
    return { id, label: c.label, value: shownOptional(input.typed, id, own), placeholder: `${input.settings.dueDays['in-remediation']} (the default)`, error: errors[id] ?? '' };
  });
  const who = input.updatedBy ? ` Last saved by ${input.updatedBy.slice(0, 100)}${input.updatedAt ? ` on ${input.updatedAt.slice(0, 10)}` : ''}.` : '';
  return expandTemplate(template, {
    subtitle: input.isDefault
      ? 'Using the defaults: the targets the Quality Experience Review suggests as starting points, and the product\'s time boxes.'
      : `This team's own settings.${who}`,
    message: input.message?.text ?? '',
    messageColor: input.message?.ok === false ? 'Attention' : 'Good',
    targetsHelp: `Each from ${TARGET_RANGE.min} to ${TARGET_RANGE.max} %. Conferencing and peer-to-peer rows apply when the export has Is Server Pair; unmanaged networks are held to their scope's overall row.`,
    dueHelp: `Whole days from ${DAYS_RANGE.min} to ${DAYS_RANGE.max}, counted from when a finding enters the status. A change applies from the next status change.`,
    rows,
    due,
    remediation,
    remediationHelp: 'Days a finding of each category may stay in remediation before it is overdue. Leave one blank to use the default above.',
    actions: [
      execute('Save', FINDING_VERBS.settingsSave, { ...(input.etag ? { etag: input.etag } : {}) }, { style: 'positive' }),
      execute('Reset to defaults', FINDING_VERBS.settingsReset, {}),
    ],
  });
}
