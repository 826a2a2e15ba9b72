// Renders the tab API's Adaptive Cards with the adaptivecards library, with the host config of
// the current Teams theme, and turns Action.Execute / Action.Submit into tab API calls.
import * as AC from 'adaptivecards';
import { hostConfigFor } from './host-config';
import type { Theme } from './teams-host';

export interface CardAction {
  verb: string;
  data: Record<string, unknown>;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * The Markdown subset Teams renders in cards: **bold**, _italic_/*italic*, [links](https://…),
 * line breaks, and backslash escapes (cards/template.ts escapes user text that way, so user
 * text shows literally). HTML is escaped first: nothing in a card becomes markup by accident.
 */
/** HTTPS links, and this page's own server (the review pack's downloads in local mode, over http). */
function openable(url: string): boolean {
  if (/^https:\/\//.test(url)) return true;
  try {
    return new URL(url).origin === window.location.origin;
  } catch {
    return false;
  }
}

export function markdownToHtml(text: string): string {
  const literals: string[] = [];
  const keep = (s: string) => `\u0000${literals.push(s) - 1}\u0000`;
  let s = text.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, (_, c: string) => keep(escapeHtml(c)));
  s = escapeHtml(s);
  s = s.replace(/\[([^\]\n]+)\]\((https:\/\/[^\s)]+)\)/g, (_, label: string, href: string) => keep(`<a href="${href}" target="_blank" rel="noopener noreferrer">${label}</a>`));
  s = s.replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>');
  s = s.replace(/(^|[^\w])_([^_\n]+)_(?=[^\w]|$)/g, '$1<em>$2</em>');
  s = s.replace(/(^|[^*])\*([^*\n]+)\*(?!\*)/g, '$1<em>$2</em>');
  s = s.replace(/\r?\n/g, '<br>');
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u0000(\d+)\u0000/g, (_, i: string) => literals[Number(i)]!);
}

AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdownToHtml(text);
  result.didProcess = true;
};

const hostConfigs = new Map<Theme, AC.HostConfig>();
function hostConfig(theme: Theme): AC.HostConfig {
  let hc = hostConfigs.get(theme);
  if (!hc) hostConfigs.set(theme, (hc = new AC.HostConfig(hostConfigFor(theme))));
  return hc;
}

/** Renders one card; throws when the JSON is not a card the library can render. */
export function renderCard(json: Record<string, unknown>, theme: Theme, onAction: (action: CardAction) => void): HTMLElement {
  const card = new AC.AdaptiveCard();
  card.hostConfig = hostConfig(theme);
  card.onExecuteAction = (action) => {
    if (action instanceof AC.ExecuteAction) {
      onAction({ verb: action.verb, data: { ...(action.data as Record<string, unknown> | undefined) } });
    } else if (action instanceof AC.SubmitAction) {
      const data = { ...(action.data as Record<string, unknown> | undefined) };
      const verb = typeof data.verb === 'string' ? data.verb : '';
      delete data.verb;
      delete data.msteams;
      onAction({ verb, data });
    } else if (action instanceof AC.OpenUrlAction && action.url && openable(action.url)) {
      window.open(action.url, '_blank', 'noopener,noreferrer');
    }
  };
  const errors: string[] = [];
  const context = new AC.SerializationContext();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    if (e.phase === AC.ValidationPhase.Parse && e.event !== AC.ValidationEvent.UnknownElementType) errors.push(e.message);
  }
  const el = card.render();
  if (!el) throw new Error(`The card could not be rendered${errors.length ? `: ${errors.join('; ')}` : ''}.`);
  nameSelectablesByTheirText(el);
  return el;
}

const normalize = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The renderer names an element with a selectAction (a list row, say) by the action's title
 * alone: aria-label="Open" on a row that reads "QF-0003 · VPN: poor audio…". Every row is then
 * an indistinguishable "Open" button, and its visible text is not in its name (WCAG 2.5.3 Label
 * in Name; axe label-content-name-mismatch). Neither host config nor CSS can change that, so,
 * after rendering, such an element drops the aria-label and is named by its own text; the title
 * stays as its tooltip and accessible description. Native buttons and elements whose label
 * already contains their text are left as the renderer made them.
 */
function nameSelectablesByTheirText(root: HTMLElement): void {
  for (const e of root.querySelectorAll<HTMLElement>('[role="button"][aria-label]:not(button), [role="link"][aria-label]:not(a)')) {
    const text = normalize(e.textContent ?? '');
    if (text && !normalize(e.getAttribute('aria-label')!).includes(text)) e.removeAttribute('aria-label');
  }
}
