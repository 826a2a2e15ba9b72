import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConfirmedDraft } from '../../../bot/src/domain/findings/draft';
import { type Finding, formatFindingId, newFinding } from '../../../bot/src/domain/findings/finding';
import { FindingService } from '../../../bot/src/domain/findings/finding-service';
import type { Workspace } from '../../../bot/src/domain/workspace';
import { FINDING_TABLES, TableFindingRepository } from '../../../bot/src/storage/findings/table-finding-repository';
import { TableCounterRepository } from '../../../bot/src/storage/table-counter-repository';
import { uniqueTablePrefix } from '../../support/service-ops';

const conn = () => inject('azuriteConnectionString');
let findingsTable: TableClient;
let countersTable: TableClient;
const prefix = uniqueTablePrefix();
const client = (name: string) => TableClient.fromConnectionString(conn(), prefix + name, { allowInsecureConnection: true });

beforeAll(async () => {
  expect(FINDING_TABLES).toContain('Findings');
  findingsTable = client('Findings');
  countersTable = client('Counters');
  await findingsTable.createTable();
  await countersTable.createTable();
});

const alice = { id: 'aad-alice', name: 'Alice Champion' };
const bob = { id: 'aad-bob', name: 'Bob Network' };
const carol = { id: 'aad-carol', name: 'Carol Endpoints' };
const newWs = (): Workspace => ({ tenantId: randomUUID(), scope: 'team', scopeId: '19:team/with#odd?chars\\@thread.tacv2' });
const draft: ConfirmedDraft = { category: 'vpn', area: 'call-quality', building: 'Building 6', networkType: 'vpn', metric: 'poor-stream-rate', value: 4.1, unit: '%', description: 'poor audio in Building 6', owningRole: 'Network Operations' };

let now = new Date('2025-03-03T09:00:00Z');
function service(table = findingsTable) {
  return new FindingService({ findings: new TableFindingRepository(table), counters: new TableCounterRepository(countersTable, 500), clock: () => now });
}

// Every kind of text people paste: markdown links, template syntax, JSON, RTL, emoji, the
// characters Table keys forbid, and a quote, on several lines.
const HOSTILE = [
  '[click me](https://evil.example/x) **bold** <b>html</b>',
  '${finding.id} ${$root} {{name}} %24{x}',
  '{"type":"AdaptiveCard","body":[]}", "x": 1 }',
  'שלום عليكم \u202Eabc\u202C mixed RTL',
  '🔥📞👩🏽‍💻 emoji 🇸🇪',
  '/ \\ # ? % & \' " < >',
  'line one\nline two\r\nline three\tTabbed',
].join('\n');

describe('TableFindingRepository + FindingService', () => {
  it('files QF-0001, QF-0002 … per workspace and reads a finding back field for field', async () => {
    const ws = newWs();
    const svc = service();
    const a = await svc.create(ws, draft, alice, { idempotencyKey: 'act-1' });
    const b = await svc.create(ws, { ...draft, building: 'Building 7' }, alice, { idempotencyKey: 'act-2' });
    expect(a.ok && a.finding.id).toBe('QF-0001');
    expect(b.ok && b.finding.id).toBe('QF-0002');
    const read = await svc.get(ws, 'QF-0001');
    expect(read).toMatchObject({ ...draft, id: 'QF-0001', number: 1, status: 'new', target: 2, createdBy: alice, version: 1, workspace: ws, dueAt: '2025-03-10T09:00:00.000Z' });
    expect(read!.etag).toBeTruthy();
    expect(await svc.get(newWs(), 'QF-0001')).toBeUndefined();
    const history = await svc.history(ws, 'QF-0001');
    expect(history).toEqual([{ findingId: 'QF-0001', version: 1, at: now.toISOString(), actor: alice, action: 'create', to: 'new', summary: 'filed for Network Operations' }]);
  });

  it('the same activity delivered twice (also at the same moment) files one finding', async () => {
    const ws = newWs();
    const svc = service();
    const activityId = 'f:1234567890/odd#id?';
    const first = await svc.create(ws, draft, alice, { idempotencyKey: activityId });
    const again = await svc.create(ws, draft, alice, { idempotencyKey: activityId });
    expect(first.ok && first.created).toBe(true);
    expect(again.ok && !again.created && again.finding.id).toBe('QF-0001');
    // Concurrent redelivery: separate service instances, separate clients.
    const results = await Promise.all([0, 1, 2, 3].map(() => service(client('Findings')).create(ws, draft, alice, { idempotencyKey: 'concurrent-activity' })));
    const ids = new Set(results.map((r) => (r.ok ? r.finding.id : r.error)));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1);
    const page = await svc.list(ws, {}, { pageSize: 100 });
    expect(page.items.map((f) => f.id)).toHaveLength(2);
  });

  it('two people acting on one card at once: the second is told to retry, nothing is lost, history has both', async () => {
    const ws = newWs();
    const svc = service();
    const created = await svc.create(ws, draft, alice, { idempotencyKey: 'x' });
    if (!created.ok) throw new Error(created.error);
    const etag = created.finding.etag!;
    const [r1, r2] = await Promise.all([
      service(client('Findings')).act(ws, 'QF-0001', { type: 'accept' }, bob, { expectedEtag: etag }),
      service(client('Findings')).act(ws, 'QF-0001', { type: 'wontfix', reason: 'budget' }, carol, { expectedEtag: etag }),
    ]);
    const oks = [r1, r2].filter((r) => r.ok);
    const conflicts = [r1, r2].filter((r) => !r.ok && r.reason === 'conflict');
    expect(oks).toHaveLength(1);
    expect(conflicts).toHaveLength(1);
    const conflict = conflicts[0]!;
    if (conflict.ok || conflict.reason !== 'conflict') throw new Error('expected conflict');
    expect(conflict.error).toMatch(/Someone else changed QF-0001.*try again/);
    const final = await svc.get(ws, 'QF-0001');
    expect(final!.version).toBe(2);
    expect(conflict.finding.status).toBe(final!.status);
    expect((await svc.history(ws, 'QF-0001')).map((h) => h.version)).toEqual([2, 1]);
    // A retry on the fresh card now works (or is refused for a reason, never silently lost).
    const retry = await svc.act(ws, 'QF-0001', { type: 'note', text: 'retried' }, carol, { expectedEtag: final!.etag });
    expect(retry.ok).toBe(true);
  });

  it('notes from many people at once all land', async () => {
    const ws = newWs();
    const created = await service().create(ws, draft, alice, { idempotencyKey: 'n' });
    if (!created.ok) throw new Error(created.error);
    const people = Array.from({ length: 6 }, (_, i) => ({ id: `u${i}`, name: `User ${i}` }));
    const results = await Promise.all(people.map((p, i) => service(client('Findings')).act(ws, 'QF-0001', { type: 'note', text: `note ${i}` }, p, { expectedEtag: created.finding.etag })));
    expect(results.every((r) => r.ok)).toBe(true);
    const history = await service().history(ws, 'QF-0001');
    expect(history.filter((h) => h.action === 'note').map((h) => h.text).sort()).toEqual(people.map((_, i) => `note ${i}`));
    expect((await service().get(ws, 'QF-0001'))!.version).toBe(7);
  });

  it('hostile text round-trips exactly through the service and storage', async () => {
    const ws: Workspace = { tenantId: randomUUID(), scope: 'chat', scopeId: '19:chat/\\#?\u0001id' };
    const svc = service();
    const r = await svc.create(ws, { ...draft, building: '🏢 B/6 #1 ? \\ מבנה', description: HOSTILE, evidence: 'https://contoso.sharepoint.com/x?y=1#z' }, alice, { idempotencyKey: '/\\#?\u0007' });
    if (!r.ok) throw new Error(r.error);
    const back = await svc.get(ws, r.finding.id);
    expect(back!.description).toBe(HOSTILE);
    expect(back!.building).toBe('🏢 B/6 #1 ? \\ מבנה');
    expect(back!.workspace).toEqual(ws);
    const noted = await svc.act(ws, r.finding.id, { type: 'note', text: HOSTILE }, { id: 'x', name: '${name} [me](http://x)' });
    expect(noted.ok).toBe(true);
    const [h] = await svc.history(ws, r.finding.id, 1);
    expect(h!.text).toBe(HOSTILE);
    expect(h!.actor.name).toBe('${name} [me](http://x)');
  });

  it('a 40 KB description is refused with a clear message and nothing is stored', async () => {
    const ws = newWs();
    const svc = service();
    const r = await svc.create(ws, { ...draft, description: 'x'.repeat(40 * 1024) }, alice, { idempotencyKey: 'big' });
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/description is 40,960 characters; the most I can keep is 4,000/) });
    expect((await svc.list(ws, {}, {})).items).toEqual([]);
  });

  it('the repository itself stores text beyond one property (40 KB, emoji at the seam) across properties', async () => {
    const ws = newWs();
    const repo = new TableFindingRepository(findingsTable);
    const big = 'a'.repeat(32 * 1024 - 1) + '😀' + '🔥'.repeat(4000) + 'end';
    const { finding, history } = newFinding({ workspace: ws, id: formatFindingId('QF', 9), number: 9, draft: { ...draft, description: big }, actor: alice, now, source: 'api' });
    const out = await repo.create(finding, { ...history, text: big }, 'k');
    expect(out.created).toBe(true);
    expect((await repo.get(ws, 'QF-0009'))!.description).toBe(big);
    expect((await repo.history(ws, 'QF-0009'))[0]!.text).toBe(big);
  });

  it('lists with filters (category, team, status, overdue) and pages with continuation tokens', async () => {
    const ws = newWs();
    const svc = service();
    now = new Date('2025-03-01T00:00:00Z');
    for (let i = 0; i < 7; i++) {
      const r = await svc.create(ws, { ...draft, category: i % 2 ? 'wifi' : 'vpn', building: `B${i}` }, alice, { idempotencyKey: `l${i}` });
      expect(r.ok).toBe(true);
    }
    const hs = await svc.create(ws, { ...draft, category: 'audio-devices', building: undefined, owningRole: 'Client & Endpoints Team' }, alice, { idempotencyKey: 'dev' });
    expect(hs.ok).toBe(true);
    now = new Date('2025-03-05T00:00:00Z');
    expect((await svc.act(ws, 'QF-0001', { type: 'accept' }, bob)).ok).toBe(true); // due again 14 days from now
    expect((await svc.act(ws, 'QF-0003', { type: 'start' }, bob)).ok).toBe(true);
    expect((await svc.act(ws, 'QF-0003', { type: 'remediated' }, bob)).ok).toBe(true);
    expect((await svc.act(ws, 'QF-0003', { type: 'verify' }, alice)).ok).toBe(true);
    now = new Date('2025-03-10T00:00:00Z'); // filed on the 1st: "new" is due on the 8th

    const ids = async (filter: Parameters<FindingService['list']>[1]) => {
      const out: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await svc.list(ws, filter, { pageSize: 3, continuationToken: token });
        out.push(...page.items.map((f: Finding) => f.id));
        expect(page.items.length).toBeLessThanOrEqual(3);
        token = page.continuationToken;
        pages++;
      } while (token);
      return { out, pages };
    };
    const open = await ids({});
    expect(open.out).toEqual(['QF-0001', 'QF-0002', 'QF-0004', 'QF-0005', 'QF-0006', 'QF-0007', 'QF-0008']);
    expect(open.pages).toBeGreaterThanOrEqual(3);
    expect((await ids({ category: 'wifi' })).out).toEqual(['QF-0002', 'QF-0004', 'QF-0006']);
    expect((await ids({ owningRole: 'Client & Endpoints Team' })).out).toEqual(['QF-0008']);
    expect((await ids({ statuses: ['verified'] })).out).toEqual(['QF-0003']);
    expect((await ids({ overdue: true })).out).toEqual(['QF-0002', 'QF-0004', 'QF-0005', 'QF-0006', 'QF-0007', 'QF-0008']);
  });
});
