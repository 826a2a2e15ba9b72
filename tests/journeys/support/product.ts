// The product as a new user runs it: the real launcher (scripts/start.mjs, what `npm start`
// runs after its build), embedded storage in its own child process persisted in a data folder,
// the Playground, free loopback ports. Talked to as Teams does: activities POSTed to
// /api/messages, replies captured by a local connector.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface LaunchedProduct {
  botUrl: string;
  dataDir: string;
  output(): string;
  /** The app's log lines at level error, whatever process printed them. */
  errorLines(): string[];
  /** POST an activity the way the Bot Connector does. */
  send(activity: unknown): Promise<{ status: number; body: any }>;
  /** GET/POST the tab API as the local development identity. */
  tab(path: string, init?: { method?: string; body?: unknown; contentType?: string }): Promise<{ status: number; body: any }>;
  /** Ctrl-C: resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface LaunchOptions {
  dataDir?: string;
  ports?: { PORT: string; AZURITE_PORT: string; PLAYGROUND_PORT: string };
  /** Extra settings, as a user puts them in env/.env.local.user (e.g. CLOCK_START). */
  env?: Record<string, string>;
}

export async function launchProduct(options: LaunchOptions = {}): Promise<LaunchedProduct> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'service-ops-journey-'));
  const ports = options.ports ?? { PORT: String(await freePort()), AZURITE_PORT: String(await freePort()), PLAYGROUND_PORT: String(await freePort()) };
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, ...options.env, ...ports, DATA_DIR: dataDir, LOG_LEVEL: 'info', BROWSER: 'none', TEAMSAPPTESTER_BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Ready is the launcher's own last line; an exit first is a failed start.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start was not ready within 60 s:\n${out}`)), 60_000);
    const read = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited ${code}:\n${out}`));
    });
  });
  const botUrl = `http://127.0.0.1:${ports.PORT}`;

  const asJson = async (res: Response) => {
    const text = await res.text();
    try {
      return text ? JSON.parse(text) : undefined;
    } catch {
      return text;
    }
  };
  return {
    botUrl,
    dataDir,
    output: () => out,
    errorLines: () => out.split('\n').filter((l) => l.includes('"level":"error"')),
    async send(activity) {
      const res = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      return { status: res.status, body: await asJson(res) };
    },
    async tab(path, init = {}) {
      const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      const res = await fetch(`${botUrl}${path}`, {
        method: init.method ?? (body === undefined ? 'GET' : 'POST'),
        headers: { 'x-dev-identity': 'local', ...(body === undefined ? {} : { 'content-type': init.contentType ?? 'application/json' }) },
        body,
      });
      return { status: res.status, body: await asJson(res) };
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}

/** Ports of a launch, for launching again on the same ones. */
export async function freePorts(): Promise<NonNullable<LaunchOptions['ports']>> {
  return { PORT: String(await freePort()), AZURITE_PORT: String(await freePort()), PLAYGROUND_PORT: String(await freePort()) };
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Ctrl-C, then the connector and the data folder: what every journey file does last. Returns the app's error lines. */
export async function endJourney(product: LaunchedProduct | undefined, connector: { close(): Promise<void> } | undefined): Promise<string[]> {
  const errors = product?.errorLines() ?? [];
  await product?.stop();
  await connector?.close();
  if (product) removeDataDir(product.dataDir);
  return errors;
}
