// Which month a review pack covers, and when the monthly one is due. Seed 003 has the service
// delivery manager hold a service review every month of the operate phase; the pack is the
// month before by default, and the scheduled one goes out on the first working day after it.
import { toWallTime } from '../../platform/zoned-time';

export interface PackMonth {
  year: number;
  /** 1-12 */
  month: number;
}

const NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const monthKey = (m: PackMonth) => `${m.year}-${String(m.month).padStart(2, '0')}`;
export const monthName = (m: PackMonth) => `${NAMES[m.month - 1]} ${m.year}`;

export function previousMonth(m: PackMonth): PackMonth {
  return m.month === 1 ? { year: m.year - 1, month: 12 } : { year: m.year, month: m.month - 1 };
}

/** The last full month at `now` in the workspace's zone: the pack `review pack` shows by default. */
export function defaultPackMonth(now: Date, timeZone: string): PackMonth {
  const wall = toWallTime(now, timeZone);
  return previousMonth({ year: wall.year, month: wall.month });
}

/** "2026-11" → the month; anything else, or a month after `now`'s, is refused with a reason. */
export function parsePackMonth(text: string, now: Date, timeZone: string): { ok: true; month: PackMonth } | { ok: false; error: string } {
  const match = /^(\d{4})-(\d{2})$/.exec(text.trim());
  const month = match ? { year: Number(match[1]), month: Number(match[2]) } : undefined;
  if (!month || month.month < 1 || month.month > 12 || month.year < 2000) {
    return { ok: false, error: `"${text.trim().slice(0, 20)}" is not a month: write it as YYYY-MM, for example review pack 2026-11.` };
  }
  const wall = toWallTime(now, timeZone);
  if (month.year > wall.year || (month.year === wall.year && month.month > wall.month)) {
    return { ok: false, error: `${monthName(month)} has not started yet: a pack covers a month that has begun, usually the last one.` };
  }
  return { ok: true, month };
}

/** Day of the month of the first Monday-to-Friday day (public holidays are not known here). */
export function firstWorkingDay(m: PackMonth): number {
  for (let day = 1; day <= 3; day++) {
    const weekday = new Date(Date.UTC(m.year, m.month - 1, day)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) return day;
  }
  return 3;
}

/** Hour of the day (workspace zone) from which the scheduled pack is posted on that day. */
export const SCHEDULED_POST_HOUR = 9;

/**
 * Whether a scheduled pack can be due in any zone at `now`: the first working day is a local day
 * 1 to 3, and zones run from UTC−12 to UTC+14, so that is UTC day 1 to 4 or a month's last day.
 * Lets the job skip reading each workspace's zone on the other days.
 */
export function packMayBeDue(now: Date): boolean {
  const day = now.getUTCDate();
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  return day <= 4 || day === last;
}

/**
 * The month whose pack is due at `now`: on the first working day of a month, from 09:00 in the
 * zone, the month before is due; on any other day nothing is.
 */
export function scheduledPackDue(now: Date, timeZone: string): PackMonth | undefined {
  const wall = toWallTime(now, timeZone);
  const current = { year: wall.year, month: wall.month };
  if (wall.day !== firstWorkingDay(current) || wall.hour < SCHEDULED_POST_HOUR) return undefined;
  return previousMonth(current);
}
