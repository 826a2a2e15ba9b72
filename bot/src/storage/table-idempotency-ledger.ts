// The idempotency ledger in Azure Table storage: one row per action, in the workspace's
// partition. Claiming is a conditional create (exactly one delivery wins); the result is written
// onto the row once the action ran.
import { createHash } from 'node:crypto';
import { RestError, type TableClient } from '@azure/data-tables';
import type { IdempotencyClaim, IdempotencyLedger } from '../domain/idempotency';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { getRow } from './checked-query';
import { assertEntityLimits } from './entity-limits';
import { getText, putText } from './findings/long-text';
import { encodeKey } from './keys';

export const IDEMPOTENCY_TABLE = 'Idempotency';

const pk = (ws: Workspace) => encodeKey(workspaceKey(ws));
/** Activity ids are short, but a forged one may not be: long keys are hashed to fit. */
const rk = (key: string) => (key.length <= 200 ? `A|${encodeKey(key)}` : `A|sha256-${createHash('sha256').update(key).digest('hex')}`);
const status = (e: unknown) => (e instanceof RestError ? e.statusCode : undefined);

export class TableIdempotencyLedger implements IdempotencyLedger {
  constructor(private readonly table: TableClient) {}

  async claim(ws: Workspace, key: string): Promise<IdempotencyClaim> {
    try {
      await this.table.createEntity({ partitionKey: pk(ws), rowKey: rk(key), state: 'running', claimedAt: new Date().toISOString() });
      return { kind: 'claimed' };
    } catch (e) {
      if (status(e) !== 409) throw e;
    }
    const result = await this.result(ws, key);
    return result === undefined ? { kind: 'running' } : { kind: 'done', result };
  }

  async complete(ws: Workspace, key: string, result: string): Promise<void> {
    const entity: Record<string, unknown> & { partitionKey: string; rowKey: string } = { partitionKey: pk(ws), rowKey: rk(key), state: 'done', doneAt: new Date().toISOString() };
    putText(entity, 'result', result);
    assertEntityLimits(entity);
    await this.table.upsertEntity(entity, 'Replace');
  }

  async release(ws: Workspace, key: string): Promise<void> {
    try {
      await this.table.deleteEntity(pk(ws), rk(key));
    } catch (e) {
      if (status(e) !== 404) throw e;
    }
  }

  async result(ws: Workspace, key: string): Promise<string | undefined> {
    try {
      const row = await getRow<Record<string, unknown>>(this.table, pk(ws), rk(key));
      return row.state === 'done' ? getText(row, 'result') : undefined;
    } catch (e) {
      if (status(e) === 404) return undefined;
      throw e;
    }
  }
}
