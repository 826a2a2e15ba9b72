// The call-quality CSV import through the tab API: the real app (startServiceOps) with SSO
// tokens signed by a test key. Upload proposes and files nothing; confirm files the chosen
// proposals once; a malformed file names its bad lines and stores nothing.
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticKeyProvider } from '../../bot/src/api/tab-auth';
import type { Workspace } from '../../bot/src/domain/workspace';
import { TableFindingRepository } from '../../bot/src/storage/findings/table-finding-repository';
import { TableQualityMeasureRepository } from '../../bot/src/storage/findings/table-quality-measure-repository';
import { installDirectly } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8');
const SAMPLE = fixture('cqd-sample.csv');
const MALFORMED = fixture('cqd-malformed.csv');
const REAL = fixture('cqd-export-real-format.csv');

/** Every building and subnet above target in 2025-02 of the sample (as tests/scripts/import-cqd.test.ts). */
const EXPECTED_KEYS = [
  'building|hq, north wing|wifi-2.4|setup-failure-rate',
  'subnet|10.20.5.0/24|wifi-2.4|setup-failure-rate',
  'building|hq, north wing|wifi-5|poor-stream-rate',
  'subnet|10.20.6.0/24|wifi-5|poor-stream-rate',
  'building|building 9|wired|setup-failure-rate',
  'subnet|10.90.1.0/24|wired|setup-failure-rate',
  'building|building 6|vpn|poor-stream-rate',
  'subnet|10.60.1.0/24|vpn|poor-stream-rate',
];

const CLIENT_ID = '5a1c9d3e-8b7f-4e21-9c6d-0f3a2b1e4d55';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = 'c0ffee00-1111-4222-8333-944455556666';
const KID = 'cqd-test-key';
const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
function token(tid = TENANT): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'RS256', typ: 'JWT', kid: KID });
  const body = b64({ aud: CLIENT_ID, iss: `https://login.microsoftonline.com/${tid}/v2.0`, tid, oid: 'user-oid-cqd', name: 'Priya Natarajan', scp: 'access_as_user', ver: '2.0', iat: now - 60, nbf: now - 60, exp: now + 3600 });
  return `${head}.${body}.${sign('RSA-SHA256', Buffer.from(`${head}.${body}`), signing.privateKey).toString('base64url')}`;
}
const auth = (tid = TENANT) => ({ authorization: `Bearer ${token(tid)}` });

const newTeam = (tenantId = TENANT): Workspace => ({ tenantId, scope: 'team', scopeId: `19:team-${randomUUID()}@thread.tacv2` });
const wsParam = (w: Workspace) => `${w.tenantId}|${w.scope}|${w.scopeId}`;

let bot: ServiceOpsUnderTest;
let findings: TableFindingRepository;
let measures: TableQualityMeasureRepository;

const install = (workspace: Workspace) => installDirectly(bot, workspace);
const stored = async (ws: Workspace) => (await findings.list(ws, { statuses: ['new', 'accepted', 'in-remediation', 'remediated', 'verified', 'wont-fix'] }, { pageSize: 1000 })).items;

const upload = (ws: Workspace, csv: string, headers: Record<string, string> = auth()) =>
  fetch(`${bot.url}/api/tab/import/cqd?workspace=${encodeURIComponent(wsParam(ws))}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...headers }, body: csv });
const confirm = (body: Record<string, unknown>, headers: Record<string, string> = auth()) =>
  fetch(`${bot.url}/api/tab/import/cqd/confirm`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

beforeAll(async () => {
  bot = await startServiceOps({ BOT_ID: '0b7f3c9e-3d5a-4c61-9a43-2f6f1f7e9d11', BOT_PASSWORD: 'not-a-real-secret', AAD_APP_CLIENT_ID: CLIENT_ID, TAB_ENDPOINT: 'https://ops.contoso.example' }, { tabAuth: { keys: staticKeyProvider({ [KID]: signing.publicKey }) } });
  findings = new TableFindingRepository(bot.app.store.client('Findings'));
  measures = new TableQualityMeasureRepository(bot.app.store.client('QualityMeasures'));
});
afterAll(async () => {
  await bot?.close();
});

describe('POST /api/tab/import/cqd', () => {
  it('proposes exactly the buildings and subnets above target, grouped by category, and files nothing', async () => {
    const ws = await install(newTeam());
    const res = await upload(ws, SAMPLE);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.rows).toBe(14);
    expect(body.month).toBe('2025-02');
    expect(body.problems).toEqual([]);
    expect(body.importId).toMatch(/^cqd-[0-9a-f]{24}$/);
    expect(body.groups.map((g: any) => `${g.label} (${g.proposals.length})`)).toEqual(['Poor Wi-Fi coverage (4)', 'Incomplete firewall or proxy configuration (1)', 'Problematic subnets or network devices (1)', 'VPN (2)']);
    expect(body.groups.flatMap((g: any) => g.proposals.map((p: any) => p.key)).sort()).toEqual([...EXPECTED_KEYS].sort());
    expect(body.skippedSubnets.map((s: any) => s.subnet)).toContain('192.168.1.0/24');
    // The proposals card the tab shows, with the same import id on its buttons.
    expect(JSON.stringify(body.card)).toContain(body.importId);
    expect(await stored(ws)).toEqual([]);
  });

  it('files the chosen proposals on confirm, then the rest with all, never twice', async () => {
    const ws = await install(newTeam());
    const { importId } = (await (await upload(ws, SAMPLE)).json()) as any;
    const two = [EXPECTED_KEYS[0]!, EXPECTED_KEYS[6]!];
    const first = await confirm({ workspace: wsParam(ws), importId, keys: two });
    expect(first.status).toBe(200);
    const filed = (await first.json()) as any;
    expect(filed.filed.map((f: any) => f.id)).toEqual(['QF-0001', 'QF-0002']);
    expect(filed.alreadyFiled).toEqual([]);
    expect((await stored(ws)).map((f) => `${f.building ?? f.subnet}|${f.metric}`).sort()).toEqual(['Building 6|poor-stream-rate', 'HQ, North Wing|setup-failure-rate']);

    const rest = (await (await confirm({ workspace: wsParam(ws), importId, all: true })).json()) as any;
    expect(rest.filed).toHaveLength(6);
    expect(rest.alreadyFiled).toHaveLength(2);
    const again = (await (await confirm({ workspace: wsParam(ws), importId, all: true })).json()) as any;
    expect(again.filed).toEqual([]);
    expect(await stored(ws)).toHaveLength(8);
    expect((await stored(ws)).every((f) => f.source === 'import' && f.createdBy.name === 'Priya Natarajan')).toBe(true);

    // Uploading the same file again: everything is covered by the open findings now.
    const covered = (await (await upload(ws, SAMPLE)).json()) as any;
    expect(covered.groups).toEqual([]);
    expect(covered.duplicates).toHaveLength(8);
  });

  it('stores the monthly measurements of every month in the file on upload, once however often it is uploaded', async () => {
    const ws = await install(newTeam());
    const body = (await (await upload(ws, SAMPLE)).json()) as any;
    expect(body.storedMonths).toEqual(['2025-01', '2025-02']);
    const first = await measures.list(ws);
    // 2025-01: 5 buildings + 6 subnets; 2025-02: 5 buildings + 6 subnets (192.168.1.0/24 left out) + 1 unmanaged line
    // (Building 9's External row is unmanaged traffic: its own line, never the building's or the subnet's).
    expect(first).toHaveLength(23);
    expect(first.filter((a) => a.level === 'unmanaged')).toEqual([expect.objectContaining({ month: '2025-02', networkType: 'external', streams: 400, poor: 40 })]);
    expect(new Set(first.map((a) => a.month))).toEqual(new Set(['2025-01', '2025-02']));
    await upload(ws, SAMPLE);
    expect(await measures.list(ws)).toHaveLength(23);
    // Stored at the proposal step: nothing was filed.
    expect(await stored(ws)).toEqual([]);
  });

  it('refuses a malformed CSV with its bad lines and stores nothing', async () => {
    const ws = await install(newTeam());
    const res = await upload(ws, MALFORMED);
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.error).toMatch(/can't be read, so nothing was imported[\s\S]*Nothing was imported\./);
    expect(body.problems.map((p: any) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(body.problems.every((p: any) => typeof p.message === 'string' && p.message.length > 0)).toBe(true);
    expect(body.importId).toBeUndefined();
    expect(await stored(ws)).toEqual([]);
    expect(await measures.list(ws)).toEqual([]);
    // Nothing was kept to confirm either.
    expect((await confirm({ workspace: wsParam(ws), importId: `cqd-${'0'.repeat(24)}`, all: true })).status).toBe(400);
  });

  it('answers 401 without a token and 403 for another tenant or a team without the bot, before reading the file', async () => {
    const ws = await install(newTeam());
    expect((await upload(ws, SAMPLE, {})).status).toBe(401);
    const other = await install(newTeam(OTHER_TENANT));
    const foreign = await upload(other, SAMPLE);
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as any).error).toMatch(/another organization/);
    expect((await upload(newTeam(), SAMPLE)).status).toBe(403);
    expect((await confirm({ workspace: wsParam(other), importId: `cqd-${'0'.repeat(24)}`, all: true })).status).toBe(403);
    expect((await confirm({ workspace: wsParam(ws), importId: `cqd-${'0'.repeat(24)}`, all: true }, {})).status).toBe(401);
    expect(await stored(other)).toEqual([]);
  });

  it('refuses a file over 20 MB, and a confirm that does not say what to file', async () => {
    const ws = await install(newTeam());
    const big = 'a'.repeat(20 * 1024 * 1024 + 1);
    const res = await upload(ws, big);
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).error).toMatch(/larger than 20 MB/);
    const { importId } = (await (await upload(ws, SAMPLE)).json()) as any;
    for (const bad of [{ importId }, { importId, keys: [] }, { importId, keys: ['x'], all: true }, { importId: 'nope', all: true }]) {
      expect((await confirm({ workspace: wsParam(ws), ...bad })).status).toBe(400);
    }
    const unknown = await confirm({ workspace: wsParam(ws), importId, keys: ['building|nowhere|wired|poor-stream-rate'] });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as any).error).toMatch(/not part of this import/);
    expect(await stored(ws)).toEqual([]);
  });

  it('reads a real CQD export and says which of its columns it did not read, in the answer and on the card', async () => {
    const ws = await install(newTeam());
    const res = await upload(ws, REAL);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.month).toBe('2026-10');
    expect(body.rows).toBe(17);
    // Second VPN = True → VPN; Second Inside Corp = Outside → external, not proposed.
    expect(body.groups.map((g: any) => `${g.label} (${g.proposals.length})`)).toEqual(['Poor Wi-Fi coverage (4)', 'VPN (3)']);
    expect(body.ignoredColumns).toEqual(['Second Network Name', 'Total Media Failed Stream Count']);
    expect(body.unplacedRows).toBe(2);
    const runs = JSON.stringify(body.card);
    expect(runs).toContain('Columns not read: ');
    expect(runs).toContain('\\"Second Network Name\\", \\"Total Media Failed Stream Count\\".');
    expect(runs).toContain('2 rows named neither a building nor a subnet and were left out.');
    expect(body.externalRows).toBe(2);
    expect(runs).toContain('2 rows are outside the corporate network: reported apart, not proposed.');
    // The stored month keeps CQD's reliability denominators (Total CDR Available / Call Setup Succeeded Stream Count).
    const b9 = (await measures.list(ws)).find((a) => a.month === '2026-10' && a.level === 'building' && a.building === 'Building 9');
    expect(b9).toMatchObject({ streams: 1000, cdrStreams: 1600, setupFailed: 6, setupSucceeded: 1594, dropped: 24 });
  });
});
