// Quality settings and scoped measurements against Azurite: one settings row per workspace
// (absent = the reference defaults), saved over its ETag only, reset by removing it, workspaces
// kept apart; and a real-format export with Is Server Pair and unmanaged traffic stored and read
// back whole (call scope and unmanaged lines survive the round trip).
import { createReadStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { type Aggregate, readCqdCsv } from '../../../bot/src/domain/findings/cqd-import';
import { defaultQualitySettings } from '../../../bot/src/domain/findings/quality-settings';
import { QualitySettingsService } from '../../../bot/src/domain/findings/quality-settings-service';
import { QER_TARGETS } from '../../../bot/src/domain/findings/targets';
import type { Workspace } from '../../../bot/src/domain/workspace';
import { TableQualityMeasureRepository } from '../../../bot/src/storage/findings/table-quality-measure-repository';
import { QUALITY_SETTINGS_TABLES, TableQualitySettingsRepository } from '../../../bot/src/storage/findings/table-quality-settings-repository';
import { uniqueTablePrefix } from '../../support/service-ops';

const prefix = uniqueTablePrefix();
const client = (name: string) => TableClient.fromConnectionString(inject('azuriteConnectionString'), prefix + name, { allowInsecureConnection: true });
let repo: TableQualitySettingsRepository;
let measures: TableQualityMeasureRepository;
let settingsTable: TableClient;

beforeAll(async () => {
  expect(QUALITY_SETTINGS_TABLES).toEqual(['QualitySettings']);
  settingsTable = client('QualitySettings');
  const measureTable = client('QualityMeasures');
  for (const t of [settingsTable, measureTable]) await t.createTable();
  repo = new TableQualitySettingsRepository(settingsTable);
  measures = new TableQualityMeasureRepository(measureTable);
});

const newWs = (): Workspace => ({ tenantId: randomUUID(), scope: 'team', scopeId: `19:team-${randomUUID()}@thread.tacv2` });
const meta = (extra: { etag?: string } = {}) => ({ updatedAt: '2026-11-02T10:00:00.000Z', updatedBy: 'Priya Natarajan', ...extra });

describe('TableQualitySettingsRepository', () => {
  it('has no row for a new workspace; saves one row in the workspace partition and reads it back field for field', async () => {
    const ws = newWs();
    expect(await repo.get(ws)).toBeUndefined();
    const edited = defaultQualitySettings();
    edited.targets[3]!.targets['poor-stream-rate'] = 1.5; // conferencing, wired internal (reference 1.0 %)
    edited.dueDays['in-remediation'] = 21;
    const saved = await repo.save(ws, edited, meta());
    if (saved === 'conflict') throw new Error('conflict');
    expect(saved.etag).toBeTruthy();
    expect(await repo.get(ws)).toEqual({ ...edited, etag: saved.etag, updatedAt: '2026-11-02T10:00:00.000Z', updatedBy: 'Priya Natarajan' });
    const rows = [];
    for await (const e of settingsTable.listEntities()) if (e.updatedBy === 'Priya Natarajan' && e.dueInRemediation === 21) rows.push(e);
    expect(rows.map((r) => r.rowKey)).toEqual(['settings']);
    expect(await repo.get(newWs())).toBeUndefined(); // another workspace sees nothing of it
  });

  it('keeps the categories\' own remediation time boxes, and drops them again when a save has none', async () => {
    const ws = newWs();
    const edited = defaultQualitySettings();
    edited.dueDays.byCategory = { vpn: 10, wifi: 90 };
    const saved = await repo.save(ws, edited, meta());
    if (saved === 'conflict') throw new Error('conflict');
    expect((await repo.get(ws))?.dueDays).toEqual({ ...edited.dueDays, byCategory: { vpn: 10, wifi: 90 } });
    const again = await repo.save(ws, defaultQualitySettings(), meta({ etag: saved.etag! }));
    if (again === 'conflict') throw new Error('conflict');
    expect((await repo.get(ws))?.dueDays.byCategory).toBeUndefined();
  });

  it('saves over the version it read only: a stale ETag, or a second create, is a conflict and changes nothing', async () => {
    const ws = newWs();
    const first = await repo.save(ws, defaultQualitySettings(), meta());
    if (first === 'conflict') throw new Error('conflict');
    expect(await repo.save(ws, defaultQualitySettings(), meta())).toBe('conflict');
    const second = defaultQualitySettings();
    second.dueDays.new = 3;
    const ok = await repo.save(ws, second, meta({ etag: first.etag! }));
    expect(ok).not.toBe('conflict');
    expect(await repo.save(ws, defaultQualitySettings(), meta({ etag: first.etag! }))).toBe('conflict');
    expect((await repo.get(ws))!.dueDays.new).toBe(3);
  });

  it('reset removes the row, so the reference defaults apply again (QER_TARGETS, 7/14/30/14 days)', async () => {
    const ws = newWs();
    const service = new QualitySettingsService(repo, () => new Date('2026-11-02T10:00:00Z'));
    const inputs: Record<string, string> = { due_new: '7', due_accepted: '14', 'due_in-remediation': '30', due_remediated: '10' };
    QER_TARGETS.forEach((r, i) => Object.assign(inputs, { [`t${i}_psr`]: String(r.targets['poor-stream-rate']), [`t${i}_setup`]: String(r.targets['setup-failure-rate']), [`t${i}_drop`]: String(r.targets['drop-failure-rate']) }));
    const saved = await service.save(ws, inputs, undefined, { id: 'u', name: 'Priya' });
    expect(saved).toMatchObject({ ok: true, view: { isDefault: false, settings: { dueDays: { remediated: 10 } } } });
    expect((await service.settingsOf(ws)).dueDays.remediated).toBe(10);
    expect(await service.reset(ws)).toMatchObject({ isDefault: true });
    expect(await repo.get(ws)).toBeUndefined();
    expect(await service.settingsOf(ws)).toEqual(defaultQualitySettings());
  });
});

describe('scoped and unmanaged measurements', () => {
  it('stores a month with Is Server Pair scopes and the unmanaged lines, and reads every aggregate back', async () => {
    const ws = newWs();
    const r = await readCqdCsv(createReadStream(fileURLToPath(new URL('../../fixtures/cqd/qer-scope-2026-10.csv', import.meta.url))));
    if (!r.ok) throw new Error(r.error);
    await measures.upsertMonth(ws, '2026-10', r.aggregates);
    const key = (a: Aggregate) => JSON.stringify([a.level, a.building ?? '', a.subnet ?? '', a.networkType ?? '', a.scope ?? '', a.connection ?? '']);
    const back = await measures.list(ws);
    expect(back.map(key).sort()).toEqual(r.aggregates.map(key).sort());
    expect(back.filter((a) => a.level === 'unmanaged').map((a) => [a.scope, a.connection, a.streams]).sort()).toEqual([['conferencing', 'wifi-5', 600], ['peer-to-peer', 'wired', 200]]);
    // Building 1 measured twice in the month (conferencing, peer-to-peer): two rows, never one summed.
    expect(back.filter((a) => a.level === 'building' && a.building === 'Building 1').map((a) => [a.scope, a.streams]).sort()).toEqual([['conferencing', 1000], ['peer-to-peer', 500]]);
  });
});
