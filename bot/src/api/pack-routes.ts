// The review pack's files over HTTP:
//   GET /api/packs/<id>.png|pdf?exp=…&sig=…   signed link (card images: Teams fetches them without
//                                              signing in); the id names the workspace and month
//   GET /api/tab/packs/<YYYY-MM>.png|pdf?workspace=…   the tab API's download, signed in and
//                                              authorized like every view
// The pack view (api/views/pack-view.ts, registered by its feature) provides the files.
import type restify from 'restify';
import { workspaceKey } from '../domain/workspace';
import { verifyPackLink, type PackFormat } from '../platform/pack-render-links';
import { HttpError } from './http-error';
import type { RouteDeps } from './route-support';
import type { TabViewRegistry } from './tab-views';
import { isPackView, PACK_VIEW_ID, packMonthOf, type PackViewProvider } from './views/pack-view';
import { parseWorkspace } from './workspace-access';
import type { Workspace } from '../domain/workspace';

export interface PackRouteDeps extends RouteDeps {
  views: TabViewRegistry;
  clock: () => Date;
}

const CONTENT_TYPES: Record<PackFormat, string> = { png: 'image/png', pdf: 'application/pdf' };

function packProvider(views: TabViewRegistry): PackViewProvider {
  const p = views.get(PACK_VIEW_ID);
  if (!isPackView(p)) throw new HttpError(404, 'The review pack is not available here.');
  return p;
}

async function sendFile(res: restify.Response, p: PackViewProvider, ws: Workspace, monthText: string, format: PackFormat): Promise<void> {
  const { month, settings } = await packMonthOf(p.pack.service, ws, monthText);
  const pack = await p.pack.service.pack(ws, month, settings);
  if (pack.empty) throw new HttpError(404, `${pack.title}: nothing was recorded, so there is no pack to draw. ${pack.missing.join(' ')}`);
  const body = await p.pack.files.render(pack, format);
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  res.setHeader('Content-Length', body.length);
  res.setHeader('Content-Disposition', `${format === 'pdf' ? 'attachment' : 'inline'}; filename="service-review-${pack.month}.${format}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.writeHead(200);
  res.end(body);
}

export function registerPackRoutes(server: restify.Server, deps: PackRouteDeps): void {
  // A wildcard, not a :param: a workspace-scoped id is longer than the router's parameter limit.
  server.get('/api/packs/*', deps.handle(async (req, res) => {
    const p = packProvider(deps.views);
    const url = new URL(req.url ?? '/', 'http://x');
    const file = url.pathname.slice('/api/packs/'.length);
    const link = verifyPackLink(p.pack.signingKey, file, url.searchParams.get('exp'), url.searchParams.get('sig'), deps.clock());
    if (!link.ok) throw new HttpError(link.status, link.error);
    const ws = parseWorkspace(link.ref.workspace);
    if (!ws || workspaceKey(ws) !== link.ref.workspace) throw new HttpError(400, 'This is not a review pack link.');
    await sendFile(res, p, ws, link.ref.month, link.format);
  }));

  server.get('/api/tab/packs/:file', deps.handle(async (req, res) => {
    const identity = await deps.authenticate(req);
    const p = packProvider(deps.views);
    const m = /^(\d{4}-\d{2})\.(png|pdf)$/.exec(String(req.params?.file ?? ''));
    if (!m) throw new HttpError(400, 'Ask for <YYYY-MM>.png or <YYYY-MM>.pdf, for example 2026-11.pdf.');
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const ws = await deps.authorize(identity, query.get('workspace') ?? undefined);
    await sendFile(res, p, ws, m[1]!, m[2] as PackFormat);
  }));
}
