// Which users of a conversation have a dialog open, kept on the conversation's own row
// (`dialogUsers`), so a turn learns it from the one point read that also gives the reference:
// only a user who is listed costs a second read, for the session itself. Listing happens before
// a session is first saved and unlisting after it is deleted, so the list may name a user whose
// session is gone (one wasted read, then corrected) but never misses an open session.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { ConversationRow } from '../domain/conversation-target';
import { getRow } from './checked-query';
import { assertEntityLimits } from './entity-limits';
import { isConflict, isNotFound } from './table-store';

/** Listed users beyond this are not named: the row then says "ask the session rows" for everyone. */
const MAX_LISTED = 200;
const EVERYONE = '*';

type Users = string[] | typeof EVERYONE;
type Listing = { users: Users; etag?: string; exists: boolean };

function parseListing(value: unknown): Users {
  if (value === EVERYONE) return EVERYONE;
  if (typeof value !== 'string' || !value) return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? parsed.filter((u): u is string => typeof u === 'string') : EVERYONE;
  } catch {
    return EVERYONE; // unreadable: never hide a session because of it
  }
}

export function isListed(value: unknown, userId: string): boolean {
  const users = parseListing(value);
  return users === EVERYONE || users.includes(userId);
}

const withUser = (userId: string) => (users: Users): Users | undefined => {
  if (users === EVERYONE || users.includes(userId)) return undefined;
  return users.length >= MAX_LISTED ? EVERYONE : [...users, userId];
};
const withoutUser = (userId: string) => (users: Users): Users | undefined =>
  (users !== EVERYONE && users.includes(userId) ? users.filter((u) => u !== userId) : undefined);
const serialized = (users: Users) => (users === EVERYONE ? EVERYONE : JSON.stringify(users));

/**
 * The write that lists (or unlists) a user on a row whose state this turn already knows, for a
 * transaction with the session's own write: conditional on the row's ETag (or on its absence),
 * so a row changed since the read fails the transaction rather than losing another user's entry.
 * `extra` (the reference) goes into a row created here. Undefined: the list needs no change.
 */
export function knownRowListingWrite(
  partitionKey: string, rowKey: string, row: ConversationRow, change: 'list' | 'unlist', userId: string, extra?: Record<string, unknown>,
): { action: TransactionAction; dialogUsers: string; withExtra: boolean } | undefined {
  const users = (change === 'list' ? withUser(userId) : withoutUser(userId))(row.exists ? parseListing(row.dialogUsers) : []);
  if (users === undefined) return undefined;
  const dialogUsers = serialized(users);
  if (!row.exists) {
    const entity = { ...extra, partitionKey, rowKey, dialogUsers };
    assertEntityLimits(entity);
    return { action: ['create', entity], dialogUsers, withExtra: extra !== undefined };
  }
  return { action: ['update', { partitionKey, rowKey, dialogUsers }, 'Merge', { etag: row.etag }], dialogUsers, withExtra: false };
}

export class DialogListing {
  constructor(private readonly table: TableClient, private readonly attempts = 8) {}

  /** Adds the user to the conversation row's list (creating the row if the conversation has none yet). */
  async list(partitionKey: string, rowKey: string, userId: string): Promise<void> {
    await this.change(partitionKey, rowKey, withUser(userId));
  }

  async unlist(partitionKey: string, rowKey: string, userId: string): Promise<void> {
    await this.change(partitionKey, rowKey, withoutUser(userId));
  }

  private async change(partitionKey: string, rowKey: string, next: (users: Users) => Users | undefined): Promise<void> {
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      const current = await this.read(partitionKey, rowKey);
      const users = next(current.users);
      if (users === undefined) return;
      const entity = { partitionKey, rowKey, dialogUsers: serialized(users) };
      assertEntityLimits(entity);
      try {
        // Only this property changes: the reference written by the turn is merged around it.
        if (current.exists) await this.table.updateEntity(entity, 'Merge', { etag: current.etag });
        else await this.table.createEntity(entity);
        return;
      } catch (e) {
        if (!isConflict(e) && !isNotFound(e)) throw e;
      }
    }
    throw new Error(`the dialog list of conversation ${rowKey} is too contended`);
  }

  private async read(partitionKey: string, rowKey: string): Promise<Listing> {
    try {
      const row = await getRow<{ dialogUsers?: string }>(this.table, partitionKey, rowKey);
      return { users: parseListing(row.dialogUsers), etag: row.etag, exists: true };
    } catch (e) {
      if (isNotFound(e)) return { users: [], exists: false };
      throw e;
    }
  }
}
