import { TableClient } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { OccurrenceClaim } from '../../../bot/src/domain/reminders/repositories';
import { workspaceKey } from '../../../bot/src/domain/workspace';
import { encodeKey } from '../../../bot/src/storage/keys';
import { StorageContractError } from '../../../bot/src/storage/checked-query';
import { DUE_SHARDS, duePartition, dueShard, minuteBucket } from '../../../bot/src/storage/table-schedule-due-index';
import { REMINDER_TABLES, type ReminderStorage, reminderStorage } from '../../../bot/src/storage/table-reminder-tables';
import { uniqueTablePrefix } from '../../support/service-ops';

let prefix: string;
const conn = () => inject('azuriteConnectionString');
const storageFor = () => reminderStorage((n) => TableClient.fromConnectionString(conn(), `${prefix}${n}`, { allowInsecureConnection: true }));
let store: ReminderStorage;

beforeAll(async () => {
  prefix = uniqueTablePrefix();
  await Promise.all(REMINDER_TABLES.map((t) => TableClient.fromConnectionString(conn(), `${prefix}${t}`, { allowInsecureConnection: true }).createTable()));
  store = storageFor();
});

const ws = () => ({ tenantId: randomUUID(), scope: 'chat' as const, scopeId: '19:chat/with#odd?chars' });
const claim = (w: ReturnType<typeof ws>, occ: string, owner: string): Omit<OccurrenceClaim, 'etag'> => ({
  workspace: w, occurrenceId: occ, scheduleId: occ.split('@')[0]!, dueAt: occ.split('@')[1]!, targetConversationId: 'c', state: 'claimed', owner, leaseUntil: '2024-06-03T09:05:00.000Z', attempts: 1,
});

describe('occurrence claims', () => {
  it('claims a channel\'s occurrences in one transaction and knows every ETag from its reply (1 Table call)', async () => {
    let calls = 0;
    const counted = reminderStorage((n) => {
      const c = TableClient.fromConnectionString(conn(), `${prefix}${n}`, { allowInsecureConnection: true });
      c.pipeline.addPolicy({ name: 'count', sendRequest: (req, next) => { calls++; return next(req); } });
      return c;
    });
    const w = ws();
    const occs = ['cat-a', 'cat-b', 'cat-c', 'cat-d'].map((k) => `${k}@2024-06-03T09:00:00.000Z`);
    const r = await counted.claims.claim(occs.map((o) => claim(w, o, 'me')));
    expect(calls).toBe(1);
    expect(r.won).toHaveLength(4);
    for (const c of r.won) expect(c.etag).toEqual((await store.claims.get(w, c.occurrenceId))?.etag);
  });

  it('renews a channel\'s claims in one transaction and knows every new ETag from its reply (1 Table call)', async () => {
    const w = ws();
    const occs = ['cat-a', 'cat-b', 'cat-c'].map((k) => `${k}@2024-06-03T09:00:00.000Z`);
    const { won } = await store.claims.claim(occs.map((o) => claim(w, o, 'me')));
    let calls = 0;
    const counted = reminderStorage((n) => {
      const c = TableClient.fromConnectionString(conn(), `${prefix}${n}`, { allowInsecureConnection: true });
      c.pipeline.addPolicy({ name: 'count', sendRequest: (req, next) => { calls++; return next(req); } });
      return c;
    });
    const renewed = await counted.claims.updateMany(won.map((c) => ({ ...c, leaseUntil: '2024-06-03T09:10:00.000Z' })));
    expect(calls).toBe(1);
    if (renewed === 'conflict') throw new Error('conflict');
    for (const c of renewed) expect(c.etag).toEqual((await store.claims.get(w, c.occurrenceId))?.etag);
  });

  it('a conditional insert lets exactly one of several instances claim an occurrence', async () => {
    const w = ws();
    const occ = 'cat-a@2024-06-03T09:00:00.000Z';
    const results = await Promise.all([0, 1, 2].map((i) => storageFor().claims.claim([claim(w, occ, `i${i}`)])));
    expect(results.map((r) => r.won.length).reduce((a, b) => a + b)).toBe(1);
    expect(results.map((r) => r.taken.length).reduce((a, b) => a + b)).toBe(2);
  });

  it('claims a channel\'s group whole or not at all, so one channel never gets two digests in a run', async () => {
    const w = ws();
    const occs = ['cat-a', 'cat-b', 'cat-c'].map((s) => `${s}@2024-06-03T09:00:00.000Z`);
    const whole = await store.claims.claim(occs.map((o) => claim(w, o, 'me')));
    expect(whole.won.map((c) => c.occurrenceId).sort()).toEqual(occs);
    expect(whole.won.every((c) => c.etag)).toBe(true);

    const w2 = ws();
    await store.claims.claim([claim(w2, occs[1]!, 'other')]);
    const r = await store.claims.claim(occs.map((o) => claim(w2, o, 'me')));
    expect(r.won).toEqual([]);
    expect(r.taken.sort()).toEqual(occs);
    expect(await store.claims.get(w2, occs[0]!)).toBeUndefined(); // nothing half-claimed
  });

  it('takeover and mark-sent are ETag-conditional: one winner', async () => {
    const w = ws();
    const occ = 'cat-z@2024-06-03T09:00:00.000Z';
    await store.claims.claim([claim(w, occ, 'dead')]);
    const seen = (await store.claims.get(w, occ))!;
    const attempts = await Promise.all([0, 1, 2].map((i) => storageFor().claims.update({ ...seen, owner: `i${i}`, attempts: 2 })));
    expect(attempts.filter((a) => a !== 'conflict')).toHaveLength(1);
    expect(await store.claims.update({ ...seen, state: 'sent' })).toBe('conflict'); // stale ETag
  });

  it('claimOnce is true for exactly one caller', async () => {
    const w = ws();
    const r = await Promise.all([0, 1, 2].map(() => storageFor().claims.claimOnce(w, 'deactivated|c|x', 'now')));
    expect(r.filter(Boolean)).toHaveLength(1);
  });
});

describe('the due index', () => {
  it('reads only the minute buckets up to now, from a watermark', async () => {
    const w = ws();
    const entry = (scheduleId: string, dueAt: string) => ({ dueAt, workspace: w, scheduleId, targetConversationId: 'c' });
    await store.dueIndex.put([entry('a', '2024-06-03T08:59:00.000Z'), entry('b', '2024-06-03T09:00:00.000Z'), entry('c', '2024-06-03T09:00:30.000Z'), entry('d', '2024-06-03T09:01:00.000Z')]);
    const now = new Date('2024-06-03T09:00:10Z');
    const due = (await store.dueIndex.listDue(now)).entries.filter((e) => e.workspace.tenantId === w.tenantId);
    expect(due.map((e) => e.scheduleId).sort()).toEqual(['a', 'b']); // c is later in the same minute, d next minute
    const fromWatermark = (await store.dueIndex.listDue(now, minuteBucket('2024-06-03T09:00:00Z'))).entries.filter((e) => e.workspace.tenantId === w.tenantId);
    expect(fromWatermark.map((e) => e.scheduleId)).toEqual(['b']);
    await store.dueIndex.remove([entry('a', '2024-06-03T08:59:00.000Z'), entry('a', '2024-06-03T08:59:00.000Z'), entry('b', '2024-06-03T09:00:00.000Z')]);
    expect((await store.dueIndex.listDue(now)).entries.filter((e) => e.workspace.tenantId === w.tenantId)).toEqual([]);
  });
});
