// Runbook runs and OLA sign-offs on real Table storage (Azurite): a run is one row of its
// workspace written on its ETag, another workspace (tenant) never sees it, a row that is not the
// one asked for is refused, and a completed run records the task's completion once.
import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { RoleMapService } from '../../bot/src/domain/ops/roles';
import { olaFor } from '../../bot/src/domain/ops/ola';
import type { CompletionRecord } from '../../bot/src/domain/reminders/actions';
import { RunbookService } from '../../bot/src/domain/runbooks/runbook-service';
import { HELP_DESK_RUNBOOK_KEY } from '../../bot/src/domain/runbooks/runbooks';
import { type Workspace, workspaceKey } from '../../bot/src/domain/workspace';
import { StorageContractError } from '../../bot/src/storage/checked-query';
import { encodeKey } from '../../bot/src/storage/keys';
import { TableOpsRecordRepository } from '../../bot/src/storage/ops/table-ops-record-repository';
import { RUNBOOK_RUN_TABLE, tableRunbookRunRepository } from '../../bot/src/storage/table-runbook-run-repository';
import { SeedMarkers } from '../../bot/src/storage/seed-markers';
import { DEFAULT_ROLES, type OpsRole } from '../../bot/src/domain/ops/roles';
import { uniqueTablePrefix } from '../support/service-ops';

let runs: TableClient;
let roles: TableClient;
let seeds: TableClient;
const newWs = (): Workspace => ({ tenantId: randomUUID(), scope: 'team', scopeId: '19:odd/#?\\chars@thread.tacv2' });
const alex = { id: 'u1', name: 'Alex' };
const now = new Date('2026-11-30T10:00:00Z');

beforeAll(async () => {
  const prefix = uniqueTablePrefix();
  const open = (name: string) => TableClient.fromConnectionString(inject('azuriteConnectionString'), prefix + name, { allowInsecureConnection: true });
  [runs, roles, seeds] = [open(RUNBOOK_RUN_TABLE), open('OpsRoles'), open('Seeds')];
  await Promise.all([runs.createTable(), roles.createTable(), seeds.createTable()]);
});

function services() {
  const recorded: CompletionRecord[] = [];
  const roleRepo = new TableOpsRecordRepository<OpsRole>(roles, { kind: 'R', defaults: DEFAULT_ROLES, seeds: new SeedMarkers(seeds) });
  const runbooks = new RunbookService({
    runs: tableRunbookRunRepository(runs), completions: { record: async (_ws, r) => void recorded.push(r) }, roles: (ws) => roleRepo.list(ws), clock: () => now, newId: () => randomUUID(),
  });
  return { runbooks, recorded, roleMap: new RoleMapService({ roles: roleRepo, clock: () => now, newId: () => randomUUID() }) };
}

describe('runbook runs on Table storage', () => {
  it('a run is stored in its workspace, ticked on its ETag, and completes once; another tenant never sees it', async () => {
    const { runbooks, recorded, roleMap } = services();
    const ws = newWs();
    await roleMap.update(ws, 'help-desk', { team: 'Service Desk' }, alex);
    const started = await runbooks.start(ws, HELP_DESK_RUNBOOK_KEY, alex);
    expect(started.ok).toBe(true);
    const run = started.ok ? started.value : undefined!;
    expect(run.team).toBe('Service Desk');
    expect(await runbooks.get({ ...ws, tenantId: randomUUID() }, run.id)).toBeUndefined();
    const ids = run.steps.map((s) => s.id);
    const first = await runbooks.tick(ws, run.id, ids.slice(0, 2), alex);
    expect(first.ok && first.value.run.ticked).toEqual(ids.slice(0, 2));
    const done = await runbooks.tick(ws, run.id, ids, alex);
    expect(done.ok && done.value.completedNow).toBe(true);
    const again = await runbooks.tick(ws, run.id, [], alex);
    expect(again.ok && again.value).toMatchObject({ completedNow: false, run: { ticked: ids } });
    expect(recorded).toEqual([expect.objectContaining({ scheduleId: 'rbk-endpoint-troubleshoot', team: 'Service Desk', outcome: 'done', onTime: true })]);
  });

  it('a row that is not the one asked for is refused', async () => {
    const ws = newWs();
    const pk = encodeKey(workspaceKey(ws));
    await runs.createEntity({ partitionKey: pk, rowKey: `Run|${encodeKey('run-a')}`, id: 'run-a', json: '{}' });
    // A row written under another key than its own: the point read checks partition and row.
    const repo = tableRunbookRunRepository(runs);
    expect(await repo.get(ws, 'run-b')).toBeUndefined();
    const spoofed = { getEntity: async () => ({ partitionKey: 'other', rowKey: `Run|${encodeKey('run-a')}`, id: 'run-a', json: '{}', etag: 'W/"1"' }), tableName: 'RunbookRuns' } as unknown as TableClient;
    await expect(tableRunbookRunRepository(spoofed).get(ws, 'run-a')).rejects.toBeInstanceOf(StorageContractError);
  });
});

describe('OLA sign-offs on Table storage', () => {
  it('seed 002: the sign-off keeps who, when and the OLA version; a new team withdraws it', async () => {
    const { roleMap } = services();
    const ws = newWs();
    const named = await roleMap.update(ws, 'network-operations', { team: 'Network Team' }, alex);
    const role = named.ok ? named.value : undefined!;
    const ola = olaFor(role, [{ id: 'cat-endpoints-watch', title: 'Watch', role: 'Network Operations', cadence: { kind: 'daily' } }]);
    const signed = await roleMap.signOffOla(ws, role.id, alex, ola);
    expect(signed.ok && signed.value.olaSignOff).toEqual({ by: alex, at: now.toISOString(), version: ola.version, taskCount: 1 });
    expect((await roleMap.get(ws, role.id))!.olaSignOff!.version).toBe(ola.version);
    const moved = await roleMap.update(ws, role.id, { team: 'Another Team' }, alex);
    expect(moved.ok && moved.value.olaSignOff).toBeUndefined();
    expect(moved.ok && moved.value.signOff).toBeUndefined();
    // An OLA read for the old team is not signed for the new one.
    const stale = await roleMap.signOffOla(ws, role.id, alex, ola);
    expect(stale.ok).toBe(false);
  });
});
