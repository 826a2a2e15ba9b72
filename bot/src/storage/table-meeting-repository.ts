// The meeting notes in Azure Table storage (table MeetingNotes), one partition per workspace:
// "O|current" holds the open meeting, its notes and attendees as JSON in one row, so the side
// panel is one point read and a note is one conditional write; "C|<close key>" holds a closed
// meeting, keyed by what closed it, so a redelivered meeting end finds its own with one point
// read and cannot close twice (the row is created in the same transaction that clears the open one).
import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { OpenMeeting } from '../domain/meetings/meeting-notes';
import type { ClosedMeeting, MeetingRepository, OpenSlot } from '../domain/meetings/meeting-repository';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { getRow, StorageContractError } from './checked-query';
import { assertEntityLimits } from './entity-limits';
import { isEtag } from './etag';
import { getText, putText } from './findings/long-text';
import { encodeKey } from './keys';

export const MEETING_TABLE = 'MeetingNotes';
export const MEETING_TABLES = [MEETING_TABLE] as const;

const OPEN_ROW = 'O|current';
const closedRow = (closeKey: string) => `C|${encodeKey(closeKey)}`;
const statusOf = (e: unknown) => (e instanceof RestError ? e.statusCode : undefined);
const pk = (ws: Workspace) => encodeKey(workspaceKey(ws));

type Row = Record<string, unknown> & { partitionKey: string; rowKey: string };

function toRow(ws: Workspace, rowKey: string, record: object): Row {
  const { etag: _etag, ...rest } = record as { etag?: string };
  const row: Row = { partitionKey: pk(ws), rowKey, state: 'open' };
  // A meeting's notes can pass one property's 32K characters: stored across numbered properties.
  putText(row, 'json', JSON.stringify(rest));
  assertEntityLimits(row);
  return row;
}

function fromRow<T>(row: Record<string, unknown>): T & { etag?: string } {
  const record = JSON.parse(getText(row, 'json') ?? '{}') as T & { etag?: string };
  if (typeof row.etag === 'string') record.etag = row.etag;
  return record;
}

export class TableMeetingRepository implements MeetingRepository {
  constructor(private readonly table: TableClient) {}

  private async read(ws: Workspace, rowKey: string): Promise<Record<string, unknown> | undefined> {
    try {
      return await getRow<Record<string, unknown>>(this.table, pk(ws), rowKey);
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  async open(ws: Workspace): Promise<OpenSlot> {
    const row = await this.read(ws, OPEN_ROW);
    if (!row) return {};
    const etag = typeof row.etag === 'string' ? row.etag : undefined;
    // A cleared row (the meeting was closed) keeps its ETag, so the next meeting's first note is conditional too.
    if (row.state !== 'open') return etag ? { etag } : {};
    return { meeting: fromRow<OpenMeeting>(row), ...(etag ? { etag } : {}) };
  }

  async saveOpen(ws: Workspace, meeting: OpenMeeting, etag?: string): Promise<{ etag: string } | 'conflict'> {
    const row = toRow(ws, OPEN_ROW, meeting);
    try {
      if (etag === undefined) return { etag: (await this.table.createEntity(row)).etag ?? '' };
      if (!isEtag(etag)) return 'conflict';
      return { etag: (await this.table.updateEntity(row, 'Replace', { etag })).etag ?? '' };
    } catch (e) {
      if (statusOf(e) === 409 || statusOf(e) === 412 || statusOf(e) === 404) return 'conflict';
      throw e;
    }
  }

  async close(ws: Workspace, closed: ClosedMeeting, etag: string): Promise<{ etag: string } | 'conflict' | 'duplicate'> {
    if (!isEtag(etag)) return 'conflict';
    const rowKey = closedRow(closed.closeKey);
    const cleared: Row = { partitionKey: pk(ws), rowKey: OPEN_ROW, state: 'closed', closedInto: closed.closeKey };
    const actions: TransactionAction[] = [['update', cleared, 'Replace', { etag }], ['create', { ...toRow(ws, rowKey, closed), state: 'closed' }]];
    try {
      const res = await this.table.submitTransaction(actions);
      return { etag: res.getResponseForEntity(rowKey)?.etag ?? res.subResponses[1]?.etag ?? '' };
    } catch (e) {
      if (statusOf(e) === 412) return 'conflict';
      if (statusOf(e) === 409) return (await this.read(ws, rowKey)) ? 'duplicate' : 'conflict';
      throw e;
    }
  }

  async closed(ws: Workspace, closeKey: string): Promise<ClosedMeeting | undefined> {
    const row = await this.read(ws, closedRow(closeKey));
    if (!row) return undefined;
    const closed = fromRow<ClosedMeeting>(row);
    // The key is encoded, the record is not: both must name the same trigger.
    if (closed.closeKey !== closeKey) throw new StorageContractError(`table ${this.table.tableName} returned the closed meeting of ${JSON.stringify(closed.closeKey)} for ${JSON.stringify(closeKey)}`);
    return closed;
  }

  async saveClosed(ws: Workspace, closed: ClosedMeeting): Promise<{ etag: string } | 'conflict'> {
    if (!closed.etag || !isEtag(closed.etag)) return 'conflict';
    const row = { ...toRow(ws, closedRow(closed.closeKey), closed), state: 'closed' };
    try {
      return { etag: (await this.table.updateEntity(row, 'Replace', { etag: closed.etag })).etag ?? '' };
    } catch (e) {
      if (statusOf(e) === 412 || statusOf(e) === 404) return 'conflict';
      throw e;
    }
  }
}
