// Child-process entry: hosts Azurite's table service and nothing else. Storage must never share
// a process with the bot's HTTP framework (restify patches http.IncomingMessage, and Azurite
// then ignores every $filter), so every launcher forks this file instead of importing Azurite.
// Protocol over IPC: it sends { ready: port } or { error: code, message }, and stops when the
// parent says "stop" or goes away. Ctrl-C in a terminal reaches the whole process group; the
// parent decides when storage stops, so this process ignores SIGINT.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const [host, portText, location] = process.argv.slice(2);
const inMemory = !location;
process.on('SIGINT', () => {});

const TableServer = require('azurite/dist/src/table/TableServer').default;
const TableConfiguration = require('azurite/dist/src/table/TableConfiguration').default;
let dbPath = ':memory:';
if (!inMemory) {
  mkdirSync(location, { recursive: true });
  dbPath = join(location, '__azurite_db_table__.json');
}
const config = new TableConfiguration(
  host, Number(portText), 5000, dbPath,
  false, false, undefined, undefined, // debug log, access log, stream, debug file
  false, true, // loose, skipApiVersionCheck (the SDK may be newer than this Azurite)
  '', '', '', undefined, false, inMemory,
);
const server = new TableServer(config);
let stopping;
const stop = () => {
  stopping ??= server.close().catch(() => {}).then(() => process.exit(0));
  return stopping;
};
process.on('message', (m) => { if (m === 'stop') void stop(); });
process.on('disconnect', () => void stop());
process.on('SIGTERM', () => void stop());
try {
  await server.start();
  process.send?.({ ready: server.httpServer.address().port });
} catch (e) {
  process.send?.({ error: e?.code ?? 'ERROR', message: String(e?.message ?? e) });
  process.exit(1);
}
