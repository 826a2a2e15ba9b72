// Action.Execute verbs of requests for change, declared once. Each verb's `data` is documented
// here; the card's inputs arrive merged into the same object.
export const CHANGE_VERBS = {
  /**
   * The request form, filled from where it is raised: { source: { kind: "finding" | "problem", id } },
   * { source: { kind: "task", id, title } } (a reminder task) or { source: { kind: "manual" } }.
   */
  draft: 'change.draft',
  /** { source } + inputs changeTitle, changeReason, changeRisk, changeUrgency, changeImpact, changeCategory, windowStartDate/Time, windowEndDate/Time, changeApprover. */
  raise: 'change.raise',
  /** { changeId, etag, to: status } + inputs changeApprover, changeOutcome, windowStartDate/Time, windowEndDate/Time as the step needs. */
  status: 'change.status',
  /** { changeId } — posts the change's card. */
  open: 'change.open',
  /** { changeId } — the card again, as stored now. */
  refresh: 'change.refresh',
  /** { filter: "open" | "all" | "emergency" | <status>, continuation? } — a page of the list. */
  list: 'change.list',
} as const;

export const CHANGE_INPUTS = {
  title: 'changeTitle', reason: 'changeReason', risk: 'changeRisk', urgency: 'changeUrgency', impact: 'changeImpact', category: 'changeCategory',
  startDate: 'windowStartDate', startTime: 'windowStartTime', endDate: 'windowEndDate', endTime: 'windowEndTime',
  approver: 'changeApprover', outcome: 'changeOutcome',
} as const;
