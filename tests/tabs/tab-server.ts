// A minimal server: the real HTTP server (bot/src/server.ts: static tab pages with their CSP)
// plus the tab API (bot/src/api) with views a test injects, and no bot features. The tab API
// route tests (tests/api) and the tab benchmark (bench/tabs.ts, with fixture-views.ts) use it to
// isolate the API from the features; the browser tests (tabs.test.ts) run the real app instead.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createTabViewRegistry, registerApi, type ApiDeps, type TabViewRegistry } from '../../bot/src/api';
import { loadConfig, type AppConfig } from '../../bot/src/config';
import type { ConversationTargetRepository } from '../../bot/src/domain/conversation-target';
import type { Workspace } from '../../bot/src/domain/workspace';
import { createServer } from '../../bot/src/server';
import { TableConversationTargetRepository } from '../../bot/src/storage/table-conversation-target-repository';
import { CORE_TABLES, createTableStore } from '../../bot/src/storage/table-store';
import type { Logger } from '../../bot/src/teams/service-ops-bot';

export const TABS_DIR = fileURLToPath(new URL('../../dist/tabs', import.meta.url));

export interface TabServer {
  url: string;
  config: AppConfig;
  views: TabViewRegistry;
  targets: ConversationTargetRepository;
  logs: { level: string; message: string; data?: Record<string, unknown> }[];
  /** Records that the bot is installed in this workspace (an active conversation target). */
  install(workspace: Workspace): Promise<void>;
  close(): Promise<void>;
}

export async function startTabServer(options: {
  connectionString: string;
  env?: Record<string, string>;
  tabAuth?: ApiDeps['tabAuth'];
  /** Registers extra/replacement view providers before the server listens. */
  views?: (registry: TabViewRegistry) => void;
  tabsDir?: string;
}): Promise<TabServer> {
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', TABLE_PREFIX: 'tab' + randomBytes(5).toString('hex'), ...options.env, STORAGE_CONNECTION_STRING: options.connectionString });
  const store = createTableStore({ kind: 'connection-string', connectionString: options.connectionString }, config.tablePrefix);
  await store.ensureTables([...CORE_TABLES]);
  const targets = new TableConversationTargetRepository(store.client('Conversations'));
  const logs: TabServer['logs'] = [];
  const log: Logger = {
    info: (message, data) => logs.push({ level: 'info', message, data }),
    warn: (message, data) => logs.push({ level: 'warn', message, data }),
    error: (message, data) => logs.push({ level: 'error', message, data }),
  };
  const server = createServer({
    config,
    store,
    log,
    tabsDir: options.tabsDir ?? TABS_DIR,
    messages: async (_req, res) => {
      res.send(404);
    },
  });
  const views = createTabViewRegistry();
  options.views?.(views);
  registerApi(server, { config, targets, views, log, tabAuth: options.tabAuth });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    config,
    views,
    targets,
    logs,
    async install(workspace) {
      const now = new Date().toISOString();
      await targets.upsert({
        workspace, conversationId: workspace.scopeId, kind: workspace.scope === 'team' ? 'channel' : 'groupChat',
        serviceUrl: 'https://smba.trafficmanager.net/teams/', channelId: 'msteams', reference: '{}', active: true, lastSeenAt: now, installedAt: now,
      });
    },
    close: () => new Promise<void>((resolve) => {
      server.server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
