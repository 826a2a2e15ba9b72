// A run of a management review: the template it follows, who fills its three roles in this
// workspace (resolved when it started), the live data it started from, the answers to its
// questions, and its outcome: the decisions (each with an owner and a due date) and the outputs
// recorded. It closes when the decider records the outcome; its open decisions are carried to
// the next run of the same review.
import type { Actor, Stamp } from '../ops/common';
import type { Workspace } from '../workspace';
import type { ReviewSnapshot } from './review-inputs';
import type { ReviewRoleKind } from './review-templates';

export const REVIEW_LIMITS = { answer: 1000, decision: 300, owner: 100, output: 500, summary: 1000, decisions: 20, outputs: 20, carried: 12 } as const;

export type ReviewStatus = 'open' | 'closed';

/** Who fills one role of the review in this workspace, as the matrix or role map said at the start. */
export interface ReviewPerson {
  /** The stakeholder role or operational role ("Project Executive Sponsor"). */
  role: string;
  /** The person or team named there; "TBA" until named. */
  who: string;
  /** The contact's Teams identity, when the role map names one: only they can close as decider. */
  personId?: string;
}

export interface ReviewDecision {
  /** D1, D2, … within the run; a carried decision keeps the id and run it was made in. */
  id: string;
  text: string;
  owner: string;
  /** YYYY-MM-DD. */
  due: string;
  recorded: Stamp;
  /** The run it was decided in (carried decisions name an earlier run). */
  runId: string;
  done?: Stamp;
}

export interface ReviewOutput {
  id: string;
  /** One of the template's expected outputs, or "other". */
  kind: string;
  text: string;
  recorded: Stamp;
}

export type ReviewTrigger = { kind: 'chat' } | { kind: 'tab' } | { kind: 'phase'; from?: string; to: string };

export interface ReviewAnswer {
  text: string;
  by: Actor;
  at: string;
}

export interface ReviewRun {
  /** MR-0001: numbered per workspace, never reused. */
  id: string;
  number: number;
  workspace: Workspace;
  templateId: string;
  /** What the run covers: a month ("2026-11"), a quarter ("2026 Q4") or a transition ("Envision → Onboard"). */
  period: string;
  status: ReviewStatus;
  trigger: ReviewTrigger;
  started: Stamp;
  people: Record<ReviewRoleKind, ReviewPerson>;
  snapshot: ReviewSnapshot;
  answers: Record<string, ReviewAnswer>;
  decisions: ReviewDecision[];
  outputs: ReviewOutput[];
  /** Open decisions of the previous run of this review, to follow up. */
  carried: ReviewDecision[];
  closed?: Stamp & { summary: string; decidedAs: string };
  updated: Stamp;
  etag?: string;
}

export function formatReviewId(n: number): string {
  return `MR-${String(n).padStart(4, '0')}`;
}

/** "MR-0003", "mr 3", "MR3" → 3. */
export function parseReviewId(text: string): number | undefined {
  const m = /^\s*MR[-\s]?(\d{1,9})\s*$/i.exec(text);
  const n = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** The decisions still to follow up after this run: carried ones not done, and its own not done. */
export function openDecisions(run: Pick<ReviewRun, 'carried' | 'decisions'>): ReviewDecision[] {
  return [...run.carried, ...run.decisions].filter((d) => !d.done).slice(0, REVIEW_LIMITS.carried);
}
