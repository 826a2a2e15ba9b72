// Tables of the reminders feature; the composition root passes them to TableStore.ensureTables.
import type { TableClient } from '@azure/data-tables';
import type { TableStore } from './table-store';
import { TableOccurrenceClaimRepository } from './table-occurrence-claim-repository';
import { TableReminderCompletionRepository } from './table-reminder-completion-repository';
import { TableReminderSettingsRepository } from './table-reminder-settings-repository';
import { TableScheduleDueIndex } from './table-schedule-due-index';
import { TableScheduleRepository } from './table-schedule-repository';

export const REMINDER_TABLES = ['ReminderSchedules', 'ReminderDue', 'ReminderOccurrences', 'ReminderCompletions', 'ReminderSettings'] as const;

export interface ReminderStorage {
  schedules: TableScheduleRepository;
  dueIndex: TableScheduleDueIndex;
  claims: TableOccurrenceClaimRepository;
  completions: TableReminderCompletionRepository;
  settings: TableReminderSettingsRepository;
}

export function reminderStorage(client: (name: (typeof REMINDER_TABLES)[number]) => TableClient): ReminderStorage {
  return {
    schedules: new TableScheduleRepository(client('ReminderSchedules')),
    dueIndex: new TableScheduleDueIndex(client('ReminderDue')),
    claims: new TableOccurrenceClaimRepository(client('ReminderOccurrences')),
    completions: new TableReminderCompletionRepository(client('ReminderCompletions')),
    settings: new TableReminderSettingsRepository(client('ReminderSettings')),
  };
}

export function reminderStorageFrom(store: TableStore): ReminderStorage {
  return reminderStorage((name) => store.client(name));
}
