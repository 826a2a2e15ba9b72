// HTTP surface: /api/messages (Bot Connector), /healthz, the built tab pages.
import { existsSync } from 'node:fs';
import restify from 'restify';
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

export function createServer(deps: ServerDeps): restify.Server {
  const { config, store } = deps;
  const server = restify.createServer({ name: 'service-ops', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false, rejectUnknown: true }));

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
  }
  return server;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}
