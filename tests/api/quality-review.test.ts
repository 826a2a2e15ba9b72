// The quality review through the tab API, on the real app: a real-format CQD export with
// Is Server Pair (tests/fixtures/cqd/), its proposals against the scope's target rows and the
// unmanaged networks as their own line; the settings card (validation, save, reset) changing
// the next import; and the next month's import proposing "verified" for a remediated finding,
// which changes nothing until the champion confirms it on the card.
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticKeyProvider } from '../../bot/src/api/tab-auth';
import type { Workspace } from '../../bot/src/domain/workspace';
import { TableFindingRepository } from '../../bot/src/storage/findings/table-finding-repository';
import { installDirectly } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/cqd/${name}`, import.meta.url)), 'utf8');
const OCT = fixture('qer-scope-2026-10.csv');
const NOV = fixture('qer-scope-2026-11.csv');

const CLIENT_ID = '5a1c9d3e-8b7f-4e21-9c6d-0f3a2b1e4d55';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const KID = 'qer-test-key';
const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
// The business clock: remediation happens in October, the November data is imported after.
let now = new Date('2026-11-03T09:00:00Z');
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
function token(): string {
  // The tab API checks the token's times against the app's clock: the business clock here.
  const t = Math.floor(now.getTime() / 1000);
  const head = b64({ alg: 'RS256', typ: 'JWT', kid: KID });
  const body = b64({ aud: CLIENT_ID, iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, tid: TENANT, oid: 'user-oid-qer', name: 'Priya Natarajan', scp: 'access_as_user', ver: '2.0', iat: t - 60, nbf: t - 60, exp: t + 3600 });
  return `${head}.${body}.${sign('RSA-SHA256', Buffer.from(`${head}.${body}`), signing.privateKey).toString('base64url')}`;
}
const auth = () => ({ authorization: `Bearer ${token()}` });
const newTeam = (): Workspace => ({ tenantId: TENANT, scope: 'team', scopeId: `19:team-${randomUUID()}@thread.tacv2` });
const wsParam = (w: Workspace) => `${w.tenantId}|${w.scope}|${w.scopeId}`;

let bot: ServiceOpsUnderTest;
let findings: TableFindingRepository;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const upload = async (ws: Workspace, csv: string): Promise<Json> => {
  const r = await fetch(`${bot.url}/api/tab/import/cqd?workspace=${encodeURIComponent(wsParam(ws))}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...auth() }, body: csv });
  expect(r.status).toBe(200);
  return (await r.json()) as Json;
};
const act = async (ws: Workspace, verb: string, data: Json): Promise<{ status: number; body: Json }> => {
  const r = await fetch(`${bot.url}/api/tab/actions`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth() }, body: JSON.stringify({ view: 'findings', workspace: wsParam(ws), params: {}, verb, data }) });
  return { status: r.status, body: (await r.json()) as Json };
};
const confirm = async (ws: Workspace, importId: string, keys: string[]) => {
  const r = await fetch(`${bot.url}/api/tab/import/cqd/confirm`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth() }, body: JSON.stringify({ workspace: wsParam(ws), importId, keys }) });
  expect(r.status).toBe(200);
  return (await r.json()) as { filed: { id: string }[] };
};
const verbsOf = (node: unknown, out: Json[] = []): Json[] => {
  if (Array.isArray(node)) node.forEach((n) => verbsOf(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Json;
    if (o.type === 'Action.Execute') out.push(o);
    Object.values(o).forEach((v) => verbsOf(v, out));
  }
  return out;
};
const inputs = (card: unknown): Json => {
  const out: Json = {};
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Json;
      if (typeof o.type === 'string' && o.type.startsWith('Input.')) out[o.id] = o.value;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
};

beforeAll(async () => {
  bot = await startServiceOps({ BOT_ID: '0b7f3c9e-3d5a-4c61-9a43-2f6f1f7e9d11', BOT_PASSWORD: 'not-a-real-secret', AAD_APP_CLIENT_ID: CLIENT_ID, TAB_ENDPOINT: 'https://ops.contoso.example' }, { tabAuth: { keys: staticKeyProvider({ [KID]: signing.publicKey }) }, clock: () => now });
  findings = new TableFindingRepository(bot.app.store.client('Findings'));
});
afterAll(async () => {
  await bot?.close();
});

describe('the quality review through the tab API', () => {
  it('reviews each call scope against its own rows and answers the unmanaged networks as a line of their own', async () => {
    const ws = newTeam();
    await installDirectly(bot, ws);
    const res = await upload(ws, OCT);
    const keys = res.groups.flatMap((g: Json) => g.proposals.map((p: Json) => p.key));
    expect(keys).toContain('building|building 1|wired|poor-stream-rate|conferencing'); // 1.5 % > conferencing, wired internal 1.0 %
    expect(res.serverPairRows).toBe(1);
    expect(res.unmanaged.map((l: Json) => [l.scope, l.targetRow, l.streams])).toEqual([['all', 'all calls, overall', 800], ['conferencing', 'conferencing, overall', 600], ['peer-to-peer', 'peer-to-peer, overall', 200]]);
    expect(res.groups.flatMap((g: Json) => g.proposals).some((p: Json) => p.subnet === '73.158.12.0/24')).toBe(false);
    expect(JSON.stringify(res.card)).toContain('Unmanaged networks (reported apart, never filed against a building)');
    expect(res.lines.map((l: Json) => l.targetRow)).toContain('peer-to-peer, wired / Wi-Fi 5 GHz overall');
  });

  it('edits the targets on the settings card: a wrong value is refused with its reason, a valid save changes the next import, reset restores the reference', async () => {
    const ws = newTeam();
    await installDirectly(bot, ws);
    const opened = await act(ws, 'finding.settings.open', {});
    expect(opened.status).toBe(200);
    const card = opened.body.cards[0];
    const typed = inputs(card);
    expect(typed.t3_psr).toBe('1'); // conferencing, wired internal: the reference's 1.0 %
    const bad = await act(ws, 'finding.settings.save', { ...typed, t3_psr: '80' });
    expect(JSON.stringify(bad.body.cards[0])).toContain('Conferencing, wired internal, poor stream rate: 80 is out of range; use 0.1 to 50 %.');
    expect(inputs(bad.body.cards[0]).t3_psr).toBe('80'); // what was typed stays on the card
    const saved = await act(ws, 'finding.settings.save', { ...typed, t3_psr: '2' });
    expect(JSON.stringify(saved.body.cards[0])).toContain('Saved.');
    const after = await upload(ws, OCT);
    expect(after.groups.flatMap((g: Json) => g.proposals.map((p: Json) => p.key))).not.toContain('building|building 1|wired|poor-stream-rate|conferencing');
    const reset = await act(ws, 'finding.settings.reset', {});
    expect(inputs(reset.body.cards[0]).t3_psr).toBe('1');
    const again = await upload(ws, OCT);
    expect(again.groups.flatMap((g: Json) => g.proposals.map((p: Json) => p.key))).toContain('building|building 1|wired|poor-stream-rate|conferencing');
  });

  it('proposes "verified" when the next month is back within target, and verifies only when the champion confirms', async () => {
    const ws = newTeam();
    await installDirectly(bot, ws);
    now = new Date('2026-10-05T09:00:00Z');
    const oct = await upload(ws, OCT);
    const { filed } = await confirm(ws, oct.importId, ['building|building 1|wired|poor-stream-rate|conferencing', 'building|building 9|wired|setup-failure-rate|peer-to-peer']);
    expect(filed).toHaveLength(2);
    for (const f of filed) {
      for (const type of ['start', 'remediated']) {
        const r = await act(ws, `finding.${type}`, { findingId: f.id });
        expect(r.status).toBe(200);
      }
    }
    now = new Date('2026-12-02T09:00:00Z');
    const nov = await upload(ws, NOV);
    const idOf = async (building: string) => (await Promise.all(filed.map((f) => findings.get(ws, f.id)))).find((f) => f!.building === building)!.id;
    const [b1, b9] = [await idOf('Building 1'), await idOf('Building 9')];
    expect(nov.verifications.map((v: Json) => [v.findingId, v.outcome]).sort()).toEqual([[b1, 'within-target'], [b9, 'above-target']].sort());
    const buttons = verbsOf(nov.card).filter((a) => a.verb === 'finding.import.verify');
    expect(buttons.map((b) => b.data.findingId)).toEqual([b1]); // nothing to confirm for the place still above target
    // Proposing changed nothing: both are still remediated.
    expect((await findings.get(ws, b1!))!.status).toBe('remediated');
    const verified = await act(ws, 'finding.import.verify', buttons[0]!.data);
    expect(verified.status).toBe(200);
    expect((await findings.get(ws, b1!))!.status).toBe('verified');
    expect((await findings.history(ws, b1!, 10)).map((h) => h.text ?? '').join('\n')).toContain('Verified with the 2026-11 call-quality data');
    const refused = await act(ws, 'finding.import.verify', { importId: nov.importId, findingId: b9 });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/is not verified: .*Not yet verified: still above target\./);
    expect((await findings.get(ws, b9!))!.status).toBe('remediated');
  });
});
