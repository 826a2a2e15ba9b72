// What every tab API route shares: the error mapping (a refusal's status and message, a plain
// 500 for anything unexpected, never its details), authentication, and the workspace check.
import type restify from 'restify';
import type { Workspace } from '../domain/workspace';
import type { Logger } from '../teams/service-ops-bot';
import { HttpError } from './http-error';
import { TabAuthError, type TabIdentity } from './tab-auth';
import { LOCAL_DEV_WORKSPACE, parseWorkspace, type WorkspaceAccess } from './workspace-access';

export type RouteHandler = (req: restify.Request, res: restify.Response) => Promise<void>;

export interface RouteDeps {
  /** Wraps a route: no caching, and errors answered as JSON { error }. */
  handle(fn: RouteHandler): restify.RequestHandler;
  authenticate(req: restify.Request): Promise<TabIdentity>;
  /** The workspace the request names, once the caller may see it (else an HttpError). */
  authorize(identity: TabIdentity, raw: unknown): Promise<Workspace>;
}

export function errorHandling(log?: Logger): RouteDeps['handle'] {
  return (fn) => async (req, res) => {
    res.header('Cache-Control', 'no-store');
    try {
      await fn(req, res);
    } catch (e) {
      if (e instanceof TabAuthError) {
        if (e.status === 401) res.header('WWW-Authenticate', 'Bearer error="invalid_token"');
        res.send(e.status, { error: e.message });
      } else if (e instanceof HttpError) {
        res.send(e.status, { error: e.message, ...e.body });
      } else {
        log?.error('tab api failed', { url: req.url, error: String((e as Error)?.stack ?? e) });
        res.send(500, { error: 'Something went wrong on our side. Try again in a moment.' });
      }
    }
  };
}

export function workspaceAuthorizer(access: WorkspaceAccess): RouteDeps['authorize'] {
  return async (identity, raw) => {
    if (raw === undefined || raw === '') {
      if (identity.kind === 'development') return LOCAL_DEV_WORKSPACE;
      throw new HttpError(400, 'No workspace: open this tab in a team channel or a group chat.');
    }
    const workspace = parseWorkspace(raw);
    if (!workspace) throw new HttpError(400, 'The workspace is not valid: expected "<tenant>|team|<team id>" or "<tenant>|chat|<chat id>".');
    if (identity.kind === 'sso' && workspace.tenantId.toLowerCase() !== identity.tenantId.toLowerCase()) {
      throw new HttpError(403, "This workspace belongs to another organization than the one you're signed in to.");
    }
    if (!(await access.canAccess(identity, workspace))) {
      throw new HttpError(403, `Service Ops is not installed in this ${workspace.scope === 'team' ? 'team' : 'chat'}, or you may not see it. Add the Service Ops app to it, then reload the tab.`);
    }
    return workspace;
  };
}
