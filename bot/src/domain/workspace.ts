// A workspace is where Service Ops data lives: one tenant plus one team, or one tenant plus one chat.
// Data of two tenants never shares a workspace, so it never shares a table partition.

export type WorkspaceScope = 'team' | 'chat';

export interface Workspace {
  tenantId: string;
  scope: WorkspaceScope;
  /** Team id (thread id of the team's General channel) or the chat's conversation id. */
  scopeId: string;
}

/** Stable string for a workspace; storage encodes it before using it as a key. */
export function workspaceKey(ws: Workspace): string {
  return `${ws.tenantId}|${ws.scope}|${ws.scopeId}`;
}

export function sameWorkspace(a: Workspace, b: Workspace): boolean {
  return workspaceKey(a) === workspaceKey(b);
}
