// The role map tab: the same role map card as the chat, with its edit, add, remove and sign-off
// actions going to the same services through the shared ops actions.
import { renderRoleEditCard, renderRoleMapCard } from '../../cards/role-map-card';
import { OPS_VERBS } from '../../cards/ops-verbs';
import { renderStakeholdersCard } from '../../cards/stakeholders-card';
import type { OpsServices } from '../../domain/ops/ops-services';
import * as actions from '../../features/ops-actions';
import type { TabActionResult, TabViewContext, TabViewProvider } from '../tab-views';
import { tabActor, tabOpId, withoutElement } from './view-support';

/** "Send this role's notifications to this conversation" needs a chat: the tab can't offer it. */
const editCard = (input: Parameters<typeof renderRoleEditCard>[0]) => withoutElement(renderRoleEditCard(input), 'useThisChannel');

export function rolesView(ops: OpsServices): TabViewProvider {
  const request = (ctx: TabViewContext, data: Record<string, unknown>): actions.OpsActionRequest => ({ workspace: ctx.workspace, data, actor: tabActor(ctx), opId: tabOpId() });

  async function act(ctx: TabViewContext, verb: string, data: Record<string, unknown>): Promise<TabActionResult> {
    const ws = ctx.workspace;
    const r = request(ctx, data);
    switch (verb) {
      case OPS_VERBS.rolesShow: {
        const offset = actions.int(data.offset);
        if (!offset) return; // the first page is the view itself
        return { cards: [renderRoleMapCard({ roles: await ops.roles.list(ws), offset })] };
      }
      case OPS_VERBS.stakeholdersShow:
        return { cards: [renderStakeholdersCard({ stakeholders: await ops.stakeholders.list(ws), offset: actions.int(data.offset) })] };
      case OPS_VERBS.roleEdit: {
        const id = actions.str(data.roleId);
        if (!id) return { cards: [editCard({})] };
        const role = await ops.roles.get(ws, id);
        return role ? { cards: [editCard({ role })] } : { error: 'That role no longer exists: it may have been removed.' };
      }
      case OPS_VERBS.roleSave: {
        const saved = await actions.saveRole(ops, r);
        if (saved.ok) return;
        if (saved.error === 'conflict' && saved.current) return { cards: [editCard({ role: saved.current, problem: saved.message })] };
        if (saved.error === 'invalid') {
          const role = await ops.roles.get(ws, actions.str(data.roleId) ?? '');
          return { cards: [editCard({ ...(role ? { role } : {}), problem: saved.message, typed: actions.typedRole(data) })] };
        }
        return { error: saved.message };
      }
      case OPS_VERBS.roleAdd: {
        const added = await actions.addRole(ops, r);
        return added.ok ? undefined : { cards: [editCard({ problem: added.message, typed: actions.typedRole(data) })] };
      }
      case OPS_VERBS.roleRemove: {
        const removed = await actions.removeRole(ops, r);
        return removed.ok ? undefined : { error: removed.message };
      }
      case OPS_VERBS.roleSignoff: {
        const signed = await actions.signOffRole(ops, r);
        return signed.ok ? undefined : { error: signed.message };
      }
      default:
        return { error: 'This button does not belong to the role map. Reload the tab and try again.' };
    }
  }

  return {
    id: 'roles',
    title: 'Operational role map',
    description: 'Who owns each operational role, their team and contact, and which teams have signed off.',
    async render(ctx) {
      return { cards: [renderRoleMapCard({ roles: await ops.roles.list(ctx.workspace) })] };
    },
    act,
  };
}
