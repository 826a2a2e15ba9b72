import { describe, expect, it } from 'vitest';
import { AVAILABILITY_DERIVATION, monthAvailability } from '../../../bot/src/domain/review-pack/availability';
import { defaultPackMonth, firstWorkingDay, packMayBeDue, parsePackMonth, scheduledPackDue } from '../../../bot/src/domain/review-pack/pack-month';

const november = { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-12-01T00:00:00Z') };
const after = new Date('2026-12-05T00:00:00Z');
const MONTH_MINUTES = 30 * 24 * 60;

describe('availability derived from outage incidents', () => {
  it('seed 003: severity 1 and A incidents are the ones that impact service availability', () => {
    const a = monthAvailability([
      { id: 'SR-1', severity: 'A', startedAt: '2026-11-03T08:00:00Z', resolvedAt: '2026-11-03T10:00:00Z' },
      { id: 'SR-2', severity: 'B', startedAt: '2026-11-04T08:00:00Z', resolvedAt: '2026-11-05T08:00:00Z' },
    ], november, after, 2);
    expect(a).toMatchObject({ kind: 'measured', outageMinutes: 120, monthMinutes: MONTH_MINUTES, outages: ['SR-1'] });
    if (a.kind === 'measured') expect(a.percent).toBe(Math.floor((1 - 120 / MONTH_MINUTES) * 100_000) / 1000);
  });

  it('overlapping outages count once, and an outage is clipped to the month', () => {
    const a = monthAvailability([
      { id: 'SR-1', severity: '1', startedAt: '2026-10-31T23:00:00Z', resolvedAt: '2026-11-01T01:00:00Z' },
      { id: 'SR-2', severity: 'A', startedAt: '2026-11-01T00:30:00Z', resolvedAt: '2026-11-01T02:00:00Z' },
    ], november, after, 1);
    expect(a).toMatchObject({ kind: 'measured', outageMinutes: 120 });
  });

  it('an outage still open counts up to now, and the month in progress is measured to date', () => {
    const a = monthAvailability([{ id: 'SR-1', severity: 'A', startedAt: '2026-11-10T00:00:00Z' }], november, new Date('2026-11-10T03:00:00Z'), 1);
    const minutesSoFar = 9 * 24 * 60 + 180;
    expect(a).toMatchObject({ kind: 'measured', outageMinutes: 180, monthMinutes: minutesSoFar, monthToDate: true, derivation: expect.stringMatching(/month to date/) });
    if (a.kind === 'measured') expect(a.percent).toBe(Math.floor((1 - 180 / minutesSoFar) * 100_000) / 1000);
  });

  it('says how it is derived, and a month without any incident is "not measured"', () => {
    expect(monthAvailability([], november, after, 3)).toMatchObject({ kind: 'measured', percent: 100, derivation: AVAILABILITY_DERIVATION });
    expect(monthAvailability([], november, after, 0)).toMatchObject({ kind: 'not-measured' });
    expect(AVAILABILITY_DERIVATION).toMatch(/severity 1 and A/);
  });
});

describe('the pack month', () => {
  it('seed 003: the service review is monthly, so the default pack is the last full month', () => {
    expect(defaultPackMonth(new Date('2026-12-02T10:00:00Z'), 'UTC')).toEqual({ year: 2026, month: 11 });
    expect(defaultPackMonth(new Date('2027-01-01T00:30:00Z'), 'UTC')).toEqual({ year: 2026, month: 12 });
    // Still 31 December in New York.
    expect(defaultPackMonth(new Date('2027-01-01T00:30:00Z'), 'America/New_York')).toEqual({ year: 2026, month: 11 });
  });

  it('reads YYYY-MM and refuses anything else or a month not begun', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    expect(parsePackMonth('2026-11', now, 'UTC')).toEqual({ ok: true, month: { year: 2026, month: 11 } });
    expect(parsePackMonth('2026-13', now, 'UTC')).toMatchObject({ ok: false, error: expect.stringMatching(/YYYY-MM/) });
    expect(parsePackMonth('november', now, 'UTC')).toMatchObject({ ok: false });
    expect(parsePackMonth('2027-01', now, 'UTC')).toMatchObject({ ok: false, error: expect.stringMatching(/not started/) });
  });

  it('seed 003: the monthly review pack goes out on the first working day of the month, from 09:00', () => {
    expect(firstWorkingDay({ year: 2026, month: 12 })).toBe(1); // a Tuesday
    expect(firstWorkingDay({ year: 2026, month: 11 })).toBe(2); // 1 November is a Sunday
    expect(firstWorkingDay({ year: 2026, month: 8 })).toBe(3); // Saturday 1, Sunday 2
    expect(scheduledPackDue(new Date('2026-11-02T09:00:00Z'), 'UTC')).toEqual({ year: 2026, month: 10 });
    expect(scheduledPackDue(new Date('2026-11-02T08:59:00Z'), 'UTC')).toBeUndefined();
    expect(scheduledPackDue(new Date('2026-11-03T09:00:00Z'), 'UTC')).toBeUndefined();
  });
});

describe('when the job may skip reading the zones', () => {
  it('a pack due in any zone, from UTC+14 to UTC−12, falls on a UTC day the quick check lets through', () => {
    const zones = ['Pacific/Kiritimati', 'Asia/Tokyo', 'UTC', 'America/New_York', 'Etc/GMT+12'];
    let due = 0;
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 3_600_000) {
      const now = new Date(t);
      for (const zone of zones) {
        if (!scheduledPackDue(now, zone)) continue;
        due++;
        expect(packMayBeDue(now), `${now.toISOString()} in ${zone}`).toBe(true);
      }
    }
    expect(due).toBeGreaterThan(0);
    // Mid-month nothing can be due anywhere.
    expect(packMayBeDue(new Date('2026-11-15T12:00:00Z'))).toBe(false);
  });
});
