import type { TableClient } from '@azure/data-tables';
import type { DialogSession, DialogSessionRepository, ListingHint } from '../domain/dialog-session';
import { DialogListing } from './dialog-listing';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { assertEntityLimits } from './entity-limits';
import { encodeKey } from './keys';
import { isNotFound } from './table-store';
import { getRow } from './checked-query';

export interface SessionEntity {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  scope: string;
  scopeId: string;
  conversationId: string;
  userId: string;
  dialog: string;
  step: string;
  draft: string;
  startedAt: string;
  updatedAt: string;
  lastActivityId?: string;
  submitKey?: string;
  etag?: string;
}

/**
 * Sessions live in the Conversations table, in the conversation's own partition, next to the
 * conversation row that lists the users with a session open (see dialog-listing.ts).
 */
export function sessionKeys(workspace: Workspace, conversationId: string, userId: string) {
  // '|~dialog|' cannot end an encoded conversation id's own row: those rows have no such suffix.
  return { partitionKey: encodeKey(workspaceKey(workspace)), rowKey: `${encodeKey(conversationId)}|~dialog|${encodeKey(userId)}` };
}

export function toSession(e: SessionEntity & { etag?: string }): DialogSession {
  return {
    workspace: { tenantId: e.tenantId, scope: e.scope === 'team' ? 'team' : 'chat', scopeId: e.scopeId },
    conversationId: e.conversationId,
    userId: e.userId,
    dialog: e.dialog,
    step: e.step,
    draft: JSON.parse(e.draft) as unknown,
    startedAt: e.startedAt,
    updatedAt: e.updatedAt,
    lastActivityId: e.lastActivityId || undefined,
    submitKey: e.submitKey || undefined,
    etag: e.etag,
  };
}

/** One row per user per conversation: at most one dialog in progress for each. */
export class TableDialogSessionRepository implements DialogSessionRepository {
  private readonly listing: DialogListing;

  constructor(private readonly table: TableClient) {
    this.listing = new DialogListing(table);
  }

  async get(workspace: Workspace, conversationId: string, userId: string): Promise<DialogSession | undefined> {
    const k = sessionKeys(workspace, conversationId, userId);
    try {
      return toSession(await getRow<SessionEntity>(this.table, k.partitionKey, k.rowKey));
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async save(session: DialogSession, hint: ListingHint = {}): Promise<DialogSession> {
    const k = sessionKeys(session.workspace, session.conversationId, session.userId);
    const entity: SessionEntity = {
      ...k,
      tenantId: session.workspace.tenantId,
      scope: session.workspace.scope,
      scopeId: session.workspace.scopeId,
      conversationId: session.conversationId,
      userId: session.userId,
      dialog: session.dialog,
      step: session.step,
      draft: JSON.stringify(session.draft),
      startedAt: session.startedAt,
      updatedAt: session.updatedAt,
      lastActivityId: session.lastActivityId ?? '',
      submitKey: session.submitKey ?? '',
    };
    assertEntityLimits(entity as unknown as Record<string, unknown>);
    // Listed first: a session is never saved where the turn's read would not look for it.
    if (!hint.listed) await this.listing.list(k.partitionKey, encodeKey(session.conversationId), session.userId);
    const response = session.etag
      ? await this.table.updateEntity(entity, 'Replace', { etag: session.etag })
      : await this.table.upsertEntity(entity, 'Replace');
    return { ...session, etag: response.etag };
  }

  async delete(workspace: Workspace, conversationId: string, userId: string, hint: ListingHint = {}): Promise<void> {
    const k = sessionKeys(workspace, conversationId, userId);
    try {
      await this.table.deleteEntity(k.partitionKey, k.rowKey);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    if (hint.listed !== false) await this.listing.unlist(k.partitionKey, encodeKey(conversationId), userId);
  }
}
