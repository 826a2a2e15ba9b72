// A turn's read of its conversation: one point read of the conversation row gives the reference
// and the users with a dialog open (dialog-listing.ts); only a listed user costs a second point
// read, for the session. A conversation seen for the first time has no row yet (one 404, once).
import type { TableClient } from '@azure/data-tables';
import type { ConversationSnapshot, ConversationStateReader } from '../domain/conversation-target';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { getRow } from './checked-query';
import { isListed } from './dialog-listing';
import { encodeKey } from './keys';
import { type TargetEntity, toTarget } from './table-conversation-target-repository';
import { type SessionEntity, sessionKeys, toSession } from './table-dialog-session-repository';
import { isNotFound } from './table-store';

export class TableConversationState implements ConversationStateReader {
  constructor(private readonly table: TableClient) {}

  async read(workspace: Workspace, conversationId: string, userId: string): Promise<ConversationSnapshot> {
    const partition = encodeKey(workspaceKey(workspace));
    const row = await this.row<TargetEntity & { dialogUsers?: string; etag?: string }>(partition, encodeKey(conversationId));
    if (!row) return { listed: false, known: false, row: { exists: false } };
    const snapshot: ConversationSnapshot = {
      listed: isListed(row.dialogUsers, userId),
      known: true,
      ...(row.etag ? { row: { exists: true, etag: row.etag, ...(typeof row.dialogUsers === 'string' ? { dialogUsers: row.dialogUsers } : {}) } } : {}),
    };
    // A row made by listing a dialog before the first reference was saved has no reference yet.
    if (row.reference) snapshot.target = toTarget(row);
    if (snapshot.listed) {
      const session = await this.row<SessionEntity>(partition, sessionKeys(workspace, conversationId, userId).rowKey);
      if (session) snapshot.session = toSession(session);
    }
    return snapshot;
  }

  private async row<T extends object>(partitionKey: string, rowKey: string) {
    try {
      return await getRow<T>(this.table, partitionKey, rowKey);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }
}
