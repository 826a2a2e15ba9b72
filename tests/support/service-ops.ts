// Starts the real Service Ops server in-process on a free loopback port, against the test
// Azurite, with its own table prefix so test files never see each other's rows.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startApp, type RunningApp, type StartOptions } from '../../bot/src/app';
import { loadConfig, type AppConfig } from '../../bot/src/config';
import type { Logger } from '../../bot/src/teams/service-ops-bot';

export interface ServiceOpsUnderTest {
  app: RunningApp;
  config: AppConfig;
  url: string;
  logs: { level: string; message: string; data?: Record<string, unknown> }[];
  /** POST an activity to /api/messages the way the Bot Connector does. */
  send(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export function uniqueTablePrefix(): string {
  return 't' + randomBytes(6).toString('hex');
}

export async function startServiceOps(env: Record<string, string> = {}, options: Pick<StartOptions, 'features' | 'clock' | 'tabsDir' | 'tabAuth' | 'startJobs' | 'observeStore'> = {}): Promise<ServiceOpsUnderTest> {
  const connectionString = env.STORAGE_CONNECTION_STRING ?? inject('azuriteConnectionString');
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', TABLE_PREFIX: uniqueTablePrefix(), ...env, STORAGE_CONNECTION_STRING: connectionString });
  const logs: ServiceOpsUnderTest['logs'] = [];
  const logger: Logger = {
    info: (message, data) => logs.push({ level: 'info', message, data }),
    warn: (message, data) => logs.push({ level: 'warn', message, data }),
    error: (message, data) => logs.push({ level: 'error', message, data }),
  };
  // Tests drive background jobs' ticks themselves unless they ask for them to run.
  const app = await startApp(config, { storage: { kind: 'connection-string', connectionString }, logger, startJobs: false, ...options });
  return {
    app,
    config,
    url: app.url,
    logs,
    async send(activity, headers = {}) {
      const res = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON
      }
      return { status: res.status, body };
    },
    close: () => app.close(),
  };
}
