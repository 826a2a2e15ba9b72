// Runbook runs in Azure Table storage (table RunbookRuns), one partition per workspace, one row
// per run ("Run|<id>"): the run as JSON, guarded by its ETag like every ops record; the record
// repository checks that each row read back is the partition, row and id it asked for.
import type { TableClient } from '@azure/data-tables';
import type { RunbookRun, RunbookRunRepository } from '../domain/runbooks/runbook-service';
import { TableOpsRecordRepository } from './ops/table-ops-record-repository';

export const RUNBOOK_RUN_TABLE = 'RunbookRuns';
export const RUNBOOK_TABLES = [RUNBOOK_RUN_TABLE] as const;

export function tableRunbookRunRepository(table: TableClient): RunbookRunRepository {
  return new TableOpsRecordRepository<RunbookRun>(table, { kind: 'Run' });
}
