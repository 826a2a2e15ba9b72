// Calendar dates and wall-clock times in a named IANA time zone, with Intl only (no date
// library). Meeting dates are calendar arithmetic on local dates; only the final step turns
// "Tuesday 10:00 in Europe/London" into an instant, so DST changes never shift a meeting.

export interface LocalDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || !timeZone || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local date and time in `timeZone` at `instant` (minute precision). */
export function localAt(instant: Date, timeZone: string): LocalDateTime {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute') };
}

const dayNumber = (d: LocalDate) => Math.floor(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
const fromDayNumber = (n: number): LocalDate => {
  const d = new Date(n * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};

export const addDays = (d: LocalDate, days: number): LocalDate => fromDayNumber(dayNumber(d) + days);
export const daysBetween = (from: LocalDate, to: LocalDate): number => dayNumber(to) - dayNumber(from);
/** ISO weekday: Monday 1 … Sunday 7. */
export const isoWeekday = (d: LocalDate): number => ((dayNumber(d) + 3) % 7 + 7) % 7 + 1;

export function parseLocalDate(text: unknown): LocalDate | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const back = fromDayNumber(dayNumber(d));
  return back.year === d.year && back.month === d.month && back.day === d.day ? d : undefined;
}

export const formatLocalDate = (d: LocalDate) => `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

const offsetMinutes = (utcMs: number, timeZone: string) => {
  const w = localAt(new Date(Math.floor(utcMs / 60_000) * 60_000), timeZone);
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(utcMs / 60_000) * 60_000) / 60_000);
};

/**
 * The instant of a wall-clock time in `timeZone`. A time that happens twice (clocks go
 * back) resolves to the earlier one; a time that never happens (clocks go forward) moves
 * forward by the size of the gap (02:30 becomes 03:30), as calendar apps do.
 */
export function instantAt(t: LocalDateTime, timeZone: string): Date {
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
  const before = offsetMinutes(asUtc - 36 * 3_600_000, timeZone);
  const after = offsetMinutes(asUtc + 36 * 3_600_000, timeZone);
  const candidates = [...new Set([before, after])]
    .map((o) => asUtc - o * 60_000)
    .filter((ms) => {
      const w = localAt(new Date(ms), timeZone);
      return w.year === t.year && w.month === t.month && w.day === t.day && w.hour === t.hour && w.minute === t.minute;
    })
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return new Date(candidates[0]);
  return new Date(asUtc - before * 60_000); // in a gap: the pre-transition offset lands after it
}
