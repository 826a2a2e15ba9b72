// Cadences as short strings for card choice sets ("weekly:1", "monthly-day:15"), both ways.
import { type Cadence, cadenceProblem, describeCadence, type MonthlyCadence, type Weekday } from './cadence';
import { DEFAULT_BIWEEKLY_ANCHOR } from './catalog';
import { WEEKDAY_NAMES } from './zoned-time';

function monthlyValue(m: MonthlyCadence): string {
  return m.kind === 'monthly-day' ? `monthly-day:${m.day}` : m.kind;
}

export function cadenceChoiceValue(c: Cadence): string {
  switch (c.kind) {
    case 'daily':
    case 'weekdays':
      return c.kind;
    case 'weekly':
      return `weekly:${c.weekday}`;
    case 'biweekly':
      return `biweekly:${c.anchor}`;
    case 'monthly-day':
    case 'monthly-last-day':
    case 'monthly-first-weekday':
      return monthlyValue(c);
    case 'monthly-weekly-during-deployments':
      return `deployments:${c.weekday}:${monthlyValue(c.monthly)}`;
  }
}

/** Parses a choice value; undefined when it is not a valid cadence. */
export function parseCadenceChoice(value: string): Cadence | undefined {
  const v = value.trim();
  let c: unknown;
  const [head, a, ...rest] = v.split(':');
  switch (head) {
    case 'daily':
    case 'weekdays':
    case 'monthly-last-day':
    case 'monthly-first-weekday':
      c = a === undefined ? { kind: head } : undefined;
      break;
    case 'weekly':
      c = { kind: 'weekly', weekday: Number(a) };
      break;
    case 'biweekly':
      c = { kind: 'biweekly', anchor: a ?? DEFAULT_BIWEEKLY_ANCHOR };
      break;
    case 'monthly-day':
      c = { kind: 'monthly-day', day: Number(a) };
      break;
    case 'deployments': {
      const monthly = parseCadenceChoice(rest.join(':'));
      c = monthly && monthly.kind.startsWith('monthly-') && monthly.kind !== 'monthly-weekly-during-deployments'
        ? { kind: 'monthly-weekly-during-deployments', weekday: Number(a), monthly }
        : undefined;
      break;
    }
    default:
      c = undefined;
  }
  return c && !cadenceProblem(c) ? (c as Cadence) : undefined;
}

/** A compact list of choices for a card, always including `current`. */
export function cadenceChoices(current?: Cadence): { title: string; value: string }[] {
  const list: Cadence[] = [
    { kind: 'daily' },
    { kind: 'weekdays' },
    { kind: 'weekly', weekday: 1 as Weekday },
    { kind: 'biweekly', anchor: DEFAULT_BIWEEKLY_ANCHOR },
    { kind: 'monthly-first-weekday' },
    { kind: 'monthly-last-day' },
    { kind: 'monthly-weekly-during-deployments', monthly: { kind: 'monthly-first-weekday' }, weekday: 1 },
  ];
  const out = list.map((c) => ({ title: describeCadence(c), value: cadenceChoiceValue(c) }));
  if (current && !out.some((o) => o.value === cadenceChoiceValue(current))) out.unshift({ title: describeCadence(current), value: cadenceChoiceValue(current) });
  return out;
}

export { WEEKDAY_NAMES };
