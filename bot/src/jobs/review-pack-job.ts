// Posts last month's review pack to each subscribed workspace's channel on the first working day
// of the month, from 09:00 in the workspace's zone (domain/review-pack/pack-month.ts). Each post is
// claimed first (pack-posting.ts), so restarts and several instances never post a month twice; a
// send that fails for now releases the claim for a later tick. A tick reads at most
// PACK_TICK_LIMIT subscriptions and does nothing on any other day, so it stays cheap.
import type { ConversationTargetRepository } from '../domain/conversation-target';
import type { PackMonth } from '../domain/review-pack/pack-month';
import { packMayBeDue, scheduledPackDue } from '../domain/review-pack/pack-month';
import { PACK_TICK_LIMIT, type PackPostLedger, type PackSubscription } from '../domain/review-pack/pack-posting';
import type { PackSettings } from '../domain/review-pack/pack-sources';
import type { ReviewPack } from '../domain/review-pack/review-pack';
import type { ReviewPackService } from '../domain/review-pack/review-pack-service';
import type { Sender } from '../domain/sender';
import type { Workspace } from '../domain/workspace';
import type { Logger } from '../platform/logger';

export interface ReviewPackJobDeps {
  ledger: PackPostLedger;
  service: ReviewPackService;
  /** The workspace's zone (when its pack is due) and commitments, read once for the post. */
  settingsOf(ws: Workspace): Promise<PackSettings>;
  targets: ConversationTargetRepository;
  sender: Sender;
  /** The card posted (the same as `review pack` answers). */
  card(ws: Workspace, month: PackMonth, pack: ReviewPack): Record<string, unknown>;
  clock: () => Date;
  log: Logger;
}

export type PostResult = 'posted' | 'not-due' | 'already' | 'unreachable' | 'retry';

export class ReviewPackJob {
  readonly name = 'review-pack';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private inFlight: Promise<unknown> | undefined;

  constructor(private readonly deps: ReviewPackJobDeps) {}

  /** One pass over the subscriptions; what happened to each. */
  async tick(): Promise<PostResult[]> {
    const subs = await this.deps.ledger.list(PACK_TICK_LIMIT);
    const out: PostResult[] = [];
    for (const s of subs) out.push(await this.post(s).catch((e) => (this.deps.log.warn('review pack post failed', { error: String(e) }), 'retry' as const)));
    return out;
  }

  private async post(s: PackSubscription): Promise<PostResult> {
    const { ledger, clock } = this.deps;
    if (!packMayBeDue(clock())) return 'not-due';
    const settings = await this.deps.settingsOf(s.workspace);
    const month = scheduledPackDue(clock(), settings.timeZone);
    if (!month) return 'not-due';
    if (!(await ledger.claim(s.workspace, month, clock()))) return 'already';
    const target = await this.deps.targets.get(s.workspace, s.conversationId);
    if (!target?.active) {
      await ledger.settle(s.workspace, month, 'unreachable', clock());
      return 'unreachable';
    }
    try {
      const pack = await this.deps.service.pack(s.workspace, month, settings);
      const outcome = await this.deps.sender.send(target, this.deps.card(s.workspace, month, pack), pack.title);
      const result: PostResult = outcome === 'sent' ? 'posted' : 'deactivate' in outcome ? 'unreachable' : 'retry';
      await ledger.settle(s.workspace, month, result === 'posted' ? 'sent' : result, clock());
      return result;
    } catch (e) {
      await ledger.settle(s.workspace, month, 'retry', clock());
      throw e;
    }
  }

  /** Ticks every `intervalMs` (default 10 minutes), each tick after the previous one finished. */
  start(intervalMs = 10 * 60_000): void {
    if (this.running) return;
    this.running = true;
    const loop = async () => {
      this.inFlight = this.tick().catch((e) => this.deps.log.error('review pack tick failed', { error: String(e) }));
      await this.inFlight;
      if (this.running) this.timer = setTimeout(loop, intervalMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight;
  }
}
