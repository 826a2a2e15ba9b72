// A turn's one read: the conversation row (its reference) and the user's dialog session share a
// partition, so one query for the two RowKeys answers both "is the stored reference current?"
// and "is a dialog open?", and a missing row is an empty answer rather than a 404 to catch.
import type { TableClient } from '@azure/data-tables';
import type { ConversationSnapshot, ConversationStateReader } from '../domain/conversation-target';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { queryAll } from './checked-query';
import { encodeKey } from './keys';
import { type TargetEntity, toTarget } from './table-conversation-target-repository';
import { type SessionEntity, sessionKeys, toSession } from './table-dialog-session-repository';

export class TableConversationState implements ConversationStateReader {
  constructor(private readonly table: TableClient) {}

  async read(workspace: Workspace, conversationId: string, userId: string): Promise<ConversationSnapshot> {
    const partition = encodeKey(workspaceKey(workspace));
    const targetKey = encodeKey(conversationId);
    const sessionKey = sessionKeys(workspace, conversationId, userId).rowKey;
    const rows = await queryAll<Record<string, unknown>>(this.table, { partition, rows: { in: [targetKey, sessionKey] } }, 2);
    const snapshot: ConversationSnapshot = {};
    for (const row of rows) {
      if (row.rowKey === targetKey) snapshot.target = toTarget(row as unknown as TargetEntity);
      else snapshot.session = toSession(row as unknown as SessionEntity & { etag?: string });
    }
    return snapshot;
  }
}
