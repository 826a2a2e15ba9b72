// The meeting notes on real Table storage (Azurite): the open meeting as one row written on its
// ETag, the close as one transaction keyed by its trigger, workspaces apart, long notes across
// properties, and rows that are not the ones asked for refused.
import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { OpenMeeting } from '../../bot/src/domain/meetings/meeting-notes';
import type { ClosedMeeting } from '../../bot/src/domain/meetings/meeting-repository';
import { MeetingService } from '../../bot/src/domain/meetings/meeting-service';
import { type Workspace, workspaceKey } from '../../bot/src/domain/workspace';
import { StorageContractError } from '../../bot/src/storage/checked-query';
import { encodeKey } from '../../bot/src/storage/keys';
import { MEETING_TABLE, TableMeetingRepository } from '../../bot/src/storage/table-meeting-repository';
import { uniqueTablePrefix } from '../support/service-ops';

let table: TableClient;
const newWs = (): Workspace => ({ tenantId: randomUUID(), scope: 'chat', scopeId: '19:meeting_odd/#?\\chars@thread.v2' });
const ana = { id: 'ana', name: 'Ana' };
const meeting = (notes = 1): OpenMeeting => ({
  id: 'mt-1', openedAt: '2026-11-30T10:00:00Z', attendees: [ana],
  notes: Array.from({ length: notes }, (_, i) => ({ id: `n${i}`, kind: 'decision' as const, text: `${i} ${'x'.repeat(470)} 😀`, recorded: { by: ana, at: '2026-11-30T10:01:00Z' } })),
});
const closedOf = (m: OpenMeeting, key: string): ClosedMeeting => ({ ...m, closeKey: key, closedAt: '2026-11-30T11:00:00Z', closedBy: ana, minutes: 'posting' });

beforeAll(async () => {
  table = TableClient.fromConnectionString(inject('azuriteConnectionString'), uniqueTablePrefix() + MEETING_TABLE, { allowInsecureConnection: true });
  await table.createTable();
});

describe('the meeting repository on Table storage', () => {
  it('writes the open meeting on its ETag: a stale write is a conflict and loses nothing', async () => {
    const repo = new TableMeetingRepository(table);
    const ws = newWs();
    expect(await repo.open(ws)).toEqual({});
    const first = await repo.saveOpen(ws, meeting());
    expect(first).not.toBe('conflict');
    expect(await repo.saveOpen(ws, meeting())).toBe('conflict'); // created by someone else meanwhile
    const slot = await repo.open(ws);
    const second = await repo.saveOpen(ws, meeting(2), slot.etag);
    expect(second).not.toBe('conflict');
    expect(await repo.saveOpen(ws, meeting(3), slot.etag)).toBe('conflict');
    expect((await repo.open(ws)).meeting?.notes.map((n) => n.id)).toEqual(['n0', 'n1']);
  });

  it('keeps notes past one property (32K characters) and workspaces apart', async () => {
    const repo = new TableMeetingRepository(table);
    const [a, b] = [newWs(), newWs()];
    const big = meeting(60); // 60 notes of about 600 characters of JSON each: 36K, over one property
    await repo.saveOpen(a, big);
    expect((await repo.open(a)).meeting?.notes).toEqual(big.notes);
    const raw = await table.getEntity<Record<string, unknown>>(encodeKey(workspaceKey(a)), 'O|current');
    expect(raw.json__parts).toBe(2);
    expect(await repo.open(b)).toEqual({});
  });

  it('closes in one transaction under its key: once, and a second close of the same key is a duplicate', async () => {
    const repo = new TableMeetingRepository(table);
    const ws = newWs();
    await repo.saveOpen(ws, meeting());
    const slot = await repo.open(ws);
    const r = await repo.close(ws, closedOf(slot.meeting!, 'end:m1:t1'), slot.etag!);
    expect(r).toMatchObject({ etag: expect.any(String) });
    // The open row is cleared but keeps an ETag; the closed meeting is found by its key.
    const after = await repo.open(ws);
    expect(after.meeting).toBeUndefined();
    expect(after.etag).toBeDefined();
    expect(await repo.closed(ws, 'end:m1:t1')).toMatchObject({ closeKey: 'end:m1:t1', notes: slot.meeting!.notes });
    expect(await repo.close(ws, closedOf(slot.meeting!, 'end:m1:t1'), slot.etag!)).toBe('conflict'); // the open row changed
    await repo.saveOpen(ws, { ...meeting(), id: 'mt-2' }, after.etag);
    const again = await repo.open(ws);
    expect(await repo.close(ws, closedOf(again.meeting!, 'end:m1:t1'), again.etag!)).toBe('duplicate');
    expect((await repo.open(ws)).meeting?.id).toBe('mt-2'); // nothing of the refused close was applied
  });

  it('refuses a closed meeting that is not the one asked for', async () => {
    const repo = new TableMeetingRepository(table);
    const ws = newWs();
    await table.createEntity({ partitionKey: encodeKey(workspaceKey(ws)), rowKey: `C|${encodeKey('close:x')}`, state: 'closed', json: JSON.stringify(closedOf(meeting(), 'close:other')) });
    await expect(repo.closed(ws, 'close:x')).rejects.toBeInstanceOf(StorageContractError);
  });

  it('two people recording at once through the service both keep what they recorded', async () => {
    const ws = newWs();
    let n = 0;
    const service = (who: string) => new MeetingService({ repo: new TableMeetingRepository(table), clock: () => new Date('2026-11-30T10:00:00Z'), newId: () => `mt-${who}-${n++}`, carry: { carry: async () => {} } });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => service(`p${i}`).record(ws, { kind: 'decision', text: `Decision ${i}` }, { id: `u${i}`, name: `User ${i}` }, `op-${i}`)));
    expect(results.every((r) => r.ok)).toBe(true);
    const open = await service('x').current(ws);
    expect(open?.notes.map((x) => x.text).sort()).toEqual(Array.from({ length: 6 }, (_, i) => `Decision ${i}`));
    expect(open?.attendees).toHaveLength(6);
  });
});
