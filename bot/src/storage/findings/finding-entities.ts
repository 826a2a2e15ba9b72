// How a finding and its history are stored: the row shapes and the keys of the Findings table.
// The finding row (F|), its two list copies (O| and S|) and the due index row (D|) are built
// here, so every writer and the layout migration derive them the same way.
import { createHash } from 'node:crypto';
import type { TableEntityResult } from '@azure/data-tables';
import type { CategoryId, AreaId } from '../../domain/findings/catalog';
import { type Finding, type FindingStatus, type HistoryEntry, isOpen, parseFindingId } from '../../domain/findings/finding';
import { dueOrderKey, type SummaryEntry, summaryEntry } from '../../domain/findings/finding-summary';
import { type Workspace, workspaceKey } from '../../domain/workspace';
import { encodeKey } from '../keys';
import { getText, putText } from './long-text';

export type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };

export const pk = (ws: Workspace) => encodeKey(workspaceKey(ws));
const num10 = (n: number) => String(n).padStart(10, '0');
export const findingRk = (n: number) => `F|${num10(n)}`;
export const historyPrefix = (n: number) => `H|${num10(n)}|`;
const historyRk = (n: number, version: number) => historyPrefix(n) + num10(9_999_999_999 - version);

/** Keys from outside (activity ids, import ids) are encoded; very long ones are hashed to fit. */
export function externalKey(kind: 'K' | 'I', key: string): string {
  const encoded = key.length <= 400 ? encodeKey(key) : '';
  return encoded && encoded.length <= 400 ? `${kind}|${encoded}` : `${kind}|sha256-${createHash('sha256').update(key).digest('hex')}`;
}

export function numberOf(id: string): number | undefined {
  const p = parseFindingId(id);
  return p && p.prefix === 'QF' ? p.number : undefined;
}

export function toEntity(f: Finding): Entity {
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

export function fromEntity(e: TableEntityResult<Record<string, unknown>>): Finding {
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

export function historyEntity(ws: Workspace, number: number, h: HistoryEntry): Entity {
  const e: Entity = {
    partitionKey: pk(ws), rowKey: historyRk(number, h.version),
    findingId: h.findingId, version: h.version, at: h.at, actorId: h.actor.id, actorName: h.actor.name, action: h.action, to: h.to, summary: h.summary,
  };
  if (h.from) e.from = h.from;
  putText(e, 'text', h.text);
  return e;
}

export function historyFrom(e: Record<string, unknown>): HistoryEntry {
  const h: HistoryEntry = {
    findingId: String(e.findingId), version: Number(e.version), at: String(e.at), actor: { id: String(e.actorId), name: String(e.actorName ?? '') },
    action: e.action as HistoryEntry['action'], to: e.to as FindingStatus, summary: String(e.summary),
  };
  if (typeof e.from === 'string') h.from = e.from as FindingStatus;
  const text = getText(e, 'text');
  if (text !== undefined) h.text = text;
  return h;
}


// ---- the lists' rows ----------------------------------------------------------------------------
// O|<number>            every open finding, a full copy: the default list reads only these
// S|<status>|<number>   every finding under its status, a full copy: one status is one key range
// D|<due>|<number>      every open finding in due order, a few fields: refills the summary's due list
// Copies are written in the same transaction as the finding row, so they never disagree with it.

export const openRk = (n: number) => `O|${num10(n)}`;
export const statusPrefix = (s: FindingStatus) => `S|${s}|`;
export const statusRk = (s: FindingStatus, n: number) => statusPrefix(s) + num10(n);
export const dueRk = (e: Pick<SummaryEntry, 'dueAt' | 'number'>) => `D|${dueOrderKey(e)}`;
export const SUMMARY_RK = 'Y|findings';
export const QUALITY_RK = 'Y|quality';

/** The same finding under another RowKey. */
export const copyOf = (f: Finding, rowKey: string): Entity => ({ ...toEntity(f), rowKey });

export function dueEntity(f: Finding): Entity {
  const e = summaryEntry(f);
  const row: Entity = { partitionKey: pk(f.workspace), rowKey: dueRk(e), findingId: e.id, number: e.number, status: e.status, createdAt: e.createdAt };
  putText(row, 'title', e.title);
  if (e.dueAt !== undefined) row.dueAt = e.dueAt;
  return row;
}

export function dueEntryFrom(row: Record<string, unknown>): SummaryEntry {
  const e: SummaryEntry = { id: String(row.findingId), number: Number(row.number), title: getText(row, 'title') ?? '', status: row.status as FindingStatus, createdAt: String(row.createdAt) };
  if (typeof row.dueAt === 'string') e.dueAt = row.dueAt;
  return e;
}

/** Every list row the finding has in its current state. */
export function listRows(f: Finding): Entity[] {
  const rows = [copyOf(f, statusRk(f.status, f.number))];
  if (isOpen(f.status)) rows.push(copyOf(f, openRk(f.number)), dueEntity(f));
  return rows;
}

/** A copy read back: the ETag is the copy's, not the finding's, so it is not handed out. */
export function fromCopy(e: TableEntityResult<Record<string, unknown>>): Finding {
  const f = fromEntity(e);
  delete f.etag;
  return f;
}
