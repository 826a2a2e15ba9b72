// Problems and requests for change on real Table storage (Azurite): lists by status read only
// their own key range, every write carries the ETag it was based on, the summary row follows
// every write, workspaces never see each other's rows, and a foreign row is refused.
import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ChangeService } from '../../bot/src/domain/changes/change-service';
import type { CounterRepository } from '../../bot/src/domain/counter';
import { ProblemService } from '../../bot/src/domain/problems/problem-service';
import { type Workspace } from '../../bot/src/domain/workspace';
import { StorageContractError } from '../../bot/src/storage/checked-query';
import { CHANGE_CONTROL_TABLE, controlPk } from '../../bot/src/storage/table-change-control';
import { TableChangeRepository } from '../../bot/src/storage/table-change-repository';
import { TableProblemRepository } from '../../bot/src/storage/table-problem-repository';
import { uniqueTablePrefix } from '../support/service-ops';

let table: TableClient;
const ana = { id: 'ana', name: 'Ana' };
const newWs = (): Workspace => ({ tenantId: randomUUID(), scope: 'team', scopeId: '19:odd/#?\\chars@thread.tacv2' });
const counters = (): CounterRepository => {
  const n = new Map<string, number>();
  return { next: async (ws, c) => { const k = `${controlPk(ws)}|${c}`; n.set(k, (n.get(k) ?? 0) + 1); return n.get(k)!; } };
};
const now = () => new Date('2026-11-30T10:00:00Z');

function services(c = counters()) {
  const problems = new ProblemService({ repo: new TableProblemRepository(table), numbers: c, clock: now, roleNames: async () => ['Network Operations'] });
  const changes = new ChangeService({ repo: new TableChangeRepository(table), numbers: c, clock: now, onRaised: async (ws, ch, actor) => (ch.source.kind === 'problem' ? problems.noteChange(ws, ch.source.id, ch.id, actor) : undefined) });
  return { problems, changes };
}
const ok = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

beforeAll(async () => {
  table = TableClient.fromConnectionString(inject('azuriteConnectionString'), uniqueTablePrefix() + CHANGE_CONTROL_TABLE, { allowInsecureConnection: true });
  await table.createTable();
});

describe('problems on Table storage', () => {
  it('numbers problems per workspace and lists them by status without reading other statuses', async () => {
    const { problems } = services();
    const ws = newWs();
    const a = ok(await problems.create(ws, { title: 'Calls drop in Building 6' }, ana));
    const b = ok(await problems.create(ws, { title: 'Mail is slow on Mondays', from: { kind: 'incident', ref: 'SR-202611-0003' } }, ana));
    expect([a.id, b.id]).toEqual(['PRB-0001', 'PRB-0002']);
    await problems.act(ws, a.id, { type: 'status', status: 'closed' }, ana);
    expect((await problems.list(ws, 'open', { limit: 10 })).items.map((p) => p.id)).toEqual(['PRB-0002']);
    expect((await problems.list(ws, 'closed', { limit: 10 })).items.map((p) => p.id)).toEqual(['PRB-0001']);
    expect((await problems.list(ws, 'all', { limit: 10 })).items.map((p) => p.id)).toEqual(['PRB-0002', 'PRB-0001']);
    // The open list is its own key range: one query, only open rows come back.
    const rows: string[] = [];
    for await (const e of table.listEntities({ queryOptions: { filter: `PartitionKey eq '${controlPk(ws)}'` } })) rows.push(e.rowKey!);
    expect(rows.filter((k) => k.startsWith('L|P|o|'))).toHaveLength(1);
  });

  it('writes on the ETag the card showed: a stale card is a conflict and changes nothing', async () => {
    const { problems } = services();
    const ws = newWs();
    const p = ok(await problems.create(ws, { title: 'Calls drop in Building 6' }, ana));
    const first = await problems.act(ws, p.id, { type: 'rca', text: 'Access points roam badly' }, ana, p.etag);
    expect(first.kind).toBe('updated');
    const stale = await problems.act(ws, p.id, { type: 'link', kind: 'incident', ref: 'SR-202611-0001' }, ana, p.etag);
    expect(stale).toMatchObject({ kind: 'conflict', current: { rootCause: { text: 'Access points roam badly' }, incidents: [] } });
    expect((await problems.get(ws, p.id))!.incidents).toEqual([]);
  });

  it('keeps the summary the agenda reads right on every write, racing writers included', async () => {
    const { problems } = services();
    const ws = newWs();
    const made = await Promise.all(Array.from({ length: 6 }, (_, i) => problems.create(ws, { title: `Problem number ${i}` }, ana)));
    const ids = made.map((m) => ok(m).id);
    const linked = await problems.act(ws, ids[3]!, { type: 'link', kind: 'incident', ref: 'SR-202611-0009' }, ana);
    expect(linked.kind).toBe('updated');
    await problems.act(ws, ids[0]!, { type: 'status', status: 'closed' }, ana);
    const s = await problems.summary(ws);
    expect(s).toMatchObject({ openProblemTotal: 5, problemCounts: { new: 5, closed: 1 } });
    expect(s.openProblems[0]!.id).toBe(ids[3]);
    expect(s.openProblems.map((p) => p.id)).not.toContain(ids[0]);
  });

  it('keeps workspaces apart: the same number in another tenant is another problem', async () => {
    const { problems } = services();
    const [one, two] = [newWs(), newWs()];
    ok(await problems.create(one, { title: 'Only in tenant one' }, ana));
    expect(await problems.get(two, 'PRB-0001')).toBeUndefined();
    expect((await problems.list(two, 'all', { limit: 10 })).items).toEqual([]);
    expect((await problems.summary(two)).openProblemTotal).toBe(0);
  });

  it('refuses a row whose record names another workspace', async () => {
    const ws = newWs();
    const other = newWs();
    const { problems } = services();
    const p = ok(await problems.create(other, { title: 'Foreign record' }, ana));
    // A row copied into this partition under the right key still holds the other workspace's record.
    const row = await table.getEntity<Record<string, unknown>>(controlPk(other), 'R|P|0000000001');
    await table.createEntity({ ...row, partitionKey: controlPk(ws), rowKey: 'R|P|0000000001' });
    await expect(new TableProblemRepository(table).get(ws, p.number)).rejects.toBeInstanceOf(StorageContractError);
  });
});

describe('requests for change on Table storage', () => {
  it('stores the computed priority, lists emergency changes for review, and notes a change on its problem', async () => {
    const { problems, changes } = services();
    const ws = newWs();
    const p = ok(await problems.create(ws, { title: 'Calls drop in Building 6' }, ana));
    const input = { title: 'Replace the Building 6 access points', reason: 'They roam badly', risk: 'medium', urgency: 'high', impact: 'high', category: 'emergency' };
    const c = ok(await changes.create(ws, input, { kind: 'problem', id: p.id }, ana));
    expect(c).toMatchObject({ id: 'RFC-0001', priority: 'critical', status: 'requested' });
    expect((await problems.get(ws, p.id))!.changes).toEqual(['RFC-0001']);
    const s = await changes.summary(ws);
    expect(s.emergencyChanges.map((e) => e.id)).toEqual(['RFC-0001']);
    expect(s.openProblems[0]).toMatchObject({ id: p.id, changes: 1 });
    const approved = await changes.act(ws, c.id, { type: 'status', status: 'approved', approver: 'Change Manager' }, ana, c.etag);
    expect(approved).toMatchObject({ kind: 'updated', change: { status: 'approved', approver: 'Change Manager' } });
    expect(await changes.act(ws, c.id, { type: 'status', status: 'rejected', approver: 'x' }, ana, c.etag)).toMatchObject({ kind: 'conflict' });
    expect((await changes.list(ws, 'approved', { limit: 10 })).items.map((x) => x.id)).toEqual(['RFC-0001']);
    expect((await changes.list(ws, 'requested', { limit: 10 })).items).toEqual([]);
  });

  it('pages a list with continuation tokens', async () => {
    const { changes } = services();
    const ws = newWs();
    for (let i = 0; i < 5; i++) ok(await changes.create(ws, { title: `Change ${i}`, reason: 'why', risk: 'low', urgency: 'low', impact: 'low', category: 'standard' }, { kind: 'manual' }, ana));
    const first = await changes.list(ws, 'open', { limit: 3 });
    expect(first.items.map((c) => c.id)).toEqual(['RFC-0005', 'RFC-0004', 'RFC-0003']);
    const second = await changes.list(ws, 'open', { limit: 3, continuation: first.continuation });
    expect(second.items.map((c) => c.id)).toEqual(['RFC-0002', 'RFC-0001']);
  });
});
