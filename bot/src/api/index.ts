// The tab API (JSON over HTTP under the bot server).
//
//   GET  /api/tab/settings                       public: how the page signs in (SSO client id, dev identity allowed?)
//   GET  /api/tab/views, /api/tab/views/:view, POST /api/tab/actions     the views and their card actions (view-routes.ts)
//   POST /api/tab/import/cqd?workspace=…  (text/csv body)   → proposals, nothing filed (cqd-import-routes.ts)
//   POST /api/tab/import/cqd/confirm { workspace, importId, keys | all }   → the filed findings
//   GET  /api/packs/<id>.png|pdf?exp=…&sig=…, GET /api/tab/packs/<YYYY-MM>.png|pdf   the review pack's files (pack-routes.ts)
//
// Every route but /settings authenticates (tab-auth.ts: Teams SSO token, or the development
// identity in local mode without any app id) and every workspace route authorizes the workspace
// (workspace-access.ts) before a provider sees the request.
import type restify from 'restify';
import type { AppConfig } from '../config';
import type { ConversationTargetRepository } from '../domain/conversation-target';
import type { Logger } from '../teams/service-ops-bot';
import { CqdImportRegistry, registerCqdImportRoutes } from './cqd-import-routes';
import { registerPackRoutes } from './pack-routes';
import { registerPlaceholderViews } from './placeholder-views';
import { errorHandling, type RouteDeps, workspaceAuthorizer } from './route-support';
import { createTabAuthenticator, devIdentityAllowed, type TabAuthOptions } from './tab-auth';
import { TabViewRegistry } from './tab-views';
import { registerViewRoutes } from './view-routes';
import { InstalledWorkspaceAccess, type WorkspaceAccess } from './workspace-access';

export { TabViewRegistry } from './tab-views';
export { CqdImportRegistry } from './cqd-import-routes';
export type { TabViewProvider, TabViewContext, TabViewContent, TrendChart, AdaptiveCard, TabActionResult } from './tab-views';
export type { TabActions } from './tab-actions';

export interface ApiDeps {
  config: AppConfig;
  /** Where the bot is installed: the default WorkspaceAccess checks for an active target. */
  targets: ConversationTargetRepository;
  /** The views; defaults to the placeholder views. Features register real providers into it. */
  views?: TabViewRegistry;
  /** Where the findings feature provides the call-quality CSV import (none: the import routes answer 404). */
  cqdImport?: CqdImportRegistry;
  /** Replaces the installed-workspace check (e.g. a Graph membership check). */
  access?: WorkspaceAccess;
  /** Test seam for token validation: the signing keys and the clock. */
  tabAuth?: TabAuthOptions;
  log?: Logger;
  clock?: () => Date;
}

/** Creates the registry every product view starts from: placeholders until features replace them. */
export function createTabViewRegistry(): TabViewRegistry {
  return registerPlaceholderViews(new TabViewRegistry());
}

export function registerApi(server: restify.Server, deps: ApiDeps): TabViewRegistry {
  const { config } = deps;
  const views = deps.views ?? createTabViewRegistry();
  const clock = deps.clock ?? deps.tabAuth?.clock ?? (() => new Date());
  // Tokens expire on the real clock, even when the business clock was moved for a rehearsal.
  const auth = createTabAuthenticator(config, { clock: config.clockStart ? () => new Date() : clock, ...deps.tabAuth });
  const routes: RouteDeps = {
    handle: errorHandling(deps.log),
    authenticate: (req) => auth.authenticate(req.headers),
    authorize: workspaceAuthorizer(deps.access ?? new InstalledWorkspaceAccess(deps.targets)),
  };

  server.get('/api/tab/settings', routes.handle(async (_req, res) => {
    res.send(200, {
      mode: config.mode,
      devIdentity: devIdentityAllowed(config),
      sso: config.aadAppClientId ? { clientId: config.aadAppClientId, loginUrl: `${config.tabEndpoint}/tabs/auth-start.html` } : null,
    });
  }));
  registerViewRoutes(server, { ...routes, views, clock });
  registerCqdImportRoutes(server, { ...routes, registry: deps.cqdImport ?? new CqdImportRegistry() });
  registerPackRoutes(server, { ...routes, views, clock });
  return views;
}
