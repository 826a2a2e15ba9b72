// The reminders tab (issue 6): the same settings card as the chat's `reminders` (on/off, time
// and cadence per task, "Add a task", the deployment switch) and the on-time completion rates per
// team and task. Its buttons go to the same ReminderService calls as in chat, through the shared
// reminder actions (features/reminder-actions.ts): a bad value is refused with the reason and
// changes nothing.
import { renderReminderRatesCard } from '../../cards/reminder-rates-card';
import { REMINDER_VERBS } from '../../cards/reminder-verbs';
import type { ReminderService } from '../../domain/reminders/reminder-service';
import type { Workspace } from '../../domain/workspace';
import { addReminder, int, type ReminderOutcome, saveReminderSettings, toggleReminder } from '../../features/reminder-actions';
import type { AdaptiveCard, TabActionResult, TabViewContext, TabViewProvider } from '../tab-views';
import { tabActor, tabOpId } from './view-support';

export interface RemindersViewDeps {
  service: ReminderService;
  /** The settings card as the chat shows it (a page of tasks from `offset`, with a message). */
  settingsCard(ws: Workspace, opts: { offset?: number; message?: { text: string; ok: boolean } }): Promise<AdaptiveCard>;
  /** Seeds the catalog's tasks on first use; tasks whose role names no channel go to `conversationId`. */
  ensureSeeded(ws: Workspace, conversationId: string): Promise<unknown>;
  /** Where reminders were set up, else a conversation of this workspace where the bot is installed. */
  setupConversation(ws: Workspace): Promise<string | undefined>;
  /** A service whose next custom task gets the id `usr-<id>`. */
  serviceWithId(id: string): ReminderService;
  timeZone: string;
}

export function remindersView(deps: RemindersViewDeps): TabViewProvider {
  const { service } = deps;

  /** After a change: the view itself (first page), or the page the person was on with the message. */
  async function after(ctx: TabViewContext, outcome: ReminderOutcome, offset: number): Promise<TabActionResult> {
    if (!outcome.ok) return { error: outcome.text };
    if (!offset) return;
    return { cards: [await deps.settingsCard(ctx.workspace, { offset, message: { text: outcome.text, ok: true } })] };
  }

  async function act(ctx: TabViewContext, verb: string, data: Record<string, unknown>): Promise<TabActionResult> {
    const ws = ctx.workspace;
    const r = { workspace: ws, data, actorName: tabActor(ctx).name };
    switch (verb) {
      case REMINDER_VERBS.edit:
        return after(ctx, await saveReminderSettings(service, r), int(data.offset) ?? 0);
      case REMINDER_VERBS.toggle:
        return after(ctx, await toggleReminder(service, r), 0);
      case REMINDER_VERBS.add: {
        // A tab posts each click once: a fresh id per request (the chat uses the invoke's id).
        const conversationId = (await deps.setupConversation(ws)) ?? '';
        return after(ctx, await addReminder(service, r, { conversationId, idSeed: tabOpId(), timeZone: deps.timeZone, serviceWithId: deps.serviceWithId }), 0);
      }
      case REMINDER_VERBS.refresh: {
        const offset = int(data.settingsOffset);
        return offset ? { cards: [await deps.settingsCard(ws, { offset })] } : undefined;
      }
      default:
        return { error: 'Done, snooze, skip and reassign are on the reminder cards in the channel. Reload the tab and try again.' };
    }
  }

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
    act,
  };
}
