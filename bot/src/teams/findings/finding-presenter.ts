// Renders a finding card the same way for every path (filed, acted on, opened, refreshed):
// with its recent history and the refresh block that keeps the card current for people.
import { renderFindingCard } from '../../cards/finding-card';
import { MAX_REFRESH_USERS } from '../../cards/finding-verbs';
import type { Finding, HistoryEntry } from '../../domain/findings/finding';
import type { FindingService } from '../../domain/findings/finding-service';
import type { Logger } from '../service-ops-bot';

/** History rows read for a card: the card shows five, the rest name people to refresh for. */
const HISTORY_READ = 30;

/**
 * Teams user ids (`from.id`, 29:...) whose clients refresh the card automatically when they
 * look at it: whoever is acting now, the reporter, and everyone in the finding's recent history.
 * Limitation: people who only read the card (never acted) are not listed, because the bot does
 * not enumerate conversation members; Teams shows them the version last posted (which
 * updateForEveryone keeps current for the message that was acted on) and they can refresh by
 * acting. Teams honours at most 60 ids; ids that are not Teams users (the CSV import's
 * `cli:` actor) are left out.
 */
export function refreshUserIds(finding: Finding, history: readonly HistoryEntry[], actorId?: string): string[] {
  const ids = [actorId, finding.createdBy.id, finding.updatedBy.id, ...history.map((h) => h.actor.id)];
  return [...new Set(ids.filter((id): id is string => !!id && !id.startsWith('cli:')))].slice(0, MAX_REFRESH_USERS);
}

export class FindingPresenter {
  constructor(private readonly service: FindingService, private readonly clock: () => Date, private readonly log: Logger) {}

  async card(finding: Finding, opts: { actorId?: string; message?: string } = {}): Promise<Record<string, unknown>> {
    let history: HistoryEntry[] = [];
    try {
      history = await this.service.history(finding.workspace, finding.id, HISTORY_READ);
    } catch (e) {
      // The finding itself is known; a card without its history beats no card.
      this.log.warn('could not read finding history', { finding: finding.id, error: String(e) });
    }
    return renderFindingCard({
      finding,
      history,
      now: this.clock(),
      refreshUserIds: refreshUserIds(finding, history, opts.actorId),
      ...(opts.message ? { message: opts.message } : {}),
    });
  }
}
