// Starts Azurite's table service in a child process of its own (azurite-server.mjs) and
// returns its connection string. `npm start` (persistent, in DATA_DIR), the tests and the
// benchmarks all start storage this one way, so they run the arrangement users run.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const AZURITE_ACCOUNT = 'devstoreaccount1';
// Azurite's published, well-known development key: not a secret.
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteConnectionString(tableEndpoint) {
  return `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};TableEndpoint=${tableEndpoint}/${AZURITE_ACCOUNT};`;
}

const entry = fileURLToPath(new URL('./azurite-server.mjs', import.meta.url));

/**
 * @param {{ host?: string, port?: number, location?: string, inMemory?: boolean }} options
 * @returns {Promise<{ connectionString: string, endpoint: string, port: number, pid: number, stop(): Promise<void> }>}
 */
export async function startAzurite({ host = '127.0.0.1', port = 0, location, inMemory = !location } = {}) {
  const args = [host, String(port), ...(inMemory ? [] : [location])];
  const child = fork(entry, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: ['--no-deprecation'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const actualPort = await new Promise((resolve, reject) => {
    child.once('message', (m) => {
      if (m && typeof m.ready === 'number') return resolve(m.ready);
      if (m?.error === 'EADDRINUSE') return reject(new Error(`Port ${port} is in use, so the embedded Azurite cannot start: stop the other process or set AZURITE_PORT to a free port.`));
      reject(new Error(`the embedded Azurite did not start: ${m?.message ?? 'unknown error'}`));
    });
    exited.then((code) => reject(new Error(`the embedded Azurite exited (code ${code}) before it was ready`)));
  });
  const endpoint = `http://${host}:${actualPort}`;
  let stopping;
  return {
    connectionString: azuriteConnectionString(endpoint),
    endpoint,
    port: actualPort,
    pid: child.pid,
    stop() {
      if (!stopping) {
        if (child.exitCode === null && child.connected) child.send('stop');
        stopping = exited.then(() => undefined);
      }
      return stopping;
    },
  };
}
