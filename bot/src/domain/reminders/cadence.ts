// Cadences of recurring tasks and the next-occurrence maths, in the schedule's own time zone.
import {
  addDays, type CivilDate, civilDateOf, dayNumber, daysInMonth, formatCivilDate, parseCivilDate, parseWallTime,
  type TimeOfDay, weekdayOf, WEEKDAY_NAMES, zonedToInstant,
} from './zoned-time';

/** 0 = Sunday … 6 = Saturday */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export type MonthlyCadence =
  | { kind: 'monthly-day'; /** 1-31, clamped to the month's last day */ day: number }
  | { kind: 'monthly-last-day' }
  | { kind: 'monthly-first-weekday' };

export type Cadence =
  | { kind: 'daily' }
  | { kind: 'weekdays' }
  | { kind: 'weekly'; weekday: Weekday }
  /** Every other week on the anchor's weekday, counting from the anchor date (a local date). */
  | { kind: 'biweekly'; anchor: string }
  | MonthlyCadence
  /** Monthly normally; weekly on `weekday` while the workspace's deployment switch is on. */
  | { kind: 'monthly-weekly-during-deployments'; monthly: MonthlyCadence; weekday: Weekday };

export interface CadenceContext {
  /** The workspace's "during deployments" switch. */
  deploymentMode: boolean;
}

export class CadenceError extends Error {
  override name = 'CadenceError';
}

/** Checks a cadence from card data or the tab API; returns a clear message or undefined. */
export function cadenceProblem(c: unknown): string | undefined {
  if (!c || typeof c !== 'object') return 'A cadence is required.';
  const x = c as Record<string, unknown>;
  const weekdayOk = (w: unknown) => Number.isInteger(w) && (w as number) >= 0 && (w as number) <= 6;
  switch (x.kind) {
    case 'daily':
    case 'weekdays':
    case 'monthly-last-day':
    case 'monthly-first-weekday':
      return undefined;
    case 'weekly':
      return weekdayOk(x.weekday) ? undefined : 'A weekly cadence needs a weekday (0 = Sunday … 6 = Saturday).';
    case 'biweekly':
      return typeof x.anchor === 'string' && parseCivilDate(x.anchor) ? undefined : 'A biweekly cadence needs a start date (YYYY-MM-DD).';
    case 'monthly-day':
      return Number.isInteger(x.day) && (x.day as number) >= 1 && (x.day as number) <= 31 ? undefined : 'A monthly day must be between 1 and 31.';
    case 'monthly-weekly-during-deployments': {
      const m = x.monthly as Record<string, unknown> | undefined;
      if (!m || !['monthly-day', 'monthly-last-day', 'monthly-first-weekday'].includes(String(m.kind))) return 'Say which day of the month.';
      return cadenceProblem(m) ?? (weekdayOk(x.weekday) ? undefined : 'Say which weekday to use during deployments.');
    }
    default:
      return `Unknown cadence ${JSON.stringify(x.kind)}.`;
  }
}

function matchesMonthly(c: MonthlyCadence, d: CivilDate): boolean {
  const last = daysInMonth(d.year, d.month);
  switch (c.kind) {
    case 'monthly-day':
      return d.day === Math.min(c.day, last);
    case 'monthly-last-day':
      return d.day === last;
    case 'monthly-first-weekday': {
      // The first Monday-Friday of the month: day 1 unless it is a weekend.
      const w1 = weekdayOf({ ...d, day: 1 });
      const first = w1 === 6 ? 3 : w1 === 0 ? 2 : 1;
      return d.day === first;
    }
  }
}

/** Whether the cadence has an occurrence on this local date. */
export function occursOn(c: Cadence, d: CivilDate, ctx: CadenceContext): boolean {
  const w = weekdayOf(d);
  switch (c.kind) {
    case 'daily':
      return true;
    case 'weekdays':
      return w >= 1 && w <= 5;
    case 'weekly':
      return w === c.weekday;
    case 'biweekly': {
      const anchor = parseCivilDate(c.anchor);
      if (!anchor) throw new CadenceError(`bad biweekly anchor ${c.anchor}`);
      const diff = dayNumber(d) - dayNumber(anchor);
      return ((diff % 14) + 14) % 14 === 0;
    }
    case 'monthly-day':
    case 'monthly-last-day':
    case 'monthly-first-weekday':
      return matchesMonthly(c, d);
    case 'monthly-weekly-during-deployments':
      return ctx.deploymentMode ? w === c.weekday : matchesMonthly(c.monthly, d);
  }
}

// Long enough for any cadence above (the longest gap is a month); a guard against loops.
const MAX_SCAN_DAYS = 400;

/**
 * The first occurrence strictly after `after`, at `time` local time in `timeZone`.
 * The scan starts a day before `after`'s local date because a zone west of UTC can still be on
 * the previous calendar day.
 */
export function nextOccurrence(c: Cadence, time: TimeOfDay, timeZone: string, after: Date, ctx: CadenceContext): Date {
  const start = addDays(civilDateOf(after, timeZone), -1);
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    const d = addDays(start, i);
    if (!occursOn(c, d, ctx)) continue;
    const at = zonedToInstant(d, time, timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new CadenceError(`no occurrence within ${MAX_SCAN_DAYS} days`);
}

/** Occurrences in (from, to], at most `limit` (used to count what was missed during downtime). */
export function occurrencesBetween(c: Cadence, time: TimeOfDay, timeZone: string, from: Date, to: Date, ctx: CadenceContext, limit = 1000): Date[] {
  const out: Date[] = [];
  let cur = from;
  while (out.length < limit) {
    const next = nextOccurrence(c, time, timeZone, cur, ctx);
    if (next.getTime() > to.getTime()) break;
    out.push(next);
    cur = next;
  }
  return out;
}

export function parseTime(text: string): TimeOfDay {
  const t = parseWallTime(text);
  if (!t) throw new CadenceError(`"${text}" is not a time of day (HH:mm, 24-hour).`);
  return t;
}

const ORDINAL = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;

function describeMonthly(c: MonthlyCadence): string {
  switch (c.kind) {
    case 'monthly-day':
      return c.day >= 29 ? `monthly on the ${ORDINAL(c.day)} (or the month's last day)` : `monthly on the ${ORDINAL(c.day)}`;
    case 'monthly-last-day':
      return 'monthly on the last day';
    case 'monthly-first-weekday':
      return 'monthly on the first weekday';
  }
}

/** Human wording for cards and the tab. */
export function describeCadence(c: Cadence): string {
  switch (c.kind) {
    case 'daily':
      return 'daily';
    case 'weekdays':
      return 'every weekday';
    case 'weekly':
      return `weekly on ${WEEKDAY_NAMES[c.weekday]}`;
    case 'biweekly': {
      const a = parseCivilDate(c.anchor);
      return a ? `every other ${WEEKDAY_NAMES[weekdayOf(a)]} (from ${formatCivilDate(a)})` : 'every other week';
    }
    case 'monthly-day':
    case 'monthly-last-day':
    case 'monthly-first-weekday':
      return describeMonthly(c);
    case 'monthly-weekly-during-deployments':
      return `${describeMonthly(c.monthly)}; weekly on ${WEEKDAY_NAMES[c.weekday]} during deployments`;
  }
}
