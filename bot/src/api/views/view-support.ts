// Small helpers the tab view providers share: who acts (the tab's identity), an id per tab
// request for the services' idempotency, and trimming chat-only parts off a card.
import { randomBytes } from 'node:crypto';
import type { TabViewContext } from '../tab-views';

/** The person acting in the tab, as the services record them: the signed-in user (or the local development identity). */
export function tabActor(ctx: TabViewContext): { id: string; name: string } {
  return { id: ctx.identity.userId, name: ctx.identity.name };
}

/**
 * Key-safe id of one tab action. A tab posts each click once (no connector redelivers it), so a
 * fresh id per request is right; the chat uses the invoke activity's id instead.
 */
export function tabOpId(): string {
  return `tab-${randomBytes(10).toString('hex')}`;
}

/** The card without the element that has `id` (e.g. an input that only makes sense in a chat). */
export function withoutElement(card: Record<string, unknown>, id: string): Record<string, unknown> {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.filter((n) => !(n && typeof n === 'object' && (n as Record<string, unknown>).id === id)).map(strip);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, strip(v)]));
    return node;
  };
  return strip(card) as Record<string, unknown>;
}

export const str = (v: unknown, max = 400): string | undefined => (typeof v === 'string' && v.length <= max ? v : undefined);
