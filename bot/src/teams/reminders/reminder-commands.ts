// The `reminders` command. Parse here, decide in ReminderService, render with the reminder
// cards; the card verbs are reminder-actions.ts.
// - `reminders`: seeds the workspace from the catalog on first use and shows the settings card.
// - `reminders rates`: on-time completion rates per team and task.
import type { TurnContext } from 'botbuilder';
import type { CompletionRate } from '../../domain/reminders/completion';
import type { ReminderService } from '../../domain/reminders/reminder-service';
import { targetConversationId, workspaceOf } from '../activity-context';
import type { CommandRouter } from '../command-router';
import { cardMessage, plainMessage } from '../replies';
import { clipTitle, type ReminderViews } from './reminder-views';

export interface ReminderCommandDeps {
  service: ReminderService;
  views: ReminderViews;
}

/** What `reminders` understands after the word: the rates, or the settings card. */
const SUBCOMMANDS = new Set(['rates', 'rate', 'settings', 'edit']);
const percent = (onTime: number, due: number) => (due ? `${Math.round((100 * onTime) / due)}%` : 'n/a');

export function registerReminderCommands(commands: CommandRouter, deps: ReminderCommandDeps): void {
  // `reminders rates` and the like are the command; other text after the word is prose (e.g. an answer).
  commands.register('reminders', (c, args) => remindersCommand(deps, c, args), { takes: (args) => SUBCOMMANDS.has(args.trim().toLowerCase()) });
}

async function remindersCommand(deps: ReminderCommandDeps, context: TurnContext, args: string): Promise<void> {
  const ws = workspaceOf(context.activity);
  const sub = args.trim().toLowerCase();
  if (sub === 'rates' || sub === 'rate') {
    await context.sendActivity(plainMessage(ratesText(await deps.service.rates(ws))));
    return;
  }
  if (sub && !SUBCOMMANDS.has(sub)) {
    await context.sendActivity(plainMessage('I know: reminders (see and change the recurring operations reminders) and reminders rates (on-time completion per team and task).'));
    return;
  }
  const { schedules, seeded } = await deps.views.ensureSeeded(ws, targetConversationId(context.activity));
  const message = seeded
    ? { text: `Set up ${schedules.length} reminders from the operations guide. Each goes to its team's channel when the role map names one, otherwise to this conversation.`, ok: true }
    : undefined;
  await context.sendActivity(cardMessage(await deps.views.settingsCard(ws, { schedules, ...(message ? { message } : {}) }), 'Recurring operations reminders'));
}

/** On-time completion per team, then per task (plain text: titles are shown literally). */
export function ratesText(rates: readonly CompletionRate[]): string {
  if (!rates.length) return 'No reminder has been marked done or skipped yet, so there are no completion rates. They appear once tasks are handled from the reminder cards.';
  const teams = new Map<string, { due: number; onTime: number; skipped: number }>();
  for (const r of rates) {
    const t = teams.get(r.team) ?? { due: 0, onTime: 0, skipped: 0 };
    t.due += r.due;
    t.onTime += r.onTime;
    t.skipped += r.skipped;
    teams.set(r.team, t);
  }
  const lines = ['On-time completion of the recurring operations tasks:'];
  for (const [team, t] of [...teams.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    lines.push('', `${team}: ${t.onTime} of ${t.due} on time (${percent(t.onTime, t.due)})${t.skipped ? `, ${t.skipped} skipped` : ''}`);
    for (const r of rates.filter((x) => x.team === team)) {
      lines.push(`- ${clipTitle(r.title, 90)}: ${r.onTime} of ${r.due} on time (${percent(r.onTime, r.due)})${r.late ? `, ${r.late} late` : ''}${r.skipped ? `, ${r.skipped} skipped` : ''}`);
    }
  }
  return lines.join('\n');
}
