// Draws message-extension results as Teams shows them, for a screenshot: the flyout's result
// list (each result's thumbnail preview) and, under it, the card each result inserts, rendered
// by the adaptivecards library with the tab's Teams host config and Markdown subset.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { markdownToHtml } from '../../tabs/src/card-renderer';
import { FONT_FAMILY, hostConfigFor } from '../../tabs/src/host-config';

const require = createRequire(import.meta.url);

export interface ComposeResult {
  content: Record<string, unknown>;
  preview: { content: { title: string; subtitle?: string; text?: string } };
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; background: #f5f5f5; font-family: ${FONT_FAMILY}; color: #242424; }
  .flyout { width: 560px; margin: 16px; background: #fff; border-radius: 8px; box-shadow: 0 2px 8px rgba(0,0,0,.18); padding-bottom: 4px; }
  .head { padding: 12px 16px 4px; font-weight: 600; font-size: 14px; }
  .box { margin: 4px 16px 8px; padding: 6px 10px; border: 1px solid #d1d1d1; border-bottom: 2px solid #5b5fc7; border-radius: 4px; font-size: 14px; }
  .item { padding: 8px 16px; border-top: 1px solid #ebebeb; }
  .item .t { font-weight: 600; font-size: 14px; }
  .item .s { color: #616161; font-size: 12px; }
  .item .x { font-size: 12px; margin-top: 2px; }
  .shared { margin: 16px; width: 560px; }
  .shared h2 { font-size: 13px; color: #616161; font-weight: 600; margin: 16px 0 6px; }
  /* Teams breaks long words (links) in card text rather than let them overflow the card. */
  .card .ac-textBlock, .card .ac-richTextBlock { overflow-wrap: anywhere; }
  .card { background: #fff; border-radius: 8px; border: 1px solid #e0e0e0; overflow: hidden; }
</style></head><body><div class="flyout"><div class="head"></div><div class="box"></div><div class="list"></div></div><div class="shared"></div></body></html>`;

/** Renders `results` of the query `query`; resolves once every card has rendered. */
export async function showComposeResults(page: Page, query: string, results: readonly ComposeResult[]): Promise<void> {
  await page.setContent(PAGE);
  await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
  // The tab's own Markdown subset, so escaped user text shows as Teams shows it.
  await page.addScriptTag({ content: `window.__markdown = ${serialiseMarkdown()};` });
  const problems = await page.evaluate(
    ({ query, results, hostConfig }) => {
      const AC = (window as any).AdaptiveCards;
      AC.AdaptiveCard.onProcessMarkdown = (text: string, result: any) => {
        result.outputHtml = (window as any).__markdown(text);
        result.didProcess = true;
      };
      const el = (tag: string, cls: string, text?: string) => {
        const e = document.createElement(tag);
        e.className = cls;
        if (text !== undefined) e.textContent = text;
        return e;
      };
      document.querySelector('.head')!.textContent = 'Service Ops · Findings and incidents';
      document.querySelector('.box')!.textContent = query;
      const list = document.querySelector('.list')!;
      const shared = document.querySelector('.shared')!;
      const out: string[] = [];
      for (const r of results) {
        const item = el('div', 'item');
        item.append(el('div', 't', r.preview.content.title), el('div', 's', r.preview.content.subtitle ?? ''), el('div', 'x', r.preview.content.text ?? ''));
        list.append(item);
        shared.append(el('h2', '', `Inserted when ${r.preview.content.title} is picked`));
        const card = new AC.AdaptiveCard();
        card.hostConfig = new AC.HostConfig(hostConfig);
        card.parse(r.content);
        const rendered = card.render();
        if (!rendered) out.push(`${r.preview.content.title} did not render`);
        const box = el('div', 'card');
        if (rendered) box.append(rendered);
        shared.append(box);
      }
      return out;
    },
    { query, results: results as ComposeResult[], hostConfig: hostConfigFor('default') },
  );
  if (problems.length) throw new Error(problems.join('\n'));
}

/** markdownToHtml with the helpers it closes over, as page source. */
function serialiseMarkdown(): string {
  const helpers = `const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }; const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);`;
  return `(() => { ${helpers} return ${markdownToHtml.toString()}; })()`;
}
