// Wall-clock time in a named IANA time zone <-> instants, using only Intl (no date library).
// Civil dates are plain {year, month, day} values; arithmetic on them goes through UTC days,
// which have no daylight saving, so "the next day" is always exactly one calendar day.

export interface CivilDate {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

export interface WallTime {
  hour: number;
  minute: number;
}

export interface ZonedParts extends CivilDate, WallTime {
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading in `timeZone` at `instant`. */
export function zonedParts(instant: Date | number, timeZone: string): ZonedParts {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const parts = formatter(timeZone).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const year = get('year');
  const month = get('month');
  const day = get('day');
  return { year, month, day, hour: get('hour') % 24, minute: get('minute'), second: get('second'), weekday: weekdayOf({ year, month, day }) };
}

/** UTC offset (ms, east positive) of `timeZone` at `instant`. */
export function offsetAt(instantMs: number, timeZone: string): number {
  const p = zonedParts(instantMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time`.
 * In a DST gap (the wall time does not exist) the result moves forward by the gap's length
 * (02:30 on a spring-forward night becomes 03:30); in an overlap (it exists twice) it is the
 * first of the two.
 */
export function zonedToInstant(date: CivilDate, time: WallTime, timeZone: string): Date {
  const guess = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  // The true instant is within ±14 h of `guess`; the offsets a day either side are the ones
  // before and after any transition near it.
  const before = offsetAt(guess - 86_400_000, timeZone);
  const after = offsetAt(guess + 86_400_000, timeZone);
  const candidates = [...new Set([guess - before, guess - after])].filter((t) => {
    const p = zonedParts(t, timeZone);
    return p.year === date.year && p.month === date.month && p.day === date.day && p.hour === time.hour && p.minute === time.minute;
  });
  if (candidates.length) return new Date(Math.min(...candidates));
  // Gap: interpret with the offset in force before the transition, which lands after it.
  return new Date(guess - before);
}

export function civilDateOf(instant: Date | number, timeZone: string): CivilDate {
  const p = zonedParts(instant, timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

export function dayNumber(d: CivilDate): number {
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

export function fromDayNumber(n: number): CivilDate {
  const d = new Date(n * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addDays(d: CivilDate, days: number): CivilDate {
  return fromDayNumber(dayNumber(d) + days);
}

export function weekdayOf(d: CivilDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseCivilDate(text: string): CivilDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > daysInMonth(d.year, d.month)) return undefined;
  return d;
}

export function formatCivilDate(d: CivilDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export function parseWallTime(text: string): WallTime | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}

export function formatWallTime(t: WallTime): string {
  return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
