// Action.Execute verbs of the management reviews, declared once. Each verb's `data` is documented
// here; the card's inputs arrive merged into the same object.
export const REVIEW_VERBS = {
  /** { templateId } — starts a run of that review, or opens the one already open; posts its card. */
  start: 'review.start',
  /** { runId } — posts the run's card. */
  open: 'review.open',
  /** { runId } — the run's card again, as stored now. */
  refresh: 'review.refresh',
  /** {} — the list of reviews: open runs and the last outcome of each. */
  list: 'review.list',
  /** { runId, etag } + inputs answer.<questionId> — saves the answers changed. */
  answer: 'review.answer',
  /** { runId, etag } + inputs decisionText, decisionOwner, decisionDue — records a decision. */
  decide: 'review.decide',
  /** { runId, etag } + inputs outputKind, outputText — records an output. */
  output: 'review.output',
  /** { runId, etag } + input decisionId ("<run>/<id>") — a decision carried from the last run is done. */
  settle: 'review.settle',
  /** { runId, etag } + input outcomeSummary — the decider records the outcome and closes the run. */
  close: 'review.close',
} as const;

export const REVIEW_INPUTS = {
  answerPrefix: 'answer.', decisionText: 'decisionText', decisionOwner: 'decisionOwner', decisionDue: 'decisionDue',
  outputKind: 'outputKind', outputText: 'outputText', summary: 'outcomeSummary', decisionId: 'decisionId',
} as const;

export const answerInputId = (questionId: string) => `${REVIEW_INPUTS.answerPrefix}${questionId}`;
