// Starts Azurite's table service inside this process (no child process, no global install).
// Used by `npm start` (persistent, under .data/azurite) and by the tests (in memory, free port).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
export const AZURITE_ACCOUNT = 'devstoreaccount1';
// Azurite's published, well-known development key: not a secret.
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteConnectionString(tableEndpoint) {
  return `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};TableEndpoint=${tableEndpoint}/${AZURITE_ACCOUNT};`;
}

/**
 * @param {{ host?: string, port?: number, location?: string, inMemory?: boolean }} options
 * @returns {Promise<{ connectionString: string, endpoint: string, port: number, stop(): Promise<void> }>}
 */
export async function startAzurite({ host = '127.0.0.1', port = 0, location, inMemory = !location } = {}) {
  const TableServer = require('azurite/dist/src/table/TableServer').default;
  const TableConfiguration = require('azurite/dist/src/table/TableConfiguration').default;
  let dbPath = ':memory:';
  if (!inMemory) {
    mkdirSync(location, { recursive: true });
    dbPath = join(location, '__azurite_db_table__.json');
  }
  const config = new TableConfiguration(
    host, port, 5000, dbPath,
    false, false, undefined, undefined, // debug log, access log, stream, debug file
    false, true, // loose, skipApiVersionCheck (the SDK may be newer than this Azurite)
    '', '', '', undefined, false, inMemory,
  );
  const server = new TableServer(config);
  try {
    await server.start();
  } catch (e) {
    if (e && e.code === 'EADDRINUSE') {
      throw new Error(`Port ${port} is in use, so the embedded Azurite cannot start: stop the other process or set AZURITE_PORT to a free port.`);
    }
    throw e;
  }
  const address = server.httpServer.address();
  const endpoint = `http://${host}:${address.port}`;
  let stopped = false;
  return {
    connectionString: azuriteConnectionString(endpoint),
    endpoint,
    port: address.port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
    },
  };
}
