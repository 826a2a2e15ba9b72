// Why the app could not start, in one line that names the fix: the same words for the
// production entry (node dist/bot/index.js) and npm start, never a stack trace.
import { type AppConfig, ConfigError } from './config';
import { describeStoreFailure, type ResolvedStorage } from './storage/table-store';

export function describeStartupFailure(e: unknown, config?: AppConfig, storage?: ResolvedStorage): string {
  if (e instanceof ConfigError) return `configuration error: ${e.message}`;
  const code = (e as { code?: unknown })?.code;
  if (code === 'EADDRINUSE' && config) return `port ${config.port} is already in use: stop the other process or set PORT.`;
  if (code === 'EADDRNOTAVAIL' && config) return `HOST=${config.host} is not an address of this machine: set HOST to one of its addresses.`;
  const store = storage ? describeStoreFailure(e, storage) : undefined;
  if (store) return store;
  const message = e instanceof Error ? e.message : String(e);
  return `could not start: ${message.split('\n')[0]!.slice(0, 300)}`;
}
