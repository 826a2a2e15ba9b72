// The `reminders` command and every reminder card verb. Parse here, decide in ReminderService,
// render with the reminder cards.
// - `reminders`: seeds the workspace from the catalog on first use and shows the settings card.
// - `reminders rates`: on-time completion rates per team and task.
// - done / snooze / skip / reassign on a digest: ReminderService.act, idempotent per occurrence
//   and verb, so Teams delivering the same invoke three times changes the schedule once; every
//   delivery gets the digest as it stands, updated for everyone.
// - edit / add / toggle / refresh on the settings card: everything is validated before anything
//   is saved, so a bad value shows a message on the card and changes nothing.
import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { REMINDER_VERBS, TASK_VERB_OF } from '../../cards/reminder-verbs';
import { cadenceChoiceValue, parseCadenceChoice } from '../../domain/reminders/cadence-choice';
import type { CompletionRate } from '../../domain/reminders/completion';
import type { ReminderService } from '../../domain/reminders/reminder-service';
import { editProblems, parseOccurrenceId, type ReminderSchedule, ScheduleError, type ScheduleEdit } from '../../domain/reminders/schedule';
import { targetConversationId, workspaceOf } from '../activity-context';
import type { CommandRouter } from '../command-router';
import { cardMessage, plainMessage } from '../replies';
import type { VerbRequest, VerbResponse, VerbRouter } from '../verb-router';
import { clipTitle, type ReminderViews, settingsOffsetOf } from './reminder-views';

export interface ReminderHandlerDeps {
  service: ReminderService;
  views: ReminderViews;
  /** A service whose next custom task gets the id `usr-<id>` (makes "Add" idempotent per invoke). */
  serviceWithId(id: string): ReminderService;
  timeZone: string;
}

type TaskVerbName = keyof typeof TASK_VERB_OF;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
const int = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : Number(str(v));
  return Number.isInteger(n) && n >= 0 ? n : undefined;
};
/** Input.Time may arrive with seconds ("09:30:00"); the schedule keeps HH:mm. */
const normalTime = (v: string) => (/^\d{2}:\d{2}:00$/.test(v.trim()) ? v.trim().slice(0, 5) : v.trim());
const percent = (onTime: number, due: number) => (due ? `${Math.round((100 * onTime) / due)}%` : 'n/a');

export function registerReminderHandlers(commands: CommandRouter, verbs: VerbRouter, deps: ReminderHandlerDeps): void {
  const h = new ReminderHandlers(deps);
  commands.register('reminders', (c, args) => h.command(c, args));
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
    if (sub && sub !== 'settings' && sub !== 'edit') {
      await context.sendActivity(plainMessage('I know: reminders (see and change the recurring operations reminders) and reminders rates (on-time completion per team and task).'));
      return;
    }
    const { schedules, seeded } = await this.deps.views.ensureSeeded(ws, targetConversationId(context.activity));
    // Also tells the scheduler which teams its digests can offer in "Reassign".
    await this.deps.views.reassignChoices(ws);
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
    const ws = r.workspace;
    const offset = int(r.data.offset) ?? 0;
    const ids = Array.isArray(r.data.ids) ? r.data.ids.filter((x): x is string => typeof x === 'string') : [];
    const [schedules, settings] = await Promise.all([this.deps.service.list(ws), this.deps.service.settings(ws)]);
    const byId = new Map(schedules.map((s) => [s.id, s]));
    const changes: { s: ReminderSchedule; edit: ScheduleEdit }[] = [];
    const problems: string[] = [];
    for (const id of ids) {
      const s = byId.get(id);
      if (!s) continue;
      const edit: ScheduleEdit = {};
      const enabled = str(r.data[`enabled.${id}`]);
      if (enabled !== undefined) {
        if (enabled !== 'true' && enabled !== 'false') problems.push(`"${clipTitle(s.title)}": on/off must be true or false.`);
        else if ((enabled === 'true') !== s.enabled) edit.enabled = enabled === 'true';
      }
      const time = str(r.data[`time.${id}`]);
      if (time !== undefined && normalTime(time) !== s.time) edit.time = normalTime(time);
      const cadence = str(r.data[`cadence.${id}`]);
      if (cadence !== undefined && cadence.trim() !== cadenceChoiceValue(s.cadence)) {
        const parsed = parseCadenceChoice(cadence);
        if (!parsed) problems.push(`"${clipTitle(s.title)}": "${clipTitle(cadence, 40)}" is not a cadence I know; choose one from the list.`);
        else edit.cadence = parsed;
      }
      for (const p of editProblems(edit)) problems.push(`"${clipTitle(s.title)}": ${p}`);
      if (Object.keys(edit).length) changes.push({ s, edit });
    }
    const deployment = str(r.data.deploymentMode);
    if (deployment !== undefined && deployment !== 'true' && deployment !== 'false') problems.push('The deployment switch must be on or off.');
    const deploymentChange = deployment !== undefined && (deployment === 'true') !== settings.deploymentMode ? deployment === 'true' : undefined;
    if (problems.length) {
      return { card: await this.deps.views.settingsCard(ws, { schedules, offset, message: { text: `${problems.join(' ')} Nothing was saved.`, ok: false } }) };
    }
    try {
      for (const { s, edit } of changes) await this.deps.service.edit(ws, s.id, edit);
      if (deploymentChange !== undefined) await this.deps.service.setDeploymentMode(ws, deploymentChange);
    } catch (e) {
      if (!(e instanceof ScheduleError)) throw e;
      return { card: await this.deps.views.settingsCard(ws, { offset, message: { text: e.message, ok: false } }) };
    }
    const count = changes.length + (deploymentChange !== undefined ? 1 : 0);
    // A redelivered Save finds nothing left to change and says so with the same card.
    const text = count
      ? `${r.actor.name} saved ${count === 1 ? '1 change' : `${count} changes`}.`
      : 'Everything is saved as shown.';
    return { card: await this.deps.views.settingsCard(ws, { offset, message: { text, ok: true } }), ...(count ? { updateForEveryone: true } : {}) };
  }

  async toggle(r: VerbRequest): Promise<VerbResponse> {
    const id = str(r.data.scheduleId) ?? '';
    const enabled = r.data.enabled === true || r.data.enabled === 'true' ? true : r.data.enabled === false || r.data.enabled === 'false' ? false : undefined;
    if (enabled === undefined) return { card: await this.deps.views.settingsCard(r.workspace, { message: { text: 'Say whether the reminder should be on or off. Nothing was saved.', ok: false } }) };
    try {
      const s = await this.deps.service.edit(r.workspace, id, { enabled });
      const schedules = await this.deps.service.list(r.workspace);
      return {
        card: await this.deps.views.settingsCard(r.workspace, { schedules, offset: settingsOffsetOf(schedules, s.id), message: { text: `${r.actor.name} turned "${clipTitle(s.title)}" ${enabled ? 'on' : 'off'}.`, ok: true } }),
        updateForEveryone: true,
      };
    } catch (e) {
      if (!(e instanceof ScheduleError)) throw e;
      return { card: await this.deps.views.settingsCard(r.workspace, { message: { text: e.message, ok: false } }) };
    }
  }

  async add(r: VerbRequest): Promise<VerbResponse> {
    const ws = r.workspace;
    const title = (str(r.data.newTitle) ?? '').trim();
    const time = normalTime(str(r.data.newTime) || '09:00');
    const cadenceText = str(r.data.newCadence) || 'weekly:1';
    const cadence = parseCadenceChoice(cadenceText);
    const problems = editProblems({ title, time });
    if (!cadence) problems.push(`"${clipTitle(cadenceText, 40)}" is not a cadence I know; choose one from the list.`);
    if (problems.length) return { card: await this.deps.views.settingsCard(ws, { message: { text: `${problems.join(' ')} Nothing was added.`, ok: false } }) };
    // The id comes from the invoke: a redelivered "Add" finds its task already there.
    const id = createHash('sha256').update(`${r.conversationId}|${r.invokeId || `${title}|${time}|${cadenceText}`}`).digest('hex').slice(0, 24);
    const scheduleId = `usr-${id}`;
    let added: ReminderSchedule | undefined = (await this.deps.service.list(ws)).find((s) => s.id === scheduleId);
    if (!added) {
      try {
        added = await this.deps.serviceWithId(id).addCustom(ws, { title, time, timeZone: this.deps.timeZone, cadence: cadence!, targetConversationId: r.conversationId });
      } catch (e) {
        if (!(e instanceof ScheduleError)) throw e;
        added = (await this.deps.service.list(ws)).find((s) => s.id === scheduleId);
        if (!added) return { card: await this.deps.views.settingsCard(ws, { message: { text: `${e.message} Nothing was added.`, ok: false } }) };
      }
    }
    const schedules = await this.deps.service.list(ws);
    return {
      card: await this.deps.views.settingsCard(ws, { schedules, offset: settingsOffsetOf(schedules, added.id), message: { text: `${r.actor.name} added "${clipTitle(added.title)}".`, ok: true } }),
      updateForEveryone: true,
    };
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
