import { describe, expect, it } from 'vitest';
import { type Cadence, cadenceProblem, describeCadence, nextOccurrence, occurrencesBetween } from '../../../bot/src/domain/reminders/cadence';
import { cadenceChoiceValue, parseCadenceChoice } from '../../../bot/src/domain/reminders/cadence-choice';
import { zonedParts, zonedToInstant } from '../../../bot/src/domain/reminders/zoned-time';

const off = { deploymentMode: false };
const iso = (d: Date) => d.toISOString();

/** Successive occurrences from `start`, like a scheduler with a fake clock advancing to each. */
function run(c: Cadence, time: string, tz: string, start: string, n: number, ctx = off): string[] {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const out: string[] = [];
  let clock = new Date(start);
  for (let i = 0; i < n; i++) {
    clock = nextOccurrence(c, { hour: h, minute: m }, tz, clock, ctx);
    out.push(iso(clock));
  }
  return out;
}

describe('zoned wall time ↔ instant (Intl only)', () => {
  it('spring-forward gap: a wall time that does not exist moves forward by the gap', () => {
    expect(iso(zonedToInstant({ year: 2024, month: 3, day: 31 }, { hour: 2, minute: 30 }, 'Europe/Berlin'))).toBe('2024-03-31T01:30:00.000Z'); // 03:30 CEST
    expect(iso(zonedToInstant({ year: 2024, month: 3, day: 10 }, { hour: 2, minute: 30 }, 'America/New_York'))).toBe('2024-03-10T07:30:00.000Z'); // 03:30 EDT
  });

  it('fall-back overlap: a wall time that exists twice means the first', () => {
    expect(iso(zonedToInstant({ year: 2024, month: 10, day: 27 }, { hour: 2, minute: 30 }, 'Europe/Berlin'))).toBe('2024-10-27T00:30:00.000Z'); // CEST, not CET
    expect(iso(zonedToInstant({ year: 2024, month: 11, day: 3 }, { hour: 1, minute: 30 }, 'America/New_York'))).toBe('2024-11-03T05:30:00.000Z'); // EDT, not EST
  });

  it('reads the wall clock back, east and west of UTC', () => {
    expect(zonedParts(Date.parse('2024-01-01T03:00:00Z'), 'America/Los_Angeles')).toMatchObject({ year: 2023, month: 12, day: 31, hour: 19, weekday: 0 });
    expect(zonedParts(Date.parse('2024-01-07T23:00:00Z'), 'Asia/Tokyo')).toMatchObject({ year: 2024, month: 1, day: 8, hour: 8, weekday: 1 });
    expect(zonedParts(Date.parse('2024-06-01T00:00:00Z'), 'Asia/Kolkata')).toMatchObject({ hour: 5, minute: 30 });
  });
});

describe('next occurrence', () => {
  it('monthly on the 31st clamps to each month end, including 29 February in a leap year', () => {
    expect(run({ kind: 'monthly-day', day: 31 }, '09:00', 'Europe/Berlin', '2024-01-15T00:00:00Z', 5)).toEqual([
      '2024-01-31T08:00:00.000Z',
      '2024-02-29T08:00:00.000Z',
      '2024-03-31T07:00:00.000Z', // the DST change day itself, after the switch: CEST
      '2024-04-30T07:00:00.000Z',
      '2024-05-31T07:00:00.000Z',
    ]);
  });

  it('monthly on the 29th is 28 February in a common year and 29 February in a leap year', () => {
    expect(run({ kind: 'monthly-day', day: 29 }, '09:00', 'UTC', '2023-02-01T00:00:00Z', 2)).toEqual(['2023-02-28T09:00:00.000Z', '2023-03-29T09:00:00.000Z']);
    expect(run({ kind: 'monthly-day', day: 29 }, '09:00', 'UTC', '2024-02-01T00:00:00Z', 1)).toEqual(['2024-02-29T09:00:00.000Z']);
  });

  it('last day of the month and first weekday of the month', () => {
    expect(run({ kind: 'monthly-last-day' }, '17:00', 'UTC', '2024-02-01T00:00:00Z', 3)).toEqual(['2024-02-29T17:00:00.000Z', '2024-03-31T17:00:00.000Z', '2024-04-30T17:00:00.000Z']);
    // June 2024 starts on a Saturday, September 2024 on a Sunday.
    expect(run({ kind: 'monthly-first-weekday' }, '09:00', 'UTC', '2024-05-15T00:00:00Z', 4)).toEqual(['2024-06-03T09:00:00.000Z', '2024-07-01T09:00:00.000Z', '2024-08-01T09:00:00.000Z', '2024-09-02T09:00:00.000Z']);
  });

  it('a daily 02:30 across both European DST changes: skipped forward in spring, once (the first) in autumn', () => {
    expect(run({ kind: 'daily' }, '02:30', 'Europe/Berlin', '2024-03-30T00:00:00Z', 3)).toEqual([
      '2024-03-30T01:30:00.000Z', // 02:30 CET
      '2024-03-31T01:30:00.000Z', // 02:30 does not exist: 03:30 CEST
      '2024-04-01T00:30:00.000Z', // 02:30 CEST
    ]);
    expect(run({ kind: 'daily' }, '02:30', 'Europe/Berlin', '2024-10-26T00:00:00Z', 3)).toEqual([
      '2024-10-26T00:30:00.000Z',
      '2024-10-27T00:30:00.000Z', // the first 02:30; the second (01:30Z) is not another occurrence
      '2024-10-28T01:30:00.000Z', // 02:30 CET
    ]);
  });

  it('west of UTC: New York 09:00 keeps local time across the March change, and a late-evening time stays on the local day', () => {
    expect(run({ kind: 'daily' }, '09:00', 'America/New_York', '2024-03-09T00:00:00Z', 3)).toEqual(['2024-03-09T14:00:00.000Z', '2024-03-10T13:00:00.000Z', '2024-03-11T13:00:00.000Z']);
    // 2024-01-01T03:00Z is still 31 December 19:00 in Los Angeles.
    expect(run({ kind: 'daily' }, '20:00', 'America/Los_Angeles', '2024-01-01T03:00:00Z', 1)).toEqual(['2024-01-01T04:00:00.000Z']);
  });

  it('east of UTC: Tokyo, Kolkata (+05:30) and Sydney (southern-hemisphere DST both ways)', () => {
    expect(run({ kind: 'weekly', weekday: 1 }, '09:00', 'Asia/Tokyo', '2024-01-07T23:00:00Z', 2)).toEqual(['2024-01-08T00:00:00.000Z', '2024-01-15T00:00:00.000Z']);
    expect(run({ kind: 'daily' }, '09:00', 'Asia/Kolkata', '2024-06-01T00:00:00Z', 1)).toEqual(['2024-06-01T03:30:00.000Z']);
    expect(run({ kind: 'daily' }, '02:30', 'Australia/Sydney', '2024-04-06T00:00:00Z', 2)).toEqual(['2024-04-06T15:30:00.000Z', '2024-04-07T16:30:00.000Z']);
    expect(run({ kind: 'daily' }, '02:30', 'Australia/Sydney', '2024-10-04T00:00:00Z', 2)).toEqual(['2024-10-04T16:30:00.000Z', '2024-10-05T16:30:00.000Z']);
  });

  it('weekdays skip the weekend; weekly and biweekly follow their day and anchor', () => {
    expect(run({ kind: 'weekdays' }, '09:00', 'UTC', '2024-06-07T10:00:00Z', 2)).toEqual(['2024-06-10T09:00:00.000Z', '2024-06-11T09:00:00.000Z']);
    expect(run({ kind: 'weekly', weekday: 5 }, '16:00', 'UTC', '2024-06-07T16:00:00Z', 1)).toEqual(['2024-06-14T16:00:00.000Z']);
    expect(run({ kind: 'biweekly', anchor: '2024-01-01' }, '09:00', 'UTC', '2024-01-02T00:00:00Z', 3)).toEqual(['2024-01-15T09:00:00.000Z', '2024-01-29T09:00:00.000Z', '2024-02-12T09:00:00.000Z']);
    // An anchor in the future still defines the fortnight phase before it.
    expect(run({ kind: 'biweekly', anchor: '2024-12-30' }, '09:00', 'UTC', '2024-12-01T00:00:00Z', 1)).toEqual(['2024-12-02T09:00:00.000Z']);
  });

  it('"monthly, weekly during deployments" follows the workspace switch', () => {
    const qer: Cadence = { kind: 'monthly-weekly-during-deployments', monthly: { kind: 'monthly-first-weekday' }, weekday: 1 };
    expect(run(qer, '10:00', 'UTC', '2024-06-04T00:00:00Z', 2, { deploymentMode: false })).toEqual(['2024-07-01T10:00:00.000Z', '2024-08-01T10:00:00.000Z']);
    expect(run(qer, '10:00', 'UTC', '2024-06-04T00:00:00Z', 2, { deploymentMode: true })).toEqual(['2024-06-10T10:00:00.000Z', '2024-06-17T10:00:00.000Z']);
  });

  it('counts the occurrences missed in a window (catch-up)', () => {
    const missed = occurrencesBetween({ kind: 'daily' }, { hour: 9, minute: 0 }, 'UTC', new Date('2024-06-03T09:00:00Z'), new Date('2024-06-06T10:00:00Z'), off);
    expect(missed.map(iso)).toEqual(['2024-06-04T09:00:00.000Z', '2024-06-05T09:00:00.000Z', '2024-06-06T09:00:00.000Z']);
  });
});

describe('cadence input', () => {
  it('rejects bad cadences with a clear message', () => {
    expect(cadenceProblem({ kind: 'weekly', weekday: 9 })).toMatch(/weekday/);
    expect(cadenceProblem({ kind: 'monthly-day', day: 32 })).toMatch(/between 1 and 31/);
    expect(cadenceProblem({ kind: 'hourly' })).toMatch(/Unknown cadence/);
  });

  it('round-trips card choice values', () => {
    const all: Cadence[] = [
      { kind: 'daily' }, { kind: 'weekdays' }, { kind: 'weekly', weekday: 3 }, { kind: 'biweekly', anchor: '2024-01-01' },
      { kind: 'monthly-day', day: 31 }, { kind: 'monthly-last-day' }, { kind: 'monthly-first-weekday' },
      { kind: 'monthly-weekly-during-deployments', monthly: { kind: 'monthly-day', day: 5 }, weekday: 2 },
    ];
    for (const c of all) expect(parseCadenceChoice(cadenceChoiceValue(c))).toEqual(c);
    expect(parseCadenceChoice('weekly:8')).toBeUndefined();
    expect(parseCadenceChoice('nonsense')).toBeUndefined();
    expect(describeCadence({ kind: 'monthly-day', day: 31 })).toContain("month's last day");
  });
});
