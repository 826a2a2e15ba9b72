// Action.Execute verbs of the reminders feature. Data payloads (all strings unless noted):
// - reminder.done / reminder.skip / reminder.snoozeHour / reminder.snoozeTomorrow:
//     { occurrenceId } (schedule id = parseOccurrenceId(occurrenceId).scheduleId; the conversation is the invoke's)
// - reminder.reassign: inputs `reassignTask` (an occurrence id) and `reassignTo` (a conversation id from the choices)
// - reminder.refresh: {} on the digest (re-render the open tasks of the invoke's conversation);
//     { settingsOffset: number } on the settings card (next page)
// - reminder.toggle: { scheduleId, enabled: boolean }
// - reminder.edit: inputs `enabled.<id>` ('true'|'false'), `time.<id>` (HH:mm), `cadence.<id>` (cadence choice),
//     `deploymentMode` ('true'|'false'), `timeZone`
// - reminder.add: inputs `newTitle`, `newTime`, `newCadence`
export const REMINDER_VERBS = {
  done: 'reminder.done',
  snoozeHour: 'reminder.snoozeHour',
  snoozeTomorrow: 'reminder.snoozeTomorrow',
  skip: 'reminder.skip',
  reassign: 'reminder.reassign',
  refresh: 'reminder.refresh',
  toggle: 'reminder.toggle',
  edit: 'reminder.edit',
  add: 'reminder.add',
} as const;

export type ReminderVerb = (typeof REMINDER_VERBS)[keyof typeof REMINDER_VERBS];

/** The task action each verb means (for domain/reminders/actions.ts). */
export const TASK_VERB_OF = {
  'reminder.done': 'done',
  'reminder.snoozeHour': 'snooze-hour',
  'reminder.snoozeTomorrow': 'snooze-tomorrow',
  'reminder.skip': 'skip',
  'reminder.reassign': 'reassign',
} as const;
