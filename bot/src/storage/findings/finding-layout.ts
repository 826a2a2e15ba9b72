// The summary row of a workspace's findings, and the one-off move of older partitions to the list
// rows. A stored summary of the current schema means the partition is in the new layout: every
// finding has its list rows and is counted. Partitions stored before the lists had their own rows
// (only F|, H|, K|, I| rows) have no summary; the first read or write of such a workspace builds
// the list rows and the summary from the F| rows, page by page, then stores the summary. Until
// then no writer changes a finding (each needs the summary's ETag), and every batch of the move
// carries the ETag of the findings it derives rows from, so a finding changed meanwhile (by another
// instance that finished the move first) is never overwritten with what it was: the move restarts.
import { RestError, type TableClient, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import { type FindingSummary, SUMMARY_SCHEMA, summaryBuilder } from '../../domain/findings/finding-summary';
import type { QualityDigestState } from '../../domain/findings/finding-repository';
import { QUALITY_DIGEST_SCHEMA, type QualityDigest } from '../../domain/findings/quality-digest';
import type { Workspace } from '../../domain/workspace';
import { getRow, queryPage } from '../checked-query';
import { assertEntityLimits, MAX_BATCH_OPERATIONS } from '../entity-limits';
import { isNotFound } from '../table-store';
import { type Entity, fromEntity, listRows, pk, QUALITY_RK, SUMMARY_RK } from './finding-entities';
import { getText, putText } from './long-text';

type Row = TableEntityResult<Record<string, unknown>>;
const MOVE_ATTEMPTS = 3;
/** Summaries this process keeps for its next write (it still writes with their ETag). */
const REMEMBERED = 200;

export function summaryEntity(ws: Workspace, s: FindingSummary): Entity {
  const e: Entity = { partitionKey: pk(ws), rowKey: SUMMARY_RK, schema: s.schema };
  putText(e, 'json', JSON.stringify(s));
  assertEntityLimits(e);
  return e;
}

export function summaryFrom(e: Record<string, unknown>): FindingSummary | undefined {
  if (e.schema !== SUMMARY_SCHEMA) return undefined;
  const s = JSON.parse(getText(e, 'json') ?? 'null') as FindingSummary | null;
  return s && s.schema === SUMMARY_SCHEMA ? s : undefined;
}

export function qualityEntity(ws: Workspace, d: QualityDigest): Entity {
  const e: Entity = { partitionKey: pk(ws), rowKey: QUALITY_RK, schema: d.schema };
  putText(e, 'json', JSON.stringify(d));
  assertEntityLimits(e);
  return e;
}

export function qualityStateFrom(e: Row): QualityDigestState {
  const state: QualityDigestState = { etag: e.etag };
  const d = e.schema === QUALITY_DIGEST_SCHEMA ? (JSON.parse(getText(e, 'json') ?? 'null') as QualityDigest | null) : null;
  if (d) state.digest = d;
  if (typeof e.pending === 'string' && typeof e.pendingSince === 'string') state.pending = { token: e.pending, since: e.pendingSince };
  return state;
}

/** A lost race with another writer (not a missing table, which no retry mends). */
const conflictLike = (e: unknown) => e instanceof RestError && (e.statusCode === 409 || e.statusCode === 412 || (e.statusCode === 404 && e.code !== 'TableNotFound'));

export class FindingLayout {
  // In the new layout is a one-way fact, so remembering it per process cannot go stale.
  private readonly moved = new Set<string>();
  private readonly remembered = new Map<string, { summary: FindingSummary; etag: string }>();
  private readonly pending = new Map<string, Promise<{ summary: FindingSummary; etag: string }>>();

  constructor(private readonly table: TableClient) {}

  /** Lists read only list rows: the partition must be in the new layout first (one check per process). */
  async ensure(ws: Workspace): Promise<void> {
    if (!this.moved.has(pk(ws))) await this.current(ws, true);
  }

  /** The stored summary with its ETag (the one remembered from this process's last write, unless `fresh`). */
  current(ws: Workspace, fresh: boolean): Promise<{ summary: FindingSummary; etag: string }> {
    const key = pk(ws);
    const known = fresh ? undefined : this.remembered.get(key);
    if (known) return Promise.resolve(known);
    let run = this.pending.get(key);
    if (!run) {
      run = this.read(ws).finally(() => this.pending.delete(key));
      this.pending.set(key, run);
    }
    return run;
  }

  remember(ws: Workspace, summary: FindingSummary | undefined, etag: string | undefined): void {
    const key = pk(ws);
    this.remembered.delete(key);
    if (!summary || !etag) return;
    this.remembered.set(key, { summary, etag });
    if (this.remembered.size > REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
  }

  /** A summary row read with others: its summary when current (and the partition then counts as moved). */
  accept(ws: Workspace, row: Row): FindingSummary | undefined {
    const summary = summaryFrom(row);
    if (!summary) return undefined;
    this.moved.add(pk(ws));
    this.remember(ws, summary, row.etag);
    return summary;
  }

  private async read(ws: Workspace): Promise<{ summary: FindingSummary; etag: string }> {
    let lost: unknown;
    for (let attempt = 0; attempt < MOVE_ATTEMPTS; attempt++) {
      const row = await this.row(ws);
      const summary = row && this.accept(ws, row);
      if (summary) return { summary, etag: row.etag };
      try {
        const built = await this.move(ws, row?.etag);
        this.moved.add(pk(ws));
        this.remember(ws, built.summary, built.etag);
        return built;
      } catch (e) {
        // Someone changed a finding or stored the summary meanwhile: read again, move again if needed.
        if (!conflictLike(e)) throw e;
        lost = e;
      }
    }
    throw lost;
  }

  private async row(ws: Workspace): Promise<Row | undefined> {
    try {
      return await getRow<Record<string, unknown>>(this.table, pk(ws), SUMMARY_RK);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /** Writes every finding's list rows (with the finding's ETag) and stores the summary they add up to. */
  private async move(ws: Workspace, summaryEtag: string | undefined): Promise<{ summary: FindingSummary; etag: string }> {
    const builder = summaryBuilder();
    let token: string | undefined;
    do {
      const page = await queryPage<Record<string, unknown>>(this.table, { partition: pk(ws), rows: { ge: 'F|', lt: 'F}' } }, { pageSize: 1000, ...(token ? { continuationToken: token } : {}) });
      let batch: TransactionAction[] = [];
      for (const e of page.items) {
        const f = fromEntity(e);
        builder.add(f);
        const ops: TransactionAction[] = [['update', { partitionKey: e.partitionKey!, rowKey: e.rowKey! }, 'Merge', { etag: e.etag }], ...listRows(f).map((r): TransactionAction => ['upsert', r, 'Replace'])];
        if (batch.length + ops.length > MAX_BATCH_OPERATIONS) {
          await this.table.submitTransaction(batch);
          batch = [];
        }
        batch.push(...ops);
      }
      if (batch.length) await this.table.submitTransaction(batch);
      token = page.continuationToken;
    } while (token);
    const summary = builder.result();
    const y = summaryEntity(ws, summary);
    const res = summaryEtag ? await this.table.updateEntity(y, 'Replace', { etag: summaryEtag }) : await this.table.createEntity(y);
    return { summary, etag: res.etag! };
  }
}
