// The `reminders` command and every reminder card verb. Parse here, decide in ReminderService,
// render with the reminder cards.
// - `reminders`: seeds the workspace from the catalog on first use and shows the settings card.
// - `reminders rates`: on-time completion rates per team and task.
// - done / snooze / skip / reassign on a digest: ReminderService.act, idempotent per occurrence
//   and verb, so Teams delivering the same invoke three times changes the schedule once; every
//   delivery gets the digest as it stands, updated for everyone.
// - edit / add / toggle / refresh on the settings card: the shared reminder actions
//   (features/reminder-actions.ts, also used by the tab) validate everything before anything is
//   saved, so a bad value shows a message on the card and changes nothing.
import type { TurnContext } from 'botbuilder';
import { REMINDER_VERBS, TASK_VERB_OF } from '../../cards/reminder-verbs';
import type { CompletionRate } from '../../domain/reminders/completion';
import type { ReminderService } from '../../domain/reminders/reminder-service';
import { parseOccurrenceId } from '../../domain/reminders/schedule';
import { addReminder, clipTitle, int, type ReminderActionRequest, type ReminderOutcome, saveReminderSettings, str, toggleReminder } from '../../features/reminder-actions';
import { targetConversationId, workspaceOf } from '../activity-context';
import type { CommandRouter } from '../command-router';
import { cardMessage, plainMessage } from '../replies';
import type { VerbRequest, VerbResponse, VerbRouter } from '../verb-router';
import { type ReminderViews, settingsOffsetOf } from './reminder-views';

export interface ReminderHandlerDeps {
  service: ReminderService;
  views: ReminderViews;
  /** A service whose next custom task gets the id `usr-<id>` (makes "Add" idempotent per invoke). */
  serviceWithId(id: string): ReminderService;
  timeZone: string;
}

type TaskVerbName = keyof typeof TASK_VERB_OF;
/** What `reminders` understands after the word: the rates, or the settings card. */
const SUBCOMMANDS = new Set(['rates', 'rate', 'settings', 'edit']);
const percent = (onTime: number, due: number) => (due ? `${Math.round((100 * onTime) / due)}%` : 'n/a');

export function registerReminderHandlers(commands: CommandRouter, verbs: VerbRouter, deps: ReminderHandlerDeps): void {
  const h = new ReminderHandlers(deps);
  // `reminders rates` and the like are the command; other text after the word is prose (e.g. an answer).
  commands.register('reminders', (c, args) => h.command(c, args), { takes: (args) => SUBCOMMANDS.has(args.trim().toLowerCase()) });
  const v = REMINDER_VERBS;
  for (const verb of [v.done, v.snoozeHour, v.snoozeTomorrow, v.skip] as const) verbs.register(verb, (r) => h.taskAction(r, verb));
  verbs.register(v.reassign, (r) => h.reassign(r));
  verbs.register(v.refresh, (r) => h.refresh(r));
  verbs.register(v.toggle, (r) => h.toggle(r));
  verbs.register(v.edit, (r) => h.edit(r));
  verbs.register(v.add, (r) => h.add(r));
}

class ReminderHandlers {
  constructor(private readonly deps: ReminderHandlerDeps) {}

  // ---- chat -------------------------------------------------------------------------------

  async command(context: TurnContext, args: string): Promise<void> {
    const ws = workspaceOf(context.activity);
    const sub = args.trim().toLowerCase();
    if (sub === 'rates' || sub === 'rate') {
      await context.sendActivity(plainMessage(ratesText(await this.deps.service.rates(ws))));
      return;
    }
    if (sub && !SUBCOMMANDS.has(sub)) {
      await context.sendActivity(plainMessage('I know: reminders (see and change the recurring operations reminders) and reminders rates (on-time completion per team and task).'));
      return;
    }
    const { schedules, seeded } = await this.deps.views.ensureSeeded(ws, targetConversationId(context.activity));
    const message = seeded
      ? { text: `Set up ${schedules.length} reminders from the operations guide. Each goes to its team's channel when the role map names one, otherwise to this conversation.`, ok: true }
      : undefined;
    await context.sendActivity(cardMessage(await this.deps.views.settingsCard(ws, { schedules, ...(message ? { message } : {}) }), 'Recurring operations reminders'));
  }

  // ---- digest card ------------------------------------------------------------------------

  async taskAction(r: VerbRequest, verb: TaskVerbName): Promise<VerbResponse> {
    const occurrenceId = str(r.data.occurrenceId) ?? '';
    const parsed = parseOccurrenceId(occurrenceId);
    if (!parsed) return this.digestFor(r, undefined, false);
    // Keyed by occurrence and verb inside the service: a redelivered invoke is a duplicate.
    const result = await this.deps.service.act(r.workspace, parsed.scheduleId, { verb: TASK_VERB_OF[verb], occurrenceId, by: r.actor.name });
    return this.digestFor(r, { scheduleId: parsed.scheduleId, occurrenceId, by: r.actor.name }, result.outcome !== 'stale');
  }

  async reassign(r: VerbRequest): Promise<VerbResponse> {
    const occurrenceId = str(r.data.reassignTask) ?? '';
    const parsed = parseOccurrenceId(occurrenceId);
    const to = str(r.data.reassignTo) ?? '';
    const choices = await this.deps.views.reassignChoices(r.workspace);
    const choice = choices.find((c) => c.value === to);
    // No team chosen (or not one of ours): the card again, now with the choices, and nothing changed.
    if (!parsed || !choice) return this.digestFor(r, undefined, false);
    const result = await this.deps.service.act(r.workspace, parsed.scheduleId, { verb: 'reassign', occurrenceId, by: r.actor.name, reassignTo: choice.route });
    const status = result.outcome === 'stale' ? undefined : `Handed to ${choice.route.team ?? choice.route.role ?? choice.title} by ${r.actor.name}`;
    return this.digestFor(r, { scheduleId: parsed.scheduleId, occurrenceId, by: r.actor.name, ...(status ? { status } : {}) }, result.outcome !== 'stale');
  }

  async refresh(r: VerbRequest): Promise<VerbResponse> {
    const offset = int(r.data.settingsOffset);
    if (offset !== undefined) return { card: await this.deps.views.settingsCard(r.workspace, { offset }) };
    return this.digestFor(r, undefined, false);
  }

  private async digestFor(r: VerbRequest, acted: Parameters<ReminderViews['digestCard']>[2], forEveryone: boolean): Promise<VerbResponse> {
    const { card, lines } = await this.deps.views.digestCard(r.workspace, r.conversationId, acted);
    if (!lines) return { message: 'No reminders are open here. Type reminders to see every task.' };
    return { card, ...(forEveryone ? { updateForEveryone: true } : {}) };
  }

  // ---- settings card ----------------------------------------------------------------------

  async edit(r: VerbRequest): Promise<VerbResponse> {
    const offset = int(r.data.offset) ?? 0;
    const outcome = await saveReminderSettings(this.deps.service, this.request(r));
    const card = await this.deps.views.settingsCard(r.workspace, { offset, message: { text: outcome.text, ok: outcome.ok } });
    return { card, ...(outcome.ok && outcome.changed ? { updateForEveryone: true } : {}) };
  }

  async toggle(r: VerbRequest): Promise<VerbResponse> {
    return this.afterChange(r, await toggleReminder(this.deps.service, this.request(r)));
  }

  async add(r: VerbRequest): Promise<VerbResponse> {
    // The id comes from the invoke: a redelivered "Add" finds its task already there.
    const outcome = await addReminder(this.deps.service, this.request(r), { conversationId: r.conversationId, idSeed: r.invokeId, timeZone: this.deps.timeZone, serviceWithId: this.deps.serviceWithId });
    return this.afterChange(r, outcome);
  }

  private request(r: VerbRequest): ReminderActionRequest {
    return { workspace: r.workspace, data: r.data, actorName: r.actor.name };
  }

  /** The settings card on the page of the task that changed, updated for everyone; or the reason on the first page. */
  private async afterChange(r: VerbRequest, outcome: ReminderOutcome): Promise<VerbResponse> {
    if (!outcome.ok) return { card: await this.deps.views.settingsCard(r.workspace, { message: { text: outcome.text, ok: false } }) };
    const schedules = await this.deps.service.list(r.workspace);
    const offset = outcome.focusId ? settingsOffsetOf(schedules, outcome.focusId) : 0;
    return { card: await this.deps.views.settingsCard(r.workspace, { schedules, offset, message: { text: outcome.text, ok: true } }), updateForEveryone: true };
  }
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
