// The repositories check what the store returns. To feed them foreign rows for real, a pipeline
// policy strips $filter from every query on its way to Azurite: that is exactly what an emulator
// hosted in the bot's process did (it read the OData options from a patched req.query), and the
// rows of every tenant came back.
import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConfirmedDraft } from '../../bot/src/domain/findings/draft';
import { FindingService } from '../../bot/src/domain/findings/finding-service';
import { type Workspace, workspaceKey } from '../../bot/src/domain/workspace';
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

describe('a turn\'s one read of its conversation', () => {
  it('finds the reference and the open dialog together, and refuses rows it did not ask for', async () => {
    const conversationId = `${tenantA.scopeId};messageid=1`;
    await new TableDialogSessionRepository(honest('Conversations')).save({
      workspace: tenantA, conversationId, userId: alice.id, dialog: 'finding', step: 'building', draft: {}, startedAt: '2026-11-03T09:00:00Z', updatedAt: '2026-11-03T09:00:00Z',
    });
    const read = await new TableConversationState(honest('Conversations')).read(tenantA, conversationId, alice.id);
    expect({ target: read.target?.conversationId, dialog: read.session?.dialog, step: read.session?.step }).toEqual({ target: conversationId, dialog: 'finding', step: 'building' });
    const bob = await new TableConversationState(honest('Conversations')).read(tenantA, conversationId, 'aad-bob');
    expect({ target: bob.target?.conversationId, session: bob.session }).toEqual({ target: conversationId, session: undefined });
    // Without its filter the query gets the table from its first partition: read the workspace that sorts last.
    const last = [tenantA, tenantB].sort((a, b) => workspaceKey(a).localeCompare(workspaceKey(b)))[1]!;
    await expect(new TableConversationState(filterIgnoring('Conversations')).read(last, `${last.scopeId};messageid=1`, alice.id)).rejects.toThrow(StorageContractError);
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
