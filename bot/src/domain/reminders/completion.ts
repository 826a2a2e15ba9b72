// On-time completion rates per task and team, for the steering agenda and the tabs.
// Rate = occurrences done on time / occurrences that fell due. An occurrence that passed while
// the task was still open counts as due and not on time; skipped occurrences are deliberate
// decisions and are left out of both sides.
import type { CompletionRecord } from './actions';

export interface CompletionRate {
  scheduleId: string;
  title: string;
  team: string;
  due: number;
  onTime: number;
  late: number;
  skipped: number;
  /** 0..1, or undefined when nothing fell due yet. */
  rate?: number;
}

export function completionRates(records: readonly CompletionRecord[]): CompletionRate[] {
  const by = new Map<string, CompletionRate>();
  for (const r of records) {
    const k = `${r.scheduleId}\u0000${r.team}`;
    let c = by.get(k);
    if (!c) by.set(k, (c = { scheduleId: r.scheduleId, title: r.title, team: r.team, due: 0, onTime: 0, late: 0, skipped: 0 }));
    if (r.outcome === 'skipped') {
      c.skipped++;
      continue;
    }
    c.due += 1 + r.missed;
    if (r.onTime) c.onTime++;
    else c.late++;
  }
  return [...by.values()].map((c) => (c.due ? { ...c, rate: c.onTime / c.due } : c)).sort((a, b) => a.team.localeCompare(b.team) || a.title.localeCompare(b.title));
}

/** Rates rolled up per team. */
export function teamRates(records: readonly CompletionRecord[]): { team: string; due: number; onTime: number; rate?: number }[] {
  const by = new Map<string, { team: string; due: number; onTime: number }>();
  for (const c of completionRates(records)) {
    const t = by.get(c.team) ?? { team: c.team, due: 0, onTime: 0 };
    t.due += c.due;
    t.onTime += c.onTime;
    by.set(c.team, t);
  }
  return [...by.values()].map((t) => (t.due ? { ...t, rate: t.onTime / t.due } : t));
}
