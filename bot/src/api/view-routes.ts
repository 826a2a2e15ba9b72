// The tab views over HTTP: the catalog for the config page, one view rendered, and a card
// action on a view (answered by the view's action registry, tab-actions.ts, or its own act).
//
//   GET  /api/tab/views                          the view catalog (ids, titles, choices)
//   GET  /api/tab/views/:view?workspace=…&<view params>   → { view, identity, cards, charts?, empty? }
//   POST /api/tab/actions { view, workspace, params, verb, data } → the re-rendered view (400 + error on bad input),
//                                                or the cards the action shows next, with back: { label }
import type restify from 'restify';
import { HttpError } from './http-error';
import type { RouteDeps } from './route-support';
import { runTabAction } from './tab-actions';
import { normalizeContent, type TabActionResult, type TabViewContext, type TabViewProvider, type TabViewRegistry } from './tab-views';

export interface ViewRouteDeps extends RouteDeps {
  views: TabViewRegistry;
  clock: () => Date;
}

const PARAM_KEY = /^[a-z][A-Za-z0-9]{0,31}$/;
const RESERVED = new Set(['workspace', 'view', 'theme']);
const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The view's own options: short lowercase-first keys, short string values, at most ten. */
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

function provider(views: TabViewRegistry, id: unknown): TabViewProvider {
  const p = typeof id === 'string' ? views.get(id) : undefined;
  if (!p) throw new HttpError(404, `There is no view ${JSON.stringify(String(id)).slice(0, 40)}. Open the tab settings and choose a view.`);
  return p;
}

const viewInfo = (p: TabViewProvider) => ({ id: p.id, title: p.title, description: p.description });
const identityInfo = (ctx: TabViewContext) => ({ kind: ctx.identity.kind, name: ctx.identity.name });

async function respond(res: restify.Response, ctx: TabViewContext, p: TabViewProvider, status = 200, error?: string): Promise<void> {
  const content = normalizeContent(await p.render(ctx));
  res.send(status, {
    view: viewInfo(p),
    identity: identityInfo(ctx),
    cards: content.cards,
    ...(content.charts?.length ? { charts: content.charts } : {}),
    ...(content.empty ? { empty: content.empty } : {}),
    ...(error ? { error } : {}),
  });
}

export function registerViewRoutes(server: restify.Server, deps: ViewRouteDeps): void {
  const { handle, views, clock } = deps;
  server.get('/api/tab/views', handle(async (req, res) => {
    await deps.authenticate(req);
    res.send(200, { views: views.list().map((p) => ({ ...viewInfo(p), choices: p.choices ?? [] })) });
  }));

  server.get('/api/tab/views/:view', handle(async (req, res) => {
    const identity = await deps.authenticate(req);
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const p = provider(views, req.params?.view);
    const workspace = await deps.authorize(identity, query.get('workspace') ?? undefined);
    await respond(res, { identity, workspace, params: viewParams(query.entries()), clock }, p);
  }));

  server.post('/api/tab/actions', handle(async (req, res) => {
    const identity = await deps.authenticate(req);
    const body = req.body as unknown;
    if (!isObject(body)) throw new HttpError(400, 'Send a JSON object { view, workspace, verb, data }.');
    const { view, workspace: rawWs, params, verb, data } = body as Record<string, unknown>;
    const p = provider(views, view);
    const workspace = await deps.authorize(identity, rawWs);
    if (typeof verb !== 'string' || !/^[A-Za-z][\w.-]{0,63}$/.test(verb)) throw new HttpError(400, 'The action has no valid verb.');
    if (data !== undefined && !isObject(data)) throw new HttpError(400, 'The action data must be an object.');
    if (params !== undefined && !isObject(params)) throw new HttpError(400, 'The view options must be an object.');
    const ctx: TabViewContext = { identity, workspace, params: viewParams(Object.entries(params ?? {})), clock };
    await answerAction(res, ctx, p, await act(ctx, p, verb, (data ?? {}) as Record<string, unknown>));
  }));
}

function act(ctx: TabViewContext, p: TabViewProvider, verb: string, data: Record<string, unknown>): Promise<TabActionResult> {
  if (p.actions) return runTabAction(p.actions, p.id, ctx, verb, data);
  if (p.act) return p.act(ctx, verb, data);
  throw new HttpError(400, `The ${p.title} view has no actions.`);
}

async function answerAction(res: restify.Response, ctx: TabViewContext, p: TabViewProvider, result: TabActionResult): Promise<void> {
  if (result && 'error' in result) return respond(res, ctx, p, 400, result.error);
  // The cards to show next in place of the view; `back` tells the page to offer the way back.
  if (result && 'cards' in result) {
    res.send(200, { view: viewInfo(p), identity: identityInfo(ctx), cards: result.cards, back: { label: `Back to ${p.title}` } });
    return;
  }
  await respond(res, ctx, p);
}
