// The search command: findings and incidents of the caller's workspace by number, status or
// text, each result the record's real card. Parse (domain/message-extension/record-query.ts),
// search (record-search.ts, through the features' services), render (RecordResults).
import { parseRecordQuery } from '../../domain/message-extension/record-query';
import type { RecordSearch } from '../../domain/message-extension/record-search';
import type { ActionContext } from '../card-actions';
import type { SearchRequest } from './invoke-payload';
import type { RecordResults } from './record-results';
import type { ResultItem } from './responses';

export interface SearchDeps {
  search: RecordSearch;
  results: RecordResults;
}

export async function searchRecords(request: SearchRequest, ctx: ActionContext, deps: SearchDeps): Promise<ResultItem[]> {
  const query = parseRecordQuery(request.text);
  const hits = await deps.search.search(ctx.workspace, query, { skip: request.skip, count: request.count });
  return deps.results.hits(ctx.workspace, hits, ctx.actor.id);
}
