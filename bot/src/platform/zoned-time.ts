// Wall-clock time in a named IANA zone <-> absolute instants, using Intl only: the one place
// that knows about DST gaps and overlaps. Incidents (update cadences, monthly figures),
// reminders (task cadences) and the steering committee (meeting dates) all build on it.

export interface WallTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

/** How to read a wall time that happens twice (clocks go back) or never (clocks go forward). */
export type Disambiguation = 'compatible' | 'earlier' | 'later' | 'reject';

export class InvalidWallTimeError extends Error {
  override name = 'InvalidWallTimeError';
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
      era: 'short',
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

/** en-US with h23 and the era: `7/1/2024 AD, 09:00:00`. */
const FORMATTED = /^(\d+)\/(\d+)\/(\d+) (AD|BC), (\d+):(\d+):(\d+)$/;

/** The wall-clock reading in `timeZone` at `instant` (seconds precision). */
export function toWallTime(instant: Date, timeZone: string): WallTime {
  // Schedulers call this for every occurrence they plan: UTC needs no Intl, and one formatted
  // string is read several times faster than formatToParts' objects.
  if (timeZone === 'UTC') {
    return { year: instant.getUTCFullYear(), month: instant.getUTCMonth() + 1, day: instant.getUTCDate(), hour: instant.getUTCHours(), minute: instant.getUTCMinutes(), second: instant.getUTCSeconds() };
  }
  const m = FORMATTED.exec(formatter(timeZone).format(instant));
  if (m) {
    const year = Number(m[3]);
    return { year: m[4] === 'BC' ? 1 - year : year, month: Number(m[1]), day: Number(m[2]), hour: Number(m[5]) % 24, minute: Number(m[6]), second: Number(m[7]) };
  }
  return fromParts(instant, timeZone);
}

/** The same reading from formatToParts, for an ICU whose formatted string differs. */
function fromParts(instant: Date, timeZone: string): WallTime {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  return { year, month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

function wallAsUtcMs(w: WallTime): number {
  const ms = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second ?? 0);
  // Date.UTC maps years 0-99 to 1900-1999; keep the literal year.
  if (w.year >= 0 && w.year < 100) return new Date(ms).setUTCFullYear(w.year);
  return ms;
}

/** Offset of the zone from UTC at `instant`, in minutes (east positive: Asia/Kolkata is +330). */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
  const floored = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((wallAsUtcMs(toWallTime(new Date(floored), timeZone)) - floored) / 60_000);
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute && (a.second ?? 0) === (b.second ?? 0);
}

/**
 * The instant at which clocks in `timeZone` show `wall`. Zone offsets change at most once a
 * day in practice, so the offsets a day before and a day after cover every candidate:
 * two valid candidates = an overlap (clocks went back), none = a gap (clocks went forward).
 * 'compatible' (the default, as in Temporal and RFC 5545) takes the earlier of an overlap
 * and moves a gap time forward by the gap's length (01:30 in a 01:00→02:00 gap is 02:30).
 */
export function wallToInstant(wall: WallTime, timeZone: string, disambiguation: Disambiguation = 'compatible'): Date {
  validateWall(wall);
  const local = wallAsUtcMs(wall);
  const before = offsetMinutesAt(new Date(local - 86_400_000), timeZone);
  const after = offsetMinutesAt(new Date(local + 86_400_000), timeZone);
  const candidates = [...new Set([before, after])]
    .map((off) => local - off * 60_000)
    .filter((t) => sameWall(toWallTime(new Date(t), timeZone), { ...wall, second: wall.second ?? 0 }))
    .sort((a, b) => a - b);
  if (candidates.length > 0) {
    if (candidates.length > 1 && disambiguation === 'reject') throw new InvalidWallTimeError(`${formatWall(wall)} happens twice in ${timeZone}`);
    return new Date(disambiguation === 'later' ? candidates[candidates.length - 1]! : candidates[0]!);
  }
  if (disambiguation === 'reject') throw new InvalidWallTimeError(`${formatWall(wall)} does not exist in ${timeZone} (the clocks skip it)`);
  // Gap: reading the wall time with the offset from before the change lands after the gap.
  return new Date(disambiguation === 'earlier' ? local - after * 60_000 : local - before * 60_000);
}

function validateWall(w: WallTime): void {
  const ok =
    Number.isInteger(w.year) && Number.isInteger(w.month) && w.month >= 1 && w.month <= 12 && Number.isInteger(w.day) && w.day >= 1 &&
    w.day <= daysInMonth(w.year, w.month) && Number.isInteger(w.hour) && w.hour >= 0 && w.hour <= 23 && Number.isInteger(w.minute) &&
    w.minute >= 0 && w.minute <= 59 && (w.second === undefined || (Number.isInteger(w.second) && w.second >= 0 && w.second <= 59));
  if (!ok) throw new InvalidWallTimeError(`${formatWall(w)} is not a valid date and time`);
}

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(new Date(0).setUTCFullYear(year, month, 0)).getUTCDate();
}

// ---- calendar dates: arithmetic through UTC days, which have no daylight saving -------------

export interface CivilDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
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

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(d: CivilDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

/** "YYYY-MM-DD" that names a real day, or undefined. */
export function parseCivilDate(text: string): CivilDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > daysInMonth(d.year, d.month)) return undefined;
  return d;
}

export function formatCivilDate(d: CivilDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatWall(w: WallTime): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "2024-03-31 02:30 UTC+01:00": unambiguous even inside a DST overlap. */
export function formatInZone(instant: Date, timeZone: string): string {
  return `${formatWall(toWallTime(instant, timeZone))} ${formatOffset(offsetMinutesAt(instant, timeZone))}`;
}

/** First instant of a calendar month in the zone, and of the month after it. */
export function monthRange(year: number, month: number, timeZone: string): { start: Date; end: Date } {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    start: wallToInstant({ year, month, day: 1, hour: 0, minute: 0 }, timeZone),
    end: wallToInstant({ year: next.year, month: next.month, day: 1, hour: 0, minute: 0 }, timeZone),
  };
}

/** Adds calendar days to a wall date, then resolves it in the zone (for "yesterday 14:00"). */
export function addWallDays(w: WallTime, days: number): WallTime {
  const d = new Date(wallAsUtcMs(w) + days * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: w.hour, minute: w.minute, second: w.second ?? 0 };
}
