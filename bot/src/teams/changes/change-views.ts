// How requests for change render for chat and the tab, and where a request form starts from:
// a finding's remediation, a problem, a reminder task, or nothing in particular.
import { renderChangeCard, type ChangeCardInput } from '../../cards/change-card';
import { renderChangeFormCard } from '../../cards/change-form-card';
import { type ChangeListFilter, CHANGE_LIST_PAGE_SIZE, renderChangeListCard } from '../../cards/change-list-card';
import type { ChangeRequest, ChangeSource } from '../../domain/changes/change';
import type { ChangeService } from '../../domain/changes/change-service';
import type { Workspace } from '../../domain/workspace';

/** The title of the finding or problem a change is raised from, when it exists in the workspace. */
export interface ChangeSourceTitles {
  title(workspace: Workspace, source: ChangeSource): Promise<string | undefined>;
}

export type Card = Record<string, unknown>;

export const sourceWords = (s: ChangeSource) => (s.kind === 'manual' ? 'a direct request' : s.kind === 'task' ? `the task "${s.title}"` : `${s.kind} ${s.id}`);

export class ChangeViews {
  constructor(readonly service: ChangeService, readonly sources: ChangeSourceTitles) {}

  card(change: ChangeRequest, note: Omit<ChangeCardInput, 'change'> = {}): Card {
    return renderChangeCard({ change, ...note });
  }

  /** The request form for a source; undefined when the source is not in this workspace. */
  async formCard(ws: Workspace, source: ChangeSource, message?: string, values?: Record<string, string>): Promise<Card | undefined> {
    const title = source.kind === 'manual' ? '' : await this.sources.title(ws, source);
    if (title === undefined) return undefined;
    const suggested = source.kind === 'task' ? title : title ? `Remove the cause of ${source.kind === 'manual' ? '' : source.id}: ${title}` : '';
    return renderChangeFormCard({ source, from: sourceWords(source), values: { title: suggested, ...values }, ...(message ? { message } : {}) });
  }

  async listCard(ws: Workspace, filter: ChangeListFilter, continuation?: string, message?: string): Promise<Card> {
    const [page, summary] = await Promise.all([
      this.service.list(ws, filter, { limit: CHANGE_LIST_PAGE_SIZE, ...(continuation ? { continuation } : {}) }),
      this.service.summary(ws),
    ]);
    return renderChangeListCard({ items: page.items, filter, awaitingReview: summary.emergencyTotal, ...(page.continuation ? { continuation: page.continuation } : {}), ...(message ? { message } : {}) });
  }
}
