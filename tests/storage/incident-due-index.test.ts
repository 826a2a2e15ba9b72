// The incident due index against Azurite: rows filed by minute and workspace bucket, read by one
// range up to now, every row checked against its own keys, tenants never mixed.
import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { IncidentDueEntry } from '../../bot/src/domain/incidents/reminder-index';
import type { Workspace } from '../../bot/src/domain/workspace';
import { StorageContractError } from '../../bot/src/storage/checked-query';
import { INCIDENT_DUE_BUCKETS, INCIDENT_DUE_TABLE, TableIncidentDueIndex, workspaceBucket } from '../../bot/src/storage/table-incident-due-index';
import { uniqueTablePrefix } from '../support/service-ops';

const prefix = uniqueTablePrefix();
const table = TableClient.fromConnectionString(inject('azuriteConnectionString'), prefix + INCIDENT_DUE_TABLE, { allowInsecureConnection: true });
const index = new TableIncidentDueIndex(table);
const team = (tenantId = randomUUID()): Workspace => ({ tenantId, scope: 'team', scopeId: `19:${randomUUID()}/x#y?@thread.tacv2` });
const entry = (workspace: Workspace, incidentId: string, dueAt: string, seq = 1): IncidentDueEntry => ({ workspace, incidentId, dueAt, seq });
const ids = (list: IncidentDueEntry[]) => list.map((e) => `${e.workspace.tenantId}/${e.incidentId}@${e.dueAt}#${e.seq}`).sort();

beforeAll(async () => {
  await table.createTable();
});

describe('incident due index', () => {
  it('lists what is due up to now, from a minute on, and never what is due later', async () => {
    const a = team();
    const b = team();
    await index.put([
      entry(a, 'SR-202606-0001', '2026-06-01T08:00:30.000Z'),
      entry(a, 'SR-202606-0002', '2026-06-01T08:05:00.000Z'),
      entry(b, 'SR-202606-0001', '2026-06-01T08:05:59.999Z'),
      entry(b, 'SR-202606-0002', '2026-06-01T09:00:00.000Z'),
    ]);
    const mine = (list: IncidentDueEntry[]) => list.filter((e) => [a.tenantId, b.tenantId].includes(e.workspace.tenantId));
    // Up to 08:05:30: the row later in the same minute waits.
    expect(ids(mine(await index.listDue(new Date('2026-06-01T08:05:30Z'))))).toEqual(ids([entry(a, 'SR-202606-0001', '2026-06-01T08:00:30.000Z'), entry(a, 'SR-202606-0002', '2026-06-01T08:05:00.000Z')]));
    // From 08:05 on: the 08:00 row is behind the watermark.
    expect(ids(mine(await index.listDue(new Date('2026-06-01T08:06:00Z'), new Date('2026-06-01T08:05:10Z'))))).toEqual(
      ids([entry(a, 'SR-202606-0002', '2026-06-01T08:05:00.000Z'), entry(b, 'SR-202606-0001', '2026-06-01T08:05:59.999Z')]),
    );
    // Every row comes back with its own workspace, keys encoded (the scope id has / # ?).
    const all = mine(await index.listDue(new Date('2026-06-01T10:00:00Z')));
    expect(all).toHaveLength(4);
    expect(all.filter((e) => e.workspace.tenantId === a.tenantId).every((e) => e.workspace.scopeId === a.scopeId)).toBe(true);
    expect(all.filter((e) => e.workspace.tenantId === b.tenantId).every((e) => e.workspace.scopeId === b.scopeId)).toBe(true);
  });

  it('keys a row by minute and workspace bucket, so two tenants with the same incident id never share a row', async () => {
    const t1 = team();
    const t2 = { ...t1, tenantId: randomUUID() };
    const at = '2026-06-02T10:15:00.000Z';
    await index.put([entry(t1, 'SR-202606-0007', at), entry(t2, 'SR-202606-0007', at)]);
    const rows = await index.listDue(new Date(at), new Date(at));
    expect(rows.filter((e) => e.incidentId === 'SR-202606-0007').map((e) => e.workspace.tenantId).sort()).toEqual([t1.tenantId, t2.tenantId].sort());
    await index.remove([entry(t1, 'SR-202606-0007', at)]);
    expect((await index.listDue(new Date(at), new Date(at))).filter((e) => e.incidentId === 'SR-202606-0007').map((e) => e.workspace.tenantId)).toEqual([t2.tenantId]);
    const partitions: string[] = [];
    for await (const e of table.listEntities()) partitions.push(e.partitionKey!);
    expect(partitions.every((pk) => /^\d{12}-\d{3}$/.test(pk) && Number(pk.slice(13)) < INCIDENT_DUE_BUCKETS)).toBe(true);
    expect(partitions).toContain(`202606021015-${workspaceBucket(t2)}`);
  });

  it('removes rows already gone without failing, and a row per pointer sequence', async () => {
    const ws = team();
    const at = '2026-06-03T07:00:00.000Z';
    await index.put([entry(ws, 'SR-202606-0001', at, 1), entry(ws, 'SR-202606-0001', at, 2)]);
    expect((await index.listDue(new Date(at), new Date(at))).filter((e) => e.workspace.tenantId === ws.tenantId).map((e) => e.seq).sort()).toEqual([1, 2]);
    await index.remove([entry(ws, 'SR-202606-0001', at, 1)]);
    await index.remove([entry(ws, 'SR-202606-0001', at, 1), entry(ws, 'SR-202606-0001', at, 2)]);
    expect((await index.listDue(new Date(at), new Date(at))).filter((e) => e.workspace.tenantId === ws.tenantId)).toEqual([]);
  });

  it('refuses a row whose keys are not the ones its own columns give (another tenant under this key)', async () => {
    const victim = team();
    const at = '2026-06-04T12:00:00.000Z';
    await index.put([entry(victim, 'SR-202606-0001', at)]);
    const [row] = (await index.listDue(new Date(at), new Date(at))).filter((e) => e.workspace.tenantId === victim.tenantId);
    expect(row).toBeDefined();
    let key: { partitionKey: string; rowKey: string } | undefined;
    for await (const e of table.listEntities({ queryOptions: { filter: `tenantId eq '${victim.tenantId}'` } })) key = { partitionKey: e.partitionKey!, rowKey: e.rowKey! };
    // The same keys, but the columns name another tenant: the store handing it back is refused.
    await table.upsertEntity({ ...key!, tenantId: randomUUID(), scope: 'team', scopeId: victim.scopeId, incidentId: 'SR-202606-0001', dueAt: at, seq: 1 }, 'Replace');
    await expect(index.listDue(new Date(at), new Date(at))).rejects.toBeInstanceOf(StorageContractError);
    await table.deleteEntity(key!.partitionKey, key!.rowKey);
  });
});
