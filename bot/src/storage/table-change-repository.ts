// Requests for change: the C rows of the problems-and-changes table (table-change-control.ts).
import type { TableClient } from '@azure/data-tables';
import { type ChangeRequest, isOpenChange } from '../domain/changes/change';
import type { ChangeRepository } from '../domain/changes/change-service';
import { summaryAfterChange } from '../domain/changes/control-summary';
import { TableControlRecords } from './table-change-control';

export class TableChangeRepository extends TableControlRecords<ChangeRequest> implements ChangeRepository {
  constructor(table: TableClient) {
    super(table, { kind: 'C', isOpen: isOpenChange, summarize: summaryAfterChange });
  }
}
