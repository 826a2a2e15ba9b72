// What each reminders settings-card verb does, once, for both doors into the ReminderService:
// the chat's card actions (teams/reminders/reminder-handlers.ts) and the tab's card actions
// (api/views/reminders-view.ts). Each function reads the card's data (untrusted: every field is
// validated before anything is saved, so a bad value changes nothing), calls the service and
// says what happened; the caller decides which card to show next.
// Pure TypeScript: no botbuilder, no storage, no HTTP.
import { createHash } from 'node:crypto';
import { cadenceChoiceValue, parseCadenceChoice } from '../domain/reminders/cadence-choice';
import type { ReminderService } from '../domain/reminders/reminder-service';
import { editProblems, type ReminderSchedule, ScheduleError, type ScheduleEdit } from '../domain/reminders/schedule';
import type { Workspace } from '../domain/workspace';

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
export const int = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : Number(str(v));
  return Number.isInteger(n) && n >= 0 ? n : undefined;
};
/** Input.Time may arrive with seconds ("09:30:00"); the schedule keeps HH:mm. */
export const normalTime = (v: string) => (/^\d{2}:\d{2}:00$/.test(v.trim()) ? v.trim().slice(0, 5) : v.trim());

export function clipTitle(title: string, max = 60): string {
  return title.length > max ? title.slice(0, max - 1) + '…' : title;
}

export interface ReminderActionRequest {
  workspace: Workspace;
  /** The card's data with its inputs merged in. */
  data: Record<string, unknown>;
  actorName: string;
}

/**
 * What an action did: ok with the message to show (and how many things changed, and which
 * task to bring into view), or refused with the reason (nothing was saved).
 */
export type ReminderOutcome = { ok: true; text: string; changed: number; focusId?: string } | { ok: false; text: string };

/** Save on the settings card: on/off, time and cadence of the tasks shown, and the deployment switch. */
export async function saveReminderSettings(service: ReminderService, r: ReminderActionRequest): Promise<ReminderOutcome> {
  const ws = r.workspace;
  const ids = Array.isArray(r.data.ids) ? r.data.ids.filter((x): x is string => typeof x === 'string') : [];
  const [schedules, settings] = await Promise.all([service.list(ws), service.settings(ws)]);
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
  return { ok: true, changed, text: changed ? `${r.actorName} saved ${changed === 1 ? '1 change' : `${changed} changes`}.` : 'Everything is saved as shown.' };
}

/** One task on or off: { scheduleId, enabled }. */
export async function toggleReminder(service: ReminderService, r: ReminderActionRequest): Promise<ReminderOutcome> {
  const id = str(r.data.scheduleId) ?? '';
  const v = r.data.enabled;
  const enabled = v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined;
  if (enabled === undefined) return { ok: false, text: 'Say whether the reminder should be on or off. Nothing was saved.' };
  try {
    const s = await service.edit(r.workspace, id, { enabled });
    return { ok: true, changed: 1, focusId: s.id, text: `${r.actorName} turned "${clipTitle(s.title)}" ${enabled ? 'on' : 'off'}.` };
  } catch (e) {
    if (!(e instanceof ScheduleError)) throw e;
    return { ok: false, text: e.message };
  }
}

export interface AddReminderOptions {
  /** Where the new task's reminders go (the conversation the card is in, or where reminders were set up). */
  conversationId: string;
  /**
   * What makes this "Add" the same one when delivered again (the chat's invoke id, the tab's
   * request id): the task id is derived from it, so a repeat finds its task already there.
   */
  idSeed: string;
  timeZone: string;
  /** A service whose next custom task gets the id `usr-<id>`. */
  serviceWithId(id: string): ReminderService;
}

/** "Add a task": inputs newTitle, newTime, newCadence. */
export async function addReminder(service: ReminderService, r: ReminderActionRequest, opts: AddReminderOptions): Promise<ReminderOutcome> {
  const ws = r.workspace;
  const title = (str(r.data.newTitle) ?? '').trim();
  const time = normalTime(str(r.data.newTime) || '09:00');
  const cadenceText = str(r.data.newCadence) || 'weekly:1';
  const cadence = parseCadenceChoice(cadenceText);
  const problems = editProblems({ title, time });
  if (!cadence) problems.push(`"${clipTitle(cadenceText, 40)}" is not a cadence I know; choose one from the list.`);
  if (!opts.conversationId) problems.push('There is no conversation to send this task\'s reminders to: type reminders in the channel first.');
  if (problems.length) return { ok: false, text: `${problems.join(' ')} Nothing was added.` };
  const id = createHash('sha256').update(`${opts.conversationId}|${opts.idSeed || `${title}|${time}|${cadenceText}`}`).digest('hex').slice(0, 24);
  const scheduleId = `usr-${id}`;
  let added: ReminderSchedule | undefined = (await service.list(ws)).find((s) => s.id === scheduleId);
  if (!added) {
    try {
      added = await opts.serviceWithId(id).addCustom(ws, { title, time, timeZone: opts.timeZone, cadence: cadence!, targetConversationId: opts.conversationId });
    } catch (e) {
      if (!(e instanceof ScheduleError)) throw e;
      added = (await service.list(ws)).find((s) => s.id === scheduleId);
      if (!added) return { ok: false, text: `${e.message} Nothing was added.` };
    }
  }
  return { ok: true, changed: 1, focusId: added.id, text: `${r.actorName} added "${clipTitle(added.title)}".` };
}
