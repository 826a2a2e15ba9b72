// The stored call-quality measurements against Azurite: a round trip field for field, a month
// imported again replaces (never doubles), more than one batch of 100, odd place names as keys,
// workspaces kept apart, and the import (FindingService.proposeImport) storing every month of a file.
import { createReadStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { type Aggregate, readCqdCsv } from '../../../bot/src/domain/findings/cqd-import';
import { FindingService } from '../../../bot/src/domain/findings/finding-service';
import type { Workspace } from '../../../bot/src/domain/workspace';
import { TableFindingRepository } from '../../../bot/src/storage/findings/table-finding-repository';
import { QUALITY_MEASURE_TABLES, TableQualityMeasureRepository } from '../../../bot/src/storage/findings/table-quality-measure-repository';
import { TableCounterRepository } from '../../../bot/src/storage/table-counter-repository';
import { uniqueTablePrefix } from '../../support/service-ops';

const prefix = uniqueTablePrefix();
const client = (name: string) => TableClient.fromConnectionString(inject('azuriteConnectionString'), prefix + name, { allowInsecureConnection: true });
let measures: TableQualityMeasureRepository;
let table: TableClient;

beforeAll(async () => {
  expect(QUALITY_MEASURE_TABLES).toEqual(['QualityMeasures']);
  table = client('QualityMeasures');
  for (const t of [table, client('Findings'), client('Counters')]) await t.createTable();
  measures = new TableQualityMeasureRepository(table);
});

const newWs = (): Workspace => ({ tenantId: randomUUID(), scope: 'team', scopeId: '19:team/with#odd?chars\\@thread.tacv2' });
const id = (a: Aggregate) => `${a.month}|${a.level}|${a.building ?? ''}|${a.subnet ?? ''}|${a.networkType ?? ''}`;
const sorted = (as: Aggregate[]) => [...as].sort((x, y) => id(x).localeCompare(id(y)));
async function sample() {
  const r = await readCqdCsv(createReadStream(fileURLToPath(new URL('../../fixtures/cqd-sample.csv', import.meta.url))));
  if (!r.ok) throw new Error(r.error);
  return r;
}
async function rowCount(ws: Workspace): Promise<number> {
  return (await measures.list(ws)).length;
}

describe('TableQualityMeasureRepository', () => {
  it('stores a month and reads it back field for field; other workspaces see nothing', async () => {
    const ws = newWs();
    const { aggregates } = await sample();
    const feb = aggregates.filter((a) => a.month === '2025-02');
    await measures.upsertMonth(ws, '2025-02', feb);
    expect(sorted(await measures.list(ws))).toEqual(sorted(feb));
    expect(await measures.list(newWs())).toEqual([]);
  });

  it('replaces a month imported again: the same file never doubles, a shorter export drops the places it no longer has', async () => {
    const ws = newWs();
    const { aggregates } = await sample();
    const jan = aggregates.filter((a) => a.month === '2025-01');
    const feb = aggregates.filter((a) => a.month === '2025-02');
    await measures.upsertMonth(ws, '2025-01', jan);
    await measures.upsertMonth(ws, '2025-02', feb);
    await measures.upsertMonth(ws, '2025-02', feb);
    expect(await rowCount(ws)).toBe(jan.length + feb.length);
    const corrected = feb.filter((a) => a.building !== 'Building 9').map((a) => ({ ...a, streams: a.streams * 2 }));
    await measures.upsertMonth(ws, '2025-02', corrected);
    const after = await measures.list(ws);
    expect(sorted(after.filter((a) => a.month === '2025-02'))).toEqual(sorted(corrected));
    expect(sorted(after.filter((a) => a.month === '2025-01'))).toEqual(sorted(jan)); // other months untouched
    // A window of months.
    expect(new Set((await measures.list(ws, { fromMonth: '2025-02' })).map((a) => a.month))).toEqual(new Set(['2025-02']));
    expect(new Set((await measures.list(ws, { toMonth: '2025-01' })).map((a) => a.month))).toEqual(new Set(['2025-01']));
  });

  it('writes more than 100 places of a month in batches, with place names Table keys forbid and large or fractional counts', async () => {
    const ws = newWs();
    const odd = ['HQ / North #2?', 'Lab\\B', 'Site 100%', 'שלום 🔥', 'x'.repeat(200), '/'.repeat(200)];
    const many: Aggregate[] = [
      ...Array.from({ length: 230 }, (_, i): Aggregate => ({ level: 'subnet', month: '2025-03', subnet: `10.${Math.floor(i / 250)}.${i}.0/24`, networkType: 'wired', streams: 100 + i, poor: i % 7, rows: 1 })),
      ...odd.map((building, i): Aggregate => ({ level: 'building', month: '2025-03', building, streams: 3_000_000_000 + i, poor: 12.345, setupFailed: 0, rows: 2 })),
    ];
    await measures.upsertMonth(ws, '2025-03', many);
    expect(sorted(await measures.list(ws))).toEqual(sorted(many));
    await measures.upsertMonth(ws, '2025-03', many.slice(0, 5));
    expect(await rowCount(ws)).toBe(5);
    await expect(measures.upsertMonth(ws, '2025-13', [])).rejects.toThrow(/Not a month/);
    await expect(measures.upsertMonth(ws, '2025-04', many.slice(0, 1))).rejects.toThrow(/2025-03 was passed as 2025-04/);
  });
});

describe('the import stores the measurements (FindingService.proposeImport)', () => {
  it('stores every month of a valid file at the proposal step, idempotently, and reports the trend', async () => {
    const ws = newWs();
    const service = new FindingService({
      findings: new TableFindingRepository(client('Findings')), measures, counters: new TableCounterRepository(client('Counters')), clock: () => new Date('2025-03-05T09:00:00Z'),
    });
    expect(await service.qualityReport(ws)).toBeUndefined();
    const read = await sample();
    const actor = { id: 'u1', name: 'Priya' };
    const first = await service.proposeImport(ws, read, actor, 'cqd-a');
    expect(first.storedMonths).toEqual(['2025-01', '2025-02']);
    await service.proposeImport(ws, read, actor, 'cqd-a');
    expect(await rowCount(ws)).toBe(read.aggregates.length);
    const report = await service.qualityReport(ws);
    expect(report?.months).toEqual(['2025-01', '2025-02']);
    expect(report?.overall.find((t) => t.metric === 'poor-stream-rate')?.points.map((p) => p.rate)).toEqual([1.43, 1.73]);
  });
});
