// The governance record on real Table storage (Azurite): one row per workspace, created once,
// replaced only with the ETag it was read with, large records spread over properties, workspaces
// apart, and a row that names another workspace refused.
import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultGovernance } from '../../bot/src/domain/governance/governance';
import { type Workspace, workspaceKey } from '../../bot/src/domain/workspace';
import { StorageContractError } from '../../bot/src/storage/checked-query';
import { encodeKey } from '../../bot/src/storage/keys';
import { GOVERNANCE_TABLE, TableGovernanceRepository } from '../../bot/src/storage/table-governance-repository';
import { uniqueTablePrefix } from '../support/service-ops';

let table: TableClient;
let repo: TableGovernanceRepository;
const newWs = (): Workspace => ({ tenantId: randomUUID(), scope: 'team', scopeId: '19:odd/#?\\chars@thread.tacv2' });

beforeAll(async () => {
  table = TableClient.fromConnectionString(inject('azuriteConnectionString'), uniqueTablePrefix() + GOVERNANCE_TABLE, { allowInsecureConnection: true });
  await table.createTable();
  repo = new TableGovernanceRepository(table);
});

describe('the governance repository', () => {
  it('creates the record once, then replaces it only with the ETag it was read with', async () => {
    const ws = newWs();
    expect(await repo.get(ws)).toBeUndefined();
    const created = await repo.save({ ...defaultGovernance(ws), businessCase: { scope: 'London', useCases: [] } });
    expect(created).not.toBe('conflict');
    const etag = (created as { etag?: string }).etag!;
    expect(await repo.save(defaultGovernance(ws))).toBe('conflict'); // a second create
    const read = (await repo.get(ws))!;
    expect(read.businessCase.scope).toBe('London');
    expect(read.etag).toBe(etag);
    const replaced = await repo.save({ ...read, businessCase: { scope: 'Paris', useCases: [] } }, etag);
    expect(replaced).not.toBe('conflict');
    expect(await repo.save({ ...read, businessCase: { scope: 'Berlin', useCases: [] } }, etag)).toBe('conflict');
    expect(await repo.save(read, 'not an etag')).toBe('conflict');
    expect((await repo.get(ws))!.businessCase.scope).toBe('Paris');
  });

  it('keeps a record larger than one property, emoji and all', async () => {
    const ws = newWs();
    const long = '😀'.repeat(9000) + 'x'.repeat(30000);
    await repo.save({ ...defaultGovernance(ws), charter: { ...defaultGovernance(ws).charter, purpose: long } });
    expect((await repo.get(ws))!.charter.purpose).toBe(long);
  });

  it('keeps workspaces apart: two tenants with the same team id never see each other\'s record', async () => {
    const a = newWs();
    const b = { ...a, tenantId: randomUUID() };
    await repo.save({ ...defaultGovernance(a), businessCase: { scope: 'Tenant A only', useCases: [] } });
    expect(await repo.get(b)).toBeUndefined();
  });

  it('refuses a row whose content names another workspace', async () => {
    const ws = newWs();
    const other = newWs();
    await table.createEntity({ partitionKey: encodeKey(workspaceKey(ws)), rowKey: 'record', workspace: workspaceKey(ws), json: JSON.stringify(defaultGovernance(other)) });
    await expect(repo.get(ws)).rejects.toBeInstanceOf(StorageContractError);
  });
});
