// Findings in Azure Table storage. One table, one partition per workspace, these kinds of rows:
//   F|<number, 10 digits>              the finding (RowKey order = filing order)
//   H|<number>|<inverted version>      its history, newest first
//   K|<encoded idempotency key>        "this activity filed that finding"
//   I|<encoded import id>              proposals of a CSV import awaiting confirmation
//   O|, S|<status>|, D|<due>|          the lists' rows (finding-entities.ts): open, per status, due order
//   Y|findings, Y|quality              the summary and the quality digest the agenda and the board read
// Keeping them in one partition lets every change be one entity-group transaction: a finding is
// never created twice (the K row is created with it), never changes without its history row (the
// update carries the ETag the change was based on), and never moves between lists, or changes
// the summary, without the other rows: a crash leaves all of them as they were, or all changed.
import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { ImportBatch } from '../../domain/findings/cqd-import';
import { type Finding, type FindingStatus, type HistoryEntry, isOpen, OPEN_STATUSES, STATUS_LABELS } from '../../domain/findings/finding';
import type { CreateOutcome, FindingListFilter, FindingPage, FindingRepository, FindingSummaries, PageRequest, QualityDigestState, UpdateOutcome } from '../../domain/findings/finding-repository';
import { changesSummary, dueRefillNeeded, type FindingSummary, type SummaryEntry, summaryAfterChange, summaryAfterCreate } from '../../domain/findings/finding-summary';
import type { QualityDigest } from '../../domain/findings/quality-digest';
import type { Workspace } from '../../domain/workspace';
import { type Condition, getRow, queryAll, queryFullPage, type RowQuery, where } from '../checked-query';
import { assertEntityLimits } from '../entity-limits';
import { isEtag, transactionEtags } from '../etag';
import { isNotFound } from '../table-store';
import {
  copyOf, dueEntity, dueEntryFrom, dueRk, type Entity, externalKey, findingRk, fromCopy, fromEntity, historyEntity, historyFrom, historyPrefix,
  numberOf, openRk, pk, QUALITY_RK, statusPrefix, statusRk, SUMMARY_RK, toEntity,
} from './finding-entities';
import { FindingLayout, qualityEntity, qualityStateFrom, summaryEntity } from './finding-layout';
import { getText, putText } from './long-text';

export const FINDING_TABLES = ['Findings'] as const;

const status = (e: unknown) => (e instanceof RestError ? e.statusCode : undefined);
const ALL_STATUSES = Object.keys(STATUS_LABELS) as FindingStatus[];
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && b.every((x) => a.includes(x));
/** Lost races on the summary row (another finding of the workspace changed at the same moment) are retried this often. */
const SUMMARY_ATTEMPTS = 8;

/** The key range a status filter reads: open findings, one status, or every finding. */
function listRange(statuses: readonly FindingStatus[]): { rows: { gt?: string; ge?: string; lt: string }; prefix: string; where?: Condition } {
  if (sameSet(statuses, OPEN_STATUSES)) return { rows: { ge: 'O|', lt: 'O}' }, prefix: 'O|' };
  if (statuses.length === 1) {
    const p = statusPrefix(statuses[0]!);
    return { rows: { ge: p, lt: p.slice(0, -1) + '}' }, prefix: p };
  }
  if (sameSet(statuses, ALL_STATUSES)) return { rows: { ge: 'F|', lt: 'F}' }, prefix: 'F|' };
  // Any other set of statuses (no card or command asks for one): every finding, filtered by status.
  return { rows: { ge: 'F|', lt: 'F}' }, prefix: 'F|', where: where.oneOf('status', statuses) };
}

/**
 * A page token of a list card posted before the lists had their own rows points into the F| rows.
 * It is read for the finding it resumes at, and the list starts there in its own rows, so "Next
 * page" on such a card keeps working. (The store's key in a token is opaque: Azurite sends it in
 * base64, Azure as "1!<length>!<base64>"; anything else is passed on as it is.)
 */
function oldPosition(token: string | undefined): number | undefined {
  if (!token) return undefined;
  try {
    const t = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { nextRowKey?: unknown };
    if (typeof t.nextRowKey !== 'string') return undefined;
    const raw = t.nextRowKey;
    const b64 = (v: string | undefined) => (v ? Buffer.from(v.replace(/-/g, '='), 'base64').toString('utf8') : '');
    const key = [raw, b64(raw), b64(raw.split('!')[2])].find((k) => /^F\|\d{10}$/.test(k));
    return key ? Number(key.slice(2)) : undefined;
  } catch {
    return undefined;
  }
}

export class TableFindingRepository implements FindingRepository {
  private readonly layout: FindingLayout;

  constructor(private readonly table: TableClient) {
    this.layout = new FindingLayout(table);
  }

  async create(finding: Finding, history: HistoryEntry, idempotencyKey: string): Promise<CreateOutcome> {
    const f = toEntity(finding);
    const h = historyEntity(finding.workspace, finding.number, history);
    const k: Entity = { partitionKey: f.partitionKey, rowKey: externalKey('K', idempotencyKey), findingId: finding.id };
    const lists = [copyOf(finding, statusRk(finding.status, finding.number)), ...(isOpen(finding.status) ? [copyOf(finding, openRk(finding.number)), dueEntity(finding)] : [])];
    for (const e of [f, h, k, ...lists]) assertEntityLimits(e);
    for (let attempt = 0; attempt < SUMMARY_ATTEMPTS; attempt++) {
      const base = await this.layout.current(finding.workspace, attempt > 0);
      const summary = summaryAfterCreate(base.summary, finding, new Date(finding.createdAt));
      const y = summaryEntity(finding.workspace, summary);
      const actions: TransactionAction[] = [['create', f], ['create', h], ['create', k], ...lists.map((e): TransactionAction => ['create', e]), ['update', y, 'Replace', { etag: base.etag }]];
      try {
        const res = await this.table.submitTransaction(actions);
        const [fEtag, yEtag] = transactionEtags(res.subResponses, [f.rowKey, y.rowKey]);
        this.layout.remember(finding.workspace, summary, yEtag);
        return { created: true, finding: { ...finding, etag: fEtag } };
      } catch (e) {
        const code = status(e);
        // The summary row is the last operation: a 412 means only it changed since it was read.
        if (code === 412) continue;
        if (code !== 409) throw e;
        const existing = await this.idempotent(finding.workspace, idempotencyKey);
        if (existing) return { created: false, existingId: existing };
        throw e; // a clash on the finding row itself: the counter handed out a used number
      }
    }
    throw new Error(`the findings summary of this workspace kept changing; ${finding.id} was not filed`);
  }

  async idempotent(workspace: Workspace, idempotencyKey: string): Promise<string | undefined> {
    try {
      const e = await getRow<{ findingId: string }>(this.table, pk(workspace), externalKey('K', idempotencyKey));
      return e.findingId;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async get(workspace: Workspace, id: string): Promise<Finding | undefined> {
    const n = numberOf(id);
    if (n === undefined) return undefined;
    try {
      return fromEntity(await getRow<Record<string, unknown>>(this.table, pk(workspace), findingRk(n)));
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async update(before: Finding, after: Finding, history: HistoryEntry, etag: string): Promise<UpdateOutcome> {
    if (!isEtag(etag)) return { ok: false, reason: 'conflict' };
    const f = toEntity(after);
    const h = historyEntity(after.workspace, after.number, history);
    assertEntityLimits(f);
    assertEntityLimits(h);
    const touchesSummary = changesSummary(before, after);
    let missing: Set<string> | undefined;
    for (let attempt = 0; attempt < SUMMARY_ATTEMPTS; attempt++) {
      const actions: TransactionAction[] = [['update', f, 'Replace', { etag }], ['create', h], ...this.listChanges(before, after, missing)];
      let summary: FindingSummary | undefined;
      if (touchesSummary) {
        const base = await this.layout.current(after.workspace, attempt > 0);
        summary = summaryAfterChange(base.summary, before, after, new Date(history.at), await this.dueRefill(base.summary, before));
        actions.push(['update', summaryEntity(after.workspace, summary), 'Replace', { etag: base.etag }]);
      }
      try {
        const res = await this.table.submitTransaction(actions);
        const [fEtag, yEtag] = transactionEtags(res.subResponses, [f.rowKey, SUMMARY_RK]);
        if (summary) this.layout.remember(after.workspace, summary, yEtag);
        return { ok: true, finding: { ...after, etag: fEtag } };
      } catch (e) {
        const code = status(e);
        // 409: the history row of this version exists, i.e. someone else stored the same version first.
        if (code === 409) return { ok: false, reason: 'conflict' };
        if (code !== 412 && code !== 404) throw e;
        const stored = await this.get(after.workspace, after.id);
        if (!stored) return { ok: false, reason: 'not-found' };
        // 412: the finding's ETag is stale, or (finding unchanged) the summary changed: read it again.
        if (stored.etag !== etag) return { ok: false, reason: 'conflict' };
        if (code === 412 && !touchesSummary) return { ok: false, reason: 'conflict' };
        // 404 with the finding in place: a list row it should have is missing. Delete only what exists.
        if (code === 404) missing = await this.missingListRows(before);
      }
    }
    return { ok: false, reason: 'conflict' };
  }

  /** The list rows' part of a change: moved between statuses, in or out of the open list and the due index. */
  private listChanges(before: Finding, after: Finding, missing?: Set<string>): TransactionAction[] {
    const out: TransactionAction[] = [];
    const del = (rowKey: string) => {
      if (!missing?.has(rowKey)) out.push(['delete', { partitionKey: pk(after.workspace), rowKey }]);
    };
    const upsert = (e: Entity) => {
      assertEntityLimits(e);
      out.push(['upsert', e, 'Replace']);
    };
    if (before.status !== after.status) del(statusRk(before.status, before.number));
    upsert(copyOf(after, statusRk(after.status, after.number)));
    if (isOpen(after.status)) upsert(copyOf(after, openRk(after.number)));
    else if (isOpen(before.status)) del(openRk(before.number));
    const oldDue = isOpen(before.status) ? dueRk(before) : undefined;
    const newDue = isOpen(after.status) ? dueEntity(after) : undefined;
    if (oldDue && oldDue !== newDue?.rowKey) del(oldDue);
    if (newDue && (oldDue !== newDue.rowKey || changesSummary(before, after))) upsert(newDue);
    return out;
  }

  private async missingListRows(before: Finding): Promise<Set<string>> {
    const keys = [statusRk(before.status, before.number), ...(isOpen(before.status) ? [openRk(before.number), dueRk(before)] : [])];
    const missing = new Set<string>();
    for (const rowKey of keys) {
      try {
        await getRow(this.table, pk(before.workspace), rowKey);
      } catch (e) {
        if (!isNotFound(e)) throw e;
        missing.add(rowKey);
      }
    }
    return missing;
  }

  /** The next open findings in due order after the summary's list, when `before` leaves it. */
  private async dueRefill(summary: FindingSummary, before: Finding): Promise<SummaryEntry[]> {
    const need = dueRefillNeeded(summary, before);
    if (!need) return [];
    const rows = await queryAll<Record<string, unknown>>(this.table, { partition: pk(before.workspace), rows: { gt: `D|${need.afterKey}`, lt: 'D}' } }, 2);
    return rows.map(dueEntryFrom).filter((e) => e.number !== need.skip);
  }

  async list(workspace: Workspace, filter: FindingListFilter, page: PageRequest): Promise<FindingPage> {
    await this.layout.ensure(workspace);
    const range = listRange(filter.statuses ?? OPEN_STATUSES);
    const resumeAt = range.prefix === 'F|' ? undefined : oldPosition(page.continuationToken);
    if (resumeAt !== undefined) range.rows = { ge: range.prefix + String(resumeAt).padStart(10, '0'), lt: range.rows.lt };
    const conditions: Condition[] = range.where ? [range.where] : [];
    if (filter.category) conditions.push(where.eq('category', filter.category));
    if (filter.owningRole) conditions.push(where.eq('owningRole', filter.owningRole));
    if (filter.overdueAt) conditions.push(where.lt('dueAt', filter.overdueAt));
    const query: RowQuery = { partition: pk(workspace), rows: range.rows, ...(conditions.length ? { where: conditions } : {}) };
    const pageSize = Math.min(Math.max(page.pageSize ?? 10, 1), 1000);
    const r = await queryFullPage<Record<string, unknown>>(this.table, query, { pageSize, ...(resumeAt === undefined && page.continuationToken ? { continuationToken: page.continuationToken } : {}) });
    const items = r.items.map((e) => (range.prefix === 'F|' ? fromEntity(e) : fromCopy(e)));
    return r.continuationToken ? { items, continuationToken: r.continuationToken } : { items };
  }

  async summary(workspace: Workspace): Promise<FindingSummary> {
    return (await this.layout.current(workspace, true)).summary;
  }

  async summaries(workspace: Workspace): Promise<FindingSummaries> {
    const rows = await queryAll<Record<string, unknown>>(this.table, { partition: pk(workspace), rows: { ge: 'Y|', lt: 'Y}' } });
    const row = (rk: string) => rows.find((r) => r.rowKey === rk);
    const stored = row(SUMMARY_RK);
    const findings = stored ? this.layout.accept(workspace, stored) : undefined;
    const quality = row(QUALITY_RK);
    const out: FindingSummaries = { findings: findings ?? (await this.layout.current(workspace, true)).summary };
    const q: QualityDigestState | undefined = quality ? qualityStateFrom(quality) : undefined;
    return q ? { ...out, quality: q } : out;
  }

  async markQualityPending(workspace: Workspace, token: string, since: string): Promise<string> {
    const res = await this.table.upsertEntity({ partitionKey: pk(workspace), rowKey: QUALITY_RK, pending: token, pendingSince: since }, 'Merge');
    return res.etag ?? '';
  }

  async saveQualityDigest(workspace: Workspace, digest: QualityDigest, expected: { etag: string } | { create: true }): Promise<boolean> {
    const e = qualityEntity(workspace, digest);
    try {
      if ('etag' in expected) {
        if (!isEtag(expected.etag)) return false;
        await this.table.updateEntity(e, 'Replace', { etag: expected.etag });
      } else await this.table.createEntity(e);
      return true;
    } catch (err) {
      const code = status(err);
      if (code === 412 || code === 409 || code === 404) return false;
      throw err;
    }
  }

  async history(workspace: Workspace, id: string, limit = 50): Promise<HistoryEntry[]> {
    const n = numberOf(id);
    if (n === undefined) return [];
    const prefix = historyPrefix(n);
    const rows = await queryAll<Record<string, unknown>>(this.table, { partition: pk(workspace), rows: { gt: prefix, lt: prefix + '~' } }, limit);
    return rows.map(historyFrom);
  }

  async saveImport(workspace: Workspace, batch: ImportBatch): Promise<void> {
    const e: Entity = { partitionKey: pk(workspace), rowKey: externalKey('I', batch.importId), importId: batch.importId, createdAt: batch.createdAt };
    putText(e, 'json', JSON.stringify(batch));
    assertEntityLimits(e);
    await this.table.upsertEntity(e, 'Replace');
  }

  async getImport(workspace: Workspace, importId: string): Promise<ImportBatch | undefined> {
    try {
      const e = await getRow<Record<string, unknown>>(this.table, pk(workspace), externalKey('I', importId));
      return JSON.parse(getText(e, 'json') ?? 'null') as ImportBatch;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }
}

