// The `reminders` card: every schedule of the workspace with an on/off toggle, its time and its
// cadence, the deployment switch, Save, and "Add a task". Inputs are named `<field>.<schedule id>`.
import { describeCadence } from '../domain/reminders/cadence';
import { cadenceChoices, cadenceChoiceValue } from '../domain/reminders/cadence-choice';
import type { ReminderSchedule } from '../domain/reminders/schedule';
import { REMINDER_VERBS } from './reminder-verbs';
import template from './templates/reminder-settings.json';
import { expandTemplate } from './template';

export const MAX_SETTINGS_ROWS = 14;

export interface ReminderSettingsCardInput {
  schedules: readonly ReminderSchedule[];
  deploymentMode: boolean;
  timeZone: string;
  /** Feedback after a save, e.g. "Saved." or a validation message. */
  message?: { text: string; ok: boolean };
  /** Index of the first schedule shown (paging when there are many). */
  offset?: number;
}

export function renderReminderSettingsCard(input: ReminderSettingsCardInput): Record<string, unknown> {
  const sorted = [...input.schedules].sort((a, b) => a.category.localeCompare(b.category) || a.title.localeCompare(b.title));
  const offset = Math.max(0, input.offset ?? 0);
  const shown = sorted.slice(offset, offset + MAX_SETTINGS_ROWS);
  const rows = shown.map((s) => ({
    title: s.title.length > 160 ? s.title.slice(0, 159) + '…' : s.title,
    meta: `${s.category} · ${s.team ?? s.role} · ${describeCadence(s.cadence)} at ${s.time} (${s.timeZone})${s.enabled ? '' : ' · off'}`,
    enabledId: `enabled.${s.id}`,
    enabled: s.enabled ? 'true' : 'false',
    timeId: `time.${s.id}`,
    time: s.time,
    cadenceId: `cadence.${s.id}`,
    cadence: cadenceChoiceValue(s.cadence),
    choices: cadenceChoices(s.cadence),
  }));
  const rest = sorted.length - offset - shown.length;
  const actions: Record<string, unknown>[] = [
    { type: 'Action.Execute', title: 'Save', verb: REMINDER_VERBS.edit, data: { ids: shown.map((s) => s.id), offset } },
    {
      type: 'Action.ShowCard',
      title: 'Add a task',
      card: {
        type: 'AdaptiveCard',
        body: [
          { type: 'Input.Text', id: 'newTitle', label: 'Task', maxLength: 300, isRequired: true, errorMessage: 'Say what should be done.' },
          { type: 'Input.Time', id: 'newTime', label: 'Time', value: '09:00' },
          { type: 'Input.ChoiceSet', id: 'newCadence', label: 'Cadence', style: 'compact', value: 'weekly:1', choices: cadenceChoices() },
        ],
        actions: [{ type: 'Action.Execute', title: 'Add', verb: REMINDER_VERBS.add, data: {} }],
      },
    },
  ];
  if (rest > 0) actions.push({ type: 'Action.Execute', title: 'Next page', verb: REMINDER_VERBS.refresh, data: { settingsOffset: offset + MAX_SETTINGS_ROWS } });
  return expandTemplate(template, {
    subtitle: `${input.schedules.filter((s) => s.enabled).length} of ${input.schedules.length} reminders on · times in ${input.timeZone} unless shown otherwise.`,
    message: input.message?.text ?? '',
    messageColor: input.message?.ok === false ? 'Attention' : 'Good',
    deploymentMode: input.deploymentMode ? 'true' : 'false',
    rows,
    more: rest > 0 ? `${rest} more on the next page.` : '',
    actions,
  });
}
