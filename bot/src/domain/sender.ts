import type { ConversationTarget } from './conversation-target';

/**
 * Sends one card to one conversation. Implementations enforce the rate limits and retry
 * transient failures a bounded number of times before answering.
 * - 'sent': delivered.
 * - retryAfterMs: not delivered now (429 or retries exhausted); try again after that long.
 * - deactivate: the target cannot be reached again (403/404, not allow-listed); it was marked inactive.
 * - transient: failed for another reason; a later tick may retry.
 */
export type SendOutcome = 'sent' | { retryAfterMs: number } | { deactivate: string } | { transient: string };

export interface Sender {
  send(target: ConversationTarget, card: Record<string, unknown>, summary: string): Promise<SendOutcome>;
}
