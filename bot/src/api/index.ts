// The tab API (JSON over HTTP under the bot server).
//
//   GET  /api/tab/settings                       public: how the page signs in (SSO client id, dev identity allowed?)
//   GET  /api/tab/views                          the view catalog for the config page (ids, titles, choices)
//   GET  /api/tab/views/:view?workspace=…&<view params>   → { view, identity, cards, charts?, empty? }
//   POST /api/tab/actions { view, workspace, params, verb, data } → the re-rendered view (400 + error on bad input),
//                                                or the cards the action shows next, with back: { label }
//   POST /api/tab/import/cqd?workspace=…  (text/csv body)   → proposals, nothing filed (cqd-import-routes.ts)
//   POST /api/tab/import/cqd/confirm { workspace, importId, keys | all }   → the filed findings
//
// Every route but /settings authenticates (tab-auth.ts: Teams SSO token, or the development
// identity in local mode without any app id) and every workspace route authorizes the workspace
// (workspace-access.ts) before a provider sees the request.
import type restify from 'restify';
import type { AppConfig } from '../config';
import type { ConversationTargetRepository } from '../domain/conversation-target';
import type { Workspace } from '../domain/workspace';
import type { Logger } from '../teams/service-ops-bot';
import { CqdImportRegistry, registerCqdImportRoutes } from './cqd-import-routes';
import { HttpError } from './http-error';
import { registerPlaceholderViews } from './placeholder-views';
import { createTabAuthenticator, devIdentityAllowed, TabAuthError, type TabAuthenticator, type TabAuthOptions, type TabIdentity } from './tab-auth';
import { normalizeContent, TabViewRegistry, type TabViewContext, type TabViewProvider } from './tab-views';
import { InstalledWorkspaceAccess, LOCAL_DEV_WORKSPACE, parseWorkspace, type WorkspaceAccess } from './workspace-access';

export { TabViewRegistry } from './tab-views';
export { CqdImportRegistry } from './cqd-import-routes';
export type { TabViewProvider, TabViewContext, TabViewContent, TrendChart, AdaptiveCard, TabActionResult } from './tab-views';

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


const PARAM_KEY = /^[a-z][A-Za-z0-9]{0,31}$/;
const RESERVED = new Set(['workspace', 'view', 'theme']);

function viewParams(entries: Iterable<[string, unknown]>): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  for (const [k, v] of entries) {
    if (RESERVED.has(k)) continue;
    if (!PARAM_KEY.test(k) || typeof v !== 'string' || v.length > 200) throw new HttpError(400, `The view option ${JSON.stringify(k).slice(0, 40)} is not valid.`);
    if (++n > 10) throw new HttpError(400, 'Too many view options.');
    out[k] = v;
  }
  return out;
}

export function registerApi(server: restify.Server, deps: ApiDeps): TabViewRegistry {
  const { config } = deps;
  const views = deps.views ?? createTabViewRegistry();
  const access = deps.access ?? new InstalledWorkspaceAccess(deps.targets);
  const clock = deps.clock ?? deps.tabAuth?.clock ?? (() => new Date());
  const auth: TabAuthenticator = createTabAuthenticator(config, { clock, ...deps.tabAuth });

  async function authorize(identity: TabIdentity, raw: unknown): Promise<Workspace> {
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
  }

  function provider(id: unknown): TabViewProvider {
    const p = typeof id === 'string' ? views.get(id) : undefined;
    if (!p) throw new HttpError(404, `There is no view ${JSON.stringify(String(id)).slice(0, 40)}. Open the tab settings and choose a view.`);
    return p;
  }

  async function respond(res: restify.Response, ctx: TabViewContext, p: TabViewProvider, status = 200, error?: string): Promise<void> {
    const content = normalizeContent(await p.render(ctx));
    res.send(status, {
      view: { id: p.id, title: p.title, description: p.description },
      identity: { kind: ctx.identity.kind, name: ctx.identity.name },
      cards: content.cards,
      ...(content.charts?.length ? { charts: content.charts } : {}),
      ...(content.empty ? { empty: content.empty } : {}),
      ...(error ? { error } : {}),
    });
  }

  const handle = (fn: (req: restify.Request, res: restify.Response) => Promise<void>) => async (req: restify.Request, res: restify.Response) => {
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
        deps.log?.error('tab api failed', { url: req.url, error: String((e as Error)?.stack ?? e) });
        res.send(500, { error: 'Something went wrong on our side. Try again in a moment.' });
      }
    }
  };

  server.get('/api/tab/settings', handle(async (_req, res) => {
    res.send(200, {
      mode: config.mode,
      devIdentity: devIdentityAllowed(config),
      sso: config.aadAppClientId ? { clientId: config.aadAppClientId, loginUrl: `${config.tabEndpoint}/tabs/auth-start.html` } : null,
    });
  }));

  server.get('/api/tab/views', handle(async (req, res) => {
    await auth.authenticate(req.headers);
    res.send(200, { views: views.list().map((p) => ({ id: p.id, title: p.title, description: p.description, choices: p.choices ?? [] })) });
  }));

  server.get('/api/tab/views/:view', handle(async (req, res) => {
    const identity = await auth.authenticate(req.headers);
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const p = provider(req.params?.view);
    const workspace = await authorize(identity, query.get('workspace') ?? undefined);
    await respond(res, { identity, workspace, params: viewParams(query.entries()), clock }, p);
  }));

  server.post('/api/tab/actions', handle(async (req, res) => {
    const identity = await auth.authenticate(req.headers);
    const body = req.body as unknown;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'Send a JSON object { view, workspace, verb, data }.');
    const { view, workspace: rawWs, params, verb, data } = body as Record<string, unknown>;
    const p = provider(view);
    const workspace = await authorize(identity, rawWs);
    if (typeof verb !== 'string' || !/^[A-Za-z][\w.-]{0,63}$/.test(verb)) throw new HttpError(400, 'The action has no valid verb.');
    if (data !== undefined && (data === null || typeof data !== 'object' || Array.isArray(data))) throw new HttpError(400, 'The action data must be an object.');
    if (params !== undefined && (params === null || typeof params !== 'object' || Array.isArray(params))) throw new HttpError(400, 'The view options must be an object.');
    const ctx: TabViewContext = { identity, workspace, params: viewParams(Object.entries(params ?? {})), clock };
    if (!p.act) throw new HttpError(400, `The ${p.title} view has no actions.`);
    const result = await p.act(ctx, verb, (data ?? {}) as Record<string, unknown>);
    if (result && 'error' in result) return respond(res, ctx, p, 400, result.error);
    if (result && 'cards' in result) {
      // The cards to show next in place of the view; `back` tells the page to offer the way back.
      res.send(200, {
        view: { id: p.id, title: p.title, description: p.description },
        identity: { kind: ctx.identity.kind, name: ctx.identity.name },
        cards: result.cards,
        back: { label: `Back to ${p.title}` },
      });
      return;
    }
    await respond(res, ctx, p);
  }));

  registerCqdImportRoutes(server, { handle, authenticate: (req) => auth.authenticate(req.headers), authorize, registry: deps.cqdImport ?? new CqdImportRegistry() });

  return views;
}
