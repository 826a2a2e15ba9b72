// Every Action.Execute verb in the product, defined once per feature (cards/<feature>-verbs.ts)
// and gathered here; teams/ registers one route per verb, and a test checks that every verb a
// card can send has a route.
import { CHANGE_VERBS } from './change-verbs';
import { COMMAND_VERBS } from './command-verbs';
import { FINDING_VERBS } from './finding-verbs';
import { GOVERNANCE_VERBS, GOVERNANCE_VIEW_VERBS } from './governance-verbs';
import { INCIDENT_VERBS } from './incident-verbs';
import { MEETING_VERBS } from './meeting-verbs';
import { OLA_VERBS, OLA_VIEW_VERBS } from './ola-verbs';
import { RUNBOOK_VERBS, RUNBOOK_VIEW_VERBS } from './runbook-verbs';
import { OPS_VERBS } from './ops-verbs';
import { PROBLEM_VERBS } from './problem-verbs';
import { REMINDER_VERBS } from './reminder-verbs';
import { REVIEW_VERBS } from './review-verbs';

/**
 * The form runner's buttons on the card that asks whether to leave a dialog for a command typed
 * while it waited (any dialog). Data: { dialog, draftId, userId } plus
 *   dialog.leave  { command }        set the dialog aside (kept, resumable) and run the command
 *   dialog.stay   {}                 keep answering: the current question again
 *   dialog.answer { step, answer }   the text was the answer to `step` after all
 * dialog.answer is also a question card's Next and Skip: `answer` is its input (a date input's
 * time comes as `answerTime`), checked by the step as typed text would be.
 */
export const DIALOG_VERBS = { leave: 'dialog.leave', stay: 'dialog.stay', answer: 'dialog.answer' } as const;

export const FEATURE_VERBS = { command: COMMAND_VERBS, dialog: DIALOG_VERBS, finding: FINDING_VERBS, incident: INCIDENT_VERBS, meeting: MEETING_VERBS, ops: OPS_VERBS, reminder: REMINDER_VERBS, problem: PROBLEM_VERBS, change: CHANGE_VERBS, governance: GOVERNANCE_VERBS, review: REVIEW_VERBS, ola: OLA_VERBS, runbook: RUNBOOK_VERBS } as const;

/** All verbs, flat. */
export const ALL_VERBS: readonly string[] = Object.values(FEATURE_VERBS).flatMap((group) => Object.values(group) as string[]);

/**
 * Verbs that only show something (a view, a page, a refresh): a replay just shows it again.
 * Every other verb changes state, so the router records it under the invoke's id and a replay
 * gets the first answer and changes nothing.
 */
export const VIEW_VERBS: ReadonlySet<string> = new Set([
  FINDING_VERBS.open, FINDING_VERBS.refresh, FINDING_VERBS.list, FINDING_VERBS.settingsOpen,
  INCIDENT_VERBS.open, INCIDENT_VERBS.refresh, INCIDENT_VERBS.list,
  OPS_VERBS.rolesShow, OPS_VERBS.roleEdit, OPS_VERBS.stakeholdersShow, OPS_VERBS.agendaRefresh, OPS_VERBS.risksShow, OPS_VERBS.okrsShow,
  OPS_VERBS.checklistList, OPS_VERBS.checklistOpen,
  REMINDER_VERBS.refresh, MEETING_VERBS.refresh,
  PROBLEM_VERBS.open, PROBLEM_VERBS.refresh, PROBLEM_VERBS.list,
  CHANGE_VERBS.draft, CHANGE_VERBS.open, CHANGE_VERBS.refresh, CHANGE_VERBS.list,
  ...GOVERNANCE_VIEW_VERBS,
  ...OLA_VIEW_VERBS, ...RUNBOOK_VIEW_VERBS,
  REVIEW_VERBS.open, REVIEW_VERBS.refresh, REVIEW_VERBS.list,
]);

/** Message-back buttons that simply type a command for the user. */
export function imBack(title: string, command: string): Record<string, unknown> {
  return { type: 'Action.Submit', title, data: { msteams: { type: 'imBack', value: command } } };
}
