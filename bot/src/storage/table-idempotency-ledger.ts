// The idempotency ledger in Azure Table storage: one row per action, in the workspace's
// partition of a table per UTC day. Claiming is a conditional create (exactly one delivery wins);
// the result is written onto the row once the action ran. Only today's and yesterday's tables are
// kept: dropping a whole table is one call, where deleting old rows would mean scanning for them.
import { createHash } from 'node:crypto';
import type { IdempotencyClaim, IdempotencyLedger, IdempotencyTicket } from '../domain/idempotency';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { getRow } from './checked-query';
import { assertEntityLimits } from './entity-limits';
import { getText, putText } from './findings/long-text';
import { encodeKey } from './keys';
import { isConflict, isNotFound, type TableStore } from './table-store';

/** The day tables' name prefix (and the name of the single table earlier versions kept forever). */
export const IDEMPOTENCY_TABLE = 'Idempotency';
const DAY_MS = 86_400_000;
/**
 * Far longer than Teams takes to redeliver an invoke (seconds) or a person to press twice: a
 * claim made just before midnight UTC is still found in yesterday's table this long after.
 */
export const REDELIVERY_WINDOW_MS = 15 * 60_000;

/** The day table of an instant: `Idempotency20261202`. */
export const idempotencyTableOf = (ms: number) => `${IDEMPOTENCY_TABLE}${new Date(ms).toISOString().slice(0, 10).replaceAll('-', '')}`;
const DAY_TABLE = new RegExp(`^${IDEMPOTENCY_TABLE}\\d{8}$`);

const pk = (ws: Workspace) => encodeKey(workspaceKey(ws));
/** Activity ids are short, but a forged one may not be: long keys are hashed to fit. */
const rk = (key: string) => (key.length <= 200 ? `A|${encodeKey(key)}` : `A|sha256-${createHash('sha256').update(key).digest('hex')}`);

type LedgerStore = Pick<TableStore, 'client' | 'ensureTables' | 'listTables' | 'deleteTable'>;

export class TableIdempotencyLedger implements IdempotencyLedger {
  private ready: { table: string; done: Promise<void> } | undefined;

  constructor(
    private readonly store: LedgerStore,
    /** Wall time: redeliveries happen in real time, whatever the business clock says. */
    private readonly now: () => number = Date.now,
    private readonly onSweepError: (error: unknown) => void = () => {},
  ) {}

  /**
   * Today's table exists (made once a day per process); the tables older than yesterday's are
   * dropped meanwhile, without anyone waiting for it.
   */
  prepare(): Promise<void> {
    return this.ensure(idempotencyTableOf(this.now()));
  }

  private ensure(table: string): Promise<void> {
    if (this.ready?.table === table) return this.ready.done;
    const done = this.store.ensureTables([table]).then(() => {
      this.sweep().catch(this.onSweepError);
    });
    // A failed creation is tried again by the next claim.
    done.catch(() => {
      if (this.ready?.done === done) this.ready = undefined;
    });
    this.ready = { table, done };
    return done;
  }

  /** Drops the day tables older than yesterday's (and the single table of earlier versions); returns what it dropped. */
  async sweep(): Promise<string[]> {
    const oldestKept = idempotencyTableOf(this.now() - DAY_MS);
    // Same length, digits in date order: names compare as their days do. A table dated ahead
    // (another instance's clock) is left alone.
    const old = (await this.store.listTables(IDEMPOTENCY_TABLE)).filter((n) => n === IDEMPOTENCY_TABLE || (DAY_TABLE.test(n) && n < oldestKept));
    for (const name of old) await this.store.deleteTable(name);
    return old;
  }

  async claim(ws: Workspace, key: string): Promise<IdempotencyClaim> {
    // One instant for the whole claim: the table made is the table written, even across midnight.
    const now = this.now();
    const table = idempotencyTableOf(now);
    await this.ensure(table);
    if (now % DAY_MS < REDELIVERY_WINDOW_MS) {
      // Just after midnight: the first delivery may have claimed in yesterday's table.
      const yesterday = idempotencyTableOf(now - DAY_MS);
      const earlier = await this.read(yesterday, ws, key);
      if (earlier) return earlier.done !== undefined ? { kind: 'done', result: earlier.done } : { kind: 'running', ticket: yesterday };
    }
    try {
      await this.store.client(table).createEntity({ partitionKey: pk(ws), rowKey: rk(key), state: 'running', claimedAt: new Date(now).toISOString() });
      return { kind: 'claimed', ticket: table };
    } catch (e) {
      if (!isConflict(e)) throw e;
    }
    const row = await this.read(table, ws, key);
    return row?.done !== undefined ? { kind: 'done', result: row.done } : { kind: 'running', ticket: table };
  }

  async complete(ws: Workspace, key: string, ticket: IdempotencyTicket, result: string): Promise<void> {
    const entity: Record<string, unknown> & { partitionKey: string; rowKey: string } = { partitionKey: pk(ws), rowKey: rk(key), state: 'done', doneAt: new Date(this.now()).toISOString() };
    putText(entity, 'result', result);
    assertEntityLimits(entity);
    await this.store.client(tableOf(ticket)).upsertEntity(entity, 'Replace');
  }

  async release(ws: Workspace, key: string, ticket: IdempotencyTicket): Promise<void> {
    try {
      await this.store.client(tableOf(ticket)).deleteEntity(pk(ws), rk(key));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  async result(ws: Workspace, key: string, ticket: IdempotencyTicket): Promise<string | undefined> {
    return (await this.read(tableOf(ticket), ws, key))?.done;
  }

  /** The row if there is one (its table may not exist: nobody acted that day), with its result once done. */
  private async read(table: string, ws: Workspace, key: string): Promise<{ done?: string } | undefined> {
    try {
      const row = await getRow<Record<string, unknown>>(this.store.client(table), pk(ws), rk(key));
      return row.state === 'done' ? { done: getText(row, 'result') } : {};
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }
}

/** A ticket is a day table this ledger named; anything else is refused rather than written to. */
function tableOf(ticket: IdempotencyTicket): string {
  if (!DAY_TABLE.test(ticket)) throw new Error(`not an idempotency ticket: ${ticket}`);
  return ticket;
}
