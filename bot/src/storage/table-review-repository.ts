// Management review runs in Azure Table storage: one table, one partition per workspace (tenant
// plus team or chat), these rows:
//   R|<number, 10 digits>   a run (point read by its number)
//   Y|summary               per review: the open run, the last outcome, the decisions to carry; the next number
// A run starts and closes in one entity-group transaction with the summary (written with the
// ETag it was read with), so they never disagree and two people starting the same review at
// once get one run. Answers, decisions and outputs replace the run alone, on its ETag.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { ReviewRun } from '../domain/reviews/review';
import type { ReviewRepository } from '../domain/reviews/review-service';
import { EMPTY_REVIEW_SUMMARY, REVIEW_SUMMARY_SCHEMA, type ReviewSummary } from '../domain/reviews/review-summary';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { getRow, StorageContractError } from './checked-query';
import { assertEntityLimits } from './entity-limits';
import { isEtag, transactionEtags } from './etag';
import { getText, putText } from './findings/long-text';
import { encodeKey } from './keys';
import { isConflict, isNotFound } from './table-store';

export const REVIEW_TABLE = 'Reviews';
export const REVIEW_TABLES = [REVIEW_TABLE] as const;

const SUMMARY_RK = 'Y|summary';
const SUMMARY_ATTEMPTS = 8;
const MAX_NUMBER = 9_999_999_999;

type Row = Record<string, unknown> & { partitionKey: string; rowKey: string };

const pk = (ws: Workspace) => encodeKey(workspaceKey(ws));
const runRk = (n: number) => `R|${String(n).padStart(10, '0')}`;

function entity(ws: Workspace, rowKey: string, value: object, extra: Record<string, unknown> = {}): Row {
  const { etag: _etag, ...rest } = value as { etag?: string };
  const row: Row = { partitionKey: pk(ws), rowKey, ...extra };
  putText(row, 'json', JSON.stringify(rest));
  assertEntityLimits(row);
  return row;
}

export class TableReviewRepository implements ReviewRepository {
  constructor(private readonly table: TableClient) {}

  async summary(ws: Workspace): Promise<{ summary: ReviewSummary; etag?: string }> {
    try {
      const row = await getRow<Record<string, unknown>>(this.table, pk(ws), SUMMARY_RK);
      const s = JSON.parse(getText(row, 'json') ?? 'null') as ReviewSummary | null;
      return { summary: s && s.schema === REVIEW_SUMMARY_SCHEMA ? s : EMPTY_REVIEW_SUMMARY, etag: row.etag };
    } catch (e) {
      if (isNotFound(e)) return { summary: EMPTY_REVIEW_SUMMARY };
      throw e;
    }
  }

  /** The run of a row, checked: the key, the number and the workspace must be the ones asked for. */
  private fromRow(ws: Workspace, number: number, row: Record<string, unknown>): ReviewRun {
    const run = JSON.parse(getText(row, 'json') ?? 'null') as ReviewRun | null;
    if (!run || run.number !== number || String(row.rowKey) !== runRk(number) || String(row.partitionKey) !== pk(ws) || workspaceKey(run.workspace) !== workspaceKey(ws)) {
      throw new StorageContractError(`table ${this.table.tableName} returned row ${JSON.stringify(row.rowKey)}, which does not hold review run ${number} of this workspace`);
    }
    return { ...run, ...(typeof row.etag === 'string' ? { etag: row.etag } : {}) };
  }

  async get(ws: Workspace, number: number): Promise<ReviewRun | undefined> {
    if (!Number.isSafeInteger(number) || number < 1 || number > MAX_NUMBER) return undefined;
    try {
      return this.fromRow(ws, number, await getRow<Record<string, unknown>>(this.table, pk(ws), runRk(number)));
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  private summaryOp(ws: Workspace, summary: ReviewSummary, etag: string | undefined): TransactionAction {
    const y = entity(ws, SUMMARY_RK, summary, { schema: REVIEW_SUMMARY_SCHEMA });
    return etag ? ['update', y, 'Replace', { etag }] : ['create', y];
  }

  async create(run: ReviewRun, summary: ReviewSummary, summaryEtag: string | undefined): Promise<ReviewRun | 'conflict'> {
    const r = entity(run.workspace, runRk(run.number), run, { templateId: run.templateId, status: run.status });
    try {
      const res = await this.table.submitTransaction([['create', r], this.summaryOp(run.workspace, summary, summaryEtag)]);
      const [etag] = transactionEtags(res.subResponses, [r.rowKey]);
      return { ...run, ...(etag ? { etag } : {}) };
    } catch (e) {
      if (isConflict(e)) return 'conflict';
      throw e;
    }
  }

  async update(after: ReviewRun, expectedEtag: string, summary?: (current: ReviewSummary) => ReviewSummary): Promise<ReviewRun | 'conflict'> {
    if (!isEtag(expectedEtag)) return 'conflict';
    const r = entity(after.workspace, runRk(after.number), after, { templateId: after.templateId, status: after.status });
    for (let attempt = 0; attempt < SUMMARY_ATTEMPTS; attempt++) {
      const actions: TransactionAction[] = [['update', r, 'Replace', { etag: expectedEtag }]];
      if (summary) {
        const base = await this.summary(after.workspace);
        actions.push(this.summaryOp(after.workspace, summary(base.summary), base.etag));
      }
      try {
        const res = await this.table.submitTransaction(actions);
        const [etag] = transactionEtags(res.subResponses, [r.rowKey]);
        return { ...after, ...(etag ? { etag } : {}) };
      } catch (e) {
        if (!isConflict(e) && !isNotFound(e)) throw e;
        // The run itself moved on (or went): a conflict. Only the summary lost a race: again.
        const stored = await this.get(after.workspace, after.number);
        if (!summary || !stored || stored.etag !== expectedEtag) return 'conflict';
      }
    }
    throw new Error(`the reviews summary of this workspace kept changing; ${after.id} was not saved`);
  }
}
