// Action.Execute verbs of the meeting side panel, declared once. Each verb's `data` payload is
// documented here; the panel's inputs arrive merged into the same object.
export const MEETING_VERBS = {
  /** {} — the panel again, with what others recorded meanwhile. */
  refresh: 'meeting.refresh',
  /** { kind: "decision" } + input decisionText; { kind: "action" } + inputs actionText, actionOwner, actionOwnerPerson, actionDue. */
  record: 'meeting.record',
  /** { noteId } — undoes a note recorded by mistake (kept, but left out of the minutes). */
  undo: 'meeting.undo',
  /** {} — closes the meeting: the minutes are posted and its actions carried into the next agenda. */
  close: 'meeting.close',
} as const;
