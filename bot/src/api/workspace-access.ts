// Which workspace's data a caller may see. The workspace is (tenant from the TOKEN, team or chat
// from the request): the request names a tenant too, and it must be the token's, else 403.
//
// What "may see" means here: the workspace is one where Service Ops is installed for that tenant
// (an active conversation target). That stops a caller from reading another tenant's data and
// from probing workspaces the bot is not in. It does NOT prove the caller is a member of that
// team or chat: that needs Microsoft Graph (GET /teams/{id}/members, or /chats/{id}/members with
// ChannelMember.Read.All / ChatMember.Read, via the on-behalf-of flow) or the bot's roster
// (TeamsInfo.getPagedMembers in teams/). Both need credentials this server does not have in
// tests; a Graph-backed WorkspaceAccess can replace this class without touching the routes.
import type { ConversationTargetRepository } from '../domain/conversation-target';
import type { Workspace, WorkspaceScope } from '../domain/workspace';
import { DEV_IDENTITY, type TabIdentity } from './tab-auth';

export interface WorkspaceAccess {
  canAccess(identity: TabIdentity, workspace: Workspace): Promise<boolean>;
}

/** Where the development identity lands when the page names no workspace (plain browser). */
export const LOCAL_DEV_WORKSPACE: Workspace = Object.freeze({ tenantId: DEV_IDENTITY.tenantId, scope: 'team', scopeId: 'local-dev-team' });

export class InstalledWorkspaceAccess implements WorkspaceAccess {
  constructor(private readonly targets: ConversationTargetRepository) {}

  async canAccess(identity: TabIdentity, workspace: Workspace): Promise<boolean> {
    if (identity.kind === 'development') {
      // Local mode only (see devIdentityAllowed): the developer owns every workspace on this machine.
      if (workspace.tenantId === LOCAL_DEV_WORKSPACE.tenantId && workspace.scopeId === LOCAL_DEV_WORKSPACE.scopeId) return true;
      return (await this.targets.listActive(workspace)).length > 0;
    }
    if (workspace.tenantId.toLowerCase() !== identity.tenantId.toLowerCase()) return false;
    return (await this.targets.listActive(workspace)).length > 0;
  }
}

/** Parses the request's workspace: "<tenantId>|team|<teamId>" or "<tenantId>|chat|<chatId>". */
export function parseWorkspace(raw: unknown): Workspace | undefined {
  if (typeof raw !== 'string' || raw.length > 512) return undefined;
  const first = raw.indexOf('|');
  const second = raw.indexOf('|', first + 1);
  if (first <= 0 || second <= first) return undefined;
  const tenantId = raw.slice(0, first);
  const scope = raw.slice(first + 1, second);
  const scopeId = raw.slice(second + 1);
  // eslint-disable-next-line no-control-regex
  if (!scopeId || /[\u0000-\u001f]/.test(raw)) return undefined;
  if (scope !== 'team' && scope !== 'chat') return undefined;
  return { tenantId, scope: scope as WorkspaceScope, scopeId };
}
