// Problem records: the P rows of the problems-and-changes table (table-change-control.ts).
import type { TableClient } from '@azure/data-tables';
import { summaryAfterProblem } from '../domain/changes/control-summary';
import { isOpenProblem, type Problem } from '../domain/problems/problem';
import type { ProblemRepository } from '../domain/problems/problem-service';
import { TableControlRecords } from './table-change-control';

export class TableProblemRepository extends TableControlRecords<Problem> implements ProblemRepository {
  constructor(table: TableClient) {
    super(table, { kind: 'P', isOpen: isOpenProblem, summarize: summaryAfterProblem });
  }
}
