// The role map's and the stakeholder matrix's card verbs (cards/ops-verbs.ts): show a page, edit,
// save, add, remove and sign off a role. The role service validates every field it stores.
import { OPS_VERBS as V } from '../../cards/ops-verbs';
import { renderRoleEditCard, renderRoleMapCard } from '../../cards/role-map-card';
import { renderStakeholdersCard } from '../../cards/stakeholders-card';
import { bool, type CardData, str } from '../../domain/card-data';
import type { Outcome } from '../../domain/ops/common';
import type { RoleInput } from '../../domain/ops/roles';
import { type ActionContext, type Card, defineAction } from '../card-actions';
import { actorOf, etagOf, idOf, offsetOf, type OpsAction, page, refused, shown } from './ops-action-support';
import type { CardNote } from './ops-views';

const NO_CHANNEL_HERE = 'Notifications go to a channel: open the role map in that channel (type roles there) and choose "Send this role\'s notifications" on the role.';
const ROLE_GONE = 'That role no longer exists: it may have been removed.';

/** The role edit card. A tab knows the team, not a channel's conversation: it can't offer "send here". */
function editCard(ctx: ActionContext, input: Parameters<typeof renderRoleEditCard>[0]): Card {
  if (ctx.surface.kind === 'conversation') return renderRoleEditCard({ ...input, currentChannelName: ctx.surface.name });
  return withoutElement(renderRoleEditCard(input), 'useThisChannel');
}

function withoutElement(card: Card, id: string): Card {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.filter((n) => !(n && typeof n === 'object' && (n as Card).id === id)).map(strip);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, strip(v)]));
    return node;
  };
  return strip(card) as Card;
}

/** The role fields of the edit card, what was typed (to show again with a problem), and the channel switch. */
function roleFields(d: CardData) {
  return {
    input: { name: d.name, description: d.description, team: d.team, contact: d.contact },
    typed: { name: str(d.name) ?? '', description: str(d.description) ?? '', team: str(d.team) ?? '', contact: str(d.contact) ?? '' },
    channel: bool(d.useThisChannel) === true ? 'here' as const : bool(d.clearChannel) === true ? 'clear' as const : 'keep' as const,
  };
}

/** The role to store; "send here" needs the conversation the card is in. */
function roleInput(fields: ReturnType<typeof roleFields>, ctx: ActionContext): RoleInput | Outcome<never> {
  const input: RoleInput = { ...fields.input };
  if (fields.channel === 'here') {
    if (ctx.surface.kind !== 'conversation') return { ok: false, error: 'invalid', message: NO_CHANNEL_HERE };
    input.channel = { id: ctx.surface.conversationId, name: ctx.surface.name };
  } else if (fields.channel === 'clear') input.channel = null;
  return input;
}
const refusedRole = (input: RoleInput | Outcome<never>): input is Outcome<never> => 'ok' in input;

const rolesShow: OpsAction = (views) => defineAction({
  verb: V.rolesShow,
  parse: offsetOf,
  run: async ({ offset }, ctx) => page(offset, () => views.roleMapCard(ctx.workspace, { offset })),
});

const roleEdit: OpsAction = (views) => defineAction({
  verb: V.roleEdit,
  parse: (d) => ({ roleId: str(d.roleId) }),
  async run({ roleId }, ctx) {
    if (!roleId) return { card: editCard(ctx, {}) };
    const role = await views.ops.roles.get(ctx.workspace, roleId);
    if (!role) return refused(ROLE_GONE, (note) => views.roleMapCard(ctx.workspace, note));
    return { card: editCard(ctx, { role }) };
  },
});

const roleSave: OpsAction = (views) => defineAction({
  verb: V.roleSave,
  parse: (d) => ({ roleId: idOf(d.roleId), etag: etagOf(d), fields: roleFields(d) }),
  async run({ roleId, etag, fields }, ctx) {
    const ws = ctx.workspace;
    const input = roleInput(fields, ctx);
    const saved = refusedRole(input) ? input : await views.ops.roles.update(ws, roleId, input, actorOf(ctx), etag);
    if (saved.ok) return shown(saved, (note) => views.roleMapCard(ws, note), (role) => `${ctx.actor.name} updated ${role.name}.`);
    if (saved.error === 'conflict' && saved.current) return { card: editCard(ctx, { role: saved.current, problem: saved.message }) };
    if (saved.error === 'invalid') {
      const role = await views.ops.roles.get(ws, roleId);
      return { card: editCard(ctx, { ...(role ? { role } : {}), problem: saved.message, typed: fields.typed }) };
    }
    return refused(saved.message, (note) => views.roleMapCard(ws, note));
  },
});

const roleAdd: OpsAction = (views) => defineAction({
  verb: V.roleAdd,
  parse: (d) => ({ fields: roleFields(d) }),
  async run({ fields }, ctx) {
    const ws = ctx.workspace;
    const input = roleInput(fields, ctx);
    const added = refusedRole(input) ? input : await views.ops.roles.add(ws, input, actorOf(ctx));
    if (!added.ok) return { card: editCard(ctx, { problem: added.message, typed: fields.typed }) };
    const notice = `${ctx.actor.name} added ${added.value.name}.`;
    // The chat shows the page with the new role; a tab shows its view.
    return {
      async view() {
        const roles = await views.ops.roles.list(ws);
        return renderRoleMapCard({ roles, offset: Math.max(0, roles.findIndex((x) => x.id === added.value.id)), notice });
      },
      forEveryone: true,
    };
  },
});

const roleRemove: OpsAction = (views) => defineAction({
  verb: V.roleRemove,
  parse: (d) => ({ roleId: idOf(d.roleId), etag: etagOf(d) }),
  run: async ({ roleId, etag }, ctx) =>
    shown(await views.ops.roles.remove(ctx.workspace, roleId, etag), (note) => views.roleMapCard(ctx.workspace, note), () => `${ctx.actor.name} removed a role.`),
});

const roleSignoff: OpsAction = (views) => defineAction({
  verb: V.roleSignoff,
  parse: (d) => ({ roleId: idOf(d.roleId) }),
  async run({ roleId }, ctx) {
    const ws = ctx.workspace;
    // With OLAs, a team signs its OLA: the button opens it, to be read and signed there.
    if (views.olaCard) {
      const ola = await views.olaCard(ws, roleId);
      return ola ? { card: ola } : refused(ROLE_GONE, (note) => views.roleMapCard(ws, note));
    }
    const signed = await views.ops.roles.signOff(ws, roleId, actorOf(ctx));
    // The page of the role that was signed off (six roles a page).
    const onItsPage = async (note: CardNote) => {
      const roles = await views.ops.roles.list(ws);
      const index = Math.max(0, roles.findIndex((x) => x.id === roleId));
      return renderRoleMapCard({ roles, ...note, offset: index - (index % 6) });
    };
    return shown(signed, onItsPage, (role) => `${role.signOff!.by.name} signed off ${role.name} for ${role.team}.`);
  },
});

/** The presser becomes the role's contact: the Entra object id when Teams sends one, else their Teams id. */
const roleContactMe: OpsAction = (views) => defineAction({
  verb: V.roleContactMe,
  parse: (d) => ({ roleId: idOf(d.roleId) }),
  async run({ roleId }, ctx) {
    const ws = ctx.workspace;
    const person = actorOf(ctx);
    const set = await views.ops.roles.setContactPerson(ws, roleId, person, person);
    if (!set.ok) return refused(set.message, (note) => views.roleMapCard(ws, note));
    return { card: editCard(ctx, { role: set.value, notice: `${ctx.actor.name} is now the contact for ${set.value.name}.` }) };
  },
});

const stakeholdersShow: OpsAction = (views) => defineAction({
  verb: V.stakeholdersShow,
  parse: offsetOf,
  run: async ({ offset }, ctx) => ({ card: renderStakeholdersCard({ stakeholders: await views.ops.stakeholders.list(ctx.workspace), offset }) }),
});

export const ROLE_ACTIONS: readonly OpsAction[] = [rolesShow, roleEdit, roleSave, roleAdd, roleRemove, roleSignoff, roleContactMe, stakeholdersShow];
