// HTTP surface: /api/messages (Bot Connector), /healthz, the built tab pages (with the privacy
// and terms pages the manifest links to, and the sign-in popup pages).
import { existsSync } from 'node:fs';
import restify from 'restify';
import { IMPORT_PATH as CQD_IMPORT_PATH } from './api/cqd-import-routes';
import type { AppConfig } from './config';
import type { TableStore } from './storage/table-store';
import type { Logger } from './teams/service-ops-bot';

export interface ServerDeps {
  config: AppConfig;
  /** POST /api/messages, built in teams/ (the only place that knows botbuilder). */
  messages: (req: any, res: any) => Promise<void>;
  store: TableStore;
  log: Logger;
  /** Folder of the built tab pages (dist/tabs); absent in bot-only test runs. */
  tabsDir?: string;
}

/** Teams web/desktop and the Microsoft 365 hosts that may frame the tab pages. */
const FRAME_ANCESTORS = [
  "'self'", 'https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft', 'https://*.office.com', 'https://outlook.office.com', 'https://*.microsoft365.com',
  'https://*.skype.com',
];

/** POST routes that read their request body as a stream themselves. */
export const STREAMED_BODY_PATHS = new Set([CQD_IMPORT_PATH]);

function runHandlers(handlers: restify.RequestHandler[], req: restify.Request, res: restify.Response, done: restify.Next): void {
  const step = (i: number, err?: unknown): void => {
    if (err !== undefined && err !== null && err !== true) return done(err as Error);
    if (i === handlers.length) return done();
    handlers[i]!(req, res, ((e?: unknown) => step(i + 1, e)) as restify.Next);
  };
  step(0);
}

export function createServer(deps: ServerDeps): restify.Server {
  const { config, store } = deps;
  const server = restify.createServer({ name: 'service-ops', handleUncaughtExceptions: false });
  // JSON bodies up to 1 MiB everywhere, except routes that stream their own body (CSV import).
  const parsers = restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false, rejectUnknown: true }) as unknown as restify.RequestHandler[];
  server.use((req, res, next) => {
    if (req.method === 'POST' && STREAMED_BODY_PATHS.has(req.getPath())) return next();
    runHandlers(parsers, req, res, next);
  });

  server.post('/api/messages', deps.messages);

  server.get('/healthz', async (_req, res) => {
    const started = performance.now();
    try {
      await withTimeout(store.ping(), 2000);
      res.send(200, { status: 'ok', mode: config.mode, storage: { reachable: true, latencyMs: Math.round(performance.now() - started) } });
    } catch (e) {
      res.send(503, { status: 'degraded', mode: config.mode, storage: { reachable: false, error: String((e as Error).message ?? e) } });
    }
  });

  if (deps.tabsDir && existsSync(deps.tabsDir)) {
    const tabsDir = deps.tabsDir;
    server.pre((req, res, next) => {
      if (req.url?.startsWith('/tabs/')) {
        res.header('Content-Security-Policy', `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`);
        res.header('X-Content-Type-Options', 'nosniff');
      }
      return next();
    });
    server.get('/tabs/*', restify.plugins.serveStaticFiles(tabsDir));
    server.get('/', (_req, res, next) => {
      res.redirect(302, '/tabs/index.html', next);
    });
    // Short addresses for the legal pages, so a link to them never depends on the build layout.
    for (const page of ['privacy', 'terms']) {
      server.get(`/${page}`, (_req, res, next) => {
        res.redirect(301, `/tabs/${page}.html`, next);
      });
    }
  }
  return server;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}
