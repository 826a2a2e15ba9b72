// The call-quality CSV import CLI (scripts/import-cqd.mjs), run as a user runs it: a child
// process with the app's configuration, against the test Azurite.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TableClient } from '@azure/data-tables';
import { describe, expect, inject, it } from 'vitest';
import type { Workspace } from '../../bot/src/domain/workspace';
import { TableFindingRepository } from '../../bot/src/storage/findings/table-finding-repository';
import { TableQualityMeasureRepository } from '../../bot/src/storage/findings/table-quality-measure-repository';
import { uniqueTablePrefix } from '../support/service-ops';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = join(root, 'tests/fixtures/cqd-sample.csv');
const MALFORMED = join(root, 'tests/fixtures/cqd-malformed.csv');
const REAL = 'tests/fixtures/cqd-export-real-format.csv';
const connectionString = () => inject('azuriteConnectionString');

/** Every building and subnet above target in 2025-02 of the sample (worked out by hand from the QER targets). */
const EXPECTED_KEYS = [
  'building|hq, north wing|wifi-2.4|setup-failure-rate', // 8/800 = 1.0 % setup failures > 0.5 %
  'subnet|10.20.5.0/24|wifi-2.4|setup-failure-rate',
  'building|hq, north wing|wifi-5|poor-stream-rate', // 30/1200 = 2.5 % poor > 2.0 %
  'subnet|10.20.6.0/24|wifi-5|poor-stream-rate',
  'building|building 9|wired|setup-failure-rate', // 6/600 = 1.0 % (192.168.1.0/24 left out, external not counted)
  'subnet|10.90.1.0/24|wired|setup-failure-rate',
  'building|building 6|vpn|poor-stream-rate', // 25/500 = 5.0 % poor > 2.0 %
  'subnet|10.60.1.0/24|vpn|poor-stream-rate',
];

interface Run { code: number; stdout: string; stderr: string }
function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const base = { ...process.env };
  delete base.STORAGE_CONNECTION_STRING;
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'scripts/import-cqd.mjs'), ...args], { cwd: root, env: { ...base, NODE_NO_WARNINGS: '1', ...env }, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
/** A command line from the README, run by the shell exactly as written there (from the repository root). */
function shell(line: string, env: Record<string, string | undefined> = {}): Promise<Run> {
  const base = { ...process.env };
  delete base.STORAGE_CONNECTION_STRING;
  return new Promise((resolve) => {
    execFile('sh', ['-c', line], { cwd: root, env: { ...base, NODE_NO_WARNINGS: '1', ...env }, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
/** The `npm run import:cqd` lines of the README's call-quality import section. */
function readmeExamples(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('A CSV export from the Call Quality Dashboard');
  const section = readme.slice(start, readme.indexOf('\n## ', start));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((b) => b.split('\n')).map((l) => l.trim()).filter((l) => l.startsWith('npm run import:cqd'));
}
/** Every building and subnet above target in 2026-10 of the real-format export (worked out in tests/domain/findings/cqd-import.test.ts). */
const REAL_KEYS = [
  'building|hq, north wing|wifi-2.4|setup-failure-rate', // Total Call Setup Failed 9 / Total CDR Available 900 = 1.0 % > 0.5 %
  'subnet|10.20.5.0/24|wifi-2.4|setup-failure-rate',
  'building|hq, north wing|wifi-5|poor-stream-rate', // Audio Poor Stream Count 30 / Audio Stream Count 1,000 = 3.0 % > 2.0 %
  'subnet|10.20.6.0/24|wifi-5|poor-stream-rate',
  'subnet|10.250.8.0/24|vpn|poor-stream-rate', // Second VPN = True: 30 / 600 = 5.0 %
  'building|building 6|vpn|poor-stream-rate', // Second VPN = True on a Wired adapter: 20 / 500 = 4.0 %
  'subnet|10.60.1.0/24|vpn|poor-stream-rate',
];

const keysOf = (stdout: string) => [...stdout.matchAll(/^\s+key (.+?) · owner /gm)].map((m) => m[1]);
const storageEnv = (prefix: string) => ({ STORAGE_CONNECTION_STRING: connectionString(), TABLE_PREFIX: prefix });
const repoFor = (prefix: string) => new TableFindingRepository(TableClient.fromConnectionString(connectionString(), `${prefix}Findings`, { allowInsecureConnection: true }));
const measuresIn = (prefix: string, ws: Workspace) => new TableQualityMeasureRepository(TableClient.fromConnectionString(connectionString(), `${prefix}QualityMeasures`, { allowInsecureConnection: true })).list(ws);
async function findingsIn(prefix: string, ws: Workspace) {
  return (await repoFor(prefix).list(ws, { statuses: ['new', 'accepted', 'in-remediation', 'remediated', 'verified', 'wont-fix'] }, { pageSize: 1000 })).items;
}

describe('npm run import:cqd', () => {
  it('proposes exactly the buildings and subnets above target, grouped by category, and files nothing unasked', async () => {
    const r = await cli([SAMPLE]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('cqd-sample.csv: 14 rows read; reviewing 2025-02');
    expect(keysOf(r.stdout).sort()).toEqual([...EXPECTED_KEYS].sort());
    // Grouped by category, each heading followed by its own proposals.
    const groups = r.stdout.split('\n').filter((l) => /^\S.* \(\d+\)$/.test(l));
    expect(groups).toEqual(['Poor Wi-Fi coverage (4)', 'Incomplete firewall or proxy configuration (1)', 'Problematic subnets or network devices (1)', 'VPN (2)']);
    expect(r.stdout).toContain('Left out 192.168.1.0/24');
    expect(r.stdout).toContain('Nothing was filed.');
    expect(r.stdout).toContain('The measurements were not stored: name the workspace');
  });

  it('stores the monthly measurements of a workspace\'s import without filing, and replaces them when run again', async () => {
    const prefix = uniqueTablePrefix();
    const ws: Workspace = { tenantId: 'tenant-cli', scope: 'team', scopeId: '19:team-trend@thread.tacv2' };
    for (let run = 0; run < 2; run++) {
      const r = await cli([SAMPLE, '--tenant', ws.tenantId, '--team', ws.scopeId], storageEnv(prefix));
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Stored the measurements of 2025-01, 2025-02 for the quality trend');
      expect(r.stdout).toContain('Nothing was filed.');
      const stored = await measuresIn(prefix, ws);
      // 11 places in 2025-01, 11 in 2025-02 and Building 9's External row as the month's unmanaged line (never a place).
      expect(stored).toHaveLength(23);
      expect(stored.filter((a) => a.level === 'unmanaged').map((a) => [a.month, a.streams])).toEqual([['2025-02', 400]]);
      expect(stored.find((a) => a.month === '2025-02' && a.level === 'building' && a.building === 'Building 6')).toMatchObject({ networkType: 'vpn', streams: 500, poor: 25 });
    }
    expect(await findingsIn(prefix, ws)).toEqual([]);
  });

  it('files with --file-all once (a second run finds them covered), and only the chosen ones with --file', async () => {
    const prefix = uniqueTablePrefix();
    const ws: Workspace = { tenantId: 'tenant-cli', scope: 'team', scopeId: '19:team-cli@thread.tacv2' };
    const first = await cli([SAMPLE, '--tenant', ws.tenantId, '--team', ws.scopeId, '--file-all'], storageEnv(prefix));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Filed 8: QF-0001, .*QF-0008\./);
    const filed = await findingsIn(prefix, ws);
    expect(filed).toHaveLength(8);
    expect(filed.every((f) => f.source === 'import' && f.status === 'new' && f.createdBy.id.startsWith('cli:'))).toBe(true);
    expect(filed.map((f) => `${f.subnet ? 'subnet' : 'building'}|${(f.subnet ?? f.building)!.toLowerCase()}|${f.networkType}|${f.metric}`).sort()).toEqual([...EXPECTED_KEYS].sort());

    const again = await cli([SAMPLE, '--tenant', ws.tenantId, '--team', ws.scopeId, '--file-all'], storageEnv(prefix));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Nothing new is above target.');
    expect(again.stdout).toContain('Already covered by open findings (8)');
    expect(await findingsIn(prefix, ws)).toHaveLength(8);

    const chat: Workspace = { tenantId: 'tenant-cli', scope: 'chat', scopeId: '19:chat-cli@thread.v2' };
    const chosen = await cli([SAMPLE, '--tenant', chat.tenantId, '--chat', chat.scopeId, '--file', `1,${EXPECTED_KEYS[6]}`], storageEnv(prefix));
    expect(chosen.code, chosen.stderr).toBe(0);
    const two = await findingsIn(prefix, chat);
    expect(two.map((f) => `${f.building ?? f.subnet}|${f.metric}`).sort()).toEqual(['Building 6|poor-stream-rate', 'HQ, North Wing|setup-failure-rate']);
    const wrong = await cli([SAMPLE, '--tenant', chat.tenantId, '--chat', chat.scopeId, '--file', '99'], storageEnv(prefix));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('--file 99 is not one of the proposals above');
    expect(await findingsIn(prefix, chat)).toHaveLength(2);
  });

  it('refuses a malformed CSV, names its bad lines, and changes nothing', async () => {
    const prefix = uniqueTablePrefix();
    const r = await cli([MALFORMED, '--tenant', 't', '--team', 'x', '--file-all'], storageEnv(prefix));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    for (const line of [3, 4, 5, 6, 7, 8, 9]) expect(r.stderr).toContain(`line ${line}: `);
    expect(r.stderr).not.toContain('line 2: ');
    expect(r.stderr).toContain('Nothing was imported.');
    // Storage was never touched: not even the table exists.
    await expect(repoFor(prefix).list({ tenantId: 't', scope: 'team', scopeId: 'x' }, {}, {})).rejects.toMatchObject({ statusCode: 404 });
  });

  it('shows a progress bar on stderr for a large file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cqd-'));
    const big = join(dir, 'big.csv');
    const lines = ['Month,Building,Subnet,Network Type,Audio Streams,Poor Streams'];
    for (let i = 0; i < 40_000; i++) lines.push(`2025-03,Building ${i % 300},10.${i % 200}.${i % 250}.0/24,Wired,${1000 + (i % 7)},${i % 300 === 7 ? 90 : 5}`);
    writeFileSync(big, lines.join('\n') + '\n');
    const r = await cli([big]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/reading big\.csv \[#{20}\] 100% 40,000 rows/);
    expect(r.stdout).toContain('40,000 rows read; reviewing 2025-03');
    expect(keysOf(r.stdout)).toContain('building|building 7|wired|poor-stream-rate');
  });

  it('explains that npm start must be running when storage is the embedded Azurite', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const r = await cli([SAMPLE, '--tenant', 't', '--team', 'x'], { AZURITE_PORT: String(port), TABLE_PREFIX: uniqueTablePrefix() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the embedded Azurite at http://127.0.0.1:${port} (AZURITE_PORT)`);
    expect(r.stderr).toContain('`npm start`');
  });

  it('rejects bad arguments with the usage', async () => {
    const r = await cli([SAMPLE, '--month', '2025-13']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--month 2025-13 is not a month like 2025-02.');
    const none = await cli([SAMPLE, '--month', '2024-12']);
    expect(none.stderr).toContain('the file has no rows for 2024-12. Months in the file: 2025-01, 2025-02.');
    const file = await cli([SAMPLE, '--file-all']);
    expect(file.stderr).toContain('to file findings, name the workspace');
  });

  it('reads a real CQD export: its proposals, the rows it left out and the columns it did not read', async () => {
    const r = await cli([REAL]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('cqd-export-real-format.csv: 17 rows read; reviewing 2026-10 (file covers 2026-09 to 2026-10)');
    expect(keysOf(r.stdout).sort()).toEqual([...REAL_KEYS].sort());
    expect(r.stdout.split('\n').filter((l) => /^\S.* \(\d+\)$/.test(l))).toEqual(['Poor Wi-Fi coverage (4)', 'VPN (3)']);
    expect(r.stdout).toContain('over 900 streams with a call record');
    expect(r.stdout).toContain('2 rows are outside the corporate network (external): reported apart, not proposed.');
    expect(r.stdout).toContain('Left out 2 rows that named neither a building nor a subnet.');
    expect(r.stdout).toContain('Columns not read: "Second Network Name", "Total Media Failed Stream Count".');
  });

  it('runs the README\'s import:cqd examples as written, against the real-format export', async () => {
    const examples = readmeExamples();
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const line of examples) expect(line).toContain(REAL);
    const [preview, filing] = examples as [string, string];
    const first = await shell(preview);
    expect(first.code, first.stderr).toBe(0);
    expect(keysOf(first.stdout).sort()).toEqual([...REAL_KEYS].sort());
    expect(first.stdout).toContain('Nothing was filed.');

    // The example with a workspace needs storage: the test Azurite stands in for `npm start`'s.
    const prefix = uniqueTablePrefix();
    const second = await shell(filing, storageEnv(prefix));
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('reviewing 2026-10');
    expect(second.stdout).toMatch(/Filed 7: QF-0001, .*QF-0007\./);
    const tenant = /--tenant (\S+)/.exec(filing)![1]!;
    const team = /--team (\S+)/.exec(filing)![1]!;
    const ws: Workspace = { tenantId: tenant, scope: 'team', scopeId: team };
    expect((await findingsIn(prefix, ws)).map((f) => `${f.subnet ? 'subnet' : 'building'}|${(f.subnet ?? f.building)!.toLowerCase()}|${f.networkType}|${f.metric}`).sort()).toEqual([...REAL_KEYS].sort());
    // The stored measurements keep CQD's denominators for the trend (Building 9, 2026-10).
    const b9 = (await measuresIn(prefix, ws)).find((a) => a.month === '2026-10' && a.level === 'building' && a.building === 'Building 9');
    expect(b9).toMatchObject({ streams: 1000, cdrStreams: 1600, setupFailed: 6, setupSucceeded: 1594, dropped: 24 });
    // As the README says: running the same command again files nothing twice.
    const again = await shell(filing, storageEnv(prefix));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Already covered by open findings (7)');
    expect(await findingsIn(prefix, ws)).toHaveLength(7);
  });
});
