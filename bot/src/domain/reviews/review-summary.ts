// The per-workspace summary of its reviews, read in one point read by the `reviews` list and the
// tab: for each review, the run that is open, the outcome of the last closed run and the
// decisions still to follow up, plus the next run number. It is written with a run only when the
// run starts or closes, in the same transaction, so the two never disagree.
import { openDecisions, type ReviewDecision, type ReviewRun } from './review';

export const REVIEW_SUMMARY_SCHEMA = 1;

export interface ReviewLastOutcome {
  runId: string;
  period: string;
  closedAt: string;
  closedBy: string;
  decisions: number;
  outputs: number;
  summary: string;
}

export interface ReviewSummaryEntry {
  open?: { runId: string; period: string; startedAt: string };
  last?: ReviewLastOutcome;
  /** Open decisions of the last closed run (and those it carried), for the next run. */
  carry: ReviewDecision[];
}

export interface ReviewSummary {
  schema: typeof REVIEW_SUMMARY_SCHEMA;
  nextNumber: number;
  reviews: Record<string, ReviewSummaryEntry>;
}

export const EMPTY_REVIEW_SUMMARY: ReviewSummary = { schema: REVIEW_SUMMARY_SCHEMA, nextNumber: 1, reviews: {} };

export function summaryEntry(s: ReviewSummary, templateId: string): ReviewSummaryEntry {
  return Object.prototype.hasOwnProperty.call(s.reviews, templateId) ? s.reviews[templateId]! : { carry: [] };
}

/** The summary after `run` started or closed. */
export function summaryAfterRun(s: ReviewSummary, run: ReviewRun): ReviewSummary {
  const entry = summaryEntry(s, run.templateId);
  const next: ReviewSummaryEntry = run.status === 'open'
    ? { ...entry, open: { runId: run.id, period: run.period, startedAt: run.started.at } }
    : {
        last: {
          runId: run.id, period: run.period, closedAt: run.closed?.at ?? run.updated.at, closedBy: run.closed?.by.name ?? run.updated.by.name,
          decisions: run.decisions.length, outputs: run.outputs.length, summary: run.closed?.summary ?? '',
        },
        carry: openDecisions(run),
      };
  return { ...s, nextNumber: Math.max(s.nextNumber, run.number + 1), reviews: { ...s.reviews, [run.templateId]: next } };
}
