// Link unfurling: one of the app's links to a finding or an incident on a tab view, pasted into
// a compose box, becomes the record's card. The record is looked up in the workspace the link
// is pasted in: a link into another team's board unfurls to nothing there.
import { parseRecordLink } from '../../domain/message-extension/record-link';
import type { RecordSearch } from '../../domain/message-extension/record-search';
import type { ActionContext } from '../card-actions';
import type { RecordResults } from './record-results';
import type { ResultItem } from './responses';

export async function unfurlLink(url: string, ctx: ActionContext, deps: { search: RecordSearch; results: RecordResults }): Promise<ResultItem[]> {
  const link = parseRecordLink(url);
  if (!link) return [];
  const query = link.kind === 'finding' ? { kind: 'finding-id' as const, id: link.id } : { kind: 'incident-id' as const, id: link.id };
  const hits = await deps.search.search(ctx.workspace, query);
  return deps.results.hits(ctx.workspace, hits, ctx.actor.id);
}
