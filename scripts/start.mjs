// `npm start`: the whole app on loopback — embedded Azurite in a child process of its own
// (unless STORAGE_CONNECTION_STRING is set), the bot and tab pages, and the Microsoft 365 Agents Playground pointed at the bot.
// Prints the URLs once everything answers; Ctrl-C stops all of it and exits 0.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startAzurite } from './lib/azurite.mjs';
import { startPlayground } from './lib/playground.mjs';

// restify's dependency warns about process.binding on every start; it is not ours to fix.
if (!process.noDeprecation) process.noDeprecation = true;
const root = fileURLToPath(new URL('..', import.meta.url));
const fail = (line) => {
  console.error(`npm start: ${line}`);
  process.exit(1);
};

const built = ['dist/bot/app.js', 'dist/bot/config.js', 'dist/tabs/index.html'].every((f) => existsSync(join(root, f)));
if (!built) fail('Service Ops is not built: run `npm run build` (npm start runs it for you).');

const { loadConfig, readEnvironment, ConfigError } = await import(pathToFileURL(join(root, 'dist/bot/config.js')).href);
const { startApp, describeStartupFailure } = await import(pathToFileURL(join(root, 'dist/bot/app.js')).href);

let config;
try {
  config = loadConfig(readEnvironment({ envDir: join(root, 'env') }));
} catch (e) {
  if (e instanceof ConfigError) fail(`configuration error: ${e.message}`);
  throw e;
}

const stoppers = [];
let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const stop of stoppers.reverse()) {
    try {
      await stop();
    } catch {
      // keep stopping the rest
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => {
  console.log('\nStopping Service Ops…');
  void stopAll(0);
});
process.on('SIGTERM', () => void stopAll(0));

async function step(what, fn) {
  try {
    return await fn();
  } catch (e) {
    const message = e?.code === 'EADDRINUSE' ? `${what}: port ${e.port ?? ''} is already in use` : `${what}: ${e?.message ?? e}`;
    console.error(`npm start: ${message}`);
    await stopAll(1);
  }
}

let storage;
let storageLine;
if (config.storage.kind === 'embedded') {
  const location = resolve(root, config.dataDir, 'azurite');
  const azurite = await step('embedded Azurite', () => startAzurite({ port: config.azuritePort, location }));
  stoppers.push(() => azurite.stop());
  storage = { kind: 'connection-string', connectionString: azurite.connectionString };
  storageLine = `embedded Azurite at ${azurite.endpoint}, its own process (data in ${location})`;
} else {
  storage = config.storage;
  storageLine = config.storage.kind === 'connection-string' ? 'STORAGE_CONNECTION_STRING (no Azurite started)' : `${config.storage.tableEndpoint} (managed identity)`;
}

const app = await step('bot server', async () => {
  try {
    return await startApp(config, { storage, tabsDir: join(root, 'dist/tabs'), logLevel: config.logLevel });
  } catch (e) {
    if (e?.code === 'EADDRINUSE') throw new Error(`port ${config.port} is already in use: stop the other process or set PORT in env/.env.local.user`);
    throw new Error(describeStartupFailure(e, config, storage));
  }
});
stoppers.push(() => app.close());

const playground = await step('Agents Playground', () => startPlayground({ botEndpoint: `${app.url}/api/messages`, port: config.playgroundPort }));
stoppers.push(() => playground.stop());

const pgNote = playground.port !== config.playgroundPort ? ` (port ${config.playgroundPort} was busy)` : '';
console.log(
  [
    `Service Ops is running in ${config.mode} mode${config.mode === 'local' ? ' (no app id: unauthenticated, loopback only)' : ''}.`,
    `Playground: ${playground.url}${pgNote}`,
    `Bot:        ${app.url}/api/messages`,
    `Tabs:       ${app.url}/tabs/config.html`,
    `Health:     ${app.url}/healthz`,
    `Storage:    ${storageLine}`,
    ...(config.clockStart ? [`Clock:      started at ${config.clockStart.toISOString()} (CLOCK_START), running at the real pace`] : []),
    `Jobs:       ${app.jobs.join(', ') || 'none'}`,
    'Open the Playground and type help. Press Ctrl-C to stop.',
  ].join('\n'),
);
