// Sliding-window rate limits for proactive sends, clock-injected and pure.
// Teams documents (learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit):
// per bot per thread (one chat or channel) 7 sends / 1 s, 8 / 2 s, 60 / 30 s, 1800 / 3600 s;
// and a global limit of 50 requests per second per app per tenant. The global cap here
// defaults to 40/s per tenant: below 50 so retries, card updates and replies to users (which
// count against the same limit) keep headroom. It is per process: with N instances configure 40/N.

export interface RateWindow {
  limit: number;
  windowMs: number;
}

export const TEAMS_PER_CONVERSATION: readonly RateWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1800, windowMs: 3_600_000 },
];
export const DOCUMENTED_APP_LIMIT_PER_SECOND = 50;
export const DEFAULT_GLOBAL: readonly RateWindow[] = [{ limit: 40, windowMs: 1_000 }];

export interface RateLimiterOptions {
  perConversation?: readonly RateWindow[];
  global?: readonly RateWindow[];
}

export class RateLimiter {
  private readonly perConversation: readonly RateWindow[];
  private readonly global: readonly RateWindow[];
  private readonly sends = new Map<string, number[]>();
  /** Sends inside the global window, per tenant (the documented limit is per app per tenant). */
  private readonly globalSends = new Map<string, number[]>();
  private readonly longest: number;
  private acquisitions = 0;

  constructor(opts: RateLimiterOptions = {}) {
    this.perConversation = opts.perConversation ?? TEAMS_PER_CONVERSATION;
    this.global = opts.global ?? DEFAULT_GLOBAL;
    this.longest = Math.max(0, ...this.perConversation.map((w) => w.windowMs));
  }

  /** Minimum time (ms) that sending `n` messages of one tenant must take under the global cap (for the benchmark). */
  minimumMsFor(n: number): number {
    return Math.max(0, ...this.global.map((w) => (Math.ceil(n / w.limit) - 1) * w.windowMs));
  }

  /**
   * Takes a send slot for the conversation if every window allows one now (returns 0), or
   * returns how long to wait before asking again (nothing is taken).
   */
  tryAcquire(conversationId: string, nowMs: number, tenantId = ''): number {
    const mine = this.sends.get(conversationId) ?? [];
    const tenant = this.globalSends.get(tenantId) ?? [];
    const wait = Math.max(waitFor(mine, this.perConversation, nowMs), waitFor(tenant, this.global, nowMs));
    if (wait > 0) return wait;
    mine.push(nowMs);
    this.sends.set(conversationId, mine);
    tenant.push(nowMs);
    this.globalSends.set(tenantId, tenant);
    trim(mine, nowMs - this.longest);
    trim(tenant, nowMs - Math.max(0, ...this.global.map((w) => w.windowMs)));
    if (++this.acquisitions % 1000 === 0) this.prune(nowMs);
    return 0;
  }

  /** Forget conversations with no send inside any window (bounded memory). */
  prune(nowMs: number): void {
    for (const [k, v] of this.sends) {
      trim(v, nowMs - this.longest);
      if (!v.length) this.sends.delete(k);
    }
    const globalWindow = Math.max(0, ...this.global.map((w) => w.windowMs));
    for (const [k, v] of this.globalSends) {
      trim(v, nowMs - globalWindow);
      if (!v.length) this.globalSends.delete(k);
    }
  }
}

function waitFor(times: number[], windows: readonly RateWindow[], nowMs: number): number {
  let wait = 0;
  for (const w of windows) {
    // times is ascending; count those inside (now - window, now].
    const inside = times.length - lowerBound(times, nowMs - w.windowMs + 1);
    if (inside >= w.limit) {
      const oldestBlocking = times[times.length - w.limit]!;
      wait = Math.max(wait, oldestBlocking + w.windowMs - nowMs);
    }
  }
  return wait;
}

function lowerBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function trim(a: number[], olderThanOrAt: number): void {
  const i = lowerBound(a, olderThanOrAt + 1);
  if (i > 0) a.splice(0, i);
}
