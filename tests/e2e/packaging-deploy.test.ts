// The App Service deploy artefact, as `atk deploy` uploads it: `npm run package:deploy` lays it
// out with a production-only `npm ci --omit=dev` and zips it; the test unzips it into an empty
// folder and starts it there with App Service's own command line (infra/azure.bicep) against the
// test Azurite. So nothing of the repository's node_modules can stand in for a missing package.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import yauzl from 'yauzl';
import { DEPLOY_ZIP_NAME } from '../../scripts/lib/app-package.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Exactly what App Service runs (infra/azure.bicep, appCommandLine). */
const COMMAND = /appCommandLine: '([^']+)'/.exec(readFileSync(`${root}/infra/azure.bicep`, 'utf8'))![1]!.split(' ');
const lock = JSON.parse(readFileSync(`${root}/package-lock.json`, 'utf8')) as { packages: Record<string, { dev?: boolean; optional?: boolean }> };

let work: string;
let site: string;
let layout: string;

async function unzip(zipPath: string, into: string): Promise<number> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(zipPath, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
  let files = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      const target = join(into, entry.fileName);
      if (entry.fileName.endsWith('/')) {
        mkdirSync(target, { recursive: true });
        return zip.readEntry();
      }
      mkdirSync(dirname(target), { recursive: true });
      zip.openReadStream(entry, (e, stream) => {
        if (e) return reject(e);
        pipeline(stream, createWriteStream(target)).then(() => {
          files++;
          zip.readEntry();
        }, reject);
      });
    });
    zip.readEntry();
  });
  return files;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'svcops-deploy-'));
  site = join(work, 'wwwroot');
  const r = spawnSync(process.execPath, [join(root, 'scripts/package-deploy.mjs'), '--out-dir', work], { cwd: root, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/deploy folder: .*\((\d+) files, [\d.]+ MiB unpacked\)\ndeploy zip: .*\([\d.]+ MiB\)/);
  layout = join(work, 'deploy');
  const count = Number(/\((\d+) files/.exec(r.stdout)![1]);
  expect(await unzip(join(work, DEPLOY_ZIP_NAME), site)).toBe(count);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function topLevelPackages(modules: string): string[] {
  const names: string[] = [];
  for (const e of readdirSync(modules, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    if (e.name.startsWith('@')) for (const s of readdirSync(join(modules, e.name))) names.push(`${e.name}/${s}`);
    else names.push(e.name);
  }
  return names.sort();
}

describe('the deploy artefact', () => {
  it('holds the build, package.json and the production dependencies, nothing else', () => {
    expect(readdirSync(site).sort()).toEqual(['dist', 'node_modules', 'package-lock.json', 'package.json']);
    expect(JSON.parse(readFileSync(join(site, 'package.json'), 'utf8')).type).toBe('module');
    for (const f of ['dist/bot/index.js', 'dist/bot/app.js', 'dist/tabs/index.html', 'dist/tabs/privacy.html', 'dist/tabs/auth/auth-end.js']) expect(existsSync(join(site, f))).toBe(true);

    const installed = topLevelPackages(join(site, 'node_modules'));
    const top = (dev: boolean) => Object.entries(lock.packages)
      .filter(([path, meta]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path) && !!meta.dev === dev)
      .map(([path, meta]) => ({ name: path.slice('node_modules/'.length), optional: !!meta.optional }));
    const production = top(false);
    // Optional packages for other platforms are absent, and that is fine.
    expect(production.filter((p) => !p.optional).map((p) => p.name).filter((n) => !installed.includes(n))).toEqual([]);
    expect(installed.filter((n) => !production.some((p) => p.name === n))).toEqual([]);
    const devOnly = top(true).map((p) => p.name);
    for (const tool of ['azurite', '@microsoft/m365agentsplayground', 'vite', 'vitest', 'esbuild', 'typescript', 'tsx', 'playwright-core', '@microsoft/teams-js', '@microsoft/teamsfx', 'adaptivecards', '@microsoft/app-manifest']) {
      expect(devOnly).toContain(tool);
      expect(installed).not.toContain(tool);
    }
  });

  it('carries no sources, source maps, docs or command shims, but keeps the licences', () => {
    const junk: string[] = [];
    let licences = 0;
    for (const e of readdirSync(site, { withFileTypes: true, recursive: true })) {
      if (e.name === '.bin') junk.push(join(e.parentPath, e.name));
      if (!e.isFile()) continue;
      if (/^licen[cs]e/i.test(e.name)) licences++;
      else if (/\.(ts|mts|cts|map|md)$/.test(e.name)) junk.push(join(e.parentPath, e.name));
    }
    expect(junk.slice(0, 5)).toEqual([]);
    expect(licences).toBeGreaterThan(100);
  });

  it('is the same in the zip as in the folder it was made from', () => {
    const list = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length)).sort();
    expect(list(site)).toEqual(list(layout));
  });
});

interface Running { child: ChildProcess; url: string; stdout: () => string; stderr: () => string }

/** Starts the unzipped artefact with App Service's command line; extra flags go before the script. */
async function startSite(env: Record<string, string>, nodeFlags: string[] = []): Promise<Running> {
  const [cmd, ...args] = COMMAND;
  const child = spawn(cmd === 'node' ? process.execPath : cmd!, [...nodeFlags, ...args], {
    cwd: site,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', STORAGE_CONNECTION_STRING: inject('azuriteConnectionString'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the artefact exited ${code} before listening: ${err.trim()}`)));
  });
  return { child, url, stdout: () => out, stderr: () => err };
}

async function stop(running: Running): Promise<number | null> {
  if (running.child.exitCode !== null) return running.child.exitCode;
  const exited = new Promise<number | null>((resolve) => running.child.once('exit', (code) => resolve(code)));
  running.child.kill('SIGTERM');
  return exited;
}

// A resolve hook that writes down every module the server resolves through the ESM loader.
const RESOLVE_LOG_HOOK = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.RESOLVE_LOG, r.url + '\\n');
  return r;
}`;
const REGISTER_RESOLVE_LOG = (hook: string) => `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hook).href)});`;

describe('the deploy artefact, started as App Service starts it', () => {
  it('answers 200 on /healthz, serves the pages the manifest links to, loads nothing of telemetry, and stops on SIGTERM', async () => {
    const hook = join(work, 'resolve-log-hook.mjs');
    const preload = join(work, 'resolve-log.mjs');
    const log = join(work, 'resolved.txt');
    writeFileSync(hook, RESOLVE_LOG_HOOK);
    writeFileSync(preload, REGISTER_RESOLVE_LOG(hook));
    writeFileSync(log, '');
    const running = await startSite({ RESOLVE_LOG: log }, ['--import', pathToFileURL(preload).href]);
    try {
      const health = await fetch(`${running.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', storage: { reachable: true } });
      for (const page of ['privacy.html', 'terms.html', 'auth-start.html', 'auth-end.html', 'auth/auth-start.js', 'auth/auth-end.js']) {
        expect(`${page} ${(await fetch(`${running.url}/tabs/${page}`)).status}`).toBe(`${page} 200`);
      }
      const short = await fetch(`${running.url}/privacy`, { redirect: 'manual' });
      expect([short.status, short.headers.get('location')]).toEqual([301, '/tabs/privacy.html']);
      expect(running.stdout()).not.toMatch(/telemetry/i);
    } finally {
      expect(await stop(running)).toBe(0);
    }
    const resolved = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    // Everything came from the artefact, not from the repository's node_modules.
    expect(resolved.some((u) => u.startsWith(pathToFileURL(join(site, 'node_modules', 'restify')).href))).toBe(true);
    expect(resolved.filter((u) => u.includes('/node_modules/') && !u.startsWith(pathToFileURL(site).href))).toEqual([]);
    expect(resolved.filter((u) => /@azure\/monitor-opentelemetry|@opentelemetry\//.test(u))).toEqual([]);
  }, 60_000);
});

// Blocks, inside the server process, every connection that is not to loopback (and every DNS
// lookup of another name): the distro's Azure VM resource detector probes the instance metadata
// address, and no packet may leave this machine for it.
const LOOPBACK_ONLY = `
import net from 'node:net';
import dns from 'node:dns';
import { appendFileSync } from 'node:fs';
const allowed = (h) => h === 'localhost' || h === '127.0.0.1' || h === '::1';
const note = (what) => appendFileSync(process.env.BLOCKED_LOG, what + '\\n');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const o = Array.isArray(args[0]) ? args[0][0] : args[0];
  const isObject = typeof o === 'object' && o !== null;
  // A Unix socket has a path and no port; http passes its URL path along with a port.
  const ipc = isObject ? o.port === undefined || o.port === null : typeof o === 'string' && !/^\\d+$/.test(o);
  const host = isObject ? (o.host ?? 'localhost') : typeof args[1] === 'string' ? args[1] : 'localhost';
  if (!ipc && !allowed(host)) {
    note('connect ' + host);
    process.nextTick(() => this.destroy(Object.assign(new Error('connect ECONNREFUSED ' + host + ' (blocked by the test: not loopback)'), { code: 'ECONNREFUSED' })));
    return this;
  }
  return connect.apply(this, args);
};
const lookup = dns.lookup;
dns.lookup = function (host, ...rest) {
  const cb = rest.at(-1);
  if (!allowed(host) && typeof cb === 'function') {
    note('lookup ' + host);
    return void process.nextTick(() => cb(Object.assign(new Error('getaddrinfo ENOTFOUND ' + host + ' (blocked by the test)'), { code: 'ENOTFOUND' })));
  }
  return lookup.call(this, host, ...rest);
};`;

interface Envelope { name: string; data?: { baseType?: string; baseData?: Record<string, any> } }

/** A stand-in for the Application Insights ingestion endpoint (the exporter only speaks HTTPS). */
async function startIngestion(dir: string): Promise<{ server: Server; url: string; cert: string; envelopes: Envelope[] }> {
  const key = join(dir, 'ingest-key.pem');
  const cert = join(dir, 'ingest-cert.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1', '-keyout', key, '-out', cert], { encoding: 'utf8' });
  expect(made.error?.message ?? made.status, 'openssl makes the stand-in ingestion endpoint its certificate').toBe(0);
  const envelopes: Envelope[] = [];
  const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      if (req.url?.startsWith('/v2.1/track')) {
        const parsed = JSON.parse(body.toString('utf8')) as Envelope | Envelope[];
        envelopes.push(...(Array.isArray(parsed) ? parsed : [parsed]));
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`, cert, envelopes };
}

async function until<T>(what: string, probe: () => T | undefined, seen: () => string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}; received: ${seen()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('telemetry in the deploy artefact', () => {
  it('with APPLICATIONINSIGHTS_CONNECTION_STRING set, sends request traces, storage dependencies and request metrics', async () => {
    const ingestion = await startIngestion(work);
    const guard = join(work, 'loopback-only.mjs');
    const blocked = join(work, 'blocked.txt');
    writeFileSync(guard, LOOPBACK_ONLY);
    writeFileSync(blocked, '');
    const running = await startSite({
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=5a1c9d3e-8b7f-4e21-9c6d-0f3a2b1e4d55;IngestionEndpoint=${ingestion.url};LiveEndpoint=${ingestion.url}`,
      // The stand-in's certificate, trusted for this process only.
      NODE_EXTRA_CA_CERTS: ingestion.cert,
      BLOCKED_LOG: blocked,
      // The distro's own usage reports go to Microsoft's endpoints: off here.
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
      // Every trace (not the distro's 5 a second, which drops a fresh process's first requests)
      // and a metrics export each second, so the test need not wait a minute.
      OTEL_TRACES_SAMPLER: 'always_on',
      OTEL_METRIC_EXPORT_INTERVAL: '1000',
    }, ['--import', pathToFileURL(guard).href]);
    const seen = () => JSON.stringify(ingestion.envelopes.map((e) => `${e.data?.baseType} ${e.data?.baseData?.name ?? (e.data?.baseData?.metrics as { name: string }[] | undefined)?.map((m) => m.name).join('+')}`)).slice(0, 2000);
    try {
      expect(running.stdout()).toMatch(/telemetry to Application Insights/);
      for (let i = 0; i < 3; i++) expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
      const request = await until('a request trace of GET /healthz', () => ingestion.envelopes.find((e) => e.data?.baseType === 'RequestData' && e.data.baseData?.name === 'GET /healthz'), seen);
      expect(request.data!.baseData!.responseCode).toBe('200');
      await until('a Table storage dependency', () => ingestion.envelopes.find((e) => e.data?.baseType === 'RemoteDependencyData' && /Tables|TableClient|TableService/.test(String(e.data.baseData?.name))), seen);
      await until('the request duration metric', () => ingestion.envelopes.find((e) => e.data?.baseType === 'MetricData' && (e.data.baseData?.metrics as { name: string }[] | undefined)?.some((m) => m.name === 'http.server.duration')), seen);
    } finally {
      expect(await stop(running)).toBe(0);
      ingestion.server.close();
    }
    // Whatever the distro tried beyond loopback was refused inside the process.
    for (const line of readFileSync(blocked, 'utf8').split('\n').filter(Boolean)) expect(line).not.toMatch(/ (127\.0\.0\.1|localhost|::1)$/);
  }, 90_000);
});
