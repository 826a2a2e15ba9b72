import { describe, expect, it } from 'vitest';
import { nextUpdateDue } from '../../../bot/src/domain/incidents/cadence';
import { DEFAULT_SEVERITY_POLICY, resolveSeverityPolicy } from '../../../bot/src/domain/incidents/severity';
import { formatInZone, isValidTimeZone, monthRange, offsetMinutesAt, toWallTime, wallToInstant } from '../../../bot/src/platform/zoned-time';

const rules = DEFAULT_SEVERITY_POLICY.rules;
const due = (level: keyof typeof rules, iso: string, tz: string) => formatInZone(nextUpdateDue(rules[level], new Date(iso))!, tz);

describe('zoned wall time ↔ instant', () => {
  it('reads offsets east and west of UTC', () => {
    expect(offsetMinutesAt(new Date('2024-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
    expect(offsetMinutesAt(new Date('2024-01-15T12:00:00Z'), 'America/New_York')).toBe(-300);
    expect(offsetMinutesAt(new Date('2024-07-15T12:00:00Z'), 'America/New_York')).toBe(-240);
    expect(offsetMinutesAt(new Date('2024-01-15T12:00:00Z'), 'Australia/Sydney')).toBe(660);
  });

  it('reads the same wall time as Intl\'s own parts, in UTC and in zones with DST, historic offsets and years BC', () => {
    const parts = (instant: Date, timeZone: string) => {
      const p = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short' }).formatToParts(instant);
      const get = (t: string) => Number(p.find((x) => x.type === t)!.value);
      const bc = p.find((x) => x.type === 'era')!.value === 'BC';
      return { year: bc ? 1 - get('year') : get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
    };
    const instants = [Date.parse('2024-03-31T00:59:59Z'), Date.parse('2024-03-31T01:00:00Z'), Date.parse('2024-10-27T00:30:00Z'), Date.parse('1937-06-30T23:59:59Z'), Date.UTC(-44, 2, 15, 12), Date.UTC(99, 0, 1)];
    for (let i = 0; i < 200; i++) instants.push(Date.UTC(1900, 0, 1) + i * 1_000_003_007 * 7);
    for (const tz of ['UTC', 'Europe/London', 'Europe/Amsterdam', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham']) {
      for (const ms of instants) expect(toWallTime(new Date(ms), tz), `${new Date(ms).toISOString()} ${tz}`).toEqual(parts(new Date(ms), tz));
    }
  });

  it('round-trips ordinary wall times', () => {
    for (const tz of ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'UTC']) {
      for (const iso of ['2024-02-29T23:59:00Z', '2024-12-31T23:30:00Z', '2024-06-01T00:00:00Z']) {
        const i = new Date(iso);
        expect(wallToInstant(toWallTime(i, tz), tz).toISOString()).toBe(i.toISOString());
      }
    }
  });

  it('moves a wall time inside a spring-forward gap forward by the gap (compatible), or back (earlier)', () => {
    // Europe/London skips 01:00–02:00 on 2024-03-31.
    expect(wallToInstant({ year: 2024, month: 3, day: 31, hour: 1, minute: 30 }, 'Europe/London').toISOString()).toBe('2024-03-31T01:30:00.000Z');
    expect(formatInZone(new Date('2024-03-31T01:30:00Z'), 'Europe/London')).toBe('2024-03-31 02:30 UTC+01:00');
    expect(wallToInstant({ year: 2024, month: 3, day: 31, hour: 1, minute: 30 }, 'Europe/London', 'earlier').toISOString()).toBe('2024-03-31T00:30:00.000Z');
    // America/New_York skips 02:00–03:00 on 2024-03-10.
    expect(wallToInstant({ year: 2024, month: 3, day: 10, hour: 2, minute: 15 }, 'America/New_York').toISOString()).toBe('2024-03-10T07:15:00.000Z');
    expect(() => wallToInstant({ year: 2024, month: 3, day: 10, hour: 2, minute: 15 }, 'America/New_York', 'reject')).toThrow(/does not exist/);
  });

  it('picks the earlier or later reading of a fall-back overlap', () => {
    // America/New_York shows 01:30 twice on 2024-11-03 (EDT, then EST).
    const w = { year: 2024, month: 11, day: 3, hour: 1, minute: 30 };
    expect(wallToInstant(w, 'America/New_York').toISOString()).toBe('2024-11-03T05:30:00.000Z');
    expect(wallToInstant(w, 'America/New_York', 'later').toISOString()).toBe('2024-11-03T06:30:00.000Z');
    // Australia/Sydney shows 02:30 twice on 2024-04-07 (AEDT, then AEST).
    const s = { year: 2024, month: 4, day: 7, hour: 2, minute: 30 };
    expect(wallToInstant(s, 'Australia/Sydney').toISOString()).toBe('2024-04-06T15:30:00.000Z');
    expect(wallToInstant(s, 'Australia/Sydney', 'later').toISOString()).toBe('2024-04-06T16:30:00.000Z');
    expect(() => wallToInstant(s, 'Australia/Sydney', 'reject')).toThrow(/twice/);
  });

  it('rejects impossible dates and unknown zones', () => {
    expect(() => wallToInstant({ year: 2023, month: 2, day: 29, hour: 0, minute: 0 }, 'UTC')).toThrow(/not a valid/);
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('finds month boundaries in the zone, including across a DST change', () => {
    expect(monthRange(2024, 3, 'Europe/London')).toEqual({ start: new Date('2024-03-01T00:00:00Z'), end: new Date('2024-03-31T23:00:00Z') });
    expect(monthRange(2024, 12, 'Asia/Kolkata')).toEqual({ start: new Date('2024-11-30T18:30:00Z'), end: new Date('2024-12-31T18:30:00Z') });
    expect(monthRange(2024, 10, 'Australia/Sydney').start.toISOString()).toBe('2024-09-30T14:00:00.000Z');
  });
});

describe('update cadence (absolute time, shown in the zone)', () => {
  it('crosses midnight and month ends', () => {
    expect(due('A', '2024-01-31T23:00:00Z', 'UTC')).toBe('2024-02-01 01:00 UTC+00:00');
    expect(due('B', '2024-02-28T22:30:00Z', 'Asia/Kolkata')).toBe('2024-03-01 04:00 UTC+05:30'); // leap day passes
    expect(due('C', '2023-12-30T20:00:00Z', 'Australia/Sydney')).toBe('2024-01-03 07:00 UTC+11:00'); // year end
    expect(due('1', '2024-04-30T23:30:00Z', 'Europe/London')).toBe('2024-05-01 01:30 UTC+01:00');
  });

  it('spring forward: Europe/London and America/New_York', () => {
    // 00:30 GMT + 2 h = 03:30 BST (the clocks skipped an hour).
    expect(due('A', '2024-03-31T00:30:00Z', 'Europe/London')).toBe('2024-03-31 03:30 UTC+01:00');
    // 12:00 GMT Saturday + 24 h = 13:00 BST Sunday.
    expect(due('B', '2024-03-30T12:00:00Z', 'Europe/London')).toBe('2024-03-31 13:00 UTC+01:00');
    // 01:30 EST + 1 h = 03:30 EDT.
    expect(due('1', '2024-03-10T06:30:00Z', 'America/New_York')).toBe('2024-03-10 03:30 UTC-04:00');
  });

  it('fall back: Europe/London and America/New_York', () => {
    // 00:30 BST + 2 h = 01:30 GMT.
    expect(due('A', '2024-10-26T23:30:00Z', 'Europe/London')).toBe('2024-10-27 01:30 UTC+00:00');
    // 01:30 EDT + 1 h = 01:30 EST (the same wall time, an hour later).
    expect(due('1', '2024-11-03T05:30:00Z', 'America/New_York')).toBe('2024-11-03 01:30 UTC-05:00');
    // B: 09:00 EDT Saturday + 24 h = 08:00 EST Sunday.
    expect(due('B', '2024-11-02T13:00:00Z', 'America/New_York')).toBe('2024-11-03 08:00 UTC-05:00');
  });

  it('east of UTC: Australia/Sydney both changes, Asia/Kolkata none', () => {
    // DST ends 2024-04-07 03:00 AEDT → 02:00 AEST: 12:00 AEDT + 24 h = 11:00 AEST.
    expect(due('B', '2024-04-06T01:00:00Z', 'Australia/Sydney')).toBe('2024-04-07 11:00 UTC+10:00');
    // DST starts 2024-10-06 02:00 AEST → 03:00 AEDT: 01:30 AEST + 2 h = 04:30 AEDT.
    expect(due('A', '2024-10-05T15:30:00Z', 'Australia/Sydney')).toBe('2024-10-06 04:30 UTC+11:00');
    expect(due('C', '2024-03-29T20:00:00Z', 'Asia/Kolkata')).toBe('2024-04-02 01:30 UTC+05:30');
  });

  it('"as agreed" has no due time, and overrides change the cadence', () => {
    expect(nextUpdateDue(rules.D, new Date('2024-01-01T00:00:00Z'))).toBeNull();
    const p = resolveSeverityPolicy({ levels: { B: { updateEveryMinutes: 90 }, D: { updateEveryMinutes: 60 } } });
    expect(nextUpdateDue(p.rules.B, new Date('2024-01-01T23:00:00Z'))!.toISOString()).toBe('2024-01-02T00:30:00.000Z');
    expect(nextUpdateDue(p.rules.D, new Date('2024-01-01T00:00:00Z'))!.toISOString()).toBe('2024-01-01T01:00:00.000Z');
  });
});
