// Measured call quality in Azure Table storage: the monthly aggregates of the call-quality
// imports. One table, one partition per workspace, one row per month × place × network type:
//   <YYYY-MM>|b|<encoded building, lower case>|<network type or "any">   a building
//   <YYYY-MM>|s|<encoded subnet>|<network type or "any">                 a subnet
//   <YYYY-MM>|u|<call scope or "any">|<connection or "any">              the unmanaged networks' traffic
// A place measured per call scope (the file had Is Server Pair) has "|<scope>" appended.
// The month leads the RowKey, so a window of months is one range query, and "all of a month" is
// the prefix `<YYYY-MM>|` — which is what makes re-importing a month a replacement: its rows are
// upserted (same place, same RowKey) and any row of the month the new file no longer has is
// deleted. Writes go in entity-group batches of at most 100 operations (one partition).
import { createHash } from 'node:crypto';
import { type TableClient, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import type { NetworkTypeId } from '../../domain/findings/catalog';
import type { Aggregate, AggregateLevel } from '../../domain/findings/cqd-import';
import type { QualityMeasureQuery, QualityMeasureRepository } from '../../domain/findings/quality-measure-repository';
import { type Workspace, workspaceKey } from '../../domain/workspace';
import { assertEntityLimits, MAX_BATCH_OPERATIONS } from '../entity-limits';
import { type KeyRange, queryAll } from '../checked-query';
import { encodeKey } from '../keys';

export const QUALITY_MEASURE_TABLES = ['QualityMeasures'] as const;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const pk = (ws: Workspace) => encodeKey(workspaceKey(ws));

/** The place part of a RowKey: encoded; a very long building name is hashed so the key fits. */
function placeKey(place: string): string {
  // Encoding can triple a name (every character forbidden), so hash anything that could pass the key limit.
  const encoded = place.length <= 160 ? encodeKey(place) : '';
  return encoded && encoded.length <= 400 ? encoded : `sha256-${createHash('sha256').update(place).digest('hex')}`;
}

export function measureRowKey(a: Pick<Aggregate, 'month' | 'level' | 'building' | 'subnet' | 'networkType' | 'scope' | 'connection'>): string {
  if (a.level === 'unmanaged') return `${a.month}|u|${a.scope ?? 'any'}|${a.connection ?? 'any'}`;
  const place = a.level === 'subnet' ? a.subnet! : a.building!.toLowerCase();
  return `${a.month}|${a.level === 'subnet' ? 's' : 'b'}|${placeKey(place)}|${a.networkType ?? 'any'}${a.scope ? `|${a.scope}` : ''}`;
}

// Counts as Double: a month of a large tenant passes Int32, and a count derived from a rate is fractional.
const dbl = (n: number) => ({ value: String(n), type: 'Double' as const });
// The rates' own denominators (streams with a call record, streams that set up) travel with their counts.
const COUNTS = ['poor', 'cdrStreams', 'setupFailed', 'setupSucceeded', 'dropped'] as const;

function toEntity(ws: Workspace, a: Aggregate): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  const e: Record<string, unknown> & { partitionKey: string; rowKey: string } = {
    partitionKey: pk(ws), rowKey: measureRowKey(a), month: a.month, level: a.level, streams: dbl(a.streams), rows: dbl(a.rows),
  };
  if (a.building !== undefined) e.building = a.building;
  if (a.subnet !== undefined) e.subnet = a.subnet;
  if (a.networkType !== undefined) e.networkType = a.networkType;
  if (a.scope !== undefined) e.scope = a.scope;
  if (a.connection !== undefined) e.connection = a.connection;
  for (const k of COUNTS) if (a[k] !== undefined) e[k] = dbl(a[k]!);
  assertEntityLimits(e);
  return e;
}

function fromEntity(e: TableEntityResult<Record<string, unknown>>): Aggregate {
  const a: Aggregate = { level: e.level as AggregateLevel, month: String(e.month), streams: Number(e.streams), rows: Number(e.rows) };
  if (typeof e.building === 'string') a.building = e.building;
  if (typeof e.subnet === 'string') a.subnet = e.subnet;
  if (typeof e.networkType === 'string') a.networkType = e.networkType as NetworkTypeId;
  if (e.scope === 'conferencing' || e.scope === 'peer-to-peer') a.scope = e.scope;
  if (typeof e.connection === 'string') a.connection = e.connection as NetworkTypeId;
  for (const k of COUNTS) if (e[k] !== undefined && e[k] !== null) a[k] = Number(e[k]);
  return a;
}

export class TableQualityMeasureRepository implements QualityMeasureRepository {
  constructor(private readonly table: TableClient) {}

  async upsertMonth(workspace: Workspace, month: string, aggregates: readonly Aggregate[]): Promise<void> {
    if (!MONTH.test(month)) throw new Error(`Not a month like 2025-02: ${JSON.stringify(month)}`);
    const wrong = aggregates.find((a) => a.month !== month);
    if (wrong) throw new Error(`An aggregate of ${wrong.month} was passed as ${month}.`);
    // Every entity is built (and checked against the limits) before anything is written.
    const rows = new Map<string, Record<string, unknown> & { partitionKey: string; rowKey: string }>();
    for (const a of aggregates) {
      const e = toEntity(workspace, a);
      rows.set(e.rowKey, e);
    }
    const stale = (await this.rowKeys(workspace, month)).filter((rk) => !rows.has(rk));
    // Upserts first, then the deletes: a failure halfway leaves the new figures in place and at
    // worst a stale row, which importing the file again removes.
    const actions: TransactionAction[] = [
      ...[...rows.values()].map((e): TransactionAction => ['upsert', e, 'Replace']),
      ...stale.map((rk): TransactionAction => ['delete', { partitionKey: pk(workspace), rowKey: rk }]),
    ];
    for (let i = 0; i < actions.length; i += MAX_BATCH_OPERATIONS) {
      await this.table.submitTransaction(actions.slice(i, i + MAX_BATCH_OPERATIONS));
    }
  }

  async list(workspace: Workspace, query: QualityMeasureQuery = {}): Promise<Aggregate[]> {
    const rows: KeyRange = {};
    if (query.fromMonth) rows.ge = `${query.fromMonth}|`;
    if (query.toMonth) rows.lt = `${query.toMonth}}`; // '}' sorts right after '|'
    return (await queryAll<Record<string, unknown>>(this.table, { partition: pk(workspace), rows })).map(fromEntity);
  }

  private async rowKeys(workspace: Workspace, month: string): Promise<string[]> {
    const rows = await queryAll<Record<string, unknown>>(this.table, { partition: pk(workspace), rows: { ge: `${month}|`, lt: `${month}}` }, select: ['RowKey'] });
    return rows.map((e) => e.rowKey!);
  }
}
