// "My work": what one person has to do in one workspace. Their findings (filed by them, or owned
// by a team whose role map contact they are), their incidents (they own it or raised it) and the
// recurring tasks that are due for a role they are the contact of.
//
// Who "I" am: the ids Teams gives for the person (the Teams user id and the AAD object id in chat,
// the token's object id in a tab), matched against the ids stored on records. The role map's
// contact is free text, so a role is mine when its contact is exactly my display name; that is the
// only name match, and it only picks roles, never records of another person.
//
// Reads stay inside the workspace's own partitions (the workspace is the partition key of every
// table read here), so nothing of another tenant or team can be listed.
import type { Finding } from '../findings/finding';
import type { Incident } from '../incidents/incident';
import { type OpsRole, TBA } from '../ops/roles';
import type { ReminderSchedule } from '../reminders/schedule';
import type { Workspace } from '../workspace';

export interface Me {
  /** Every id that names this person (Teams user id, AAD object id). */
  ids: readonly string[];
  name: string;
}

/** The reads my work needs, each bounded by the workspace (see docs/my-work.md). */
export interface MyWorkSources {
  openFindings(ws: Workspace): Promise<Finding[]>;
  openIncidents(ws: Workspace): Promise<Incident[]>;
  schedules(ws: Workspace): Promise<ReminderSchedule[]>;
  roles(ws: Workspace): Promise<OpsRole[]>;
}

export type FindingReason = 'filed' | 'owned';
export type IncidentReason = 'owner' | 'raised';

export interface MyWork {
  workspace: Workspace;
  /** Roles whose contact is me (display names, role map order). */
  roles: string[];
  findings: { finding: Finding; reasons: FindingReason[] }[];
  incidents: { incident: Incident; reasons: IncidentReason[] }[];
  /** Enabled tasks that were reminded and are not done yet, for one of my roles. */
  tasks: ReminderSchedule[];
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

export function isMe(me: Me, id: string | undefined): boolean {
  return id !== undefined && id !== '' && me.ids.includes(id);
}

/** The roles whose role map contact is exactly my display name ("TBA" never is). */
export function myRoles(me: Me, roles: readonly OpsRole[]): OpsRole[] {
  const name = norm(me.name);
  if (!name || name === norm(TBA)) return [];
  return roles.filter((r) => norm(r.contact) === name);
}

/** Picks my records out of the workspace's open ones. Pure: the service does the reads. */
export function selectMyWork(ws: Workspace, me: Me, input: { findings: readonly Finding[]; incidents: readonly Incident[]; schedules: readonly ReminderSchedule[]; roles: readonly OpsRole[] }): MyWork {
  const mine = myRoles(me, input.roles);
  const roleNames = new Set(mine.map((r) => norm(r.name)));
  const findings = input.findings.flatMap((f) => {
    const reasons: FindingReason[] = [];
    if (isMe(me, f.createdBy.id)) reasons.push('filed');
    if (roleNames.has(norm(f.owningRole))) reasons.push('owned');
    return reasons.length ? [{ finding: f, reasons }] : [];
  });
  const incidents = input.incidents.flatMap((i) => {
    const reasons: IncidentReason[] = [];
    if (isMe(me, i.owner?.id)) reasons.push('owner');
    if (isMe(me, i.recordedBy.id)) reasons.push('raised');
    return reasons.length ? [{ incident: i, reasons }] : [];
  });
  const tasks = input.schedules.filter((s) => s.enabled && s.open !== undefined && roleNames.has(norm(s.role)));
  // Records of another workspace never reach a card, whatever a source returned.
  const here = (w: Workspace) => w.tenantId === ws.tenantId && w.scope === ws.scope && w.scopeId === ws.scopeId;
  return {
    workspace: ws,
    roles: mine.map((r) => r.name),
    findings: findings.filter((x) => here(x.finding.workspace)),
    incidents: incidents.filter((x) => here(x.incident.workspace)),
    tasks: tasks.filter((s) => here(s.workspace)).sort((a, b) => (a.open!.firstDueAt < b.open!.firstDueAt ? -1 : 1)),
  };
}

export class MyWorkService {
  constructor(private readonly sources: MyWorkSources) {}

  async forMe(ws: Workspace, me: Me): Promise<MyWork> {
    const [findings, incidents, schedules, roles] = await Promise.all([
      this.sources.openFindings(ws), this.sources.openIncidents(ws), this.sources.schedules(ws), this.sources.roles(ws),
    ]);
    return selectMyWork(ws, me, { findings, incidents, schedules, roles });
  }
}
