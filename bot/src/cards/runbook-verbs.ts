// Action.Execute verbs of the runbooks (the catalog's as-needed tasks), declared once. Each
// verb's `data` payload is documented here; the card's inputs arrive merged into it.
export const RUNBOOK_VERBS = {
  /** {} — the runbooks, by owning role. */
  list: 'runbook.list',
  /** { key } — one runbook: its steps and owner, with Start. */
  open: 'runbook.open',
  /** { key } — starts a run: posts the checklist card in the conversation. */
  start: 'runbook.start',
  /** { runId } + inputs step.<id> ("true"/"false") — saves the ticks; the last tick completes the run. */
  tick: 'runbook.tick',
} as const;

export const RUNBOOK_VIEW_VERBS: readonly string[] = [RUNBOOK_VERBS.list, RUNBOOK_VERBS.open];

/** The toggle input of a step on the run card. */
export const stepInputId = (stepId: string) => `step.${stepId}`;
