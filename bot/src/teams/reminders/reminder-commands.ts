// The `reminders` command. Parse here, decide in ReminderService, render with the reminder
// cards; the card verbs are reminder-actions.ts.
// - `reminders`: seeds the workspace from the catalog on first use and shows a compact summary
//   with a link to the reminders tab, where the full settings form is (too heavy for chat).
// - `reminders rates`: on-time completion rates per team and task, the tab's rates card.
import type { TurnContext } from 'botbuilder';
import { renderReminderRatesCard } from '../../cards/reminder-rates-card';
import type { ReminderService } from '../../domain/reminders/reminder-service';
import { tabLink, type TabLinkTarget } from '../../domain/tab-link';
import { channelData, targetConversationId, workspaceOf } from '../activity-context';
import type { CommandRouter } from '../command-router';
import { cardMessage, plainMessage } from '../replies';
import type { ReminderViews } from './reminder-views';

export interface ReminderCommandDeps {
  service: ReminderService;
  views: ReminderViews;
  /** Where the summary's link to the reminders view goes: the channel tab in Teams, else the tab page. */
  links: TabLinkTarget;
}

/** What `reminders` understands after the word: the rates, or the settings summary. */
const SUBCOMMANDS = new Set(['rates', 'rate', 'settings', 'edit']);

export function registerReminderCommands(commands: CommandRouter, deps: ReminderCommandDeps): void {
  // `reminders rates` and the like are the command; other text after the word is prose (e.g. an answer).
  commands.register('reminders', (c, args) => remindersCommand(deps, c, args), { takes: (args) => SUBCOMMANDS.has(args.trim().toLowerCase()) });
}

async function remindersCommand(deps: ReminderCommandDeps, context: TurnContext, args: string): Promise<void> {
  const ws = workspaceOf(context.activity);
  const sub = args.trim().toLowerCase();
  if (sub === 'rates' || sub === 'rate') {
    await context.sendActivity(cardMessage(renderReminderRatesCard({ rates: await deps.service.rates(ws) }), 'On-time completion'));
    return;
  }
  if (sub && !SUBCOMMANDS.has(sub)) {
    await context.sendActivity(plainMessage('I know: reminders (see and change the recurring operations reminders) and reminders rates (on-time completion per team and task).'));
    return;
  }
  const { schedules, seeded } = await deps.views.ensureSeeded(ws, targetConversationId(context.activity));
  const message = seeded
    ? `Set up ${schedules.length} reminders from the operations guide. Each goes to its team's channel when the role map names one, otherwise to this conversation.`
    : undefined;
  const settingsUrl = tabLink(deps.links, 'reminders', ws, undefined, 'Reminders', { channelId: channelData(context.activity).channel?.id });
  await context.sendActivity(cardMessage(await deps.views.summaryCard(ws, { schedules, settingsUrl, ...(message ? { message } : {}) }), 'Recurring operations reminders'));
}
