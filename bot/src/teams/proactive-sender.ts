// Proactive sending of reminder cards through saved conversation references: the one piece of
// the reminders feature that uses botbuilder. Paces every send through the rate limiter,
// calls only allow-listed service URLs, honours 429 Retry-After, retries 412/502/504 with
// jittered backoff a bounded number of times, and deactivates targets that answer 403/404.
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { ConversationTarget, ConversationTargetRepository } from '../domain/conversation-target';
import type { RateLimiter } from '../platform/rate-limiter';
import type { Clock } from '../domain/reminders/repositories';
import { decideRetry, parseRetryAfter, type RetryPolicyOptions } from '../platform/retry-policy';
import type { Sender, SendOutcome } from '../domain/sender';
import { isAllowedServiceUrl } from './adapter';
import { cardMessage } from './replies';

export interface ProactiveSenderOptions {
  /** Needed to deactivate a target on 403/404 and to refuse non-allow-listed ones. */
  targets?: ConversationTargetRepository;
  retry?: RetryPolicyOptions;
  sleep?: (ms: number) => Promise<void>;
  /** Called for every wait (rate limit or retry), e.g. for logs and tests. */
  onWait?: (event: { conversationId: string; ms: number; cause: 'rate-limit' | 'retry-after' | 'backoff' }) => void;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class ProactiveSender implements Sender {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly allowList: readonly string[],
    private readonly rateLimiter: RateLimiter,
    private readonly clock: Clock,
    private readonly options: ProactiveSenderOptions = {},
  ) {
    this.sleep = options.sleep ?? realSleep;
  }

  async send(target: ConversationTarget, card: Record<string, unknown>, summary: string): Promise<SendOutcome> {
    let reference: Partial<ConversationReference>;
    try {
      reference = JSON.parse(target.reference) as Partial<ConversationReference>;
    } catch {
      return this.deactivate(target, 'The saved conversation reference is unreadable.');
    }
    const serviceUrl = reference.serviceUrl ?? target.serviceUrl;
    if (!isAllowedServiceUrl(serviceUrl, this.allowList) || !isAllowedServiceUrl(target.serviceUrl, this.allowList)) {
      return this.deactivate(target, `The conversation's service URL ${serviceUrl} is not on the allow-list.`);
    }
    const conversationId = target.conversationId;
    for (let attempt = 1; ; attempt++) {
      await this.pace(conversationId, target.workspace.tenantId);
      try {
        // The adapter hands errors thrown inside the turn to its onTurnError, which swallows
        // them; carry the connector's answer out of the turn so it is judged here.
        let failure: { error: unknown } | undefined;
        await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
          withoutSdkRetries(context.turnState.get(this.adapter.ConnectorClientKey));
          try {
            await context.sendActivity(cardMessage(card, summary));
          } catch (error) {
            failure = { error };
          }
        });
        if (failure) throw failure.error;
        return 'sent';
      } catch (e) {
        const status = statusOf(e);
        const decision = decideRetry(status, attempt, parseRetryAfter(retryAfterHeader(e), this.clock().getTime()), this.options.retry);
        if (decision.action === 'deactivate') return this.deactivate(target, decision.reason);
        if (decision.action === 'give-up') {
          return status === 429 ? { retryAfterMs: decision.retryAfterMs } : { transient: decision.reason };
        }
        this.options.onWait?.({ conversationId, ms: decision.afterMs, cause: status === 429 ? 'retry-after' : 'backoff' });
        await this.sleep(decision.afterMs);
      }
    }
  }

  private async pace(conversationId: string, tenantId: string): Promise<void> {
    for (;;) {
      const wait = this.rateLimiter.tryAcquire(conversationId, this.clock().getTime(), tenantId);
      if (wait <= 0) return;
      this.options.onWait?.({ conversationId, ms: wait, cause: 'rate-limit' });
      await this.sleep(wait);
    }
  }

  private async deactivate(target: ConversationTarget, reason: string): Promise<SendOutcome> {
    await this.options.targets?.markInactive(target.workspace, target.conversationId, reason, this.clock().toISOString());
    return { deactivate: reason };
  }
}

/**
 * The connector client's HTTP pipeline retries 429/5xx on its own (sleeping in real time, up to
 * three times). Retries here follow our policy instead (bounded, jittered, Retry-After handed to
 * the scheduler when long), so the SDK's retry policy is taken out of this client's pipeline.
 */
function withoutSdkRetries(connectorClient: unknown): void {
  const pipeline = (connectorClient as { client?: { pipeline?: { removePolicy?: (o: { name: string }) => unknown } } } | undefined)?.client?.pipeline;
  pipeline?.removePolicy?.({ name: 'defaultRetryPolicy' });
}

function statusOf(e: unknown): number | undefined {
  const x = e as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } } | undefined;
  const s = x?.statusCode ?? x?.response?.status ?? x?.status;
  return typeof s === 'number' ? s : undefined;
}

function retryAfterHeader(e: unknown): string | undefined {
  const headers = (e as { response?: { headers?: unknown } } | undefined)?.response?.headers as
    | { get?: (name: string) => string | undefined | null; [k: string]: unknown }
    | undefined;
  if (!headers) return undefined;
  if (typeof headers.get === 'function') return headers.get('retry-after') ?? undefined;
  const v = headers['retry-after'] ?? headers['Retry-After'];
  return typeof v === 'string' ? v : undefined;
}
