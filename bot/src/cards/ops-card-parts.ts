// Small helpers shared by the ops cards: Action.Execute buttons, tone colours, truncation of
// long user text (shown literally in TextRuns, cut only to keep cards under 25 KB), and a
// size guard that re-renders with fewer rows when a card would grow too large.
import type { Tone } from '../domain/ops/agenda';

export const MAX_CARD_BYTES = 24 * 1024;

export function execute(title: string, verb: string, data: Record<string, unknown> = {}, options: { style?: 'positive' | 'destructive'; associatedInputs?: 'auto' | 'none' } = {}): Record<string, unknown> {
  return { type: 'Action.Execute', title, verb, data, ...(options.style ? { style: options.style } : {}), ...(options.associatedInputs ? { associatedInputs: options.associatedInputs } : {}) };
}

export function toneColor(tone: Tone | undefined): string {
  return tone === 'attention' ? 'Attention' : tone === 'warning' ? 'Warning' : tone === 'good' ? 'Good' : 'Default';
}

/** Cuts text to `max` characters with an ellipsis; the cut never splits a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return text.slice(0, cut) + '…';
}

export const cardBytes = (card: unknown) => new TextEncoder().encode(JSON.stringify(card)).length;

/**
 * Renders with the largest row budget that fits: tries each budget in turn (largest first)
 * and returns the first card under the size limit, or the smallest rendering.
 */
export function fitCard(render: (budget: number) => Record<string, unknown>, budgets: readonly number[]): Record<string, unknown> {
  let card: Record<string, unknown> = {};
  for (const b of budgets) {
    card = render(b);
    if (cardBytes(card) <= MAX_CARD_BYTES) return card;
  }
  return card;
}
