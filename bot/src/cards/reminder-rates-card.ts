// On-time completion of the recurring operations tasks, per team and then per task (the
// reminders tab, and the chat's `reminders rates`). Team names and task titles are user text:
// they go into TextRuns and show literally.
import type { CompletionRate } from '../domain/reminders/completion';
import template from './templates/reminder-rates.json';
import { expandTemplate } from './template';

/** Task lines on one card (the card stays under 25 KB); the rest are counted. */
export const MAX_RATE_LINES = 60;

const percent = (onTime: number, due: number) => (due ? `${Math.round((100 * onTime) / due)}%` : 'n/a');
const clipText = (s: string, max: number) => (s.length > max ? s.slice(0, max - 1) + '…' : s);

export function rateFigures(r: { due: number; onTime: number; late?: number; skipped: number }): string {
  return `${r.onTime} of ${r.due} on time (${percent(r.onTime, r.due)})${r.late ? `, ${r.late} late` : ''}${r.skipped ? `, ${r.skipped} skipped` : ''}`;
}

export interface RateTeam {
  team: string;
  due: number;
  onTime: number;
  skipped: number;
  tasks: CompletionRate[];
}

/** Per team (alphabetical), the sums of its tasks and the tasks themselves. */
export function ratesByTeam(rates: readonly CompletionRate[]): RateTeam[] {
  const teams = new Map<string, RateTeam>();
  for (const r of rates) {
    const t = teams.get(r.team) ?? { team: r.team, due: 0, onTime: 0, skipped: 0, tasks: [] };
    t.due += r.due;
    t.onTime += r.onTime;
    t.skipped += r.skipped;
    t.tasks.push(r);
    teams.set(r.team, t);
  }
  return [...teams.values()].sort((a, b) => a.team.localeCompare(b.team));
}

export function renderReminderRatesCard(input: { rates: readonly CompletionRate[] }): Record<string, unknown> {
  const teams = ratesByTeam(input.rates);
  let budget = MAX_RATE_LINES;
  const shown = teams.map((t) => {
    const tasks = t.tasks.slice(0, Math.max(0, budget));
    budget -= tasks.length;
    return {
      team: clipText(t.team, 120),
      figures: `: ${rateFigures(t)}`,
      tasks: tasks.map((r) => ({ title: clipText(r.title, 160), figures: ` · ${rateFigures(r)}` })),
    };
  });
  const hidden = input.rates.length - MAX_RATE_LINES;
  const due = teams.reduce((n, t) => n + t.due, 0);
  const onTime = teams.reduce((n, t) => n + t.onTime, 0);
  return expandTemplate(template, {
    summary: input.rates.length
      ? `${onTime} of ${due} reminders done on time (${percent(onTime, due)}) across ${teams.length} team${teams.length === 1 ? '' : 's'}. A reminder that passed while still open counts as due and not on time; skipped ones are left out.`
      : 'No reminder has been marked done or skipped yet, so there are no completion rates. They appear once tasks are handled from the reminder cards.',
    teams: shown,
    more: hidden > 0 ? `${hidden} more task${hidden === 1 ? '' : 's'} not shown: the card lists the first ${MAX_RATE_LINES}.` : '',
  });
}
