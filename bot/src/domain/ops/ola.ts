// Operational-level agreements. The MOF job aid (seed 002) asks each service-management team to
// sign an OLA and have its adherence monitored; the planning guidance (seed 000) asks each team to
// commit to its operational tasks before the pilot. A team's OLA is made of the tasks its role owns
// (the workspace's reminder schedules, routed through the role map, plus the catalog's as-needed
// tasks) and the targets it commits to: on-time completion per cadence, and for the help desk the
// update rhythm seed 003 makes the customer owe the vendor. The OLA has a version (a fingerprint of
// what it says), so a sign-off is against one version and a changed OLA asks for a new one.
import type { CompletionRecord } from '../reminders/actions';
import { type Cadence, describeCadence } from '../reminders/cadence';
import { asNeededChecklist } from '../reminders/catalog';
import { DEFAULT_SEVERITY_POLICY, type SeverityPolicy } from '../incidents/severity';
import type { Actor, Stamp } from './common';
import { isNamed, type OpsRole } from './roles';

/** How often a task comes round, for its on-time target. */
export type OlaCadenceClass = 'daily' | 'weekly' | 'monthly' | 'as-needed';

/**
 * The on-time completion a team commits to per cadence. The seeds set no percentage: these are
 * the product's defaults. A task that comes round daily may slip now and then; a weekly one
 * seldom; a monthly one (twelve a year) not at all.
 */
export const OLA_ON_TIME_TARGETS: Readonly<Record<Exclude<OlaCadenceClass, 'as-needed'>, number>> = { daily: 0.9, weekly: 0.95, monthly: 1 };

/** A runbook run that is finished is done on time: as-needed work counts in the rate, at its own 100%. */
export const RUNBOOK_TARGET = 1;

/** The adherence windows the OLA card and `ola` show, in days. */
export const ADHERENCE_WINDOWS = [30, 90] as const;

/** A task as the OLA reads it: a reminder schedule, or an as-needed task of the catalog. */
export interface OlaTaskSource {
  /** The completion records' scheduleId: `cat-<key>` / `usr-<id>` for schedules, `rbk-<key>` for runbooks. */
  id: string;
  title: string;
  role: string;
  /** undefined = as needed (run as a runbook). */
  cadence?: Cadence;
  enabled?: boolean;
}

export interface OlaTask {
  id: string;
  title: string;
  cadenceClass: OlaCadenceClass;
  cadenceText: string;
  /** 0..1; absent for as-needed tasks (no due date, nothing to be late for). */
  onTimeTarget?: number;
}

export interface Ola {
  roleId: string;
  roleName: string;
  team: string;
  tasks: OlaTask[];
  /** Commitments that are no task: e.g. the help desk's update rhythm to the vendor. */
  responseTargets: string[];
  /** Fingerprint of the tasks and targets: a sign-off names the version it was given for. */
  version: string;
}

/** The sign-off of an OLA: who, when, and which version they read. */
export interface OlaSignOff extends Stamp {
  version: string;
  /** What was signed, in words, kept so "an earlier version" can say what it was. */
  taskCount: number;
}

export type OlaSignOffState =
  | { state: 'no-team' }
  | { state: 'unsigned' }
  | { state: 'signed'; signOff: OlaSignOff | Stamp }
  | { state: 'earlier-version'; signOff: OlaSignOff | Stamp };

export function cadenceClassOf(c: Cadence | undefined): OlaCadenceClass {
  if (!c) return 'as-needed';
  switch (c.kind) {
    case 'daily':
    case 'weekdays':
      return 'daily';
    case 'weekly':
    case 'biweekly':
      return 'weekly';
    default:
      return 'monthly';
  }
}

/** Help-desk roles: the service desk of seed 003 and the first-line support of seed 004. */
export function isSupportRole(roleName: string): boolean {
  return /\b(help ?desk|service ?desk|super ?users?|first[- ]line)\b/i.test(roleName);
}

/**
 * The help desk's commitments from seed 003: it troubleshoots before it escalates, and on the
 * severities where both sides owe updates it updates the vendor at the severity's rhythm (the
 * severity policy is the one source of those numbers).
 */
export function supportResponseTargets(policy: SeverityPolicy = DEFAULT_SEVERITY_POLICY): string[] {
  const both = Object.values(policy.rules).filter((r) => r.updatesBothWays && r.updateEveryMinutes);
  return [
    'Works through the troubleshooting checklist before a case goes to the vendor (the help-desk runbook).',
    ...both.map((r) => `Severity ${r.level} (${r.name}): updates the vendor every ${hours(r.updateEveryMinutes!)} while the case is open.`),
  ];
}

const hours = (minutes: number) => (minutes === 60 ? 'hour' : `${minutes / 60} hours`);

const sameRole = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The role's OLA from the workspace's tasks (disabled schedules are no commitment). */
export function olaFor(role: OpsRole, tasks: readonly OlaTaskSource[], policy?: SeverityPolicy): Ola {
  const own = tasks.filter((t) => sameRole(t.role, role.name) && t.enabled !== false).map(olaTask).sort(byCadence);
  const responseTargets = isSupportRole(role.name) ? supportResponseTargets(policy) : [];
  const body = { roleName: role.name.trim(), team: role.team.trim(), tasks: own.map((t) => [t.id, t.title, t.cadenceText, t.onTimeTarget ?? null]), responseTargets };
  return { roleId: role.id, roleName: role.name, team: role.team, tasks: own, responseTargets, version: fingerprint(JSON.stringify(body)) };
}

function olaTask(t: OlaTaskSource): OlaTask {
  const cadenceClass = cadenceClassOf(t.cadence);
  return {
    id: t.id,
    title: t.title,
    cadenceClass,
    cadenceText: t.cadence ? describeCadence(t.cadence) : 'as needed (a runbook)',
    ...(cadenceClass === 'as-needed' ? {} : { onTimeTarget: OLA_ON_TIME_TARGETS[cadenceClass] }),
  };
}

const ORDER: Record<OlaCadenceClass, number> = { daily: 0, weekly: 1, monthly: 2, 'as-needed': 3 };
const byCadence = (a: OlaTask, b: OlaTask) => ORDER[a.cadenceClass] - ORDER[b.cadenceClass] || a.title.localeCompare(b.title);

/** FNV-1a, 32 bits, as 8 hex digits: short, stable across processes, enough to tell versions apart. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The as-needed catalog tasks as OLA tasks: each is run as a runbook, its completions are `rbk-<key>`. */
export function runbookTaskSources(): OlaTaskSource[] {
  return asNeededChecklist().map((t) => ({ id: runbookTaskId(t.key), title: t.title, role: t.role }));
}

export const runbookTaskId = (key: string) => `rbk-${key}`;

/** Where the role's sign-off stands against the current OLA. */
export function signOffState(role: Pick<OpsRole, 'team' | 'signOff'> & { olaSignOff?: OlaSignOff }, ola: Pick<Ola, 'version'>): OlaSignOffState {
  if (!isNamed(role.team)) return { state: 'no-team' };
  const signed = role.olaSignOff ?? role.signOff;
  if (!signed || !role.signOff) return { state: 'unsigned' };
  return role.olaSignOff?.version === ola.version ? { state: 'signed', signOff: role.olaSignOff } : { state: 'earlier-version', signOff: signed };
}

export function newOlaSignOff(ola: Ola, actor: Actor, now: Date): OlaSignOff {
  return { by: actor, at: now.toISOString(), version: ola.version, taskCount: ola.tasks.length };
}

// ---- adherence ----

export interface TaskAdherence {
  taskId: string;
  title: string;
  due: number;
  onTime: number;
  rate?: number;
  target?: number;
  /** Rate ≥ target; undefined when nothing fell due. */
  met?: boolean;
}

export interface WindowAdherence {
  days: number;
  due: number;
  onTime: number;
  /** 0..1; undefined when nothing of the OLA fell due in the window. */
  rate?: number;
  /** The target the team committed to over the tasks that fell due (weighted by what fell due). */
  target?: number;
  met?: boolean;
  /** Runbooks run to the end in the window (as-needed work: each counts as due and done on time). */
  runbooksDone: number;
  tasks: TaskAdherence[];
}

/**
 * On-time completion of the OLA's scheduled tasks over the last `days`, from the completion
 * records (the reminders' rule: an occurrence missed while open counts as due and late; a skip is
 * a decision and counts on neither side). Records of tasks not in the OLA are not the team's.
 */
export function adherence(ola: Ola, records: readonly CompletionRecord[], now: Date, days: number): WindowAdherence {
  const since = now.getTime() - days * 86_400_000;
  const inWindow = records.filter((r) => Date.parse(r.resolvedAt) >= since);
  const tasks: TaskAdherence[] = [];
  let runbooksDone = 0;
  for (const task of ola.tasks) {
    const mine = inWindow.filter((r) => r.scheduleId === task.id);
    if (task.cadenceClass === 'as-needed') {
      const done = mine.filter((r) => r.outcome === 'done').length;
      runbooksDone += done;
      if (done) tasks.push({ taskId: task.id, title: task.title, due: done, onTime: done, rate: 1, target: RUNBOOK_TARGET, met: true });
      continue;
    }
    const counted = mine.filter((r) => r.outcome !== 'skipped');
    const due = counted.reduce((n, r) => n + 1 + r.missed, 0);
    const onTime = counted.filter((r) => r.onTime).length;
    const rate = due ? onTime / due : undefined;
    tasks.push({ taskId: task.id, title: task.title, due, onTime, ...(rate === undefined ? {} : { rate, met: rate >= task.onTimeTarget! - 1e-9 }), ...(task.onTimeTarget === undefined ? {} : { target: task.onTimeTarget }) });
  }
  return { days, runbooksDone, tasks, ...totals(tasks) };
}

function totals(tasks: readonly TaskAdherence[]): Pick<WindowAdherence, 'due' | 'onTime' | 'rate' | 'target' | 'met'> {
  const due = tasks.reduce((n, t) => n + t.due, 0);
  const onTime = tasks.reduce((n, t) => n + t.onTime, 0);
  if (!due) return { due, onTime };
  const target = tasks.reduce((n, t) => n + t.due * (t.target ?? 0), 0) / due;
  const rate = onTime / due;
  return { due, onTime, rate, target, met: rate >= target - 1e-9 };
}

export const percent = (x: number) => `${Math.round(x * 100)}%`;

/** One line for a card: "87% on time over 30 days (target 92%): below target", or the empty state. */
export function adherenceText(w: WindowAdherence): string {
  if (w.rate === undefined) return `Nothing of this OLA fell due in the last ${w.days} days yet.`;
  const verdict = w.met ? 'on target' : 'below target';
  return `${percent(w.rate)} on time over ${w.days} days (${w.onTime} of ${w.due}; target ${percent(w.target!)}): ${verdict}.`;
}

/** Finds the role a person names in `ola <team>`: the team or the role, case-insensitive, whole or start. */
export function findRole(roles: readonly OpsRole[], query: string): OpsRole[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const exact = roles.filter((r) => r.team.trim().toLowerCase() === q || r.name.trim().toLowerCase() === q || r.id === q);
  if (exact.length) return exact;
  return roles.filter((r) => r.team.toLowerCase().includes(q) || r.name.toLowerCase().includes(q));
}
