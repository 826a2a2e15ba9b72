// Every reminder card verb (cards/reminder-verbs.ts), declared once for the chat and the
// reminders tab:
// - done / snooze / skip / reassign on a digest: ReminderService.act, idempotent per occurrence
//   and verb, so Teams delivering the same invoke three times changes the schedule once; every
//   delivery gets the digest as it stands, updated for everyone. A digest lives in a channel, so
//   these verbs are the chat's;
// - edit / add / toggle / refresh on the settings card: every field is validated before anything
//   is saved, so a bad value shows the reason and changes nothing.
import { createHash } from 'node:crypto';
import { REMINDER_VERBS as V, TASK_VERB_OF } from '../../cards/reminder-verbs';
import { bool, type CardData, field, int, str } from '../../domain/card-data';
import { cadenceChoiceValue, parseCadenceChoice } from '../../domain/reminders/cadence-choice';
import type { ReminderService } from '../../domain/reminders/reminder-service';
import { editProblems, parseOccurrenceId, type ReminderSchedule, ScheduleError, type ScheduleEdit } from '../../domain/reminders/schedule';
import type { Workspace } from '../../domain/workspace';
import { type ActionContext, ActionRegistry, type ActionResult, type CardAction, defineAction } from '../card-actions';
import { type ActedLine, clipTitle, type ReminderViews, settingsOffsetOf } from './reminder-views';

export interface ReminderActionDeps {
  service: ReminderService;
  views: ReminderViews;
  /** A service whose next custom task gets the id `usr-<id>` (makes "Add" idempotent per delivery). */
  serviceWithId(id: string): ReminderService;
  /** Where a task added outside a conversation (the tab) sends its reminders. */
  setupConversation(ws: Workspace): Promise<string | undefined>;
  timeZone: string;
}

type Make = (deps: ReminderActionDeps) => CardAction;
/** What a settings change did: the message, and which task to bring into view. */
type Outcome = { ok: true; text: string; changed: number; focusId?: string } | { ok: false; text: string };

const IN_THE_CHANNEL = 'Done, snooze, skip and reassign are on the reminder cards in the channel.';
/** Input.Time may arrive with seconds ("09:30:00"); the schedule keeps HH:mm. */
const normalTime = (v: string) => (/^\d{2}:\d{2}:00$/.test(v.trim()) ? v.trim().slice(0, 5) : v.trim());

/** The digest of the conversation the card is in, as it stands now; none open: a line saying so. */
async function digest(deps: ReminderActionDeps, ctx: ActionContext, acted: ActedLine | undefined, forEveryone: boolean): Promise<ActionResult> {
  if (ctx.surface.kind !== 'conversation') return { error: IN_THE_CHANNEL };
  const { card, lines } = await deps.views.digestCard(ctx.workspace, ctx.surface.conversationId, acted);
  if (!lines) return { message: 'No reminders are open here. Type reminders to see every task.' };
  return forEveryone ? { card, forEveryone } : { card };
}

/** After a change: the settings card on the page of the task that changed, for everyone; or the reason on the first page. */
function afterChange(deps: ReminderActionDeps, ws: Workspace, outcome: Outcome): ActionResult {
  if (!outcome.ok) return { view: () => deps.views.settingsCard(ws, { message: { text: outcome.text, ok: false } }), problem: outcome.text };
  const view = async () => {
    const schedules = await deps.service.list(ws);
    const offset = outcome.focusId ? settingsOffsetOf(schedules, outcome.focusId) : 0;
    return deps.views.settingsCard(ws, { schedules, offset, message: { text: outcome.text, ok: true } });
  };
  return { view, forEveryone: true };
}

const taskAction = (verb: keyof typeof TASK_VERB_OF & (typeof V)['done' | 'snoozeHour' | 'snoozeTomorrow' | 'skip']): Make => (deps) => defineAction({
  verb,
  parse: (d) => ({ occurrenceId: str(d.occurrenceId) ?? '' }),
  async run({ occurrenceId }, ctx) {
    const parsed = parseOccurrenceId(occurrenceId);
    if (!parsed || ctx.surface.kind !== 'conversation') return digest(deps, ctx, undefined, false);
    // Keyed by occurrence and verb inside the service: a redelivered invoke is a duplicate.
    const result = await deps.service.act(ctx.workspace, parsed.scheduleId, { verb: TASK_VERB_OF[verb], occurrenceId, by: ctx.actor.name });
    return digest(deps, ctx, { scheduleId: parsed.scheduleId, occurrenceId, by: ctx.actor.name }, result.outcome !== 'stale');
  },
});

const reassign: Make = (deps) => defineAction({
  verb: V.reassign,
  parse: (d) => ({ occurrenceId: str(d.reassignTask) ?? '', to: str(d.reassignTo) ?? '' }),
  async run({ occurrenceId, to }, ctx) {
    const parsed = parseOccurrenceId(occurrenceId);
    const choice = ctx.surface.kind === 'conversation' ? (await deps.views.reassignChoices(ctx.workspace)).find((c) => c.value === to) : undefined;
    // No team chosen (or not one of ours): the card again, now with the choices, and nothing changed.
    if (!parsed || !choice) return digest(deps, ctx, undefined, false);
    const by = ctx.actor.name;
    const result = await deps.service.act(ctx.workspace, parsed.scheduleId, { verb: 'reassign', occurrenceId, by, reassignTo: choice.route });
    const status = result.outcome === 'stale' ? undefined : `Handed to ${choice.route.team ?? choice.route.role ?? choice.title} by ${by}`;
    return digest(deps, ctx, { scheduleId: parsed.scheduleId, occurrenceId, by, ...(status ? { status } : {}) }, result.outcome !== 'stale');
  },
});

/** The digest again; with { settingsOffset }, a page of the settings card (its first page is the tab's view). */
const refresh: Make = (deps) => defineAction({
  verb: V.refresh,
  parse: (d) => ({ offset: int(d.settingsOffset) }),
  async run({ offset }, ctx) {
    if (offset === undefined && ctx.surface.kind === 'conversation') return digest(deps, ctx, undefined, false);
    const card = () => deps.views.settingsCard(ctx.workspace, { offset: offset ?? 0 });
    return offset ? { card: await card() } : { view: card };
  },
});

const toggle: Make = (deps) => defineAction({
  verb: V.toggle,
  parse: (d) => ({ scheduleId: str(d.scheduleId) ?? '', enabled: bool(d.enabled) }),
  async run({ scheduleId, enabled }, ctx) {
    if (enabled === undefined) return afterChange(deps, ctx.workspace, { ok: false, text: 'Say whether the reminder should be on or off. Nothing was saved.' });
    try {
      const s = await deps.service.edit(ctx.workspace, scheduleId, { enabled });
      return afterChange(deps, ctx.workspace, { ok: true, changed: 1, focusId: s.id, text: `${ctx.actor.name} turned "${clipTitle(s.title)}" ${enabled ? 'on' : 'off'}.` });
    } catch (e) {
      if (!(e instanceof ScheduleError)) throw e;
      return afterChange(deps, ctx.workspace, { ok: false, text: e.message });
    }
  },
});

/** The settings card's inputs: per task shown `enabled.<id>`, `time.<id>`, `cadence.<id>`, and the deployment switch. */
function settingsInputs(d: CardData) {
  const ids = Array.isArray(d.ids) ? d.ids.filter((x): x is string => typeof x === 'string') : [];
  return {
    rows: ids.map((id) => ({ id, enabled: str(field(d, `enabled.${id}`)), time: str(field(d, `time.${id}`)), cadence: str(field(d, `cadence.${id}`)) })),
    deployment: str(d.deploymentMode),
    offset: int(d.offset) ?? 0,
  };
}

/** What Save asks to change, or the problems with it (nothing is saved then). */
function settingsEdits(schedules: readonly ReminderSchedule[], rows: ReturnType<typeof settingsInputs>['rows']): { changes: { s: ReminderSchedule; edit: ScheduleEdit }[]; problems: string[] } {
  const byId = new Map(schedules.map((s) => [s.id, s]));
  const changes: { s: ReminderSchedule; edit: ScheduleEdit }[] = [];
  const problems: string[] = [];
  for (const row of rows) {
    const s = byId.get(row.id);
    if (!s) continue;
    const edit: ScheduleEdit = {};
    if (row.enabled !== undefined) {
      if (row.enabled !== 'true' && row.enabled !== 'false') problems.push(`"${clipTitle(s.title)}": on/off must be true or false.`);
      else if ((row.enabled === 'true') !== s.enabled) edit.enabled = row.enabled === 'true';
    }
    if (row.time !== undefined && normalTime(row.time) !== s.time) edit.time = normalTime(row.time);
    if (row.cadence !== undefined && row.cadence.trim() !== cadenceChoiceValue(s.cadence)) {
      const parsed = parseCadenceChoice(row.cadence);
      if (!parsed) problems.push(`"${clipTitle(s.title)}": "${clipTitle(row.cadence, 40)}" is not a cadence I know; choose one from the list.`);
      else edit.cadence = parsed;
    }
    for (const p of editProblems(edit)) problems.push(`"${clipTitle(s.title)}": ${p}`);
    if (Object.keys(edit).length) changes.push({ s, edit });
  }
  return { changes, problems };
}

async function saveSettings(service: ReminderService, ws: Workspace, input: ReturnType<typeof settingsInputs>, actorName: string): Promise<Outcome> {
  const [schedules, settings] = await Promise.all([service.list(ws), service.settings(ws)]);
  const { changes, problems } = settingsEdits(schedules, input.rows);
  const { deployment } = input;
  if (deployment !== undefined && deployment !== 'true' && deployment !== 'false') problems.push('The deployment switch must be on or off.');
  const deploymentChange = deployment !== undefined && (deployment === 'true') !== settings.deploymentMode ? deployment === 'true' : undefined;
  if (problems.length) return { ok: false, text: `${problems.join(' ')} Nothing was saved.` };
  try {
    for (const { s, edit } of changes) await service.edit(ws, s.id, edit);
    if (deploymentChange !== undefined) await service.setDeploymentMode(ws, deploymentChange);
  } catch (e) {
    if (!(e instanceof ScheduleError)) throw e;
    return { ok: false, text: e.message };
  }
  const changed = changes.length + (deploymentChange !== undefined ? 1 : 0);
  // A redelivered Save finds nothing left to change and says so.
  return { ok: true, changed, text: changed ? `${actorName} saved ${changed === 1 ? '1 change' : `${changed} changes`}.` : 'Everything is saved as shown.' };
}

/** Save on the settings card: the page the person was on, with what happened. */
const edit: Make = (deps) => defineAction({
  verb: V.edit,
  parse: settingsInputs,
  async run(input, ctx) {
    const ws = ctx.workspace;
    const outcome = await saveSettings(deps.service, ws, input, ctx.actor.name);
    const card = () => deps.views.settingsCard(ws, { offset: input.offset, message: { text: outcome.text, ok: outcome.ok } });
    if (!outcome.ok) return { view: card, problem: outcome.text };
    const forEveryone = outcome.changed > 0;
    return input.offset ? { card: await card(), forEveryone } : { view: card, forEveryone };
  },
});

/** "Add a task": inputs newTitle, newTime, newCadence. */
const add: Make = (deps) => defineAction({
  verb: V.add,
  parse: (d) => ({ title: (str(d.newTitle) ?? '').trim(), time: normalTime(str(d.newTime) || '09:00'), cadenceText: str(d.newCadence) || 'weekly:1' }),
  async run(input, ctx) {
    const inChat = ctx.surface.kind === 'conversation' ? ctx.surface : undefined;
    // Reminders go to the conversation the card is in; from the tab, to where reminders were set up.
    const conversationId = inChat?.conversationId ?? (await deps.setupConversation(ctx.workspace)) ?? '';
    // The id comes from the delivery: a redelivered "Add" finds its task already there.
    const outcome = await addTask(deps, ctx.workspace, input, { conversationId, idSeed: inChat?.invokeId ?? ctx.opId, actorName: ctx.actor.name });
    return afterChange(deps, ctx.workspace, outcome);
  },
});

async function addTask(deps: ReminderActionDeps, ws: Workspace, input: { title: string; time: string; cadenceText: string }, opts: { conversationId: string; idSeed: string; actorName: string }): Promise<Outcome> {
  const { title, time, cadenceText } = input;
  const cadence = parseCadenceChoice(cadenceText);
  const problems = editProblems({ title, time });
  if (!cadence) problems.push(`"${clipTitle(cadenceText, 40)}" is not a cadence I know; choose one from the list.`);
  if (!opts.conversationId) problems.push('There is no conversation to send this task\'s reminders to: type reminders in the channel first.');
  if (problems.length || !cadence) return { ok: false, text: `${problems.join(' ')} Nothing was added.` };
  const id = createHash('sha256').update(`${opts.conversationId}|${opts.idSeed || `${title}|${time}|${cadenceText}`}`).digest('hex').slice(0, 24);
  const scheduleId = `usr-${id}`;
  let added: ReminderSchedule | undefined = (await deps.service.list(ws)).find((s) => s.id === scheduleId);
  if (!added) {
    try {
      added = await deps.serviceWithId(id).addCustom(ws, { title, time, timeZone: deps.timeZone, cadence, targetConversationId: opts.conversationId });
    } catch (e) {
      if (!(e instanceof ScheduleError)) throw e;
      added = (await deps.service.list(ws)).find((s) => s.id === scheduleId);
      if (!added) return { ok: false, text: `${e.message} Nothing was added.` };
    }
  }
  return { ok: true, changed: 1, focusId: added.id, text: `${opts.actorName} added "${clipTitle(added.title)}".` };
}

export function createReminderActions(deps: ReminderActionDeps): ActionRegistry {
  const actions = [taskAction(V.done), taskAction(V.snoozeHour), taskAction(V.snoozeTomorrow), taskAction(V.skip), reassign, refresh, toggle, edit, add];
  return new ActionRegistry(actions.map((make) => make(deps)));
}
