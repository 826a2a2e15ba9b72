// The review pack's monthly posts. Two kinds of rows in one table:
// - the subscription index (which workspace gets its pack in which channel), keyed like the due
//   indexes by a hash shard instead of the workspace, because the job asks "who subscribed?"
//   across workspaces; each row points at one workspace and carries nothing else of it;
// - the post markers, in the workspace's own partition, one per month: created with a
//   conditional insert, so one instance posts and every other one sees 409 and skips.
import { createHash } from 'node:crypto';
import { RestError, type TableClient } from '@azure/data-tables';
import type { PackPostLedger, PackSubscription, PostOutcome } from '../domain/review-pack/pack-posting';
import { monthKey, type PackMonth } from '../domain/review-pack/pack-month';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { getRow, queryAll, StorageContractError } from './checked-query';
import { encodeKey } from './keys';
import { isNotFound } from './table-store';

export const PACK_POSTS_TABLE = 'PackPosts';
export const PACK_TABLES = [PACK_POSTS_TABLE] as const;

const SHARDS = 8;
const shardOf = (ws: Workspace) => createHash('sha256').update(workspaceKey(ws)).digest()[0]! % SHARDS;
const indexPartition = (shard: number) => `packsub|${shard}`;
const markerRow = (month: PackMonth) => `posted|${monthKey(month)}`;

type SubscriptionEntity = { partitionKey: string; rowKey: string; tenantId: string; scope: string; scopeId: string; conversationId: string; since: string };

function toSubscription(e: SubscriptionEntity): PackSubscription {
  if (e.scope !== 'team' && e.scope !== 'chat') throw new StorageContractError(`${PACK_POSTS_TABLE}: subscription row ${e.rowKey} has no valid scope`);
  const workspace: Workspace = { tenantId: e.tenantId, scope: e.scope, scopeId: e.scopeId };
  // The row must point at the workspace its key names.
  if (encodeKey(workspaceKey(workspace)) !== e.rowKey) throw new StorageContractError(`${PACK_POSTS_TABLE}: subscription row ${e.rowKey} names another workspace`);
  return { workspace, conversationId: e.conversationId, since: e.since };
}

export class TablePackPostLedger implements PackPostLedger {
  constructor(private readonly table: TableClient) {}

  async subscribe(s: PackSubscription): Promise<void> {
    const entity: SubscriptionEntity = {
      partitionKey: indexPartition(shardOf(s.workspace)), rowKey: encodeKey(workspaceKey(s.workspace)),
      tenantId: s.workspace.tenantId, scope: s.workspace.scope, scopeId: s.workspace.scopeId, conversationId: s.conversationId, since: s.since,
    };
    await this.table.upsertEntity(entity, 'Replace');
  }

  async unsubscribe(ws: Workspace): Promise<boolean> {
    try {
      await this.table.deleteEntity(indexPartition(shardOf(ws)), encodeKey(workspaceKey(ws)));
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }

  async get(ws: Workspace): Promise<PackSubscription | undefined> {
    try {
      return toSubscription(await getRow<SubscriptionEntity>(this.table, indexPartition(shardOf(ws)), encodeKey(workspaceKey(ws))));
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async list(limit: number): Promise<PackSubscription[]> {
    const out: PackSubscription[] = [];
    for (let shard = 0; shard < SHARDS && out.length < limit; shard++) {
      const rows = await queryAll<SubscriptionEntity>(this.table, { partition: indexPartition(shard) }, limit - out.length);
      out.push(...rows.map(toSubscription));
    }
    return out;
  }

  async claim(ws: Workspace, month: PackMonth, at: Date): Promise<boolean> {
    try {
      await this.table.createEntity({ partitionKey: encodeKey(workspaceKey(ws)), rowKey: markerRow(month), state: 'claimed', at: at.toISOString() });
      return true;
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 409) return false;
      throw e;
    }
  }

  async settle(ws: Workspace, month: PackMonth, outcome: PostOutcome | 'retry', at: Date): Promise<void> {
    const partitionKey = encodeKey(workspaceKey(ws));
    if (outcome === 'retry') {
      await this.table.deleteEntity(partitionKey, markerRow(month)).catch((e: unknown) => { if (!isNotFound(e)) throw e; });
      return;
    }
    await this.table.upsertEntity({ partitionKey, rowKey: markerRow(month), state: outcome, at: at.toISOString() }, 'Replace');
  }
}
