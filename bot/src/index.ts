// Production entry (App Service runs `node dist/bot/index.js`). Local development uses
// `npm start`, which also starts the embedded Azurite and the Agents Playground.
// Only config and telemetry are imported up front: telemetry has to be set up before http,
// restify and the Azure SDK load, so the app (and everything it imports) comes after it.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AppConfig, ConfigError, loadConfig } from './config';
import { startTelemetry } from './telemetry';

let config: AppConfig | undefined;

async function main(): Promise<void> {
  config = loadConfig();
  if (config.storage.kind === 'embedded') {
    throw new ConfigError('No storage configured: set STORAGE_CONNECTION_STRING or STORAGE_TABLE_ENDPOINT (npm start provides an embedded Azurite for local use).');
  }
  const telemetry = await startTelemetry(config.applicationInsightsConnectionString);
  const { startApp } = await import('./app');
  const here = fileURLToPath(new URL('.', import.meta.url));
  const app = await startApp(config, { storage: config.storage, tabsDir: resolve(here, '../tabs'), logLevel: config.logLevel });
  console.log(`Service Ops listening on ${app.url} (${config.mode} mode${telemetry ? ', telemetry to Application Insights' : ''})`);
  const stop = () => void app.close().then(() => telemetry?.shutdown()).finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch(async (e: unknown) => {
  const { describeStartupFailure } = await import('./startup-failure');
  const storage = config && config.storage.kind !== 'embedded' ? config.storage : undefined;
  console.error(`Service Ops: ${describeStartupFailure(e, config, storage)}`);
  process.exit(1);
});
