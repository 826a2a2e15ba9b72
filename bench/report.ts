// What every section hands back to bench/run.ts: printable lines and goals. A goal is one
// figure measured over rounds (min/median/max) with its limit; PASS/FAIL is computed here from
// the numbers, never written by hand. Sections print nothing that is not derived from a
// measurement.

export interface Summary {
  min: number;
  median: number;
  max: number;
  n: number;
}

export interface Goal {
  section: string;
  name: string;
  /** Unit of the values ("×", "ms", "s", "count", "KB"). */
  unit: string;
  /** Upper bound (inclusive) the judged figure must stay within. */
  limit: number;
  /** Which figure over the rounds is judged: the median (noisy ratios) or the max (counts that must hold in every round). */
  judged: 'median' | 'max';
  values: number[];
  /** What the values are: 'rounds' (default), 'loads', ... */
  over: string;
  min: number;
  median: number;
  max: number;
  pass: boolean;
}

export interface SectionResult {
  lines: string[];
  goals: Goal[];
}

export interface BenchContext {
  quick: boolean;
  /** --rounds=N: overrides every section's default number of rounds. */
  rounds?: number;
  /** --turns=N: turns per bot-turn measurement. */
  turns?: number;
  /** --channels=N: channels in the reminders dispatch. */
  channels?: number;
}

export function summarize(values: readonly number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return { min: NaN, median: NaN, max: NaN, n: 0 };
  const m = Math.floor(s.length / 2);
  return { min: s[0]!, median: s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2, max: s[s.length - 1]!, n: s.length };
}

export const median = (values: readonly number[]) => summarize(values).median;

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** "1.23 / 1.45 / 1.80" with a fixed number of decimals. */
export function mmm(values: readonly number[], digits = 2): string {
  const s = summarize(values);
  return `${s.min.toFixed(digits)} / ${s.median.toFixed(digits)} / ${s.max.toFixed(digits)}`;
}

export function goal(section: string, name: string, values: readonly number[], limit: number, unit: string, judged: Goal['judged'] = 'median', over = 'rounds'): Goal {
  const s = summarize(values);
  const figure = judged === 'median' ? s.median : s.max;
  return { section, name, unit, limit, judged, values: [...values], over, min: s.min, median: s.median, max: s.max, pass: Number.isFinite(figure) && figure <= limit };
}

function num(v: number, unit: string): string {
  if (!Number.isFinite(v)) return String(v);
  if (unit === 'count') return String(Math.round(v));
  if (unit === '×') return v.toFixed(2);
  if (unit === 'ms') return v.toFixed(0);
  if (unit === 's') return v.toFixed(2);
  return v.toFixed(1);
}

/** One printable line: the figure over the rounds next to its goal and the verdict. */
export function goalLine(g: Goal): string {
  const u = g.unit === 'count' ? '' : g.unit === '×' ? '×' : ` ${g.unit}`;
  const figures = g.values.length > 1
    ? `min/median/max ${num(g.min, g.unit)} / ${num(g.median, g.unit)} / ${num(g.max, g.unit)}${u} over ${g.values.length} ${g.over}`
    : `${num(g.median, g.unit)}${u} (1 ${g.over.replace(/s$/, '')})`;
  return `${g.pass ? 'PASS' : 'FAIL'}  ${g.name.padEnd(54)} ${figures.padEnd(58)} goal ${g.judged} ≤ ${num(g.limit, g.unit)}${u}`;
}
