// The production entry, started with App Service's own command line, fails to start with one
// line that names the fix and a non-zero exit, never a stack trace.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { getFreePort } from '../support/playground';

const root = fileURLToPath(new URL('../..', import.meta.url));
const APP_ID = '0b7f3c9e-3d5a-4c61-9a43-2f6f1f7e9d11';
/** Exactly what App Service runs (infra/azure.bicep, appCommandLine). */
const COMMAND = /appCommandLine: '([^']+)'/.exec(readFileSync(`${root}/infra/azure.bicep`, 'utf8'))![1]!.split(' ');

function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(COMMAND[0] === 'node' ? process.execPath : COMMAND[0]!, COMMAND.slice(1), { cwd: root, env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    // A start that succeeded is stopped: these cases must not get that far.
    child.stdout!.on('data', () => { if (stdout.includes('listening on')) child.kill('SIGTERM'); });
    child.once('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

const listen = (port: number) => new Promise<Server>((resolve, reject) => { const s = createServer(); s.once('error', reject); s.listen(port, '127.0.0.1', () => resolve(s)); });
const azurite = () => inject('azuriteConnectionString');

describe('the production entry', () => {
  it.each([
    ['no storage at all', () => ({}), /^Service Ops: configuration error: No storage configured: set STORAGE_CONNECTION_STRING or STORAGE_TABLE_ENDPOINT/],
    ['a bot id without its secret', () => ({ BOT_ID: APP_ID, STORAGE_CONNECTION_STRING: azurite() }), /^Service Ops: configuration error: BOT_ID is set with BOT_TYPE=MultiTenant but BOT_PASSWORD is empty/],
    ['a malformed connection string', () => ({ STORAGE_CONNECTION_STRING: 'AccountName=x;garbage' }), /^Service Ops: STORAGE_CONNECTION_STRING is malformed \(.+\): copy it again/],
    ['a wrong account key', () => ({ STORAGE_CONNECTION_STRING: azurite().replace(/AccountKey=[^;]+/, `AccountKey=${Buffer.from('not the key of this account').toString('base64')}`) }), /^Service Ops: storage at http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1 refused the credentials \(403\): check the AccountKey/],
  ] as const)('%s: one line that names the fix, exit 1', async (_what, env, line) => {
    const r = await run({ PORT: String(await getFreePort()), ...env() });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(line);
  }, 30_000);

  it('unreachable storage: one line naming the endpoint, exit 1', async () => {
    const closed = await getFreePort();
    const r = await run({ PORT: String(await getFreePort()), STORAGE_CONNECTION_STRING: azurite().replace(/TableEndpoint=http:\/\/127\.0\.0\.1:\d+/, `TableEndpoint=http://127.0.0.1:${closed}`) });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`Service Ops: storage at http://127.0.0.1:${closed}/devstoreaccount1 did not answer (ECONNREFUSED): check the endpoint in STORAGE_CONNECTION_STRING and that the account is reachable.`);
  }, 30_000);

  it('a taken port: one line naming PORT, exit 1', async () => {
    const port = await getFreePort();
    const blocker = await listen(port);
    try {
      const r = await run({ PORT: String(port), STORAGE_CONNECTION_STRING: azurite() });
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe(`Service Ops: port ${port} is already in use: stop the other process or set PORT.`);
    } finally {
      blocker.close();
    }
  }, 30_000);
});
