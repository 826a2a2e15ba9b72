import { describe, expect, it } from 'vitest';
import { formatMeeting, nextMeeting, upcomingMeetings, validateCadence, type MeetingCadence } from '../../../bot/src/domain/ops/cadence';
import { instantAt } from '../../../bot/src/domain/ops/zoned-date';

const london: MeetingCadence = { everyWeeks: 2, weekday: 'tuesday', time: '10:00', timeZone: 'Europe/London', startsOn: '2025-03-03' };

describe('meeting cadence', () => {
  it('meets every N weeks on the weekday at the local time, counted from the start date', () => {
    const list = upcomingMeetings(london, new Date('2025-03-01T00:00:00Z'), 3).map((d) => d.toISOString());
    expect(list).toEqual(['2025-03-04T10:00:00.000Z', '2025-03-18T10:00:00.000Z', '2025-04-01T09:00:00.000Z']);
  });

  it('keeps 10:00 local across the spring and autumn DST changes', () => {
    const spring = upcomingMeetings({ ...london, everyWeeks: 1, startsOn: '2025-03-20' }, new Date('2025-03-20T00:00:00Z'), 2);
    expect(spring.map((d) => d.toISOString())).toEqual(['2025-03-25T10:00:00.000Z', '2025-04-01T09:00:00.000Z']); // GMT, then BST from 30 March
    const before = nextMeeting({ ...london, everyWeeks: 1, timeZone: 'America/New_York', weekday: 'sunday', startsOn: '2025-10-01' }, new Date('2025-10-27T00:00:00Z'));
    expect(before.toISOString()).toBe('2025-11-02T15:00:00.000Z'); // 10:00 EST, the day clocks went back
    expect(formatMeeting(before, 'America/New_York')).toBe('Sunday 2 November 2025, 10:00 (America/New_York)');
  });

  it('moves a meeting time that falls in the DST gap forward, and takes the earlier of a repeated hour', () => {
    expect(instantAt({ year: 2025, month: 3, day: 30, hour: 1, minute: 30 }, 'Europe/London').toISOString()).toBe('2025-03-30T01:30:00.000Z'); // 02:30 BST
    expect(instantAt({ year: 2025, month: 10, day: 26, hour: 1, minute: 30 }, 'Europe/London').toISOString()).toBe('2025-10-26T00:30:00.000Z'); // first 01:30 (BST)
  });

  it('skips the meeting that already started today', () => {
    expect(nextMeeting(london, new Date('2025-03-04T10:00:00Z')).toISOString()).toBe('2025-03-18T10:00:00.000Z');
    expect(nextMeeting(london, new Date('2025-03-04T09:59:00Z')).toISOString()).toBe('2025-03-04T10:00:00.000Z');
  });

  it('works east of UTC where the local date is ahead', () => {
    const tokyo: MeetingCadence = { everyWeeks: 1, weekday: 'monday', time: '08:00', timeZone: 'Asia/Tokyo', startsOn: '2025-01-06' };
    expect(nextMeeting(tokyo, new Date('2025-03-02T22:30:00Z')).toISOString()).toBe('2025-03-02T23:00:00.000Z');
  });

  it('validates with clear messages', () => {
    expect(validateCadence({ everyWeeks: 0 })).toMatchObject({ ok: false, message: expect.stringContaining('1 to 13') });
    expect(validateCadence({ timeZone: 'Mars/Olympus' })).toMatchObject({ ok: false, message: expect.stringContaining('IANA') });
    expect(validateCadence({ time: '25:00' })).toMatchObject({ ok: false, message: expect.stringContaining('HH:MM') });
    expect(validateCadence({ startsOn: '2025-02-30' })).toMatchObject({ ok: false, message: expect.stringContaining('YYYY-MM-DD') });
    expect(validateCadence({ weekday: 'Funday' })).toMatchObject({ ok: false, message: expect.stringContaining('Monday (monday)') });
    expect(validateCadence({ everyWeeks: '3', weekday: 'Friday', time: '9:05', timeZone: 'Asia/Kolkata', startsOn: '2025-05-01' })).toEqual({ ok: true, value: { everyWeeks: 3, weekday: 'friday', time: '09:05', timeZone: 'Asia/Kolkata', startsOn: '2025-05-01' } });
  });
});
