// What to do after a Bot Connector call failed, by status code (Teams rate-limit guidance:
// honour 429 Retry-After; retry 412, 502 and 504 with jittered exponential backoff; bounded).
// 403 (bot removed, blocked, app disabled) and 404 (conversation gone) never get better by
// retrying: the target is deactivated and the service owner told.

export type RetryDecision =
  | { action: 'retry'; afterMs: number }
  | { action: 'give-up'; retryAfterMs: number; reason: string }
  | { action: 'deactivate'; reason: string };

export interface RetryPolicyOptions {
  /** Attempts in one dispatch, the first included. */
  maxAttempts?: number;
  baseMs?: number;
  capMs?: number;
  /** A Retry-After longer than this ends the dispatch; the occurrence's lease carries the wait. */
  maxInlineWaitMs?: number;
  random?: () => number;
}

export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([412, 502, 504]);

/** Retry-After as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export function backoffMs(attempt: number, opts: RetryPolicyOptions = {}): number {
  const base = opts.baseMs ?? 500;
  const cap = opts.capMs ?? 10_000;
  const random = opts.random ?? Math.random;
  const exp = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  // "Equal jitter": at least half the exponential delay, so retries spread without collapsing to 0.
  return Math.round(exp / 2 + random() * (exp / 2));
}

/**
 * @param status HTTP status of the failed call (undefined for a network error).
 * @param attempt the attempt that just failed, 1-based.
 */
export function decideRetry(status: number | undefined, attempt: number, retryAfterMs: number | undefined, opts: RetryPolicyOptions = {}): RetryDecision {
  const maxAttempts = opts.maxAttempts ?? 4;
  const maxInline = opts.maxInlineWaitMs ?? 60_000;
  if (status === 403) return { action: 'deactivate', reason: 'The bot was removed, blocked or disabled in this conversation (403).' };
  if (status === 404) return { action: 'deactivate', reason: 'The conversation no longer exists (404).' };
  if (status === 429) {
    const wait = retryAfterMs ?? backoffMs(attempt, opts);
    if (attempt >= maxAttempts || wait > maxInline) return { action: 'give-up', retryAfterMs: wait, reason: 'rate limited (429)' };
    return { action: 'retry', afterMs: wait };
  }
  if (status === undefined || TRANSIENT_STATUSES.has(status) || status === 500 || status === 503) {
    const wait = backoffMs(attempt, opts);
    if (attempt >= maxAttempts) return { action: 'give-up', retryAfterMs: backoffMs(attempt + 1, opts), reason: `transient failure (${status ?? 'network'})` };
    return { action: 'retry', afterMs: wait };
  }
  return { action: 'give-up', retryAfterMs: backoffMs(maxAttempts, opts), reason: `connector answered ${status}` };
}
