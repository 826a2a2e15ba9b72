// Reminder cadences in a named IANA time zone: a thin layer over the shared zoned-time module
// (domain/time/zoned-time.ts), which owns the DST rules. A time in a gap moves forward by the
// gap's length (02:30 on a spring-forward night is 03:30); in an overlap it is the first one.
import { type CivilDate, toWallTime, wallToInstant, offsetMinutesAt, weekdayOf } from '../../platform/zoned-time';

export { addDays, type CivilDate, dayNumber, daysInMonth, formatCivilDate, fromDayNumber, isValidTimeZone, parseCivilDate, weekdayOf } from '../../platform/zoned-time';

export interface TimeOfDay {
  hour: number;
  minute: number;
}

export interface ZonedParts extends CivilDate, TimeOfDay {
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

/** The wall-clock reading in `timeZone` at `instant`. */
export function zonedParts(instant: Date | number, timeZone: string): ZonedParts {
  const w = toWallTime(new Date(instant), timeZone);
  const date = { year: w.year, month: w.month, day: w.day };
  return { ...date, hour: w.hour, minute: w.minute, second: w.second ?? 0, weekday: weekdayOf(date) };
}

/** UTC offset (ms, east positive) of `timeZone` at `instant`. */
export function offsetAt(instantMs: number, timeZone: string): number {
  return offsetMinutesAt(new Date(instantMs), timeZone) * 60_000;
}

/** The instant at which the wall clock in `timeZone` shows `date` `time`. */
export function zonedToInstant(date: CivilDate, time: TimeOfDay, timeZone: string): Date {
  return wallToInstant({ ...date, hour: time.hour, minute: time.minute }, timeZone, 'compatible');
}

export function civilDateOf(instant: Date | number, timeZone: string): CivilDate {
  const w = toWallTime(new Date(instant), timeZone);
  return { year: w.year, month: w.month, day: w.day };
}

export function parseWallTime(text: string): TimeOfDay | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}

export function formatWallTime(t: TimeOfDay): string {
  return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
