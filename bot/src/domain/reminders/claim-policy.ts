// The rules of occurrence claims, kept apart from the scheduler that reads and writes them: who
// may dispatch an occurrence, when another instance's claim may be taken over, when a long
// dispatch renews its claims, and what a send outcome makes of them. Times come in as arguments.
import type { ConversationTarget } from '../conversation-target';
import type { OccurrenceClaim } from './repositories';
import { backoffMs } from '../../platform/retry-policy';
import type { SendOutcome } from '../sender';

/** The expiry of a lease taken at `nowMs`. */
export function leaseUntil(nowMs: number, leaseMs: number): string {
  return new Date(nowMs + leaseMs).toISOString();
}

/** The occurrence an instance is about to claim, as the scheduler knows it. */
export interface ClaimSubject {
  workspace: OccurrenceClaim['workspace'];
  occurrenceId: string;
  scheduleId: string;
  dueAt: string;
  targetConversationId: string;
}

/** A first claim: held by `owner` until `until`, counted as the first attempt. */
export function firstClaim(subject: ClaimSubject, owner: string, until: string): Omit<OccurrenceClaim, 'etag'> {
  return { ...subject, state: 'claimed', owner, leaseUntil: until, attempts: 1 };
}

/** What to do with an occurrence whose claim another instance (or an earlier tick) holds. */
export type ForeignClaimStep =
  /** No claim any more: its group lost to a claim on a sibling, so it is free next tick. */
  | { step: 'retry-next-tick' }
  /** Sent or given up by an owner that did not get to advance the schedule: advance it. */
  | { step: 'finish' }
  /** The owner's lease is live: leave it, and look again once it lapses. */
  | { step: 'wait'; lookAgainAt: number }
  /** Too many attempts: record it as undeliverable and advance the schedule. */
  | { step: 'give-up'; claim: OccurrenceClaim; attempts: number }
  /** The lease ran out (the owner died or was told to wait): take it over as one more attempt. */
  | { step: 'take-over'; claim: OccurrenceClaim };

export interface TakeoverTerms {
  owner: string;
  /** The lease a takeover gets. */
  leaseUntil: string;
  maxAttempts: number;
}

export function decideForeignClaim(existing: OccurrenceClaim | undefined, now: Date, terms: TakeoverTerms): ForeignClaimStep {
  if (!existing) return { step: 'retry-next-tick' };
  if (existing.state !== 'claimed') return { step: 'finish' };
  const until = Date.parse(existing.leaseUntil);
  if (until > now.getTime()) return { step: 'wait', lookAgainAt: until };
  if (existing.attempts >= terms.maxAttempts) {
    return { step: 'give-up', attempts: existing.attempts, claim: { ...existing, state: 'undeliverable', note: `gave up after ${existing.attempts} attempts` } };
  }
  return { step: 'take-over', claim: { ...existing, owner: terms.owner, leaseUntil: terms.leaseUntil, attempts: existing.attempts + 1 } };
}

/**
 * A dispatch at the Teams rate limit can outlast its leases: claims are renewed once any of
 * them has half its lease spent or less, so they never lapse while this instance still works.
 */
export function needsRenewal(claims: readonly OccurrenceClaim[], nowMs: number, leaseMs: number): boolean {
  return !claims.every((c) => Date.parse(c.leaseUntil) - nowMs > leaseMs / 2);
}

/** The claim as recorded once its occurrence is done with: sent (at `now`) or given up. */
export function settledClaim(claim: OccurrenceClaim, state: 'sent' | 'undeliverable', now: Date, note?: string): OccurrenceClaim {
  return { ...claim, state, ...(state === 'sent' ? { sentAt: now.toISOString() } : {}), ...(note ? { note } : {}) };
}

/** Why a conversation cannot get its digest; undefined when it can. */
export function unreachableTargetNote(target: ConversationTarget | undefined): string | undefined {
  if (!target) return 'no conversation reference';
  return target.active ? undefined : `target inactive: ${target.inactiveReason ?? ''}`;
}

/** What a send outcome means for the claims of the digest that was sent. */
export type SendSettlement =
  | { settle: 'sent' }
  /** The conversation is gone for good: the claims are given up and the service owner told. */
  | { settle: 'undeliverable'; note: string }
  /** Not now: the claims stay, their lease moved to when a retry makes sense (any instance may take them then). */
  | { settle: 'retry-later'; leaseUntil: string; note: string };

/**
 * @param attempts the attempts the claims have used so far (a backoff grows with them).
 * @param random jitter source for the backoff (a test passes a fixed one).
 */
export function settleSendOutcome(outcome: SendOutcome, attempts: number, now: Date, random?: () => number): SendSettlement {
  if (outcome === 'sent') return { settle: 'sent' };
  if ('deactivate' in outcome) return { settle: 'undeliverable', note: outcome.deactivate };
  const waitMs = 'retryAfterMs' in outcome ? outcome.retryAfterMs : backoffMs(attempts + 1, random ? { random } : {});
  return { settle: 'retry-later', leaseUntil: leaseUntil(now.getTime(), waitMs), note: 'retryAfterMs' in outcome ? 'rate limited' : outcome.transient };
}

/**
 * How long the scheduler loop sleeps after a tick: its interval, less when another instance's
 * lease lapses sooner (it may have died; at least a second after the lapse, never under a
 * second), and not at all when the tick stopped at its page limit.
 */
export function nextTickDelayMs(report: { foreignLeaseUntil?: number; more?: boolean }, intervalMs: number, nowMs: number): number {
  if (report.more) return 0;
  if (report.foreignLeaseUntil === undefined) return intervalMs;
  return Math.min(intervalMs, Math.max(1_000, report.foreignLeaseUntil - nowMs + 1_000));
}
