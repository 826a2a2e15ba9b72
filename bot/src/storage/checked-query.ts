// Every query the repositories make goes through here: the filter is built from a description
// of what is asked (partition, row-key range, property conditions) and every row that comes
// back is checked against that same description. A store that ignores a filter (an emulator
// sharing a process with an HTTP framework did exactly that, returning every tenant's rows)
// then fails loudly with a StorageContractError instead of putting foreign rows on a card.
import type { TableClient, TableEntityResult } from '@azure/data-tables';

export class StorageContractError extends Error {
  override name = 'StorageContractError';
}

/** A key range; `eq` alone means one exact key. */
export interface KeyRange {
  eq?: string;
  ge?: string;
  gt?: string;
  le?: string;
  lt?: string;
}

type Scalar = string | number | boolean;

/** A property condition: the OData text and the same test applied to a returned row. */
export interface Condition {
  filter: string;
  holds(row: Record<string, unknown>): boolean;
  describe: string;
  /** Properties the check reads: a projection must include them. */
  properties: readonly string[];
}

export interface RowQuery {
  /** The partition asked for: one key, a range, or undefined for a cross-partition query. */
  partition?: string | KeyRange;
  rows?: KeyRange;
  where?: readonly Condition[];
  select?: readonly string[];
}

/** OData literal: strings quoted with '' escaping, numbers and booleans as they are. */
const quote = (v: Scalar) => (typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v));

function compare(op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge', name: string, value: Scalar): Condition {
  const test: Record<typeof op, (a: Scalar, b: Scalar) => boolean> = {
    eq: (a, b) => a === b, ne: (a, b) => a !== b, lt: (a, b) => a < b, le: (a, b) => a <= b, gt: (a, b) => a > b, ge: (a, b) => a >= b,
  };
  return {
    filter: `${name} ${op} ${quote(value)}`,
    holds: (row) => {
      const v = row[name];
      return (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && typeof v === typeof value && test[op](v, value);
    },
    describe: `${name} ${op} ${JSON.stringify(value)}`,
    properties: [name],
  };
}

/** Property conditions, built the same way for the query and for the check. */
export const where = {
  eq: (name: string, value: Scalar) => compare('eq', name, value),
  lt: (name: string, value: Scalar) => compare('lt', name, value),
  le: (name: string, value: Scalar) => compare('le', name, value),
  gt: (name: string, value: Scalar) => compare('gt', name, value),
  ge: (name: string, value: Scalar) => compare('ge', name, value),
  oneOf(name: string, values: readonly Scalar[]): Condition {
    const parts = values.map((v) => compare('eq', name, v));
    return {
      filter: '(' + parts.map((p) => p.filter).join(' or ') + ')',
      holds: (row) => parts.some((p) => p.holds(row)),
      describe: `${name} in ${JSON.stringify(values)}`,
      properties: [name],
    };
  },
};

function rangeFilter(property: 'PartitionKey' | 'RowKey', range: string | KeyRange | undefined): string[] {
  if (range === undefined) return [];
  const r: KeyRange = typeof range === 'string' ? { eq: range } : range;
  return (['eq', 'ge', 'gt', 'le', 'lt'] as const).filter((op) => r[op] !== undefined).map((op) => `${property} ${op} ${quote(r[op]!)}`);
}

function inRange(key: unknown, range: string | KeyRange | undefined): boolean {
  if (range === undefined) return true;
  if (typeof key !== 'string') return false;
  const r: KeyRange = typeof range === 'string' ? { eq: range } : range;
  return (r.eq === undefined || key === r.eq) && (r.ge === undefined || key >= r.ge) && (r.gt === undefined || key > r.gt)
    && (r.le === undefined || key <= r.le) && (r.lt === undefined || key < r.lt);
}

export function filterOf(q: RowQuery): string {
  return [...rangeFilter('PartitionKey', q.partition), ...rangeFilter('RowKey', q.rows), ...(q.where ?? []).map((c) => c.filter)].join(' and ');
}

/** Throws unless the row is one the query asked for. */
export function checkRow(table: string, q: RowQuery, row: Record<string, unknown>): void {
  const problems: string[] = [];
  if (!inRange(row.partitionKey, q.partition)) problems.push(`PartitionKey ${JSON.stringify(row.partitionKey)} is outside ${JSON.stringify(q.partition)}`);
  if (!inRange(row.rowKey, q.rows)) problems.push(`RowKey ${JSON.stringify(row.rowKey)} is outside ${JSON.stringify(q.rows)}`);
  for (const c of q.where ?? []) if (!c.holds(row)) problems.push(`the row does not satisfy ${c.describe}`);
  if (problems.length) throw new StorageContractError(`table ${table} returned a row the query did not ask for: ${problems.join('; ')}`);
}

export interface QueryPage<T> {
  items: TableEntityResult<T>[];
  continuationToken?: string;
}

function pages<T extends object>(table: TableClient, q: RowQuery, pageSize: number, continuationToken?: string) {
  // With a projection the keys must still come back, or there is nothing to check.
  const select = q.select ? [...new Set([...q.select, 'PartitionKey', 'RowKey', ...(q.where ?? []).flatMap((c) => c.properties)])] : undefined;
  const filter = filterOf(q);
  return table
    .listEntities<T>({ queryOptions: { ...(filter ? { filter } : {}), ...(select ? { select } : {}) } })
    .byPage({ maxPageSize: Math.min(Math.max(pageSize, 1), 1000), ...(continuationToken ? { continuationToken } : {}) });
}

/** One page as the service returns it (it may be short, even empty, with a token). */
export async function queryPage<T extends object>(table: TableClient, q: RowQuery, request: { pageSize: number; continuationToken?: string }): Promise<QueryPage<T>> {
  const next = await pages<T>(table, q, request.pageSize, request.continuationToken).next();
  if (next.done || !next.value) return { items: [] };
  const items = [...next.value];
  for (const row of items) checkRow(table.tableName, q, row as Record<string, unknown>);
  return { items, ...(next.value.continuationToken ? { continuationToken: next.value.continuationToken } : {}) };
}

/**
 * Full pages: a filtered query may return short pages with a token, so keep asking for just the
 * rows still missing; the token returned resumes exactly after the last row handed out.
 */
export async function queryFullPage<T extends object>(table: TableClient, q: RowQuery, request: { pageSize: number; continuationToken?: string }): Promise<QueryPage<T>> {
  const items: TableEntityResult<T>[] = [];
  let token = request.continuationToken;
  do {
    const page = await queryPage<T>(table, q, { pageSize: request.pageSize - items.length, continuationToken: token });
    items.push(...page.items);
    token = page.continuationToken;
  } while (token && items.length < request.pageSize);
  return { items, ...(token ? { continuationToken: token } : {}) };
}

/** Every matching row, page after page, each one checked; stops early once `limit` rows are in. */
export async function queryAll<T extends object>(table: TableClient, q: RowQuery, limit = Infinity): Promise<TableEntityResult<T>[]> {
  const out: TableEntityResult<T>[] = [];
  for await (const page of pages<T>(table, q, Math.min(limit, 1000))) {
    for (const row of page) {
      checkRow(table.tableName, q, row as Record<string, unknown>);
      out.push(row);
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/** Point reads are checked too: the store must hand back the key that was asked for. */
export function checkPointRead<T extends object>(table: TableClient, partitionKey: string, rowKey: string, row: TableEntityResult<T>): TableEntityResult<T> {
  checkRow(table.tableName, { partition: partitionKey, rows: { eq: rowKey } }, row as Record<string, unknown>);
  return row;
}

/** getEntity, checked: a 404 still throws as the SDK does. */
export async function getRow<T extends object>(table: TableClient, partitionKey: string, rowKey: string): Promise<TableEntityResult<T>> {
  return checkPointRead(table, partitionKey, rowKey, await table.getEntity<T>(partitionKey, rowKey));
}
