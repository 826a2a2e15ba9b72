// A Sender for the incident rhythm until the composition root hands the feature the shared
// proactive sender: it wraps the reminders' ProactiveSender around the CloudAdapter seen on
// the first turn. Same rate limits, retries and deactivation; only the limiter is this
// feature's own, so once app.ts wires the shared sender (useSender), this one steps aside.
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { AppConfig } from '../../config';
import type { ConversationTarget, ConversationTargetRepository } from '../../domain/conversation-target';
import { RateLimiter } from '../../domain/reminders/rate-limiter';
import type { Sender, SendOutcome } from '../../domain/reminders/sender';
import { ProactiveSender } from '../proactive-sender';

export class AdapterBoundSender implements Sender {
  private shared: Sender | undefined;
  private own: ProactiveSender | undefined;

  constructor(private readonly config: AppConfig, private readonly targets: ConversationTargetRepository) {}

  /** The composition root's sender (shared rate limiter); takes precedence from now on. */
  use(sender: Sender): void {
    this.shared = sender;
  }

  bind(context: TurnContext): void {
    if (this.shared || this.own) return;
    const adapter = context.adapter as CloudAdapter;
    if (typeof adapter.continueConversationAsync !== 'function') return;
    // Rate limits are about real time, not the (possibly simulated) business clock.
    this.own = new ProactiveSender(adapter, this.config.bot.appId ?? '', this.config.serviceUrlAllowList, new RateLimiter(), () => new Date(), { targets: this.targets });
  }

  get ready(): boolean {
    return Boolean(this.shared ?? this.own);
  }

  send(target: ConversationTarget, card: Record<string, unknown>, summary: string): Promise<SendOutcome> {
    const s = this.shared ?? this.own;
    if (!s) return Promise.resolve({ transient: 'no sender yet: the bot has not handled a turn and none was wired' });
    return s.send(target, card, summary);
  }
}
