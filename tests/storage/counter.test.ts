import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { TableCounterRepository } from '../../bot/src/storage/table-counter-repository';
import { uniqueTablePrefix } from '../support/service-ops';

let table: TableClient;
beforeAll(async () => {
  table = TableClient.fromConnectionString(inject('azuriteConnectionString'), `${uniqueTablePrefix()}Counters`, { allowInsecureConnection: true });
  await table.createTable();
});

describe('TableCounterRepository', () => {
  it('hands out 1, 2, 3 … per workspace and counter', async () => {
    const repo = new TableCounterRepository(table);
    const ws = { tenantId: randomUUID(), scope: 'team' as const, scopeId: '19:a@thread.tacv2' };
    expect([await repo.next(ws, 'QF'), await repo.next(ws, 'QF'), await repo.next(ws, 'SR')]).toEqual([1, 2, 1]);
    const other = { ...ws, tenantId: randomUUID() };
    expect(await repo.next(other, 'QF')).toBe(1);
  });

  it('never hands out the same number twice under concurrency, across separate clients', async () => {
    const ws = { tenantId: randomUUID(), scope: 'chat' as const, scopeId: 'chat/with#odd?chars' };
    // Three "instances", each with its own client, allocating at once.
    const repos = [0, 1, 2].map(() => new TableCounterRepository(TableClient.fromConnectionString(inject('azuriteConnectionString'), table.tableName, { allowInsecureConnection: true }), 500));
    const values = await Promise.all(Array.from({ length: 60 }, (_, i) => repos[i % 3]!.next(ws, 'SR')));
    expect(new Set(values).size).toBe(60);
    expect(Math.max(...values)).toBe(60);
  });
});
