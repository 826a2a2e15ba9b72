import type { TableClient } from '@azure/data-tables';
import type { ConversationKind, ConversationTarget, ConversationTargetRepository, TargetUpdate } from '../domain/conversation-target';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { assertEntityLimits } from './entity-limits';
import { decodeKey, encodeKey } from './keys';
import { isNotFound } from './table-store';
import { getRow, queryAll, where } from './checked-query';

export interface TargetEntity {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  scope: string;
  scopeId: string;
  kind: string;
  serviceUrl: string;
  channelId: string;
  reference: string;
  active: boolean;
  installedAt?: string;
  lastSeenAt: string;
  inactiveReason?: string;
}

/** The conversation row's reference properties, checked against the entity limits. */
export function targetEntity(target: TargetUpdate): TargetEntity {
  const entity: TargetEntity = {
    partitionKey: encodeKey(workspaceKey(target.workspace)),
    rowKey: encodeKey(target.conversationId),
    tenantId: target.workspace.tenantId,
    scope: target.workspace.scope,
    scopeId: target.workspace.scopeId,
    kind: target.kind,
    serviceUrl: target.serviceUrl,
    channelId: target.channelId,
    reference: target.reference,
    active: true,
    lastSeenAt: target.lastSeenAt,
    inactiveReason: '',
  };
  if (target.installedAt) entity.installedAt = target.installedAt;
  assertEntityLimits(entity as unknown as Record<string, unknown>);
  return entity;
}

/**
 * One row per conversation the bot is in, partitioned by workspace. Writes are merges of the
 * latest reference: last writer wins, which is right for "where can I reach this chat now".
 */
export class TableConversationTargetRepository implements ConversationTargetRepository {
  constructor(private readonly table: TableClient) {}

  async upsert(target: TargetUpdate): Promise<void> {
    const entity = targetEntity(target);
    await this.table.upsertEntity(entity, 'Merge');
  }

  async get(workspace: Workspace, conversationId: string): Promise<ConversationTarget | undefined> {
    try {
      const e = await getRow<TargetEntity>(this.table, encodeKey(workspaceKey(workspace)), encodeKey(conversationId));
      // A row holding only the dialog list (no reference saved yet) is not a target.
      return e.reference ? toTarget(e) : undefined;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async markInactive(workspace: Workspace, conversationId: string, reason: string, at: string): Promise<void> {
    try {
      await this.table.updateEntity(
        { partitionKey: encodeKey(workspaceKey(workspace)), rowKey: encodeKey(conversationId), active: false, inactiveReason: reason, lastSeenAt: at },
        'Merge',
      );
    } catch (e) {
      if (!isNotFound(e)) throw e; // never saved: nothing to deactivate
    }
  }

  async listActive(workspace: Workspace): Promise<ConversationTarget[]> {
    const pk = encodeKey(workspaceKey(workspace));
    const out: ConversationTarget[] = [];
    for (const e of await queryAll<TargetEntity>(this.table, { partition: pk, where: [where.eq('active', true)] })) out.push(toTarget(e));
    return out;
  }
}

export function workspaceFromEntity(e: Pick<TargetEntity, 'tenantId' | 'scope' | 'scopeId'>): Workspace {
  return { tenantId: e.tenantId, scope: e.scope === 'team' ? 'team' : 'chat', scopeId: e.scopeId };
}

export function toTarget(e: TargetEntity): ConversationTarget {
  return {
    workspace: workspaceFromEntity(e),
    conversationId: decodeKey(e.rowKey),
    kind: e.kind as ConversationKind,
    serviceUrl: e.serviceUrl,
    channelId: e.channelId,
    reference: e.reference,
    active: e.active,
    installedAt: e.installedAt ?? e.lastSeenAt,
    lastSeenAt: e.lastSeenAt,
    inactiveReason: e.inactiveReason || undefined,
  };
}
