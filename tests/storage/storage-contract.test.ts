// The repositories check what the store returns. To feed them foreign rows for real, a pipeline
// policy strips $filter from every query on its way to Azurite: that is exactly what an emulator
// hosted in the bot's process did (it read the OData options from a patched req.query), and the
// rows of every tenant came back.
import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConfirmedDraft } from '../../bot/src/domain/findings/draft';
import { FindingService } from '../../bot/src/domain/findings/finding-service';
import type { Workspace } from '../../bot/src/domain/workspace';
import { checkRow, StorageContractError, where } from '../../bot/src/storage/checked-query';
import { TableFindingRepository } from '../../bot/src/storage/findings/table-finding-repository';
import { createOpsRepositories, OPS_TABLES, type OpsTable } from '../../bot/src/storage/ops/table-ops-repositories';
import { TableConversationTargetRepository } from '../../bot/src/storage/table-conversation-target-repository';
import { TableCounterRepository } from '../../bot/src/storage/table-counter-repository';
import { TableConversationState } from '../../bot/src/storage/table-conversation-state';
import { TableDialogSessionRepository } from '../../bot/src/storage/table-dialog-session-repository';
import { uniqueTablePrefix } from '../support/service-ops';

const prefix = uniqueTablePrefix();
const honest = (name: string) => TableClient.fromConnectionString(inject('azuriteConnectionString'), prefix + name, { allowInsecureConnection: true });
/** A client of the same table whose queries lose their $filter on the way to the store. */
function filterIgnoring(name: string): TableClient {
  const c = honest(name);
  c.pipeline.addPolicy({
    name: 'drop-filter',
    sendRequest: (request, next) => {
      const url = new URL(request.url);
      url.searchParams.delete('$filter');
      request.url = url.toString();
      return next(request);
    },
  });
  return c;
}

const ws = (): Workspace => ({ tenantId: randomUUID(), scope: 'team', scopeId: `19:${randomUUID()}@thread.tacv2` });
const alice = { id: 'aad-alice', name: 'Alice Champion' };
const draft: ConfirmedDraft = { category: 'vpn', area: 'call-quality', building: 'Building 6', networkType: 'vpn', metric: 'poor-stream-rate', value: 4.1, unit: '%', description: 'poor audio in Building 6', owningRole: 'Network Operations' };
const tenantA = ws();
const tenantB = ws();

beforeAll(async () => {
  await Promise.all(['Findings', 'Counters', 'Conversations', 'Seeds', ...OPS_TABLES].map((t) => honest(t).createTable()));
  const findings = new FindingService({ findings: new TableFindingRepository(honest('Findings')), counters: new TableCounterRepository(honest('Counters'), 500), clock: () => new Date('2026-11-03T09:00:00Z') });
  for (const w of [tenantA, tenantB]) {
    await findings.create(w, draft, alice, { idempotencyKey: randomUUID() });
    await new TableConversationTargetRepository(honest('Conversations')).upsert({
      workspace: w, conversationId: `${w.scopeId};messageid=1`, kind: 'channel', serviceUrl: 'http://127.0.0.1:1/', channelId: 'msteams', reference: '{}', active: true, lastSeenAt: '2026-11-03T09:00:00Z',
    });
    await createOpsRepositories((t) => honest(t)).roles.list(w);
  }
});

describe('repositories against a store that ignores their filters', () => {
  it('the findings list refuses another tenant\'s finding with a named storage-contract error', async () => {
    expect((await new TableFindingRepository(honest('Findings')).list(tenantA, {}, {})).items).toHaveLength(1);
    await expect(new TableFindingRepository(filterIgnoring('Findings')).list(tenantA, {}, {})).rejects.toThrow(StorageContractError);
    await expect(new TableFindingRepository(filterIgnoring('Findings')).list(tenantA, {}, {})).rejects.toThrow(/returned a row the query did not ask for: (PartitionKey|RowKey) /);
  });

  it('finding history refuses rows that are not the history of that finding', async () => {
    const repo = new TableFindingRepository(filterIgnoring('Findings'));
    await expect(repo.history(tenantA, 'QF-1')).rejects.toThrow(StorageContractError);
  });

  it('the role map refuses rows of another workspace', async () => {
    const roles = (client: (t: OpsTable | 'Seeds') => TableClient) => createOpsRepositories(client).roles;
    expect((await roles(honest).list(tenantA)).length).toBeGreaterThan(0);
    await expect(roles((t) => (t === 'Seeds' ? honest(t) : filterIgnoring(t))).list(tenantA)).rejects.toThrow(StorageContractError);
  });

  it('the active conversations of a workspace refuse another workspace\'s rows, and inactive ones', async () => {
    expect(await new TableConversationTargetRepository(honest('Conversations')).listActive(tenantA)).toHaveLength(1);
    await expect(new TableConversationTargetRepository(filterIgnoring('Conversations')).listActive(tenantA)).rejects.toThrow(StorageContractError);
  });
});

describe('a turn\'s read of its conversation', () => {
  it('one point read gives the reference and who has a dialog open; only a listed user costs a second read', async () => {
    const conversationId = `${tenantA.scopeId};messageid=1`;
    const sessions = new TableDialogSessionRepository(honest('Conversations'));
    await sessions.save({
      workspace: tenantA, conversationId, userId: alice.id, dialog: 'finding', step: 'building', draft: {}, startedAt: '2026-11-03T09:00:00Z', updatedAt: '2026-11-03T09:00:00Z',
    });
    let gets = 0;
    const counted = honest('Conversations');
    counted.pipeline.addPolicy({ name: 'count', sendRequest: (request, next) => { if (request.method === 'GET') gets++; return next(request); } });
    const read = await new TableConversationState(counted).read(tenantA, conversationId, alice.id);
    expect({ target: read.target?.conversationId, listed: read.listed, dialog: read.session?.dialog, step: read.session?.step, gets }).toEqual({ target: conversationId, listed: true, dialog: 'finding', step: 'building', gets: 2 });
    gets = 0;
    const bob = await new TableConversationState(counted).read(tenantA, conversationId, 'aad-bob');
    expect({ target: bob.target?.conversationId, listed: bob.listed, session: bob.session, gets }).toEqual({ target: conversationId, listed: false, session: undefined, gets: 1 });
    // Ended: the session row goes, and then the listing, so the next read is one call again.
    await sessions.delete(tenantA, conversationId, alice.id);
    gets = 0;
    const after = await new TableConversationState(counted).read(tenantA, conversationId, alice.id);
    expect({ listed: after.listed, session: after.session, gets, reference: after.target?.reference }).toEqual({ listed: false, session: undefined, gets: 1, reference: '{}' });
  });

  it('a dialog begun before the conversation\'s reference was saved is found, and the reference is merged around the listing', async () => {
    const w = ws();
    const conversationId = `${w.scopeId};messageid=9`;
    await new TableDialogSessionRepository(honest('Conversations')).save({ workspace: w, conversationId, userId: alice.id, dialog: 'escalation', step: 'service', draft: {}, startedAt: '2026-11-03T09:00:00Z', updatedAt: '2026-11-03T09:00:00Z' });
    const first = await new TableConversationState(honest('Conversations')).read(w, conversationId, alice.id);
    expect({ target: first.target, dialog: first.session?.dialog }).toEqual({ target: undefined, dialog: 'escalation' });
    const targets = new TableConversationTargetRepository(honest('Conversations'));
    expect(await targets.get(w, conversationId)).toBeUndefined();
    await targets.upsert({ workspace: w, conversationId, kind: 'channel', serviceUrl: 'http://127.0.0.1:1/', channelId: 'msteams', reference: '{"r":1}', active: true, lastSeenAt: '2026-11-03T09:00:00Z' });
    const second = await new TableConversationState(honest('Conversations')).read(w, conversationId, alice.id);
    expect({ reference: second.target?.reference, listed: second.listed, dialog: second.session?.dialog }).toEqual({ reference: '{"r":1}', listed: true, dialog: 'escalation' });
  });
});

describe('a dialog saved with what the turn read of its row', () => {
  const session = (w: Workspace, conversationId: string, userId: string) => ({
    workspace: w, conversationId, userId, dialog: 'finding', step: 'building', draft: { d: userId }, startedAt: '2026-11-03T09:00:00Z', updatedAt: '2026-11-03T09:00:00Z',
  });
  const target = (w: Workspace, conversationId: string) => ({
    workspace: w, conversationId, kind: 'groupChat' as const, serviceUrl: 'http://127.0.0.1:1/', channelId: 'msteams', reference: '{"first":true}', active: true, lastSeenAt: '2026-11-03T09:00:00Z',
  });

  it('a first message creates the row with its reference and the listing, in one call with the session', async () => {
    const w = ws();
    const conversationId = `19:chat-${randomUUID()}@thread.v2`;
    const read = await new TableConversationState(honest('Conversations')).read(w, conversationId, alice.id);
    expect(read.row).toEqual({ exists: false });
    let calls = 0;
    const counted = honest('Conversations');
    counted.pipeline.addPolicy({ name: 'count', sendRequest: (request, next) => { calls++; return next(request); } });
    const saved = await new TableDialogSessionRepository(counted).save(session(w, conversationId, alice.id), { listed: false, row: read.row!, target: target(w, conversationId) });
    expect({ calls, targetSaved: saved.outcome?.targetSaved, etag: typeof saved.etag }).toEqual({ calls: 1, targetSaved: true, etag: 'string' });
    const after = await new TableConversationState(honest('Conversations')).read(w, conversationId, alice.id);
    expect({ reference: after.target?.reference, listed: after.listed, draft: after.session?.draft, etag: after.row?.exists && after.row.etag }).toEqual({ reference: '{"first":true}', listed: true, draft: { d: alice.id }, etag: saved.outcome?.row?.exists && saved.outcome.row.etag });
  });

  it('two users starting at once in a new chat are both listed: the second transaction fails and lists the careful way', async () => {
    const w = ws();
    const conversationId = `19:chat-${randomUUID()}@thread.v2`;
    const repo = new TableDialogSessionRepository(honest('Conversations'));
    const reads = await Promise.all(['aad-ana', 'aad-ben'].map((u) => new TableConversationState(honest('Conversations')).read(w, conversationId, u)));
    const saves = await Promise.all(['aad-ana', 'aad-ben'].map((u, i) => repo.save(session(w, conversationId, u), { listed: false, row: reads[i]!.row!, target: target(w, conversationId) })));
    // Exactly one of the two created the row; the other found it there and merged its listing.
    expect(saves.map((x) => x.outcome?.targetSaved === true).filter(Boolean)).toHaveLength(1);
    for (const u of ['aad-ana', 'aad-ben']) {
      const r = await new TableConversationState(honest('Conversations')).read(w, conversationId, u);
      expect({ listed: r.listed, draft: r.session?.draft, reference: r.target?.reference }).toEqual({ listed: true, draft: { d: u }, reference: '{"first":true}' });
    }
  });

  it('a row changed since the turn read it (a reference refreshed meanwhile) still gets the listing and keeps the reference', async () => {
    const w = ws();
    const conversationId = `19:chat-${randomUUID()}@thread.v2`;
    const targets = new TableConversationTargetRepository(honest('Conversations'));
    await targets.upsert(target(w, conversationId));
    const read = await new TableConversationState(honest('Conversations')).read(w, conversationId, alice.id);
    await targets.upsert({ ...target(w, conversationId), reference: '{"refreshed":true}' });
    const repo = new TableDialogSessionRepository(honest('Conversations'));
    const saved = await repo.save(session(w, conversationId, alice.id), { listed: false, row: read.row! });
    expect(saved.outcome).toBeUndefined();
    const after = await new TableConversationState(honest('Conversations')).read(w, conversationId, alice.id);
    expect({ listed: after.listed, draft: after.session?.draft, reference: after.target?.reference }).toEqual({ listed: true, draft: { d: alice.id }, reference: '{"refreshed":true}' });
    // Ending it with a stale row: the session goes and the listing with it.
    const stale = after.row!;
    await targets.upsert({ ...target(w, conversationId), reference: '{"again":true}' });
    await repo.delete(w, conversationId, alice.id, { listed: true, row: stale });
    const ended = await new TableConversationState(honest('Conversations')).read(w, conversationId, alice.id);
    expect({ listed: ended.listed, session: ended.session, reference: ended.target?.reference }).toEqual({ listed: false, session: undefined, reference: '{"again":true}' });
  });
});

describe('the row check', () => {
  const query = { partition: 'pk-a', rows: { ge: 'F|', lt: 'F}' }, where: [where.oneOf('status', ['open', 'accepted']), where.lt('dueAt', '2026-12-01')] };
  it('accepts a row that is inside the partition, the key range and every condition', () => {
    expect(() => checkRow('T', query, { partitionKey: 'pk-a', rowKey: 'F|0000000001', status: 'open', dueAt: '2026-11-30' })).not.toThrow();
  });
  it.each([
    ['another partition', { partitionKey: 'pk-b', rowKey: 'F|0000000001', status: 'open', dueAt: '2026-11-30' }, /PartitionKey "pk-b"/],
    ['a history row', { partitionKey: 'pk-a', rowKey: 'H|0000000001|9', status: 'open', dueAt: '2026-11-30' }, /RowKey "H\|0000000001\|9"/],
    ['a status outside the filter', { partitionKey: 'pk-a', rowKey: 'F|0000000001', status: 'closed', dueAt: '2026-11-30' }, /status in/],
    ['a missing property', { partitionKey: 'pk-a', rowKey: 'F|0000000001', status: 'open' }, /dueAt lt/],
  ])('refuses %s', (_what, row, message) => {
    expect(() => checkRow('T', query, row)).toThrow(message);
  });
});
