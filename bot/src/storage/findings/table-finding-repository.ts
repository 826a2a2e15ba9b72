// Findings in Azure Table storage. One table, one partition per workspace, four kinds of rows:
//   F|<number, 10 digits>              the finding (RowKey order = filing order)
//   H|<number>|<inverted version>      its history, newest first
//   K|<encoded idempotency key>        "this activity filed that finding"
//   I|<encoded import id>              proposals of a CSV import awaiting confirmation
// Keeping them in one partition lets every change be one entity-group transaction: a finding is
// never created twice (the K row is created with it), and never changes without its history row
// (the update carries the ETag the change was based on, and the H row is inserted with it).
import { createHash } from 'node:crypto';
import { RestError, type TableClient, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import type { CategoryId, AreaId } from '../../domain/findings/catalog';
import type { ImportBatch } from '../../domain/findings/cqd-import';
import { type Finding, type FindingStatus, type HistoryEntry, OPEN_STATUSES, parseFindingId } from '../../domain/findings/finding';
import type { CreateOutcome, FindingListFilter, FindingPage, FindingRepository, PageRequest, UpdateOutcome } from '../../domain/findings/finding-repository';
import { type Workspace, workspaceKey } from '../../domain/workspace';
import { assertEntityLimits } from '../entity-limits';
import { getRow, queryAll, queryFullPage, where } from '../checked-query';
import { isEtag } from '../etag';
import { encodeKey } from '../keys';
import { isNotFound } from '../table-store';
import { getText, putText } from './long-text';

export const FINDING_TABLES = ['Findings'] as const;

type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };

const pk = (ws: Workspace) => encodeKey(workspaceKey(ws));
const num10 = (n: number) => String(n).padStart(10, '0');
const findingRk = (n: number) => `F|${num10(n)}`;
const historyPrefix = (n: number) => `H|${num10(n)}|`;
const historyRk = (n: number, version: number) => historyPrefix(n) + num10(9_999_999_999 - version);

/** Keys from outside (activity ids, import ids) are encoded; very long ones are hashed to fit. */
function externalKey(kind: 'K' | 'I', key: string): string {
  const encoded = key.length <= 400 ? encodeKey(key) : '';
  return encoded && encoded.length <= 400 ? `${kind}|${encoded}` : `${kind}|sha256-${createHash('sha256').update(key).digest('hex')}`;
}

function numberOf(id: string): number | undefined {
  const p = parseFindingId(id);
  return p && p.prefix === 'QF' ? p.number : undefined;
}

function toEntity(f: Finding): Entity {
  const e: Entity = {
    partitionKey: pk(f.workspace),
    rowKey: findingRk(f.number),
    tenantId: f.workspace.tenantId,
    scope: f.workspace.scope,
    scopeId: f.workspace.scopeId,
    findingId: f.id,
    number: f.number,
    category: f.category,
    area: f.area,
    owningRole: f.owningRole,
    status: f.status,
    createdAt: f.createdAt,
    createdById: f.createdBy.id,
    createdByName: f.createdBy.name,
    updatedAt: f.updatedAt,
    updatedById: f.updatedBy.id,
    updatedByName: f.updatedBy.name,
    statusSince: f.statusSince,
    source: f.source,
    version: f.version,
  };
  const opt: [string, string | undefined][] = [
    ['building', f.building], ['subnet', f.subnet], ['networkType', f.networkType], ['metric', f.metric], ['metricName', f.metricName],
    ['unit', f.unit], ['evidence', f.evidence], ['statusReason', f.statusReason], ['dueAt', f.dueAt],
  ];
  for (const [k, v] of opt) putText(e, k, v);
  putText(e, 'description', f.description);
  // Numbers as strings: a whole number would otherwise come back typed Int32 and 4.10 as 4.1.
  if (f.value !== undefined) e.value = String(f.value);
  if (f.target !== undefined) e.target = String(f.target);
  return e;
}

function fromEntity(e: TableEntityResult<Record<string, unknown>>): Finding {
  const s = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : undefined);
  const f: Finding = {
    workspace: { tenantId: s('tenantId')!, scope: s('scope') === 'chat' ? 'chat' : 'team', scopeId: s('scopeId')! },
    id: s('findingId')!,
    number: Number(e.number),
    category: s('category') as CategoryId,
    area: s('area') as AreaId,
    description: getText(e, 'description') ?? '',
    owningRole: s('owningRole')!,
    status: s('status') as FindingStatus,
    createdAt: s('createdAt')!,
    createdBy: { id: s('createdById')!, name: s('createdByName') ?? '' },
    updatedAt: s('updatedAt')!,
    updatedBy: { id: s('updatedById')!, name: s('updatedByName') ?? '' },
    statusSince: s('statusSince')!,
    source: (s('source') ?? 'chat') as Finding['source'],
    version: Number(e.version),
    etag: e.etag,
  };
  const text: (keyof Finding)[] = ['building', 'subnet', 'networkType', 'metric', 'metricName', 'unit', 'evidence', 'statusReason', 'dueAt'];
  for (const k of text) {
    const v = getText(e, k);
    if (v !== undefined) (f as unknown as Record<string, unknown>)[k] = v;
  }
  if (e.value !== undefined) f.value = Number(e.value);
  if (e.target !== undefined) f.target = Number(e.target);
  return f;
}

function historyEntity(ws: Workspace, number: number, h: HistoryEntry): Entity {
  const e: Entity = {
    partitionKey: pk(ws), rowKey: historyRk(number, h.version),
    findingId: h.findingId, version: h.version, at: h.at, actorId: h.actor.id, actorName: h.actor.name, action: h.action, to: h.to, summary: h.summary,
  };
  if (h.from) e.from = h.from;
  putText(e, 'text', h.text);
  return e;
}

function historyFrom(e: Record<string, unknown>): HistoryEntry {
  const h: HistoryEntry = {
    findingId: String(e.findingId), version: Number(e.version), at: String(e.at), actor: { id: String(e.actorId), name: String(e.actorName ?? '') },
    action: e.action as HistoryEntry['action'], to: e.to as FindingStatus, summary: String(e.summary),
  };
  if (typeof e.from === 'string') h.from = e.from as FindingStatus;
  const text = getText(e, 'text');
  if (text !== undefined) h.text = text;
  return h;
}

const status = (e: unknown) => (e instanceof RestError ? e.statusCode : undefined);

export class TableFindingRepository implements FindingRepository {
  constructor(private readonly table: TableClient) {}

  async create(finding: Finding, history: HistoryEntry, idempotencyKey: string): Promise<CreateOutcome> {
    const f = toEntity(finding);
    const h = historyEntity(finding.workspace, finding.number, history);
    const k: Entity = { partitionKey: f.partitionKey, rowKey: externalKey('K', idempotencyKey), findingId: finding.id };
    for (const e of [f, h, k]) assertEntityLimits(e);
    try {
      const res = await this.table.submitTransaction([['create', f], ['create', h], ['create', k]]);
      return { created: true, finding: { ...finding, etag: res.subResponses[0]?.etag } };
    } catch (e) {
      if (status(e) !== 409) throw e;
      const existing = await this.idempotent(finding.workspace, idempotencyKey);
      if (existing) return { created: false, existingId: existing };
      throw e; // a clash on the finding row itself: the counter handed out a used number
    }
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

  async update(finding: Finding, history: HistoryEntry, etag: string): Promise<UpdateOutcome> {
    if (!isEtag(etag)) return { ok: false, reason: 'conflict' };
    const f = toEntity(finding);
    const h = historyEntity(finding.workspace, finding.number, history);
    assertEntityLimits(f);
    assertEntityLimits(h);
    const actions: TransactionAction[] = [['update', f, 'Replace', { etag }], ['create', h]];
    try {
      const res = await this.table.submitTransaction(actions);
      return { ok: true, finding: { ...finding, etag: res.subResponses[0]?.etag } };
    } catch (e) {
      const code = status(e);
      // 412: the ETag is stale. 409: the history row of this version exists, i.e. someone else
      // stored the same version first (same race, seen from the other row).
      if (code === 412 || code === 409) return { ok: false, reason: 'conflict' };
      if (code === 404) return { ok: false, reason: 'not-found' };
      throw e;
    }
  }

  async list(workspace: Workspace, filter: FindingListFilter, page: PageRequest): Promise<FindingPage> {
    const conditions = [where.oneOf('status', filter.statuses ?? OPEN_STATUSES)];
    if (filter.category) conditions.push(where.eq('category', filter.category));
    if (filter.owningRole) conditions.push(where.eq('owningRole', filter.owningRole));
    if (filter.overdueAt) conditions.push(where.lt('dueAt', filter.overdueAt));
    const query = { partition: pk(workspace), rows: { ge: 'F|', lt: 'F}' }, where: conditions };
    const pageSize = Math.min(Math.max(page.pageSize ?? 10, 1), 1000);
    const r = await queryFullPage<Record<string, unknown>>(this.table, query, { pageSize, continuationToken: page.continuationToken });
    const items = r.items.map(fromEntity);
    return r.continuationToken ? { items, continuationToken: r.continuationToken } : { items };
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
