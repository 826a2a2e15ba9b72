// `npm start` as a newcomer runs it (the built launcher, on free ports and a private data dir):
// URLs printed once ready, Ctrl-C exits 0, clear one-line errors, data kept across restarts.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TableClient } from '@azure/data-tables';
import { afterAll, describe, expect, it } from 'vitest';
import { azuriteConnectionString } from '../../scripts/lib/azurite.mjs';
import { conversation } from '../support/activities';
import { startConnector } from '../support/connector';
import { getFreePort } from '../support/playground';

const root = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];
const dataDirs: string[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
});

interface Launch {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function launch(env: Record<string, string>): Launch {
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function freePorts() {
  return { PORT: String(await getFreePort()), AZURITE_PORT: String(await getFreePort()), PLAYGROUND_PORT: String(await getFreePort()) };
}

async function waitReady(l: Launch): Promise<void> {
  await expect.poll(() => l.stdout().includes('Press Ctrl-C to stop.') || l.child.exitCode !== null, { timeout: 60_000, interval: 50 }).toBe(true);
  expect(l.child.exitCode, l.stderr() + l.stdout()).toBeNull();
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'service-ops-data-'));
  dataDirs.push(dataDir);

  it('prints the bot, tab and Playground URLs once ready, serves them, and exits 0 on Ctrl-C', async () => {
    const ports = await freePorts();
    const l = launch({ ...ports, DATA_DIR: dataDir });
    await waitReady(l);
    const lines = l.stdout().split('\n');
    const url = (label: string) => lines.find((x) => x.startsWith(label))?.split(/\s+/)[1];
    expect(url('Bot:')).toBe(`http://127.0.0.1:${ports.PORT}/api/messages`);
    expect(url('Tabs:')).toBe(`http://127.0.0.1:${ports.PORT}/tabs/config.html`);
    expect(url('Playground:')).toBe(`http://127.0.0.1:${ports.PLAYGROUND_PORT}`);
    expect(l.stdout()).toContain('local mode');

    expect((await fetch(url('Playground:')!)).status).toBe(200);
    expect((await fetch(url('Tabs:')!)).status).toBe(200);
    const health = await (await fetch(`http://127.0.0.1:${ports.PORT}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', storage: { reachable: true } });

    // Something to find after a restart: an install writes the conversation reference.
    const connector = await startConnector();
    const conv = conversation({ serviceUrl: connector.serviceUrl });
    const res = await fetch(url('Bot:')!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(conv.botAdded()) });
    expect(res.status).toBe(200);
    await connector.close();

    l.child.kill('SIGINT');
    expect(await l.exited).toBe(0);
    // Everything it started is gone: the ports are free again.
    for (const port of Object.values(ports)) {
      const server = await listenOn(Number(port)); // throws EADDRINUSE if anything still holds it
      await new Promise((r) => server.close(r));
    }

    // Restart on the same data dir: the row is still there.
    const again = launch({ ...ports, DATA_DIR: dataDir });
    await waitReady(again);
    const table = TableClient.fromConnectionString(azuriteConnectionString(`http://127.0.0.1:${ports.AZURITE_PORT}`), 'soConversations', { allowInsecureConnection: true });
    const rows: Record<string, unknown>[] = [];
    for await (const e of table.listEntities()) rows.push(e);
    expect(rows.some((r) => r.tenantId === conv.tenantId)).toBe(true);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  }, 120_000);

  it('names the fix in one line when the bot port is taken', async () => {
    const ports = await freePorts();
    const blocker = await listenOn(Number(ports.PORT));
    try {
      const l = launch({ ...ports, DATA_DIR: dataDir });
      expect(await l.exited).toBe(1);
      const err = l.stderr().trim().split('\n').filter((x) => x.startsWith('npm start:'));
      expect(err).toEqual([`npm start: bot server: port ${ports.PORT} is already in use: stop the other process or set PORT in env/.env.local.user`]);
      expect(l.stderr()).not.toMatch(/^\s+at /m);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('names the fix in one line when the storage port is taken, and leaves nothing running', async () => {
    const ports = await freePorts();
    const blocker = await listenOn(Number(ports.AZURITE_PORT));
    try {
      const l = launch({ ...ports, DATA_DIR: dataDir });
      expect(await l.exited).toBe(1);
      expect(l.stderr().trim().split('\n').filter((x) => x.startsWith('npm start:'))).toEqual([
        `npm start: embedded Azurite: Port ${ports.AZURITE_PORT} is in use, so the embedded Azurite cannot start: stop the other process or set AZURITE_PORT to a free port.`,
      ]);
      expect(l.stderr()).not.toMatch(/^\s+at /m);
      const bot = await listenOn(Number(ports.PORT)); // nothing was left holding the bot's port
      await new Promise((r) => bot.close(r));
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('names the bad value in one line when configuration is wrong', async () => {
    const l = launch({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(await l.exited).toBe(1);
    expect(l.stderr().trim()).toBe('npm start: configuration error: PORT="eighty" is not a whole number from 0 to 65535: fix it in env/ or the environment.');
  }, 30_000);
});

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}
