// The card actions' idempotency ledger on real Table storage (Azurite): a delivery is claimed once
// and its answer replayed, a claim made just before midnight UTC is still found just after, and
// only today's and yesterday's day tables are kept, so the records of every press ever made do not
// pile up (the single table of earlier versions goes too).
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, inject, it, vi } from 'vitest';
import type { Workspace } from '../../bot/src/domain/workspace';
import { IDEMPOTENCY_TABLE, idempotencyTableOf, REDELIVERY_WINDOW_MS, TableIdempotencyLedger } from '../../bot/src/storage/table-idempotency-ledger';
import { createTableStore, type TableStore } from '../../bot/src/storage/table-store';
import { uniqueTablePrefix } from '../support/service-ops';

const ws = (): Workspace => ({ tenantId: randomUUID(), scope: 'team', scopeId: '19:general/odd#chars@thread.tacv2' });
const at = (iso: string) => Date.parse(iso);

let store: TableStore;
let now: number;
let ledger: TableIdempotencyLedger;

beforeEach(() => {
  store = createTableStore({ kind: 'connection-string', connectionString: inject('azuriteConnectionString') }, uniqueTablePrefix());
  now = at('2026-12-02T10:00:00Z');
  ledger = new TableIdempotencyLedger(store, () => now);
});

describe('the idempotency ledger', () => {
  it('claims a delivery once: a replay waits for it, then gets its answer; a failed action is given back', async () => {
    const w = ws();
    const first = await ledger.claim(w, 'conv|invoke-1');
    expect(first).toEqual({ kind: 'claimed', ticket: 'Idempotency20261202' });
    const replay = await ledger.claim(w, 'conv|invoke-1');
    expect(replay.kind).toBe('running');
    await ledger.complete(w, 'conv|invoke-1', first.kind === 'claimed' ? first.ticket : '', '{"message":"Done"}');
    expect(await ledger.result(w, 'conv|invoke-1', replay.kind === 'running' ? replay.ticket : '')).toBe('{"message":"Done"}');
    expect(await ledger.claim(w, 'conv|invoke-1')).toEqual({ kind: 'done', result: '{"message":"Done"}' });
    // Another workspace's delivery with the same id is its own.
    expect((await ledger.claim(ws(), 'conv|invoke-1')).kind).toBe('claimed');

    const failed = await ledger.claim(w, 'conv|invoke-2');
    await ledger.release(w, 'conv|invoke-2', failed.kind === 'claimed' ? failed.ticket : '');
    expect((await ledger.claim(w, 'conv|invoke-2')).kind).toBe('claimed');
  });

  it('finds a claim made just before midnight UTC just after it, in yesterday\'s table', async () => {
    const w = ws();
    now = at('2026-12-02T23:59:50Z');
    const first = await ledger.claim(w, 'conv|late');
    expect(first).toEqual({ kind: 'claimed', ticket: 'Idempotency20261202' });
    now = at('2026-12-03T00:00:05Z');
    // Teams redelivers while the first delivery still runs: it waits on yesterday's row.
    expect(await ledger.claim(w, 'conv|late')).toEqual({ kind: 'running', ticket: 'Idempotency20261202' });
    await ledger.complete(w, 'conv|late', 'Idempotency20261202', '{"message":"Filed"}');
    now = at('2026-12-03T00:00:00Z') + REDELIVERY_WINDOW_MS - 1;
    expect(await ledger.claim(w, 'conv|late')).toEqual({ kind: 'done', result: '{"message":"Filed"}' });
    // Past the window yesterday's table is no longer asked (no redelivery comes that late).
    now = at('2026-12-03T00:00:00Z') + REDELIVERY_WINDOW_MS;
    expect(await ledger.claim(w, 'conv|late')).toEqual({ kind: 'claimed', ticket: 'Idempotency20261203' });
  });

  it('keeps only today\'s and yesterday\'s tables: older ones and the single table of earlier versions are dropped', async () => {
    const old = [IDEMPOTENCY_TABLE, 'Idempotency20261129', 'Idempotency20261130'];
    const kept = ['Idempotency20261201', 'Idempotency20261202', 'Idempotency20261203'];
    await store.ensureTables([...old, ...kept, 'IdempotencyArchive']);
    expect(await ledger.sweep()).toEqual(old);
    // The day ahead (another instance's clock) and a table that only shares the prefix stay.
    expect((await store.listTables(IDEMPOTENCY_TABLE)).sort()).toEqual([...kept, 'IdempotencyArchive']);

    // The first claim of a new day makes its table and sweeps meanwhile, without waiting for the sweep.
    now = at('2026-12-04T08:00:00Z');
    expect(await ledger.claim(ws(), 'conv|next-day')).toEqual({ kind: 'claimed', ticket: idempotencyTableOf(now) });
    await vi.waitFor(async () => expect((await store.listTables(IDEMPOTENCY_TABLE)).sort()).toEqual(['Idempotency20261203', 'Idempotency20261204', 'IdempotencyArchive']));
  });

  it('refuses a ticket it did not make rather than write to another table', async () => {
    await expect(ledger.complete(ws(), 'k', 'Conversations', '{}')).rejects.toThrow('not an idempotency ticket');
    await expect(ledger.result(ws(), 'k', 'Idempotency')).rejects.toThrow('not an idempotency ticket');
  });
});
