import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { DialogSession, DialogSessionRepository, ListingHint, RowOutcome } from '../domain/dialog-session';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { getRow } from './checked-query';
import { DialogListing, knownRowListingWrite } from './dialog-listing';
import { assertEntityLimits } from './entity-limits';
import { transactionEtags } from './etag';
import { encodeKey } from './keys';
import { targetEntity } from './table-conversation-target-repository';
import { isConflict, isNotFound } from './table-store';

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

  async save(session: DialogSession, hint: ListingHint = {}): Promise<DialogSession & { outcome?: RowOutcome }> {
    const k = sessionKeys(session.workspace, session.conversationId, session.userId);
    const entity = sessionEntity(session, k);
    const row = entity as unknown as Record<string, unknown> & typeof k;
    const write: TransactionAction = session.etag ? ['update', row, 'Replace', { etag: session.etag }] : ['upsert', row, 'Replace'];
    // The turn read the row: list the user and save the session in one transaction.
    const done = hint.listed ? 'unchanged' : hint.row ? await this.withKnownRow(k.partitionKey, session.conversationId, session.userId, 'list', hint, write, k.rowKey) : 'unknown';
    if (typeof done === 'object') return { ...session, etag: done.etag, outcome: done.outcome };
    // Listed first: a session is never saved where the turn's read would not look for it.
    if (done !== 'unchanged') await this.listing.list(k.partitionKey, encodeKey(session.conversationId), session.userId);
    const response = session.etag
      ? await this.table.updateEntity(entity, 'Replace', { etag: session.etag })
      : await this.table.upsertEntity(entity, 'Replace');
    return { ...session, etag: response.etag };
  }

  async delete(workspace: Workspace, conversationId: string, userId: string, hint: ListingHint = {}): Promise<RowOutcome | void> {
    const k = sessionKeys(workspace, conversationId, userId);
    if (hint.listed && hint.row?.exists) {
      // The turn read the row: delete the session and unlist the user in one transaction.
      const done = await this.withKnownRow(k.partitionKey, conversationId, userId, 'unlist', hint, ['delete', k], k.rowKey);
      if (typeof done === 'object') return done.outcome;
    }
    try {
      await this.table.deleteEntity(k.partitionKey, k.rowKey);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    if (hint.listed !== false) await this.listing.unlist(k.partitionKey, encodeKey(conversationId), userId);
  }

  /**
   * The session's write and the row's list change in one transaction, conditional on the row as
   * the turn read it. 'unchanged': the list as read needs no change (nothing written);
   * 'conflict': the row has changed since (or the session row is not there to delete), nothing
   * written, and the caller goes the way that reads first.
   */
  private async withKnownRow(
    partitionKey: string, conversationId: string, userId: string, change: 'list' | 'unlist', hint: ListingHint, sessionWrite: TransactionAction, sessionRowKey: string,
  ): Promise<{ etag?: string; outcome: RowOutcome } | 'unchanged' | 'conflict'> {
    const rowKey = encodeKey(conversationId);
    const reference = hint.target && !hint.row!.exists ? { ...targetEntity(hint.target) } : undefined;
    const listing = knownRowListingWrite(partitionKey, rowKey, hint.row!, change, userId, reference);
    if (!listing) return 'unchanged';
    try {
      const reply = await this.table.submitTransaction([listing.action, sessionWrite]);
      const [rowEtag, sessionEtag] = transactionEtags(reply.subResponses, [rowKey, sessionRowKey]);
      return {
        etag: sessionEtag,
        outcome: { ...(rowEtag ? { row: { exists: true, etag: rowEtag, dialogUsers: listing.dialogUsers } } : {}), targetSaved: listing.withExtra },
      };
    } catch (e) {
      if (isConflict(e) || isNotFound(e)) return 'conflict';
      throw e;
    }
  }
}

function sessionEntity(session: DialogSession, k: { partitionKey: string; rowKey: string }): SessionEntity {
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
  return entity;
}
