// Ops records (roles, stakeholders, risks, OKRs, steering records, checklist runs) in Azure
// Table storage. One table per aggregate, one partition per workspace; a table may hold
// several row kinds of one aggregate ("I|" agenda items and "A|" actions of the steering
// committee). Each row is the record as JSON plus its id; the ETag guards every update.
//
// Defaults (the seed role map, the example risks...) are written lazily, on the first read of
// a workspace: one entity-group transaction inserts a marker row and every default row, so
// two instances racing to seed either both see the marker or one transaction fails as a whole
// (409) and changes nothing. Once seeded, a workspace is never re-seeded, even if people
// delete every default row.
import { odata, RestError, type TableClient } from '@azure/data-tables';
import type { OpsRecord, RecordRepository } from '../../domain/ops/common';
import { type Workspace, workspaceKey } from '../../domain/workspace';
import { assertEntityLimits, MAX_BATCH_OPERATIONS } from '../entity-limits';
import { encodeKey } from '../keys';

type Entity = { partitionKey: string; rowKey: string; id: string; json: string };

const statusOf = (e: unknown) => (e instanceof RestError ? e.statusCode : undefined);
export const DEFAULT_PAGE_SIZE = 100;

export interface OpsRecordTableOptions<T> {
  /** Row kind, a few letters; RowKey = "<kind>|<encoded id>". */
  kind: string;
  /** Written once per workspace, on its first read. At most 99 (one transaction with the marker). */
  defaults?: readonly Omit<T, 'etag'>[];
}

export class TableOpsRecordRepository<T extends OpsRecord> implements RecordRepository<T> {
  private readonly seeded = new Set<string>();
  private readonly prefix: string;

  constructor(private readonly table: TableClient, private readonly options: OpsRecordTableOptions<T>) {
    if (!/^[A-Za-z]{1,8}$/.test(options.kind)) throw new Error(`invalid row kind ${options.kind}`);
    if ((options.defaults?.length ?? 0) >= MAX_BATCH_OPERATIONS) throw new Error(`at most ${MAX_BATCH_OPERATIONS - 1} defaults per row kind`);
    this.prefix = `${options.kind}|`;
  }

  private pk(ws: Workspace): string {
    return encodeKey(workspaceKey(ws));
  }

  private rk(id: string): string {
    return this.prefix + encodeKey(id);
  }

  private get markerKey(): string {
    return `~seeded|${this.options.kind}`;
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

  /** Seeds the defaults once per workspace (cached per process after the first check). */
  private async ensureSeeded(ws: Workspace): Promise<void> {
    const defaults = this.options.defaults;
    if (!defaults?.length) return;
    const pk = this.pk(ws);
    if (this.seeded.has(pk)) return;
    if (!(await this.hasMarker(pk))) {
      const marker = { partitionKey: pk, rowKey: this.markerKey, seededAt: new Date().toISOString() };
      try {
        await this.table.submitTransaction([['create', marker], ...defaults.map((d) => ['create', this.toEntity(ws, d)] as ['create', Entity])]);
      } catch (e) {
        // Lost the race (the marker or a row exists): fine if someone else completed the seed.
        if (!(await this.hasMarker(pk))) throw e;
      }
    }
    this.seeded.add(pk);
  }

  private async hasMarker(pk: string): Promise<boolean> {
    try {
      await this.table.getEntity(pk, this.markerKey);
      return true;
    } catch (e) {
      if (statusOf(e) === 404) return false;
      throw e;
    }
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
    const pk = this.pk(ws);
    const lo = this.prefix;
    const hi = `${this.options.kind}}`; // '}' sorts right after '|'
    const pages = this.table
      .listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${pk} and RowKey ge ${lo} and RowKey lt ${hi}` } })
      .byPage({ maxPageSize: Math.min(Math.max(request.pageSize ?? DEFAULT_PAGE_SIZE, 1), 1000), ...(request.continuationToken ? { continuationToken: request.continuationToken } : {}) });
    const next = await pages.next();
    if (next.done || !next.value) return { items: [] };
    const page = next.value;
    return { items: page.map((e) => this.fromEntity(e)), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) };
  }

  async get(ws: Workspace, id: string): Promise<T | undefined> {
    await this.ensureSeeded(ws);
    try {
      return this.fromEntity(await this.table.getEntity<Record<string, unknown>>(this.pk(ws), this.rk(id)));
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
