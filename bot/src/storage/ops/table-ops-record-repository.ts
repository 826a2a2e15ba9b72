// Ops records (roles, stakeholders, risks, OKRs, steering records, checklist runs) in Azure
// Table storage. One table per aggregate, one partition per workspace; a table may hold
// several row kinds of one aggregate ("I|" agenda items and "A|" actions of the steering
// committee). Each row is the record as JSON plus its id; the ETag guards every update.
//
// Defaults (the seed role map, the example risks...) are written lazily, on the first read of
// a workspace, in one entity-group transaction; the "seeded" marker lives in the Seeds table
// (seed-markers.ts), so no query here can return it.
import { RestError, type TableClient } from '@azure/data-tables';
import type { OpsRecord, RecordRepository } from '../../domain/ops/common';
import { type Workspace, workspaceKey } from '../../domain/workspace';
import { assertEntityLimits, MAX_BATCH_OPERATIONS } from '../entity-limits';
import { getRow, queryPage, type RowQuery } from '../checked-query';
import { isEtag } from '../etag';
import { encodeKey } from '../keys';
import { createAllOrFindThem, type SeedMarkers } from '../seed-markers';

type Entity = { partitionKey: string; rowKey: string; id: string; json: string };

const statusOf = (e: unknown) => (e instanceof RestError ? e.statusCode : undefined);
export const DEFAULT_PAGE_SIZE = 100;

export interface OpsRecordTableOptions<T> {
  /** Row kind, a few letters; RowKey = "<kind>|<encoded id>". */
  kind: string;
  /** Written once per workspace, on its first read. At most 99 (one transaction with the marker). */
  defaults?: readonly Omit<T, 'etag'>[];
  /** Where "seeded" is recorded; required with defaults. */
  seeds?: SeedMarkers;
}

export class TableOpsRecordRepository<T extends OpsRecord> implements RecordRepository<T> {
  private readonly prefix: string;

  constructor(private readonly table: TableClient, private readonly options: OpsRecordTableOptions<T>) {
    if (!/^[A-Za-z]{1,8}$/.test(options.kind)) throw new Error(`invalid row kind ${options.kind}`);
    if ((options.defaults?.length ?? 0) > MAX_BATCH_OPERATIONS) throw new Error(`at most ${MAX_BATCH_OPERATIONS} defaults per row kind`);
    if (options.defaults?.length && !options.seeds) throw new Error('defaults need seed markers');
    this.prefix = `${options.kind}|`;
  }

  private pk(ws: Workspace): string {
    return encodeKey(workspaceKey(ws));
  }

  private rk(id: string): string {
    return this.prefix + encodeKey(id);
  }

  private toEntity(ws: Workspace, record: Omit<T, 'etag'> | T): Entity {
    const { etag: _etag, ...rest } = record as T;
    const entity: Entity = { partitionKey: this.pk(ws), rowKey: this.rk(record.id), id: record.id, json: JSON.stringify(rest) };
    assertEntityLimits(entity);
    return entity;
  }

  private fromEntity(e: Record<string, unknown>): T {
    const record = JSON.parse(String(e.json)) as T;
    record.id = String(e.id);
    if (typeof e.etag === 'string') record.etag = e.etag;
    return record;
  }

  /** Seeds the defaults once per workspace: one transaction, so all of them or none. */
  private async ensureSeeded(ws: Workspace): Promise<void> {
    const defaults = this.options.defaults;
    if (!defaults?.length) return;
    await this.options.seeds!.once(this.pk(ws), `${this.table.tableName}|${this.options.kind}`, () =>
      createAllOrFindThem(() => this.table.submitTransaction(defaults.map((d) => ['create', this.toEntity(ws, d)] as ['create', Entity]))));
  }

  /** Every row of this kind in the workspace, and nothing else. */
  private query(ws: Workspace): RowQuery {
    return { partition: this.pk(ws), rows: { ge: this.prefix, lt: `${this.options.kind}}` } }; // '}' sorts right after '|'
  }

  /**
   * Every record of several kinds of one table (e.g. the committee's settings, items and actions),
   * from one range query over their keys instead of one query per kind.
   */
  // `any`: the tuple holds repositories of different record types; each result is typed from its own.
  static async listKinds<R extends readonly TableOpsRecordRepository<any>[]>(ws: Workspace, repos: R): Promise<{ [K in keyof R]: R[K] extends TableOpsRecordRepository<infer T> ? T[] : never }> {
    const first = repos[0];
    if (!first || repos.some((r) => r.table !== first.table)) throw new Error('listKinds reads kinds of one table');
    await Promise.all(repos.map((r) => r.ensureSeeded(ws)));
    // Kinds sort between the first one's prefix and the last one's '}'; rows of a kind in between that nobody asked for are left out.
    const kinds = repos.map((r) => r.options.kind).sort();
    const query: RowQuery = { partition: first.pk(ws), rows: { ge: `${kinds[0]}|`, lt: `${kinds[kinds.length - 1]}}` } };
    const out: OpsRecord[][] = repos.map(() => []);
    let continuationToken: string | undefined;
    do {
      const page = await queryPage<Record<string, unknown>>(first.table, query, { pageSize: 1000, continuationToken });
      for (const e of page.items) {
        const i = repos.findIndex((r) => String(e.rowKey).startsWith(r.prefix));
        if (i >= 0) out[i]!.push(repos[i]!.fromEntity(e));
      }
      continuationToken = page.continuationToken;
    } while (continuationToken);
    return out as { [K in keyof R]: R[K] extends TableOpsRecordRepository<infer T> ? T[] : never };
  }

  async list(ws: Workspace): Promise<T[]> {
    const out: T[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.page(ws, { pageSize: 1000, continuationToken });
      out.push(...page.items);
      continuationToken = page.continuationToken;
    } while (continuationToken);
    return out;
  }

  async page(ws: Workspace, request: { pageSize?: number; continuationToken?: string } = {}): Promise<{ items: T[]; continuationToken?: string }> {
    await this.ensureSeeded(ws);
    const page = await queryPage<Record<string, unknown>>(this.table, this.query(ws), { pageSize: request.pageSize ?? DEFAULT_PAGE_SIZE, continuationToken: request.continuationToken });
    return { items: page.items.map((e) => this.fromEntity(e)), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) };
  }

  async get(ws: Workspace, id: string): Promise<T | undefined> {
    await this.ensureSeeded(ws);
    try {
      const [pk, rk] = [this.pk(ws), this.rk(id)];
      return this.fromEntity(await getRow<Record<string, unknown>>(this.table, pk, rk));
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  async create(ws: Workspace, record: T): Promise<{ created: true; record: T } | { created: false; existing?: T }> {
    await this.ensureSeeded(ws);
    const entity = this.toEntity(ws, record);
    try {
      const res = await this.table.createEntity(entity);
      return { created: true, record: { ...record, etag: res.etag } };
    } catch (e) {
      if (statusOf(e) !== 409) throw e;
      const existing = await this.get(ws, record.id);
      return existing ? { created: false, existing } : { created: false };
    }
  }

  async replace(ws: Workspace, record: T): Promise<{ ok: true; record: T } | { ok: false; reason: 'conflict' | 'not-found' }> {
    if (!record.etag) throw new Error('replace needs the ETag the change was based on');
    if (!isEtag(record.etag)) return { ok: false, reason: 'conflict' };
    const entity = this.toEntity(ws, record);
    try {
      const res = await this.table.updateEntity(entity, 'Replace', { etag: record.etag });
      return { ok: true, record: { ...record, etag: res.etag } };
    } catch (e) {
      const s = statusOf(e);
      if (s === 412 || s === 409) return { ok: false, reason: 'conflict' };
      if (s === 404) return { ok: false, reason: 'not-found' };
      throw e;
    }
  }

  async delete(ws: Workspace, id: string, etag?: string): Promise<'deleted' | 'not-found' | 'conflict'> {
    if (etag !== undefined && !isEtag(etag)) return 'conflict';
    try {
      await this.table.deleteEntity(this.pk(ws), this.rk(id), { etag: etag ?? '*' });
      return 'deleted';
    } catch (e) {
      const s = statusOf(e);
      if (s === 404) return 'not-found';
      if (s === 412 || s === 409) return 'conflict';
      throw e;
    }
  }
}
