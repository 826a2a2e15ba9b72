// The operational role map: which team performs each operational role, how to reach it,
// where its notifications go, and whether the team has signed off its responsibilities.
// Planning guidance asks the project to agree the roles, name a team for each and collect
// each team's commitment before the pilot starts; the map shows who has not signed yet.
import type { Workspace } from '../workspace';
import {
  type Actor, type Clock, type OpsRecord, type Outcome, type RecordRepository, type Stamp,
  invalid, mutate, notFound, okOf, slug, textField, validated,
} from './common';
import { newOlaSignOff, type Ola, type OlaSignOff } from './ola';

export const TBA = 'TBA';
export const ROLE_LIMITS = { name: 80, description: 400, team: 100, contact: 200, channelName: 100, roles: 60 } as const;

export interface RoleChannel {
  /** Teams conversation id of the channel that gets this role's notifications. */
  id: string;
  name: string;
}

export interface OpsRole extends OpsRecord {
  name: string;
  description: string;
  /** The team that performs the role; "TBA" until named. */
  team: string;
  /** Who to reach: free text, or the name of the contact person below. */
  contact: string;
  /**
   * The contact as a person (AAD object id, else Teams user id), set by "Make me the contact".
   * Absent on rows written before it existed and on free-text contacts: those are not mentioned.
   */
  contactId?: string;
  channel?: RoleChannel;
  /** Display order on the map. */
  order: number;
  /** The owning team's sign-off of its responsibilities; cleared when the team changes. */
  signOff?: Stamp;
  /** The OLA version the sign-off was given for; a changed OLA asks for a new sign-off. */
  olaSignOff?: OlaSignOff;
  updated?: Stamp;
}

export type RoleRepository = RecordRepository<OpsRole>;

/** A role's contact as a person Teams can @mention. */
export interface RoleContact {
  id: string;
  name: string;
}

/** The role's contact person, when one was set (a free-text contact is no person). */
export function contactPerson(role: Pick<OpsRole, 'contact' | 'contactId'>): RoleContact | undefined {
  const id = role.contactId?.trim();
  return id ? { id, name: role.contact } : undefined;
}

/**
 * Starting role map: the operational roles of the service-management planning guidance,
 * with team and contact to be announced, plus the quality champion the guide calls the
 * most important role. Descriptions are ours; each workspace edits its own copy.
 */
export const DEFAULT_ROLES: readonly Omit<OpsRole, 'etag'>[] = [
  ['service-owner', 'Service Owner', 'Owns the service end to end, speaks for it to the business divisions and sets its strategy.'],
  ['quality-champion', 'Quality Champion', 'Accountable for the quality of the user experience: watches call quality and reliability, spots trends, runs the regular Quality Experience Review and drives remediation with the owning teams, reporting progress to the steering committee.'],
  ['audio-conferencing-operations', 'Audio Conferencing Operations', 'Runs audio conferencing day to day: moves, adds and changes of user and device accounts, and monitoring.'],
  ['tenant-admin', 'Tenant Admin', 'Changes tenant-wide settings and turns on new features.'],
  ['help-desk', 'Help Desk', 'The place users go for support.'],
  ['network-operations', 'Network Operations', 'Runs the LAN, WAN, Wi-Fi and internet access.'],
  ['client-endpoints', 'Client & Endpoints Team', 'Manages desktop and device deployments.'],
  ['identity-operations', 'Identity Operations', 'Runs the identity infrastructure: Active Directory, federation services and Microsoft Entra ID.'],
  ['adoption-change-management', 'Adoption/Change Management', 'Drives awareness, training and adoption of the service.'],
  ['exchange-operations', 'Exchange Operations', 'Manages the Exchange environment.'],
  ['telephony-operations', 'Telephony Operations', 'Manages the session border controllers and the phone numbers.'],
].map(([id, name, description], order) => ({ id: id!, name: name!, description: description!, team: TBA, contact: TBA, order }));

export interface RoleInput {
  name?: unknown;
  description?: unknown;
  team?: unknown;
  contact?: unknown;
  /** A channel to notify, or null to stop notifying a channel. */
  channel?: { id: unknown; name: unknown } | null;
}

/** Validates the fields present in `input` (all of name/description when `creating`). */
export function validateRoleInput(input: RoleInput, creating: boolean): Outcome<Partial<OpsRole>> {
  return validated(() => {
    const out: Partial<OpsRole> = {};
    if (creating || input.name !== undefined) out.name = textField('Role name', input.name, ROLE_LIMITS.name);
    if (creating || input.description !== undefined) out.description = textField('Description', input.description, ROLE_LIMITS.description, { optional: true, multiline: true });
    if (input.team !== undefined || creating) out.team = textField('Team', input.team, ROLE_LIMITS.team, { optional: true }) || TBA;
    if (input.contact !== undefined || creating) out.contact = textField('Contact', input.contact, ROLE_LIMITS.contact, { optional: true }) || TBA;
    if (input.channel === null) out.channel = undefined;
    else if (input.channel !== undefined) {
      const id = textField('Channel id', input.channel.id, 400);
      const name = textField('Channel name', input.channel.name, ROLE_LIMITS.channelName, { optional: true }) || 'channel';
      out.channel = { id, name };
    }
    return out;
  });
}

export const isNamed = (value: string) => value.trim() !== '' && value.trim().toUpperCase() !== TBA;

export interface SignOffSummary {
  total: number;
  signed: OpsRole[];
  /** Roles whose team has not signed off yet (including roles with no team named). */
  pending: OpsRole[];
}

/**
 * `isSigned` says whether a role's sign-off still holds: with OLAs, a signature of an earlier
 * version of the OLA does not, so the role is pending again until its team signs the current one.
 */
export function signOffSummary(roles: readonly OpsRole[], isSigned: (role: OpsRole) => boolean = (r) => r.signOff !== undefined): SignOffSummary {
  const sorted = sortRoles(roles);
  return { total: sorted.length, signed: sorted.filter(isSigned), pending: sorted.filter((r) => !isSigned(r)) };
}

export function sortRoles(roles: readonly OpsRole[]): OpsRole[] {
  return [...roles].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

/** Applies a validated patch; a new team means the old sign-off no longer speaks for it. */
export function applyRolePatch(role: OpsRole, patch: Partial<OpsRole>, actor: Actor, now: Date): OpsRole {
  const next: OpsRole = { ...role, ...patch, updated: { by: actor, at: now.toISOString() } };
  if ('channel' in patch && patch.channel === undefined) delete next.channel;
  if (patch.team !== undefined && patch.team !== role.team) {
    delete next.signOff;
    delete next.olaSignOff;
  }
  // Typing another contact replaces the person: the id belongs to the name it was set with.
  if (patch.contact !== undefined && patch.contact !== role.contact && patch.contactId === undefined) delete next.contactId;
  return next;
}

export interface RoleMapDeps {
  roles: RoleRepository;
  clock: Clock;
  newId: () => string;
  /**
   * Told when a role's contact person changed (set, replaced by typed details, or renamed), so the
   * reminders routed through the role can carry the person without reading the role map per digest.
   */
  onContactChanged?: (ws: Workspace, role: OpsRole) => Promise<void>;
}

const sameContact = (a: OpsRole, b: OpsRole) => a.contactId === b.contactId && (!a.contactId || a.contact === b.contact);

export class RoleMapService {
  constructor(private readonly deps: RoleMapDeps) {}

  async list(ws: Workspace): Promise<OpsRole[]> {
    return sortRoles(await this.deps.roles.list(ws));
  }

  async get(ws: Workspace, id: string): Promise<OpsRole | undefined> {
    return this.deps.roles.get(ws, id);
  }

  async summary(ws: Workspace): Promise<SignOffSummary> {
    return signOffSummary(await this.deps.roles.list(ws));
  }

  async add(ws: Workspace, input: RoleInput, actor: Actor): Promise<Outcome<OpsRole>> {
    const fields = validateRoleInput(input, true);
    if (!fields.ok) return fields as Outcome<OpsRole>;
    const roles = await this.deps.roles.list(ws);
    if (roles.length >= ROLE_LIMITS.roles) return invalid(`The role map already has ${roles.length} roles, the most it holds. Remove a role first.`);
    const name = fields.value.name!;
    if (roles.some((r) => r.name.toLowerCase() === name.toLowerCase())) return invalid(`There is already a role called "${name}".`);
    const now = this.deps.clock();
    const role: OpsRole = {
      id: `${slug(name, 30)}-${this.deps.newId()}`,
      name,
      description: fields.value.description ?? '',
      team: fields.value.team ?? TBA,
      contact: fields.value.contact ?? TBA,
      order: Math.max(-1, ...roles.map((r) => r.order)) + 1,
      updated: { by: actor, at: now.toISOString() },
    };
    if (fields.value.channel) role.channel = fields.value.channel;
    const created = await this.deps.roles.create(ws, role);
    return created.created ? okOf(created.record) : invalid('That role could not be added; try again.');
  }

  /** Edits a role; with `etag`, refuses (conflict) if someone changed it since it was read. */
  async update(ws: Workspace, id: string, input: RoleInput, actor: Actor, etag?: string): Promise<Outcome<OpsRole>> {
    const fields = validateRoleInput(input, false);
    if (!fields.ok) return fields as Outcome<OpsRole>;
    if (fields.value.name !== undefined) {
      const clash = (await this.deps.roles.list(ws)).find((r) => r.id !== id && r.name.toLowerCase() === fields.value.name!.toLowerCase());
      if (clash) return invalid(`There is already a role called "${clash.name}".`);
    }
    let before: OpsRole | undefined;
    const saved = await mutate(this.deps.roles, ws, id, (role) => {
      before = role;
      return okOf(applyRolePatch(role, fields.value, actor, this.deps.clock()));
    }, { expectedEtag: etag, what: 'This role' });
    if (saved.ok && before && !sameContact(before, saved.value)) await this.deps.onContactChanged?.(ws, saved.value);
    return saved;
  }

  async remove(ws: Workspace, id: string, etag?: string): Promise<Outcome<{ id: string }>> {
    const result = await this.deps.roles.delete(ws, id, etag);
    if (result === 'deleted') return okOf({ id });
    if (result === 'not-found') return notFound('This role was already removed.');
    return { ok: false, error: 'conflict', message: 'This role was changed by someone else since you opened it; open the role map again and retry.' };
  }

  /**
   * Records the owning team's sign-off: who and when. Signing again keeps the first
   * sign-off (a repeated click changes nothing); a role without a named team can't sign.
   */
  async signOff(ws: Workspace, id: string, actor: Actor): Promise<Outcome<OpsRole>> {
    return mutate(this.deps.roles, ws, id, (role) => {
      if (!isNamed(role.team)) return invalid(`Name the team that performs "${role.name}" first: a role is signed off by its team.`);
      if (role.signOff) return okOf(role);
      return okOf({ ...role, signOff: { by: actor, at: this.deps.clock().toISOString() } });
    }, { what: 'This role' });
  }

  /**
   * Signs the role's OLA as it reads now: who, when and which version. The same version again
   * changes nothing; a newer version replaces the earlier sign-off. `ola` must be the role's own.
   */
  async signOffOla(ws: Workspace, id: string, actor: Actor, ola: Ola): Promise<Outcome<OpsRole>> {
    return mutate(this.deps.roles, ws, id, (role) => {
      if (!isNamed(role.team)) return invalid(`Name the team that performs "${role.name}" first: a role is signed off by its team.`);
      if (ola.roleId !== role.id || ola.team !== role.team || ola.roleName !== role.name) return invalid(`The OLA of "${role.name}" changed while you read it; open it again and sign what it says now.`);
      if (role.olaSignOff?.version === ola.version && role.signOff) return okOf(role);
      const signOff = newOlaSignOff(ola, actor, this.deps.clock());
      return okOf({ ...role, signOff: { by: signOff.by, at: signOff.at }, olaSignOff: signOff });
    }, { what: 'This role' });
  }

  /** Makes `person` the role's contact (name shown, id for @mentions); the same person again changes nothing. */
  async setContactPerson(ws: Workspace, id: string, person: RoleContact, actor: Actor): Promise<Outcome<OpsRole>> {
    const name = person.name.replace(/\s+/g, ' ').trim().slice(0, ROLE_LIMITS.contact);
    const personId = person.id.trim();
    if (!personId || !name) return invalid('Teams did not say who you are, so you can\'t be made the contact; type the contact instead.');
    const set = await mutate(this.deps.roles, ws, id, (role) => {
      if (role.contactId === personId && role.contact === name) return okOf(role);
      return okOf(applyRolePatch(role, { contact: name, contactId: personId }, actor, this.deps.clock()));
    }, { what: 'This role' });
    // Also on a repeat: a press retried after the reminders were not told still reaches them.
    if (set.ok) await this.deps.onContactChanged?.(ws, set.value);
    return set;
  }

  /** Withdraws a sign-off (e.g. the responsibilities changed and need a new commitment). */
  async withdrawSignOff(ws: Workspace, id: string, actor: Actor): Promise<Outcome<OpsRole>> {
    return mutate(this.deps.roles, ws, id, (role) => {
      if (!role.signOff) return okOf(role);
      const { signOff: _dropped, olaSignOff: _ola, ...rest } = role;
      return okOf({ ...rest, updated: { by: actor, at: this.deps.clock().toISOString() } });
    }, { what: 'This role' });
  }
}

