// When the steering committee meets: every N weeks on a weekday at a local time in the
// workspace's time zone, counted from a start date. Pure calendar maths on local dates.
import { type Outcome, choiceField, OpsValidationError, textField, validated } from './common';
import { addDays, daysBetween, formatLocalDate, instantAt, isoWeekday, isValidTimeZone, type LocalDate, localAt, parseLocalDate } from './zoned-date';

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';
export const WEEKDAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
export const WEEKDAY_LABELS: Record<Weekday, string> = { monday: 'Monday', tuesday: 'Tuesday', wednesday: 'Wednesday', thursday: 'Thursday', friday: 'Friday', saturday: 'Saturday', sunday: 'Sunday' };
export const MAX_EVERY_WEEKS = 13;

export interface MeetingCadence {
  /** Meets every this many weeks (1-13). */
  everyWeeks: number;
  weekday: Weekday;
  /** Local start time, "HH:MM" (24-hour). */
  time: string;
  /** IANA time zone, e.g. "Europe/London". */
  timeZone: string;
  /** "YYYY-MM-DD": the first meeting is the first `weekday` on or after this date. */
  startsOn: string;
}

/** Monthly-ish by default: every 4 weeks, Tuesday 10:00 UTC, counted from Monday 6 January 2025. */
export const DEFAULT_CADENCE: MeetingCadence = { everyWeeks: 4, weekday: 'tuesday', time: '10:00', timeZone: 'UTC', startsOn: '2025-01-06' };

export interface CadenceInput { everyWeeks?: unknown; weekday?: unknown; time?: unknown; timeZone?: unknown; startsOn?: unknown }

export function validateCadence(input: CadenceInput, base: MeetingCadence = DEFAULT_CADENCE): Outcome<MeetingCadence> {
  return validated(() => {
    const out = { ...base };
    if (input.everyWeeks !== undefined) {
      const n = typeof input.everyWeeks === 'string' ? Number(input.everyWeeks.trim()) : input.everyWeeks;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_EVERY_WEEKS) throw new OpsValidationError(`"Every how many weeks" is a whole number from 1 to ${MAX_EVERY_WEEKS}.`);
      out.everyWeeks = n;
    }
    if (input.weekday !== undefined) out.weekday = choiceField('Weekday', typeof input.weekday === 'string' ? input.weekday.toLowerCase() : input.weekday, WEEKDAYS, WEEKDAY_LABELS);
    if (input.time !== undefined) {
      const t = textField('Time', input.time, 5);
      const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(t);
      if (!m) throw new OpsValidationError(`Time is "HH:MM" on a 24-hour clock, e.g. 14:30; "${t}" is not.`);
      out.time = `${m[1]!.padStart(2, '0')}:${m[2]}`;
    }
    if (input.timeZone !== undefined) {
      const tz = textField('Time zone', input.timeZone, 64);
      if (!isValidTimeZone(tz)) throw new OpsValidationError(`"${tz}" is not a time zone name; use an IANA name such as Europe/London or America/New_York.`);
      out.timeZone = tz;
    }
    if (input.startsOn !== undefined) {
      const d = parseLocalDate(input.startsOn);
      if (!d) throw new OpsValidationError('The start date is a calendar date written YYYY-MM-DD, e.g. 2025-03-04.');
      out.startsOn = formatLocalDate(d);
    }
    return out;
  });
}

function firstMeetingDate(c: MeetingCadence): LocalDate {
  const start = parseLocalDate(c.startsOn) ?? parseLocalDate(DEFAULT_CADENCE.startsOn)!;
  const wanted = WEEKDAYS.indexOf(c.weekday) + 1;
  return addDays(start, (wanted - isoWeekday(start) + 7) % 7);
}

function meetingInstant(c: MeetingCadence, d: LocalDate): Date {
  const [h, m] = c.time.split(':').map(Number) as [number, number];
  return instantAt({ ...d, hour: h, minute: m }, c.timeZone);
}

/** The next `count` meetings that start after `now`. */
export function upcomingMeetings(c: MeetingCadence, now: Date, count = 1): Date[] {
  const period = 7 * c.everyWeeks;
  const first = firstMeetingDate(c);
  const today = localAt(now, c.timeZone);
  const elapsed = daysBetween(first, today);
  // The meeting on or after today's local date; if it has already started, the one after.
  let k = elapsed <= 0 ? 0 : Math.ceil(elapsed / period);
  const out: Date[] = [];
  while (out.length < count) {
    const at = meetingInstant(c, addDays(first, k * period));
    if (at.getTime() > now.getTime()) out.push(at);
    k++;
  }
  return out;
}

export function nextMeeting(c: MeetingCadence, now: Date): Date {
  return upcomingMeetings(c, now, 1)[0]!;
}

/** "Tuesday 4 March 2025, 10:00 (Europe/London)" */
export function formatMeeting(instant: Date, timeZone: string): string {
  // Assembled from parts: the punctuation of formatted dates differs between ICU versions.
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} (${timeZone})`;
}

export function describeCadence(c: MeetingCadence): string {
  const every = c.everyWeeks === 1 ? 'Every week' : `Every ${c.everyWeeks} weeks`;
  return `${every} on ${WEEKDAY_LABELS[c.weekday]} at ${c.time} (${c.timeZone})`;
}
