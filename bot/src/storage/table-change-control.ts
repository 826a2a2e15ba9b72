// Problems and requests for change in Azure Table storage: one table, one partition per
// workspace (tenant plus team or chat), these rows:
//   R|P|<number, 10 digits>, R|C|<number>     the record (point read by its number)
//   L|<kind>|a|<inverted number>              every record, newest first
//   L|<kind>|o|<inverted number>              the open ones, newest first
//   L|<kind>|s|<status>|<inverted number>     one status, newest first
//   Y|summary                                  counts, the top open problems, emergency changes awaiting review
// A list reads only its own key range (never the whole partition), and each list row holds a
// copy of the record, so a page is one query. Every write is one entity-group transaction: the
// record (created, or replaced with the ETag it was based on), its list rows and the summary
// (with its ETag), so they never disagree; a lost race on the summary alone is retried.
import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { ControlPage, ControlRepository, StatusFilter } from '../domain/changes/control-repository';
import { CONTROL_SUMMARY_SCHEMA, type ControlSummary, EMPTY_CONTROL_SUMMARY } from '../domain/changes/control-summary';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { getRow, queryFullPage, type RowQuery, StorageContractError } from './checked-query';
import { assertEntityLimits } from './entity-limits';
import { isEtag, transactionEtags } from './etag';
import { getText, putText } from './findings/long-text';
import { encodeKey } from './keys';
import { isNotFound } from './table-store';

export const CHANGE_CONTROL_TABLE = 'ProblemsChanges';
export const CHANGE_CONTROL_TABLES = [CHANGE_CONTROL_TABLE] as const;

const SUMMARY_RK = 'Y|summary';
const SUMMARY_ATTEMPTS = 8;
const MAX_NUMBER = 9_999_999_999;

type Row = Record<string, unknown> & { partitionKey: string; rowKey: string };
type Stored = { id: string; number: number; workspace: Workspace; status: string; etag?: string };

/** How one kind of record is laid out and summarised. */
export interface ControlLayout<T extends Stored> {
  kind: 'P' | 'C';
  isOpen(status: T['status']): boolean;
  summarize(summary: ControlSummary, before: T | undefined, after: T): ControlSummary;
}

export const controlPk = (ws: Workspace) => encodeKey(workspaceKey(ws));
const pad = (n: number) => String(n).padStart(10, '0');
const inverted = (n: number) => pad(MAX_NUMBER - n);
const statusOf = (e: unknown) => (e instanceof RestError ? e.statusCode : undefined);

function entity(ws: Workspace, rowKey: string, record: object, extra: Record<string, unknown> = {}): Row {
  const { etag: _etag, ...rest } = record as { etag?: string };
  const row: Row = { partitionKey: controlPk(ws), rowKey, ...extra };
  putText(row, 'json', JSON.stringify(rest));
  assertEntityLimits(row);
  return row;
}

export class TableControlRecords<T extends Stored> implements ControlRepository<T, T['status']> {
  constructor(private readonly table: TableClient, private readonly layout: ControlLayout<T>) {}

  private recordRk(n: number) {
    return `R|${this.layout.kind}|${pad(n)}`;
  }

  private listRows(r: T): Row[] {
    const k = this.layout.kind;
    const extra = { status: r.status, number: r.number };
    const keys = [`L|${k}|a|${inverted(r.number)}`, `L|${k}|s|${encodeKey(r.status)}|${inverted(r.number)}`];
    if (this.layout.isOpen(r.status)) keys.push(`L|${k}|o|${inverted(r.number)}`);
    return keys.map((key) => entity(r.workspace, key, r, extra));
  }

  private recordRow(r: T): Row {
    return entity(r.workspace, this.recordRk(r.number), r, { status: r.status, number: r.number });
  }

  /** The record of a row, checked: its key and its content must name the same record of the same workspace. */
  private fromRow(ws: Workspace, row: Record<string, unknown>): T {
    const record = JSON.parse(getText(row, 'json') ?? 'null') as T | null;
    const key = String(row.rowKey);
    const isRecord = record !== null && typeof record.number === 'number' && key === this.recordRk(record.number);
    const isList = record !== null && typeof record.number === 'number' && key.startsWith(`L|${this.layout.kind}|`) && key.endsWith(`|${inverted(record.number)}`);
    if (!record || !(isRecord || isList) || workspaceKey(record.workspace) !== workspaceKey(ws)) {
      throw new StorageContractError(`table ${this.table.tableName} returned row ${JSON.stringify(key)}, which does not hold the record its key names in this workspace`);
    }
    return { ...record, ...(isRecord && typeof row.etag === 'string' ? { etag: row.etag } : {}) };
  }

  async summaryWithEtag(ws: Workspace): Promise<{ summary: ControlSummary; etag?: string }> {
    try {
      const row = await getRow<Record<string, unknown>>(this.table, controlPk(ws), SUMMARY_RK);
      const s = JSON.parse(getText(row, 'json') ?? 'null') as ControlSummary | null;
      return { summary: s && s.schema === CONTROL_SUMMARY_SCHEMA ? s : EMPTY_CONTROL_SUMMARY, etag: row.etag };
    } catch (e) {
      if (isNotFound(e)) return { summary: EMPTY_CONTROL_SUMMARY };
      throw e;
    }
  }

  async summary(ws: Workspace): Promise<ControlSummary> {
    return (await this.summaryWithEtag(ws)).summary;
  }

  async get(ws: Workspace, number: number): Promise<T | undefined> {
    if (!Number.isSafeInteger(number) || number < 1 || number > MAX_NUMBER) return undefined;
    try {
      return this.fromRow(ws, await getRow<Record<string, unknown>>(this.table, controlPk(ws), this.recordRk(number)));
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async create(record: T): Promise<T | 'taken'> {
    const r = this.recordRow(record);
    const lists = this.listRows(record);
    const out = await this.write(record.workspace, undefined, record, [['create', r], ...lists.map((l): TransactionAction => ['upsert', l, 'Replace'])], r.rowKey);
    return out === 'conflict' ? 'taken' : out;
  }

  async update(before: T, after: T, expectedEtag: string): Promise<T | 'conflict'> {
    if (!isEtag(expectedEtag) || before.number !== after.number) return 'conflict';
    const r = this.recordRow(after);
    const next = this.listRows(after);
    const keep = new Set(next.map((l) => l.rowKey));
    const gone = this.listRows(before).filter((l) => !keep.has(l.rowKey));
    const actions: TransactionAction[] = [
      ['update', r, 'Replace', { etag: expectedEtag }],
      ...gone.map((l): TransactionAction => ['delete', { partitionKey: l.partitionKey, rowKey: l.rowKey }]),
      ...next.map((l): TransactionAction => ['upsert', l, 'Replace']),
    ];
    const out = await this.write(after.workspace, before, after, actions, r.rowKey, expectedEtag);
    return out === 'taken' ? 'conflict' : out;
  }

  /** The record's operations plus the summary, retried while only the summary lost a race. */
  private async write(ws: Workspace, before: T | undefined, after: T, actions: TransactionAction[], recordRk: string, expectedEtag?: string): Promise<T | 'taken' | 'conflict'> {
    for (let attempt = 0; attempt < SUMMARY_ATTEMPTS; attempt++) {
      const base = await this.summaryWithEtag(ws);
      const y = entity(ws, SUMMARY_RK, this.layout.summarize(base.summary, before, after), { schema: CONTROL_SUMMARY_SCHEMA });
      const summaryOp: TransactionAction = base.etag ? ['update', y, 'Replace', { etag: base.etag }] : ['create', y];
      try {
        const res = await this.table.submitTransaction([...actions, summaryOp]);
        const [etag] = transactionEtags(res.subResponses, [recordRk]);
        return { ...after, ...(etag ? { etag } : {}) };
      } catch (e) {
        const code = statusOf(e);
        if (code !== 409 && code !== 412 && code !== 404) throw e;
        // Which row lost? The record's own state says: gone or changed (conflict), taken (create), or only the summary moved on.
        const stored = await this.get(ws, after.number);
        if (!before) {
          if (stored) return 'taken';
        } else if (!stored || stored.etag !== expectedEtag) return 'conflict';
      }
    }
    throw new Error(`the problems and changes summary of this workspace kept changing; ${after.id} was not saved`);
  }

  async list(ws: Workspace, filter: StatusFilter<T['status']>, page: { limit: number; continuation?: string }): Promise<ControlPage<T>> {
    const k = this.layout.kind;
    const prefix = filter === 'all' ? `L|${k}|a|` : filter === 'open' ? `L|${k}|o|` : `L|${k}|s|${encodeKey(filter)}|`;
    const q: RowQuery = { partition: controlPk(ws), rows: { ge: prefix, lt: `${prefix.slice(0, -1)}}` } };
    const res = await queryFullPage<Record<string, unknown>>(this.table, q, { pageSize: page.limit, ...(page.continuation ? { continuationToken: page.continuation } : {}) });
    return { items: res.items.map((row) => this.fromRow(ws, row)), ...(res.continuationToken ? { continuation: res.continuationToken } : {}) };
  }
}
