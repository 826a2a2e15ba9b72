// The role map tab: the same role map card as the chat, with its edit, add, remove and sign-off
// buttons answered by the ops card actions (teams/ops/ops-actions.ts), as in chat.
import { OPS_VERBS } from '../../cards/ops-verbs';
import { renderRoleMapCard } from '../../cards/role-map-card';
import type { OpsServices } from '../../domain/ops/ops-services';
import { OLA_VERBS } from '../../cards/ola-verbs';
import type { RoleOlaStatuses } from '../../teams/ops/ops-views';
import type { ActionRegistry } from '../../teams/card-actions';
import type { TabViewProvider } from '../tab-views';

const ROLE_VERBS = [OPS_VERBS.rolesShow, OPS_VERBS.stakeholdersShow, OPS_VERBS.roleEdit, OPS_VERBS.roleSave, OPS_VERBS.roleAdd, OPS_VERBS.roleRemove, OPS_VERBS.roleSignoff, OPS_VERBS.roleContactMe];

export function rolesView(ops: OpsServices, actions: ActionRegistry, olaStatuses?: RoleOlaStatuses): TabViewProvider {
  return {
    id: 'roles',
    title: 'Operational role map',
    description: 'Who owns each operational role, their team and contact, and which teams have signed off.',
    async render(ctx) {
      const roles = await ops.roles.list(ctx.workspace);
      const olas = olaStatuses ? await olaStatuses(ctx.workspace, roles) : undefined;
      return { cards: [renderRoleMapCard({ roles, ...(olas ? { olas } : {}) })] };
    },
    actions: { registry: actions, verbs: olaStatuses ? [...ROLE_VERBS, ...Object.values(OLA_VERBS)] : ROLE_VERBS, refuse: () => 'This button does not belong to the role map. Reload the tab and try again.' },
  };
}
