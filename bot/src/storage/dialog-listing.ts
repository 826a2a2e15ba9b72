// Which users of a conversation have a dialog open, kept on the conversation's own row
// (`dialogUsers`), so a turn learns it from the one point read that also gives the reference:
// only a user who is listed costs a second read, for the session itself. Listing happens before
// a session is first saved and unlisting after it is deleted, so the list may name a user whose
// session is gone (one wasted read, then corrected) but never misses an open session.
import type { TableClient } from '@azure/data-tables';
import { getRow } from './checked-query';
import { assertEntityLimits } from './entity-limits';
import { isConflict, isNotFound } from './table-store';

/** Listed users beyond this are not named: the row then says "ask the session rows" for everyone. */
const MAX_LISTED = 200;
const EVERYONE = '*';

type Listing = { users: string[] | typeof EVERYONE; etag?: string; exists: boolean };

function parseListing(value: unknown): string[] | typeof EVERYONE {
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

export class DialogListing {
  constructor(private readonly table: TableClient, private readonly attempts = 8) {}

  /** Adds the user to the conversation row's list (creating the row if the conversation has none yet). */
  async list(partitionKey: string, rowKey: string, userId: string): Promise<void> {
    await this.change(partitionKey, rowKey, (users) => {
      if (users === EVERYONE || users.includes(userId)) return undefined;
      return users.length >= MAX_LISTED ? EVERYONE : [...users, userId];
    });
  }

  async unlist(partitionKey: string, rowKey: string, userId: string): Promise<void> {
    await this.change(partitionKey, rowKey, (users) => (users !== EVERYONE && users.includes(userId) ? users.filter((u) => u !== userId) : undefined));
  }

  private async change(partitionKey: string, rowKey: string, next: (users: string[] | typeof EVERYONE) => string[] | typeof EVERYONE | undefined): Promise<void> {
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      const current = await this.read(partitionKey, rowKey);
      const users = next(current.users);
      if (users === undefined) return;
      const entity = { partitionKey, rowKey, dialogUsers: users === EVERYONE ? EVERYONE : JSON.stringify(users) };
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
