// Incidents in one table, partitioned by workspace. The incident's record, its timeline rows
// and the idempotency records of actions on it live in the same partition, so an action is
// one atomic transaction: replace the incident (with its ETag), add the timeline entries,
// add the idempotency record. Either all of it happens or none, so a repeated delivery can
// never apply twice and a timeline never shows a step that did not happen.
//
// RowKeys:  I|<9999999999-n>            incident n (newest first when listing)
//           T|<n, 10 digits>|<seq, 6>    timeline entry
//           K|<encoded key>              idempotency record
//           S|settings                   the workspace's time zone and severity targets
import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { Workspace } from '../domain/workspace';
import { workspaceKey } from '../domain/workspace';
import type { Incident, TimelineEntry } from '../domain/incidents/incident';
import { isOpen, parseSrNumber } from '../domain/incidents/incident';
import type {
  IdempotencyRecord,
  IncidentFilter,
  IncidentRepository,
  IncidentSettings,
  Page,
  PageRequest,
  StoredIncident,
  WriteOutcome,
} from '../domain/incidents/incident-repository';
import { assertEntityLimits, MAX_BATCH_OPERATIONS } from './entity-limits';
import { encodeKey } from './keys';
import { isNotFound } from './table-store';
import { type Condition, getRow, queryFullPage, type RowQuery, StorageContractError, where } from './checked-query';
import { isEtag } from './etag';
import { INCIDENT_DUE_TABLE } from './table-incident-due-index';

/** Logical table names for TableStore.ensureTables (SR numbers use the core Counters table). */
export const INCIDENT_TABLES = ['Incidents', 'Counters', INCIDENT_DUE_TABLE] as const;

const MAX_N = 9_999_999_999;
const incidentRowKey = (n: number) => `I|${String(MAX_N - n).padStart(10, '0')}`;
const timelinePrefix = (n: number) => `T|${String(n).padStart(10, '0')}|`;
const timelineRowKey = (n: number, seq: number) => `${timelinePrefix(n)}${String(seq).padStart(6, '0')}`;
const idemRowKey = (key: string) => `K|${encodeKey(key)}`;
const SETTINGS_ROW = 'S|settings';
const pk = (ws: Workspace) => encodeKey(workspaceKey(ws));

type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };

function incidentEntity(i: Incident): Entity {
  const e: Entity = {
    partitionKey: pk(i.workspace),
    rowKey: incidentRowKey(i.number),
    kind: 'incident',
    id: i.id,
    state: i.state,
    open: isOpen(i.state),
    severity: i.severity,
    recordedAt: i.recordedAt,
    nextUpdateDueAt: i.nextUpdateDueAt ?? '',
    data: JSON.stringify(i),
  };
  assertEntityLimits(e);
  return e;
}

function timelineEntity(ws: Workspace, n: number, t: TimelineEntry): Entity {
  const e: Entity = { partitionKey: pk(ws), rowKey: timelineRowKey(n, t.seq), kind: 'timeline', at: t.at, data: JSON.stringify(t) };
  assertEntityLimits(e);
  return e;
}

function idemEntity(ws: Workspace, r: IdempotencyRecord): Entity {
  const e: Entity = { partitionKey: pk(ws), rowKey: idemRowKey(r.key), kind: 'idempotency', data: JSON.stringify(r) };
  assertEntityLimits(e);
  return e;
}

export class TableIncidentRepository implements IncidentRepository {
  constructor(private readonly table: TableClient) {}

  async get(ws: Workspace, id: string): Promise<StoredIncident | undefined> {
    const sr = parseSrNumber(id);
    if (!sr) return undefined;
    try {
      const e = await getRow<{ data: string }>(this.table, pk(ws), incidentRowKey(sr.n));
      const incident = JSON.parse(e.data) as Incident;
      // The month part must match too: SR-202401-0007 and SR-202402-0007 are not the same.
      if (incident.id.toUpperCase() !== id.trim().toUpperCase()) return undefined;
      return { incident, etag: e.etag };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async create(incident: Incident, entries: readonly TimelineEntry[], idempotency?: IdempotencyRecord): Promise<WriteOutcome> {
    return this.write(incident, ['create', incidentEntity(incident)], entries, idempotency);
  }

  async update(incident: Incident, etag: string, entries: readonly TimelineEntry[], idempotency?: IdempotencyRecord): Promise<WriteOutcome> {
    if (!isEtag(etag)) return { ok: false, reason: 'conflict' };
    return this.write(incident, ['update', incidentEntity(incident), 'Replace', { etag }], entries, idempotency);
  }

  private async write(incident: Incident, head: TransactionAction, entries: readonly TimelineEntry[], idem?: IdempotencyRecord): Promise<WriteOutcome> {
    const ws = incident.workspace;
    const actions: TransactionAction[] = [head, ...entries.map((t): TransactionAction => ['create', timelineEntity(ws, incident.number, t)])];
    if (idem) actions.push(['create', idemEntity(ws, idem)]);
    if (actions.length > MAX_BATCH_OPERATIONS) throw new Error(`one incident change would write ${actions.length} rows; the limit is ${MAX_BATCH_OPERATIONS}`);
    try {
      const res = await this.table.submitTransaction(actions);
      const etag = res.getResponseForEntity(incidentRowKey(incident.number))?.etag ?? res.subResponses[0]?.etag;
      if (!etag) throw new Error('the transaction returned no ETag for the incident');
      return { ok: true, etag };
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 412) return { ok: false, reason: 'conflict' };
      if (e instanceof RestError && e.statusCode === 409) {
        // Which row already existed? The idempotency record means a repeated delivery.
        if (idem && (await this.getIdempotency(ws, idem.key))) return { ok: false, reason: 'duplicate' };
        return { ok: false, reason: 'conflict' };
      }
      throw e;
    }
  }

  async getIdempotency(ws: Workspace, key: string): Promise<IdempotencyRecord | undefined> {
    try {
      const e = await getRow<{ data: string }>(this.table, pk(ws), idemRowKey(key));
      return JSON.parse(e.data) as IdempotencyRecord;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async timeline(ws: Workspace, incidentId: string, page: PageRequest): Promise<Page<TimelineEntry>> {
    const sr = parseSrNumber(incidentId);
    if (!sr) return { items: [] };
    const prefix = timelinePrefix(sr.n);
    const r = await this.page<{ data: string }>({ partition: pk(ws), rows: { ge: prefix, lt: prefix.slice(0, -1) + '}' } }, page);
    return { items: r.items.map((e) => JSON.parse(e.data) as TimelineEntry), continuation: r.continuation };
  }

  async list(ws: Workspace, filter: IncidentFilter, page: PageRequest): Promise<Page<StoredIncident>> {
    const parts: Condition[] = [];
    const state = filter.state ?? 'open';
    if (state === 'open') parts.push(where.eq('open', true));
    else if (state !== 'all') parts.push(where.eq('state', state));
    if (filter.severity) parts.push(where.eq('severity', filter.severity));
    if (filter.updateOverdueAt) parts.push(where.eq('open', true), where.gt('nextUpdateDueAt', ''), where.lt('nextUpdateDueAt', filter.updateOverdueAt.toISOString()));
    if (filter.recordedFrom) parts.push(where.ge('recordedAt', filter.recordedFrom.toISOString()));
    if (filter.recordedTo) parts.push(where.lt('recordedAt', filter.recordedTo.toISOString()));
    const r = await this.page<{ data: string; etag: string }>({ partition: pk(ws), rows: { ge: 'I|', lt: 'I}' }, where: parts }, page);
    return { items: r.items.map((e) => ({ incident: JSON.parse(e.data) as Incident, etag: e.etag })), continuation: r.continuation };
  }

  async listOpenEverywhere(page: PageRequest): Promise<Page<StoredIncident>> {
    const r = await this.page<{ data: string; etag: string; partitionKey: string }>({ rows: { ge: 'I|', lt: 'I}' }, where: [where.eq('open', true)] }, page);
    return {
      items: r.items.map((e) => {
        const incident = JSON.parse(e.data) as Incident;
        // Rows of every workspace come back together: each must sit in its own workspace's partition.
        if (pk(incident.workspace) !== e.partitionKey) throw new StorageContractError(`table ${this.table.tableName} returned incident ${incident.id} from another workspace's partition`);
        return { incident, etag: e.etag };
      }),
      continuation: r.continuation,
    };
  }

  /** Full pages, and a token that resumes exactly after the last row handed out. */
  private async page<T extends object>(query: RowQuery, req: PageRequest): Promise<Page<T & { etag: string }>> {
    const r = await queryFullPage<T>(this.table, query, { pageSize: req.limit, continuationToken: req.continuation });
    return { items: r.items as (T & { etag: string })[], continuation: r.continuationToken };
  }

  async getSettings(ws: Workspace): Promise<IncidentSettings | undefined> {
    try {
      const e = await getRow<{ data: string }>(this.table, pk(ws), SETTINGS_ROW);
      return JSON.parse(e.data) as IncidentSettings;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async saveSettings(ws: Workspace, settings: IncidentSettings): Promise<void> {
    // Settings are edited by one admin at a time from the tab; last writer wins is acceptable.
    const e: Entity = { partitionKey: pk(ws), rowKey: SETTINGS_ROW, kind: 'settings', data: JSON.stringify(settings) };
    assertEntityLimits(e);
    await this.table.upsertEntity(e, 'Replace');
  }
}
