import { describe, expect, it } from 'vitest';
import type { ConversationTarget } from '../../../bot/src/domain/conversation-target';
import {
  decideForeignClaim, firstClaim, leaseUntil, needsRenewal, nextTickDelayMs, settledClaim, settleSendOutcome, type ForeignClaimStep, unreachableTargetNote,
} from '../../../bot/src/domain/reminders/claim-policy';
import type { OccurrenceClaim } from '../../../bot/src/domain/reminders/repositories';
import type { SendOutcome } from '../../../bot/src/domain/sender';

const ws = { tenantId: 't1', scope: 'team' as const, scopeId: '19:team@thread.tacv2' };
const now = new Date('2024-06-03T09:00:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms).toISOString();
const LEASE = 30_000;

function claim(over: Partial<OccurrenceClaim> = {}): OccurrenceClaim {
  return {
    workspace: ws, occurrenceId: 'cat-health-watch|2024-06-03T07:00:00.000Z', scheduleId: 'cat-health-watch', dueAt: '2024-06-03T07:00:00.000Z',
    targetConversationId: '19:ops@thread.tacv2', state: 'claimed', owner: 'instance-a', leaseUntil: later(LEASE), attempts: 1, etag: 'W/"1"', ...over,
  };
}

describe('a claim another instance holds', () => {
  const terms = { owner: 'instance-b', leaseUntil: later(LEASE), maxAttempts: 6 };
  const cases: [rule: string, existing: OccurrenceClaim | undefined, expected: ForeignClaimStep][] = [
    ['a claim that is gone (its group lost to a claim on a sibling) is free and goes next tick', undefined, { step: 'retry-next-tick' }],
    ['a claim another instance sent is finished: the schedule is advanced, nothing is sent again', claim({ state: 'sent', leaseUntil: later(-60_000) }), { step: 'finish' }],
    ['a claim another instance gave up is finished the same way', claim({ state: 'undeliverable' }), { step: 'finish' }],
    ['a live lease is left alone and looked at again when it lapses', claim({ leaseUntil: later(10_000) }), { step: 'wait', lookAgainAt: now.getTime() + 10_000 }],
    ['a live lease is left alone even when its attempts are used up', claim({ leaseUntil: later(1), attempts: 9 }), { step: 'wait', lookAgainAt: now.getTime() + 1 }],
    [
      'a claim whose lease ran out is taken over with attempts + 1',
      claim({ leaseUntil: later(-1), attempts: 2 }),
      { step: 'take-over', claim: claim({ owner: 'instance-b', leaseUntil: later(LEASE), attempts: 3 }) },
    ],
    [
      'a lease that ends exactly now has run out',
      claim({ leaseUntil: later(0) }),
      { step: 'take-over', claim: claim({ owner: 'instance-b', leaseUntil: later(LEASE), attempts: 2 }) },
    ],
    [
      'a claim with one attempt to spare is still taken over',
      claim({ leaseUntil: later(-1), attempts: 5 }),
      { step: 'take-over', claim: claim({ owner: 'instance-b', leaseUntil: later(LEASE), attempts: 6 }) },
    ],
    [
      'a lapsed claim that used every attempt is given up as undeliverable, saying why',
      claim({ leaseUntil: later(-1), attempts: 6 }),
      { step: 'give-up', attempts: 6, claim: claim({ leaseUntil: later(-1), attempts: 6, state: 'undeliverable', note: 'gave up after 6 attempts' }) },
    ],
  ];
  it.each(cases)('%s', (_rule, existing, expected) => {
    expect(decideForeignClaim(existing, now, terms)).toEqual(expected);
  });

  it('a takeover keeps the ETag it read, so its write is conditional on nobody else moving first', () => {
    const step = decideForeignClaim(claim({ leaseUntil: later(-1), etag: 'W/"7"' }), now, terms);
    expect(step.step === 'take-over' && step.claim.etag).toBe('W/"7"');
  });
});

describe('a first claim', () => {
  it('is the first attempt, held by the claiming instance until its lease ends', () => {
    const subject = { workspace: ws, occurrenceId: 'o1', scheduleId: 's1', dueAt: '2024-06-03T07:00:00.000Z', targetConversationId: '19:ops' };
    expect(firstClaim(subject, 'instance-a', leaseUntil(now.getTime(), LEASE))).toEqual({ ...subject, state: 'claimed', owner: 'instance-a', leaseUntil: '2024-06-03T09:00:30.000Z', attempts: 1 });
  });
});

describe('renewing claims during a long dispatch', () => {
  const cases: [rule: string, leftMs: number[], renew: boolean][] = [
    ['claims with more than half their lease left are kept as they are', [LEASE, LEASE / 2 + 1], false],
    ['a claim with exactly half its lease spent is renewed', [LEASE / 2], true],
    ['one claim past half its lease renews the whole group', [LEASE, LEASE / 2 - 1], true],
    ['a claim whose lease already lapsed is renewed (if nobody took it, it is still ours)', [-5_000], true],
  ];
  it.each(cases)('%s', (_rule, leftMs, renew) => {
    expect(needsRenewal(leftMs.map((ms) => claim({ leaseUntil: later(ms) })), now.getTime(), LEASE)).toBe(renew);
  });
});

describe('what a send outcome means for the claims', () => {
  const fixed = () => 0;
  const cases: [rule: string, outcome: SendOutcome, attempts: number, expected: ReturnType<typeof settleSendOutcome>][] = [
    ['a delivered digest marks its claims sent', 'sent', 1, { settle: 'sent' }],
    ['a conversation that is gone gives its claims up, saying why', { deactivate: 'The conversation no longer exists (404).' }, 1, { settle: 'undeliverable', note: 'The conversation no longer exists (404).' }],
    ['a rate limit moves the lease to when Retry-After has passed', { retryAfterMs: 90_000 }, 1, { settle: 'retry-later', leaseUntil: later(90_000), note: 'rate limited' }],
    // backoffMs(attempts + 1) with no jitter is half the exponential delay: 500 ms · 2^(n-1) / 2.
    ['a passing failure moves the lease by the backoff of the next attempt', { transient: 'connector answered 502' }, 1, { settle: 'retry-later', leaseUntil: later(500), note: 'connector answered 502' }],
    ['the backoff grows with the attempts the claims have used', { transient: 'network' }, 3, { settle: 'retry-later', leaseUntil: later(2_000), note: 'network' }],
  ];
  it.each(cases)('%s', (_rule, outcome, attempts, expected) => {
    expect(settleSendOutcome(outcome, attempts, now, fixed)).toEqual(expected);
  });

  it('a sent claim records when it was sent', () => {
    expect(settledClaim(claim({ note: 'rate limited' }), 'sent', now)).toEqual(claim({ state: 'sent', sentAt: now.toISOString(), note: 'rate limited' }));
  });

  it('a given-up claim records why and no send time', () => {
    expect(settledClaim(claim(), 'undeliverable', now, 'no conversation reference')).toEqual(claim({ state: 'undeliverable', note: 'no conversation reference' }));
  });
});

describe('a conversation that cannot get its digest', () => {
  const target = (over: Partial<ConversationTarget>): ConversationTarget => ({
    workspace: ws, conversationId: '19:ops', kind: 'channel', serviceUrl: 'https://smba.example', channelId: 'msteams', reference: '{}', active: true,
    installedAt: '2024-06-01T00:00:00.000Z', lastSeenAt: '2024-06-01T00:00:00.000Z', ...over,
  });
  const cases: [rule: string, t: ConversationTarget | undefined, note: string | undefined][] = [
    ['an active conversation can', target({}), undefined],
    ['a conversation never seen has no reference to send to', undefined, 'no conversation reference'],
    ['an inactive conversation says why it stopped', target({ active: false, inactiveReason: 'bot removed' }), 'target inactive: bot removed'],
    ['an inactive conversation without a reason is still inactive', target({ active: false }), 'target inactive: '],
  ];
  it.each(cases)('%s', (_rule, t, note) => {
    expect(unreachableTargetNote(t)).toBe(note);
  });
});

describe('when the scheduler loop looks again', () => {
  const nowMs = now.getTime();
  const cases: [rule: string, report: { foreignLeaseUntil?: number; more?: boolean }, delay: number][] = [
    ['with nothing held elsewhere it waits its interval', {}, 30_000],
    ['a read cut short by its page limit goes on at once', { more: true, foreignLeaseUntil: nowMs + 10_000 }, 0],
    ['a lease held elsewhere is looked at a second after it lapses', { foreignLeaseUntil: nowMs + 5_000 }, 6_000],
    ['a lease lapsing after the interval does not delay the next tick', { foreignLeaseUntil: nowMs + 60_000 }, 30_000],
    ['a lease already lapsed is looked at after a second, never in a busy loop', { foreignLeaseUntil: nowMs - 10_000 }, 1_000],
  ];
  it.each(cases)('%s', (_rule, report, delay) => {
    expect(nextTickDelayMs(report, 30_000, nowMs)).toBe(delay);
  });
});
