// OLA use cases for chat and the tabs: a role's OLA as it reads now, its sign-off against that
// version, and its adherence over the last 30 and 90 days. The tasks and the completion records
// belong to the reminders feature; wiring passes them in through OlaSources.
import type { SeverityPolicy } from '../incidents/severity';
import type { CompletionRecord } from '../reminders/actions';
import type { Workspace } from '../workspace';
import type { Actor, Clock, Outcome } from './common';
import { notFound } from './common';
import {
  ADHERENCE_WINDOWS, adherence, adherenceText, findRole, isSupportRole, type Ola, olaFor, type OlaSignOffState, type OlaTaskSource, runbookTaskSources,
  signOffState, type WindowAdherence,
} from './ola';
import type { OpsRole, RoleMapService } from './roles';

export interface OlaSources {
  /** The workspace's scheduled tasks (its copy of the catalog, as edited). One query. */
  scheduledTasks(ws: Workspace): Promise<OlaTaskSource[]>;
  /** Completion records resolved since `sinceIso`. One query. */
  completions(ws: Workspace, sinceIso: string): Promise<CompletionRecord[]>;
  /**
   * The workspace's severity policy (its overrides applied): the help desk's vendor-update
   * commitments follow it. One point read; without it the default policy applies.
   */
  severityPolicy?(ws: Workspace): Promise<SeverityPolicy>;
}

export interface OlaView {
  role: OpsRole;
  ola: Ola;
  signOff: OlaSignOffState;
  /** Over the last 30 and 90 days. */
  windows: WindowAdherence[];
}

/** What the role map shows per role: the sign-off against the OLA and the 30-day adherence. */
export interface RoleOlaStatus {
  signOff: OlaSignOffState;
  adherence: string;
  taskCount: number;
}

export interface OlaServiceDeps {
  roles: RoleMapService;
  sources: OlaSources;
  clock: Clock;
}

const LONGEST = Math.max(...ADHERENCE_WINDOWS);

export class OlaService {
  constructor(private readonly deps: OlaServiceDeps) {}

  private async tasks(ws: Workspace): Promise<OlaTaskSource[]> {
    return [...(await this.deps.sources.scheduledTasks(ws)), ...runbookTaskSources()];
  }

  /** The policy only when a support role is shown: no other OLA holds its numbers. */
  private async policy(ws: Workspace, roles: readonly OpsRole[]): Promise<SeverityPolicy | undefined> {
    return this.deps.sources.severityPolicy && roles.some((r) => isSupportRole(r.name)) ? this.deps.sources.severityPolicy(ws) : undefined;
  }

  private async records(ws: Workspace, now: Date): Promise<CompletionRecord[]> {
    return this.deps.sources.completions(ws, new Date(now.getTime() - LONGEST * 86_400_000).toISOString());
  }

  /** One role's OLA with its sign-off and adherence (role map, schedules, completions: three reads). */
  async view(ws: Workspace, roleId: string): Promise<OlaView | undefined> {
    const role = await this.deps.roles.get(ws, roleId);
    if (!role) return undefined;
    const now = this.deps.clock();
    const [tasks, records, policy] = await Promise.all([this.tasks(ws), this.records(ws, now), this.policy(ws, [role])]);
    return viewOf(role, tasks, records, now, policy);
  }

  /** The roles `ola <query>` names (team or role); every role when the query is empty. */
  async find(ws: Workspace, query: string): Promise<{ roles: OpsRole[]; matches: OpsRole[] }> {
    const roles = await this.deps.roles.list(ws);
    return { roles, matches: query.trim() ? findRole(roles, query) : roles };
  }

  /** The OLA views of the given roles, with one read of the tasks and one of the completions. */
  async views(ws: Workspace, roles: readonly OpsRole[]): Promise<OlaView[]> {
    const now = this.deps.clock();
    const [tasks, records, policy] = await Promise.all([this.tasks(ws), this.records(ws, now), this.policy(ws, roles)]);
    return roles.map((r) => viewOf(r, tasks, records, now, policy));
  }

  /** Per role id, what the role map shows (two reads, whatever the number of roles). */
  async statuses(ws: Workspace, roles: readonly OpsRole[]): Promise<Map<string, RoleOlaStatus>> {
    const views = await this.views(ws, roles);
    return new Map(views.map((v) => [v.role.id, { signOff: v.signOff, adherence: adherenceText(v.windows[0]!), taskCount: v.ola.tasks.length }]));
  }

  /**
   * Signs the OLA of `roleId` as the presser read it: `version` is the one on their card. A card
   * of an earlier version is refused with the current one to read, so nobody signs unseen terms.
   */
  async signOff(ws: Workspace, roleId: string, version: string, actor: Actor): Promise<Outcome<OlaView>> {
    const current = await this.view(ws, roleId);
    if (!current) return notFound('That role no longer exists: it may have been removed.');
    if (current.ola.version !== version) return { ok: false, error: 'invalid', message: 'This OLA changed since the card was shown: read what it says now, then sign again.', current };
    const signed = await this.deps.roles.signOffOla(ws, roleId, actor, current.ola);
    if (!signed.ok) return { ok: false, error: signed.error, message: signed.message, current };
    return { ok: true, value: { ...current, role: signed.value, signOff: signOffState(signed.value, current.ola) } };
  }
}

export function viewOf(role: OpsRole, tasks: readonly OlaTaskSource[], records: readonly CompletionRecord[], now: Date, policy?: SeverityPolicy): OlaView {
  const ola = olaFor(role, tasks, policy);
  return { role, ola, signOff: signOffState(role, ola), windows: ADHERENCE_WINDOWS.map((d) => adherence(ola, records, now, d)) };
}
