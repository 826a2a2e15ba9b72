import { randomUUID } from 'node:crypto';
import { odata, TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { AgendaItem } from '../../../bot/src/domain/ops/agenda';
import { createOpsServices } from '../../../bot/src/domain/ops/ops-services';
import { DEFAULT_ROLES } from '../../../bot/src/domain/ops/roles';
import { type Workspace, workspaceKey } from '../../../bot/src/domain/workspace';
import { encodeKey } from '../../../bot/src/storage/keys';
import { createOpsRepositories, OPS_TABLES, type OpsTable } from '../../../bot/src/storage/ops/table-ops-repositories';
import { uniqueTablePrefix } from '../../support/service-ops';

const prefix = uniqueTablePrefix();
const clients = new Map<string, TableClient>();
const client = (name: OpsTable | 'Seeds') => {
  let c = clients.get(name);
  if (!c) clients.set(name, (c = TableClient.fromConnectionString(inject('azuriteConnectionString'), prefix + name, { allowInsecureConnection: true })));
  return c;
};
const newWs = (): Workspace => ({ tenantId: randomUUID(), scope: 'team', scopeId: '19:team/with#odd?chars\\@thread.tacv2' });
const ana = { id: 'ana', name: 'Ana' };
const item = (id: string, text = id): AgendaItem => ({ id, text, kind: 'topic', added: { by: ana, at: '2025-03-03T09:00:00Z' }, status: 'open' });

beforeAll(async () => {
  await Promise.all([...OPS_TABLES, 'Seeds' as const].map((t) => client(t).createTable()));
});

describe('ops repositories on Table storage', () => {
  it('seed the default role map lazily, once, even when several instances read at the same time', async () => {
    const ws = newWs();
    const instances = Array.from({ length: 5 }, () => createOpsRepositories(client));
    const lists = await Promise.all(instances.flatMap((r) => [r.roles.list(ws), r.roles.list(ws)]));
    for (const l of lists) expect(l.map((r) => r.id).sort()).toEqual(DEFAULT_ROLES.map((r) => r.id).sort());
    // Count the workspace's rows directly: the defaults, nothing duplicated, and the marker
    // in the Seeds table, where no data query can return it.
    const count = async (table: OpsTable | 'Seeds') => {
      let rows = 0;
      for await (const _ of client(table).listEntities({ queryOptions: { filter: odata`PartitionKey eq ${encodeKey(workspaceKey(ws))}` } })) rows++;
      return rows;
    };
    expect(await count('OpsRoles')).toBe(DEFAULT_ROLES.length);
    expect(await count('Seeds')).toBe(1);
  });

  it('never re-seed a workspace whose defaults were deleted', async () => {
    const ws = newWs();
    const repos = createOpsRepositories(client);
    for (const r of await repos.roles.list(ws)) expect(await repos.roles.delete(ws, r.id)).toBe('deleted');
    expect(await createOpsRepositories(client).roles.list(ws)).toEqual([]);
  });

  it('keep workspaces apart and row kinds of one table apart', async () => {
    const a = newWs();
    const b = newWs();
    const repos = createOpsRepositories(client);
    await repos.agendaItems.create(a, item('i1'));
    await repos.actions.create(a, { id: 'i1', text: 'act', owner: '', status: 'open', meetingId: 'm', created: { by: ana, at: '2025-03-03T09:00:00Z' } });
    expect((await repos.agendaItems.list(a)).map((i) => i.text)).toEqual(['i1']);
    expect((await repos.actions.list(a)).map((i) => i.text)).toEqual(['act']);
    expect(await repos.agendaItems.list(b)).toEqual([]);
  });

  it('refuse stale updates and deletes (ETag), and report a taken id on create', async () => {
    const ws = newWs();
    const repos = createOpsRepositories(client);
    const created = await repos.agendaItems.create(ws, item('odd/id#1?', 'first'));
    expect(created.created).toBe(true);
    const stale = created.created ? created.record : item('x');
    const fresh = await repos.agendaItems.replace(ws, { ...stale, text: 'second' });
    expect(fresh.ok).toBe(true);
    expect(await repos.agendaItems.replace(ws, { ...stale, text: 'third' })).toEqual({ ok: false, reason: 'conflict' });
    expect(await repos.agendaItems.delete(ws, stale.id, stale.etag)).toBe('conflict');
    expect(await repos.agendaItems.create(ws, item('odd/id#1?', 'again'))).toMatchObject({ created: false, existing: { text: 'second' } });
    expect(await repos.agendaItems.replace(ws, { ...item('missing'), etag: stale.etag })).toEqual({ ok: false, reason: 'not-found' });
    expect(await repos.agendaItems.delete(ws, stale.id, fresh.ok ? fresh.record.etag : undefined)).toBe('deleted');
    expect(await repos.agendaItems.delete(ws, stale.id)).toBe('not-found');
  });

  it('page with continuation tokens', async () => {
    const ws = newWs();
    const repos = createOpsRepositories(client);
    await Promise.all(Array.from({ length: 23 }, (_, i) => repos.agendaItems.create(ws, item(`i${String(i).padStart(2, '0')}`))));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await repos.agendaItems.page(ws, { pageSize: 10, ...(token ? { continuationToken: token } : {}) });
      seen.push(...page.items.map((i) => i.id));
      token = page.continuationToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen.length).toBe(23);
    expect((await repos.agendaItems.list(ws)).length).toBe(23);
  });

  it('serve the domain services: concurrent sign-offs of different roles all land; hostile text round-trips', async () => {
    const ws = newWs();
    const ops = createOpsServices(createOpsRepositories(client), { clock: () => new Date('2025-03-03T09:00:00Z'), newId: () => randomUUID().slice(0, 8) });
    const roles = await ops.roles.list(ws);
    const hostile = '[x](https://e.example) ${x} {"a":1} \u202Eevil 😀 / \\ # ?';
    await Promise.all(roles.map((r) => ops.roles.update(ws, r.id, { team: hostile }, ana)));
    const signed = await Promise.all(roles.map((r, i) => ops.roles.signOff(ws, r.id, { id: `u${i}`, name: `User ${i}` })));
    expect(signed.every((s) => s.ok)).toBe(true);
    const summary = await ops.roles.summary(ws);
    expect(summary.pending).toEqual([]);
    expect(summary.signed.every((r) => r.team === hostile)).toBe(true);
  });
});
