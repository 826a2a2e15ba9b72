// Calendar dates and wall-clock times for meetings: a thin layer over the shared zoned-time
// module (domain/time/zoned-time.ts). Meeting dates are calendar arithmetic on local dates;
// only the final step turns "Tuesday 10:00 in Europe/London" into an instant, so DST changes
// never shift a meeting. A repeated hour resolves to the earlier one; a skipped time moves
// forward by the size of the gap (02:30 becomes 03:30), as calendar apps do.
import { type CivilDate, dayNumber, formatCivilDate, isValidTimeZone as validZone, parseCivilDate, toWallTime, wallToInstant } from '../../platform/zoned-time';

export { addDays } from '../../platform/zoned-time';
export type LocalDate = CivilDate;

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
}

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  return typeof timeZone === 'string' && validZone(timeZone);
}

/** The local date and time in `timeZone` at `instant` (minute precision). */
export function localAt(instant: Date, timeZone: string): LocalDateTime {
  const w = toWallTime(instant, timeZone);
  return { year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute };
}

export const daysBetween = (from: LocalDate, to: LocalDate): number => dayNumber(to) - dayNumber(from);
/** ISO weekday: Monday 1 … Sunday 7. */
export const isoWeekday = (d: LocalDate): number => ((dayNumber(d) + 3) % 7 + 7) % 7 + 1;

export function parseLocalDate(text: unknown): LocalDate | undefined {
  return typeof text === 'string' ? parseCivilDate(text) : undefined;
}

export const formatLocalDate = formatCivilDate;

export function instantAt(t: LocalDateTime, timeZone: string): Date {
  return wallToInstant({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute }, timeZone, 'compatible');
}
