// The role map card (sign-off summary, then a page of roles with edit and sign-off buttons)
// and the role edit card. User text goes into TextRuns and input values, so it shows literally.
import editTemplate from './templates/role-edit.json';
import mapTemplate from './templates/role-map.json';
import { contactPerson, isNamed, type OpsRole, signOffSummary } from '../domain/ops/roles';
import type { RoleOlaStatus } from '../domain/ops/ola-service';
import { signOffLine } from './ola-card';
import { OLA_VERBS } from './ola-verbs';
import { clip, execute, fitCard } from './ops-card-parts';
import { OPS_VERBS } from './ops-verbs';
import { expandTemplate } from './template';

export const ROLES_PER_PAGE = 6;

export interface RoleMapCardInput {
  roles: readonly OpsRole[];
  /** Index of the first role on this card. */
  offset?: number;
  notice?: string;
  problem?: string;
  /** Per role id, its OLA's sign-off and adherence: the sign-off then opens the OLA to sign. */
  olas?: ReadonlyMap<string, RoleOlaStatus>;
}

/** With OLAs, a role is signed off against its OLA's current version, and the map says how it is kept. */
function olaParts(r: OpsRole, olas: ReadonlyMap<string, RoleOlaStatus> | undefined) {
  const status = olas?.get(r.id);
  if (!status) return undefined;
  const line = signOffLine(status.signOff);
  const due = status.signOff.state === 'unsigned' || status.signOff.state === 'earlier-version';
  return {
    signOff: line.text,
    signOffColor: line.color,
    adherence: `OLA adherence: ${status.adherence}`,
    // "Sign off" opens the OLA to read and sign (the ops sign-off verb, answered with the OLA card).
    button: due ? execute('Review and sign the OLA', OPS_VERBS.roleSignoff, { roleId: r.id }, { style: 'positive' }) : execute('Open the OLA', OLA_VERBS.show, { roleId: r.id }),
  };
}

const day = (iso: string) => iso.slice(0, 10);

export function renderRoleMapCard(input: RoleMapCardInput): Record<string, unknown> {
  const summary = signOffSummary(input.roles, (r) => {
    const ola = input.olas?.get(r.id);
    return ola ? ola.signOff.state === 'signed' : r.signOff !== undefined;
  });
  const all = [...summary.signed, ...summary.pending].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  const offset = Math.min(Math.max(0, input.offset ?? 0), Math.max(0, all.length - 1));
  return fitCard((perPage) => {
    const page = all.slice(offset, offset + perPage);
    const pendingNames = summary.pending.map((r) => r.name);
    const pending = pendingNames.length ? clip(pendingNames.join(', '), 600) : '';
    const actions: Record<string, unknown>[] = [];
    if (offset + perPage < all.length) actions.push(execute(`Next roles (${offset + perPage + 1}–${Math.min(all.length, offset + 2 * perPage)})`, OPS_VERBS.rolesShow, { offset: offset + perPage }));
    if (offset > 0) actions.push(execute('Previous roles', OPS_VERBS.rolesShow, { offset: Math.max(0, offset - perPage) }));
    actions.push(execute('Add a role', OPS_VERBS.roleEdit, {}));
    actions.push(execute('Stakeholders', OPS_VERBS.stakeholdersShow, {}));
    return expandTemplate(mapTemplate, {
      summary: all.length
        ? `${summary.signed.length} of ${summary.total} roles signed off by their teams.`
        : 'The role map is empty. Add the operational roles your service needs.',
      pending,
      notice: input.notice ?? '',
      problem: input.problem ?? '',
      roles: page.map((r) => ({
        ...roleLine(r),
        ...olaLine(r, input.olas),
      })),
      pageText: all.length > page.length ? `Roles ${offset + 1}–${offset + page.length} of ${all.length}.` : '',
      actions,
    });
  }, [ROLES_PER_PAGE, 4, 2, 1]);
}

function olaLine(r: OpsRole, olas: ReadonlyMap<string, RoleOlaStatus> | undefined) {
  const ola = olaParts(r, olas);
  if (!ola) return { adherence: '' };
  return { signOff: ola.signOff, signOffColor: ola.signOffColor, adherence: ola.adherence, buttons: [execute('Edit', OPS_VERBS.roleEdit, { roleId: r.id }), ...(isNamed(r.team) ? [ola.button] : [])] };
}

function roleLine(r: OpsRole) {
  return {
    name: clip(r.name, 80),
    description: clip(r.description, 300),
    team: clip(r.team, 100),
    contact: clip(r.contact, 200),
    channel: r.channel ? clip(r.channel.name, 100) : '',
    signOff: r.signOff
      ? `Signed off by ${clip(r.signOff.by.name, 80)} on ${day(r.signOff.at)}`
      : isNamed(r.team) ? 'Waiting for the team to sign off' : 'No team named yet',
    signOffColor: r.signOff ? 'Good' : 'Warning',
    buttons: [
      execute('Edit', OPS_VERBS.roleEdit, { roleId: r.id }),
      // A role no team is named for has nobody to sign it off yet (the service refuses it too).
      ...(r.signOff || !isNamed(r.team) ? [] : [execute('Sign off for our team', OPS_VERBS.roleSignoff, { roleId: r.id }, { style: 'positive' })]),
    ],
  };
}


export interface RoleEditCardInput {
  /** The role to edit; omitted for a new role. */
  role?: OpsRole;
  /** Name of the conversation the card is in, for "send notifications here". */
  currentChannelName?: string;
  /** What just changed, e.g. who became the contact. */
  notice?: string;
  problem?: string;
  /** Values the person typed, kept when re-showing the card with a problem. */
  typed?: { name?: string; description?: string; team?: string; contact?: string };
}

/**
 * The contact as a person: who it is now, and the button that makes the presser the contact
 * (so reminders can @mention them). A typed contact stays plain text and is never mentioned.
 */
function contactParts(r: OpsRole | undefined): { contactNote: string; hasRole: boolean; contactActions: Record<string, unknown>[] } {
  if (!r) return { contactNote: '', hasRole: false, contactActions: [] };
  const person = contactPerson(r);
  return {
    contactNote: person
      ? `${clip(person.name, 80)} is the contact person: reminders for this role @mention them. Typing other contact details replaces them.`
      : 'Typed contact details are shown as text. To be @mentioned in this role\'s reminders, make yourself the contact.',
    hasRole: true,
    contactActions: [execute('Make me the contact', OPS_VERBS.roleContactMe, { roleId: r.id }, { associatedInputs: 'none' })],
  };
}

export function renderRoleEditCard(input: RoleEditCardInput): Record<string, unknown> {
  const r = input.role;
  const typed = input.typed ?? {};
  const value = (k: 'name' | 'description' | 'team' | 'contact') => typed[k] ?? (r ? r[k] : k === 'team' || k === 'contact' ? 'TBA' : '');
  const actions = r
    ? [
      execute('Save', OPS_VERBS.roleSave, { roleId: r.id, etag: r.etag ?? '' }, { style: 'positive' }),
      execute('Remove role', OPS_VERBS.roleRemove, { roleId: r.id, etag: r.etag ?? '' }, { style: 'destructive', associatedInputs: 'none' }),
      execute('Back to the role map', OPS_VERBS.rolesShow, {}, { associatedInputs: 'none' }),
    ]
    : [
      execute('Add role', OPS_VERBS.roleAdd, {}, { style: 'positive' }),
      execute('Back to the role map', OPS_VERBS.rolesShow, {}, { associatedInputs: 'none' }),
    ];
  return expandTemplate(editTemplate, {
    heading: r ? 'Edit role' : 'Add a role',
    roleName: r ? clip(r.name, 80) : '',
    notice: input.notice ?? '',
    problem: input.problem ?? '',
    name: value('name'),
    description: value('description'),
    team: value('team'),
    contact: value('contact'),
    channel: r?.channel ? clip(r.channel.name, 100) : '',
    channelToggle: input.currentChannelName ? `Send this role's notifications to ${clip(input.currentChannelName, 60)}` : 'Send this role\'s notifications to this conversation',
    ...contactParts(r),
    signOffNote: r?.signOff ? 'Changing the team withdraws the current sign-off: the new team signs off again.' : '',
    actions,
  });
}
