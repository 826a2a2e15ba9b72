// A reminder schedule: one recurring task of one workspace, its cadence in a named time zone,
// where its reminders go, and its open (reminded but not yet done) occurrence.
import type { Workspace } from '../workspace';
import { type Cadence, type CadenceContext, cadenceProblem, nextOccurrence, occurrencesBetween, parseTime } from './cadence';
import { type CatalogTask, scheduledCatalogTasks } from './catalog';
import { civilDateOf, isValidTimeZone, parseWallTime, WEEKDAY_NAMES, zonedParts } from './zoned-time';
import { checkFreeText } from '../text/free-text';
import type { ProjectPhase } from '../governance/phase';

export interface OpenTask {
  /** Due instant (ISO) of the first occurrence that is still not done. */
  firstDueAt: string;
  /** Occurrences that came and went while the task stayed open (carried or missed in downtime). */
  missed: number;
  /** The latest occurrence reminded for it. */
  lastOccurrenceId: string;
}

export interface ReminderSchedule {
  workspace: Workspace;
  /** `cat-<catalog key>` or `usr-<generated id>`: safe as a storage key. */
  id: string;
  taskKey?: string;
  title: string;
  category: string;
  /** Owning role from the role map, and the team that holds it. */
  role: string;
  team?: string;
  /**
   * The owning role's contact person, copied from the role map when the task is routed through
   * it, so a digest can @mention them without reading the role map. Absent: nobody is mentioned.
   */
  contact?: ContactPerson;
  /** Conversation the digest goes to: the owning team's channel or the setup conversation. */
  targetConversationId: string;
  enabled: boolean;
  /** Local time of day, HH:mm. */
  time: string;
  timeZone: string;
  cadence: Cadence;
  /** Next regular occurrence (ISO instant); absent while disabled. */
  nextDueAt?: string;
  snoozedUntil?: string;
  open?: OpenTask;
  lastDoneAt?: string;
  /** Idempotency keys of the latest card actions applied (bounded). */
  recentActions: string[];
  updatedAt: string;
  etag?: string;
}

/** Per-workspace reminder settings. */
export interface ReminderSettings {
  workspace: Workspace;
  /** "Monthly, weekly during deployments" tasks run weekly while this is on. */
  deploymentMode: boolean;
  /** Where notices for the service owner go (e.g. a reminder target was removed). */
  serviceOwnerConversationId?: string;
  etag?: string;
}

export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

export const MAX_TITLE_CHARS = 300;
export const RECENT_ACTIONS_KEPT = 20;

/** Deterministic id of one occurrence: the schedule plus the instant it is due. */
export function occurrenceId(scheduleId: string, dueAt: string | Date): string {
  const iso = typeof dueAt === 'string' ? dueAt : dueAt.toISOString();
  return `${scheduleId}@${iso}`;
}

export function parseOccurrenceId(id: string): { scheduleId: string; dueAt: string } | undefined {
  const at = id.lastIndexOf('@');
  if (at <= 0) return undefined;
  const dueAt = id.slice(at + 1);
  if (Number.isNaN(Date.parse(dueAt))) return undefined;
  return { scheduleId: id.slice(0, at), dueAt };
}

/** The instant the due index holds for this schedule: its next occurrence or an earlier snooze. */
export function indexedDueAt(s: Pick<ReminderSchedule, 'enabled' | 'nextDueAt' | 'snoozedUntil'>): string | undefined {
  if (!s.enabled || !s.nextDueAt) return undefined;
  if (s.snoozedUntil && Date.parse(s.snoozedUntil) < Date.parse(s.nextDueAt)) return s.snoozedUntil;
  return s.nextDueAt;
}

export function computeNextDue(s: Pick<ReminderSchedule, 'cadence' | 'time' | 'timeZone'>, after: Date, ctx: CadenceContext): string {
  return nextOccurrence(s.cadence, parseTime(s.time), s.timeZone, after, ctx).toISOString();
}

/** A person a digest line can @mention: AAD object id or Teams user id, and their name. */
export interface ContactPerson {
  id: string;
  name: string;
}

export interface TeamRoute {
  team?: string;
  /** The role's contact person, when the role map has one. */
  contact?: ContactPerson;
  conversationId: string;
}

export interface SeedOptions {
  /** Maps a role to its owning team's channel, when the role map knows one. */
  routeForRole: (role: string) => TeamRoute | undefined;
  /** The conversation the bot was set up in: used for roles without a channel. */
  fallbackConversationId: string;
  time?: string;
  timeZone: string;
  now: Date;
  ctx: CadenceContext;
}

/** Schedules for every scheduled task of the default catalog. */
export function seedSchedules(workspace: Workspace, opts: SeedOptions, tasks: readonly CatalogTask[] = scheduledCatalogTasks()): ReminderSchedule[] {
  if (!isValidTimeZone(opts.timeZone)) throw new ScheduleError(`"${opts.timeZone}" is not a time zone name (for example Europe/Berlin).`);
  return tasks.filter((t) => t.cadence).map((t) => {
    const route = opts.routeForRole(t.role);
    const base = {
      workspace,
      id: `cat-${t.key}`,
      taskKey: t.key,
      title: t.title,
      category: t.category,
      role: t.role,
      ...(route?.team ? { team: route.team } : {}),
      ...(route?.contact ? { contact: route.contact } : {}),
      targetConversationId: route?.conversationId ?? opts.fallbackConversationId,
      enabled: true,
      time: opts.time ?? '09:00',
      timeZone: opts.timeZone,
      cadence: t.cadence!,
      recentActions: [],
      updatedAt: opts.now.toISOString(),
    };
    return { ...base, nextDueAt: computeNextDue(base, opts.now, opts.ctx) };
  });
}

export interface ScheduleEdit {
  title?: string;
  category?: string;
  enabled?: boolean;
  time?: string;
  timeZone?: string;
  cadence?: Cadence;
  role?: string;
  team?: string;
  /** The new owner's contact person; null when the new owner has none. */
  contact?: ContactPerson | null;
  targetConversationId?: string;
}

/** Validates an edit (from the settings card or the tab API); returns messages, empty if fine. */
export function editProblems(edit: ScheduleEdit): string[] {
  const out: string[] = [];
  if (edit.title !== undefined) {
    const title = checkFreeText(edit.title, { label: 'The task title', max: MAX_TITLE_CHARS, whenMissing: `The task needs a title of 1 to ${MAX_TITLE_CHARS} characters.` });
    if (!title.ok) out.push(title.error);
  }
  if (edit.time !== undefined && !parseWallTime(edit.time)) out.push(`"${edit.time}" is not a time of day; use HH:mm, for example 09:30.`);
  if (edit.timeZone !== undefined && !isValidTimeZone(edit.timeZone)) out.push(`"${edit.timeZone}" is not a time zone name (for example Europe/Berlin).`);
  if (edit.cadence !== undefined) {
    const p = cadenceProblem(edit.cadence);
    if (p) out.push(p);
  }
  if (edit.targetConversationId !== undefined && !edit.targetConversationId) out.push('Say where the reminder should go.');
  return out;
}

/** Applies a validated edit; re-computes the next occurrence when timing or enablement changed. */
export function applyEdit(s: ReminderSchedule, edit: ScheduleEdit, now: Date, ctx: CadenceContext): ReminderSchedule {
  const problems = editProblems(edit);
  if (problems.length) throw new ScheduleError(problems.join(' '));
  const { contact, ...fields } = edit;
  const next: ReminderSchedule = { ...s, ...definedOnly(fields), updatedAt: now.toISOString() };
  if (edit.title !== undefined) next.title = edit.title.trim();
  // The contact belongs to the owning role: another role without one of its own leaves nobody to mention.
  if (contact) next.contact = contact;
  else if (contact === null || (edit.role !== undefined && edit.role !== s.role)) delete next.contact;
  if (!next.enabled) {
    delete next.nextDueAt;
    delete next.snoozedUntil;
  } else if (!s.enabled || edit.time !== undefined || edit.timeZone !== undefined || edit.cadence !== undefined || !next.nextDueAt) {
    next.nextDueAt = computeNextDue(next, now, ctx);
  }
  return next;
}

export function newCustomSchedule(workspace: Workspace, id: string, input: Required<Pick<ScheduleEdit, 'title' | 'time' | 'timeZone' | 'cadence' | 'targetConversationId'>> & ScheduleEdit, now: Date, ctx: CadenceContext): ReminderSchedule {
  if (!/^usr-[A-Za-z0-9-]{1,64}$/.test(id)) throw new ScheduleError('bad schedule id');
  const problems = editProblems(input);
  if (problems.length) throw new ScheduleError(problems.join(' '));
  const s: ReminderSchedule = {
    workspace,
    id,
    title: input.title.trim(),
    category: input.category?.trim() || 'Own tasks',
    role: input.role?.trim() || 'Service Owner',
    ...(input.team ? { team: input.team } : {}),
    targetConversationId: input.targetConversationId,
    enabled: input.enabled ?? true,
    time: input.time,
    timeZone: input.timeZone,
    cadence: input.cadence,
    recentActions: [],
    updatedAt: now.toISOString(),
  };
  if (s.enabled) s.nextDueAt = computeNextDue(s, now, ctx);
  return s;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// ---- dispatch: what a due occurrence means for the schedule ----

export type LineKind = 'due' | 'snoozed' | 'overdue';

export interface DigestLine {
  scheduleId: string;
  /** The occurrence the card's buttons act on. */
  occurrenceId: string;
  title: string;
  category: string;
  role: string;
  team?: string;
  /** The owning role's contact person, @mentioned on the digest. */
  contact?: ContactPerson;
  cadence: Cadence;
  kind: LineKind;
  dueAt: string;
  /** e.g. "missed 3 times since Monday"; empty when nothing was missed. */
  note: string;
  /** The due time on the schedule's wall clock, e.g. "Monday 09:00 Europe/Berlin". */
  dueLocal: string;
}

export type OccurrencePlan =
  /** `after`: the schedule moved past an occurrence that is not owed (a usage task out of its phase). */
  | { stale: true; reason: string; after?: ReminderSchedule }
  | { stale: false; line: DigestLine; after: ReminderSchedule };

/** What one tick plans with: the deployment switch, and the project phase when the product knows it. */
export interface PlanContext extends CadenceContext {
  phase?: ProjectPhase;
}

/**
 * The usage tasks follow the project phase (reference operations-guide-tasks.md): usage is measured
 * weekly while sites are onboarded, and biweekly after deployment, in the drive-value phase. So in
 * each phase one of the two reminds: while onboarding the weekly one, once the service drives value
 * the biweekly one; while the project is still being envisioned neither (nothing is in use yet).
 * Without a known phase (no timeline set up) both remind, as they always did.
 */
export const USAGE_TASK_PHASES: Readonly<Record<string, readonly ProjectPhase[]>> = {
  'usage-onboarding': ['onboard'],
  'usage-value': ['drive-value'],
};

/** A schedule whose occurrences depend on the phase: the catalog's usage tasks, by their `cat-<key>` id. */
export function isPhaseGoverned(scheduleId: string): boolean {
  return scheduleId.startsWith('cat-') && scheduleId.slice(4) in USAGE_TASK_PHASES;
}

/** Whether the schedule's occurrence is owed in `phase` (always, when the phase is unknown). */
export function inPhase(s: Pick<ReminderSchedule, 'id' | 'taskKey'>, phase: ProjectPhase | undefined): boolean {
  if (!phase || !isPhaseGoverned(s.id)) return true;
  return USAGE_TASK_PHASES[s.id.slice(4)]!.includes(phase);
}

/** The usage cadence a phase gives, as the catalog words it: the task that reminds in it. */
export function usageCadenceIn(phase: ProjectPhase): { taskKey: string; cadenceWords: string } | undefined {
  const key = Object.keys(USAGE_TASK_PHASES).find((k) => USAGE_TASK_PHASES[k]!.includes(phase));
  const task = key ? scheduledCatalogTasks().find((t) => t.key === key) : undefined;
  return task ? { taskKey: task.key, cadenceWords: task.cadenceWords } : undefined;
}

/**
 * Moves the schedule past an occurrence that is not owed, without reminding or opening anything.
 * A task still open from its own phase is closed too: the next phase's usage task measures usage
 * from now on, so the old one is no longer carried as overdue into every digest.
 */
function passedQuietly(s: ReminderSchedule, dueAt: string, now: Date, ctx: CadenceContext): ReminderSchedule {
  const after: ReminderSchedule = { ...s, updatedAt: now.toISOString() };
  const snoozeOnly = s.snoozedUntil !== undefined && Date.parse(s.snoozedUntil) === Date.parse(dueAt) && Date.parse(dueAt) < Date.parse(s.nextDueAt!);
  delete after.snoozedUntil;
  delete after.open;
  if (!snoozeOnly) after.nextDueAt = computeNextDue(s, new Date(Math.max(now.getTime(), Date.parse(dueAt))), ctx);
  return after;
}

/**
 * What dispatching the occurrence indexed at `dueAt` means: the digest line to show and the
 * schedule after it was sent (next occurrence after `now`, the task open, misses counted).
 * Stale when the schedule no longer indexes that instant (edited, disabled, already advanced).
 * Catch-up: occurrences that fell due between `dueAt` and `now` (downtime) are not sent one by
 * one; they are counted into the single line.
 */
export function planOccurrence(s: ReminderSchedule, dueAt: string, now: Date, ctx: PlanContext): OccurrencePlan {
  const indexed = indexedDueAt(s);
  if (!indexed) return { stale: true, reason: 'disabled' };
  if (Date.parse(indexed) !== Date.parse(dueAt)) return { stale: true, reason: 'superseded' };
  if (!inPhase(s, ctx.phase)) return { stale: true, reason: 'out-of-phase', after: passedQuietly(s, dueAt, now, ctx) };
  const id = occurrenceId(s.id, dueAt);
  const after: ReminderSchedule = { ...s, updatedAt: now.toISOString() };
  const isSnooze = s.snoozedUntil !== undefined && Date.parse(s.snoozedUntil) === Date.parse(dueAt) && Date.parse(dueAt) < Date.parse(s.nextDueAt!);
  delete after.snoozedUntil;
  let kind: LineKind;
  if (isSnooze) {
    kind = 'snoozed';
  } else {
    const due = new Date(dueAt);
    const later = occurrencesBetween(s.cadence, parseTime(s.time), s.timeZone, due, now, ctx);
    after.nextDueAt = computeNextDue(s, new Date(Math.max(now.getTime(), due.getTime())), ctx);
    if (s.open) {
      after.open = { firstDueAt: s.open.firstDueAt, missed: s.open.missed + 1 + later.length, lastOccurrenceId: id };
      kind = 'overdue';
    } else {
      after.open = { firstDueAt: dueAt, missed: later.length, lastOccurrenceId: id };
      kind = 'due';
    }
  }
  const open = after.open;
  const line: DigestLine = {
    scheduleId: s.id,
    occurrenceId: id,
    title: s.title,
    category: s.category,
    role: s.role,
    ...(s.team ? { team: s.team } : {}),
    ...(s.contact ? { contact: s.contact } : {}),
    cadence: s.cadence,
    kind,
    dueAt: open?.firstDueAt ?? dueAt,
    note: open && open.missed > 0 ? missedNote(open.missed, open.firstDueAt, s.timeZone, now) : '',
    dueLocal: localText(open?.firstDueAt ?? dueAt, s.timeZone),
  };
  return { stale: false, line, after };
}

/** A line for a task that is open but not due in this run: carried into the channel's digest. */
export function carriedLine(s: ReminderSchedule, now: Date): DigestLine | undefined {
  if (!s.enabled || !s.open) return undefined;
  return {
    scheduleId: s.id,
    occurrenceId: s.open.lastOccurrenceId,
    title: s.title,
    category: s.category,
    role: s.role,
    ...(s.team ? { team: s.team } : {}),
    ...(s.contact ? { contact: s.contact } : {}),
    cadence: s.cadence,
    kind: 'overdue',
    dueAt: s.open.firstDueAt,
    note: s.open.missed > 0 ? missedNote(s.open.missed, s.open.firstDueAt, s.timeZone, now) : `open since ${sinceText(s.open.firstDueAt, s.timeZone, now)}`,
    dueLocal: localText(s.open.firstDueAt, s.timeZone),
  };
}

export function missedNote(missed: number, since: string, timeZone: string, now: Date): string {
  return `missed ${missed === 1 ? 'once' : `${missed} times`} since ${sinceText(since, timeZone, now)}`;
}

function sinceText(since: string, timeZone: string, now: Date): string {
  const ageDays = (now.getTime() - Date.parse(since)) / 86_400_000;
  if (ageDays < 6.5) return WEEKDAY_NAMES[zonedParts(Date.parse(since), timeZone).weekday]!;
  const d = civilDateOf(Date.parse(since), timeZone);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export function localText(at: string, timeZone: string): string {
  const p = zonedParts(Date.parse(at), timeZone);
  return `${WEEKDAY_NAMES[p.weekday]} ${String(p.year)}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')} (${timeZone})`;
}
