// The reminders tab: the same settings card as the chat's `reminders` (on/off, time and cadence
// per task, "Add a task", the deployment switch) and the on-time completion rates per team and
// task. Its buttons are the reminder card actions (teams/reminders/reminder-actions.ts), as in
// chat: a bad value is refused with the reason and changes nothing.
import { renderReminderRatesCard } from '../../cards/reminder-rates-card';
import { REMINDER_VERBS } from '../../cards/reminder-verbs';
import type { ReminderService } from '../../domain/reminders/reminder-service';
import type { Workspace } from '../../domain/workspace';
import type { ActionRegistry } from '../../teams/card-actions';
import type { AdaptiveCard, TabViewProvider } from '../tab-views';

/** The settings card's verbs; the digest's buttons act in the channel it was sent to. */
const SETTINGS_VERBS = [REMINDER_VERBS.edit, REMINDER_VERBS.toggle, REMINDER_VERBS.add, REMINDER_VERBS.refresh];

export interface RemindersViewDeps {
  service: ReminderService;
  /** The settings card as the chat shows it (a page of tasks from `offset`, with a message). */
  settingsCard(ws: Workspace, opts: { offset?: number; message?: { text: string; ok: boolean } }): Promise<AdaptiveCard>;
  /** Seeds the catalog's tasks on first use; tasks whose role names no channel go to `conversationId`. */
  ensureSeeded(ws: Workspace, conversationId: string): Promise<unknown>;
  /** Where reminders were set up, else a conversation of this workspace where the bot is installed. */
  setupConversation(ws: Workspace): Promise<string | undefined>;
  /** The reminder card actions. */
  actions: ActionRegistry;
}

export function remindersView(deps: RemindersViewDeps): TabViewProvider {
  const { service } = deps;

  return {
    id: 'reminders',
    title: 'Recurring operations reminders',
    description: 'The recurring operations tasks with their time, cadence and on/off switch, and on-time completion per team and task.',
    async render(ctx) {
      const ws = ctx.workspace;
      if (!(await service.list(ws)).length) {
        // First use, as with `reminders` in chat: the catalog's tasks, routed through the role map.
        const conversationId = await deps.setupConversation(ws);
        if (!conversationId) {
          return { cards: [], empty: { title: 'No reminders yet', text: 'Service Ops has no conversation here to send reminders to. In the channel, type "@Service Ops reminders" to set them up.' } };
        }
        await deps.ensureSeeded(ws, conversationId);
      }
      const [settings, rates] = await Promise.all([deps.settingsCard(ws, {}), service.rates(ws)]);
      return { cards: [settings, renderReminderRatesCard({ rates })] };
    },
    actions: { registry: deps.actions, verbs: SETTINGS_VERBS, refuse: () => 'Done, snooze, skip and reassign are on the reminder cards in the channel. Reload the tab and try again.' },
  };
}
