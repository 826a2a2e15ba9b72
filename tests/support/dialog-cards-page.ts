// Draws dialog cards as a Teams conversation shows them, for a screenshot: each card rendered by
// the adaptivecards library with the tab's Teams host config and Markdown subset, under a caption.
// A card's Action.ShowCard titled `open` is opened, as when a person selects it.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { markdownToHtml } from '../../tabs/src/card-renderer';
import { FONT_FAMILY, hostConfigFor } from '../../tabs/src/host-config';

const require = createRequire(import.meta.url);

export interface CaptionedCard {
  caption: string;
  card: Record<string, unknown>;
  /** The title of a ShowCard action to open. */
  open?: string;
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; background: #f5f5f5; font-family: ${FONT_FAMILY}; color: #242424; }
  .cards { margin: 16px; width: 560px; }
  .cards h2 { font-size: 13px; color: #616161; font-weight: 600; margin: 16px 0 6px; }
  .card .ac-textBlock, .card .ac-richTextBlock { overflow-wrap: anywhere; }
  .card { background: #fff; border-radius: 8px; border: 1px solid #e0e0e0; overflow: hidden; }
</style></head><body><div class="cards"></div></body></html>`;

/** Renders `cards`; resolves once each has rendered (and its ShowCard is open). */
export async function showDialogCards(page: Page, cards: readonly CaptionedCard[]): Promise<void> {
  await page.setContent(PAGE);
  await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
  const helpers = `const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }; const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);`;
  await page.addScriptTag({ content: `window.__markdown = (() => { ${helpers} return ${markdownToHtml.toString()}; })();` });
  const problems = await page.evaluate(({ cards, hostConfig }) => {
    const AC = (window as any).AdaptiveCards;
    AC.AdaptiveCard.onProcessMarkdown = (text: string, result: any) => {
      result.outputHtml = (window as any).__markdown(text);
      result.didProcess = true;
    };
    const out: string[] = [];
    const root = document.querySelector('.cards')!;
    cards.forEach((c, i) => {
      const h = document.createElement('h2');
      h.textContent = c.caption;
      const box = document.createElement('div');
      box.className = 'card';
      box.id = `card-${i}`;
      const card = new AC.AdaptiveCard();
      card.hostConfig = new AC.HostConfig(hostConfig);
      card.parse(c.card);
      const rendered = card.render();
      if (!rendered) out.push(`${c.caption} did not render`);
      else box.append(rendered);
      root.append(h, box);
    });
    return out;
  }, { cards: cards as CaptionedCard[], hostConfig: hostConfigFor('default') });
  if (problems.length) throw new Error(problems.join('\n'));
  for (const [i, c] of cards.entries()) {
    if (c.open) await page.locator(`#card-${i} button`, { hasText: c.open }).first().click();
  }
}
