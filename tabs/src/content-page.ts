// The tab content page: fetches the view's cards from the tab API, renders them with the
// adaptivecards library in the current Teams theme, sends card actions back to the API and
// re-renders. Loading, empty and error states each say what is going on and what to do.
import { ApiError, fetchView, postAction, uploadCqd, type ViewResponse } from './api-client';
import { renderCard, type CardAction } from './card-renderer';
import { recordParams } from './sub-page';
import { applyTheme, connectHost, isMeetingSurface, type Theme } from './teams-host';
import { renderTrendChart } from './trend-chart';
import { MEETING_VIEW, VIEWS, viewInfo } from './views';

const root = document.getElementById('app')!;
const query = new URLSearchParams(location.search);
const params: Record<string, string> = {};
for (const [k, v] of query) if (!['view', 'theme', 'workspace', 'frame'].includes(k)) params[k] = v;

const host = await connectHost();
// In a meeting's side panel (or shared to its stage) the agenda tab shows the meeting's notes; as the
// meeting's details tab (frame "content") it stays the full agenda.
const inPanel = isMeetingSurface(host.frameContext);
const viewId = query.get('view') === 'agenda' && inPanel ? MEETING_VIEW.id : query.get('view');
if (viewId === MEETING_VIEW.id && host.meetingId && !params.meeting) params.meeting = host.meetingId;
// A deep link names its record in subEntityId; the page's own query (a link opened in a browser) wins.
for (const [k, v] of Object.entries(recordParams(viewId, host.record))) params[k] ??= v;
if (inPanel) document.body.dataset.surface = host.frameContext === 'sidePanel' ? 'side-panel' : 'stage';
let theme: Theme = host.theme;
applyTheme(theme);

function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { dataset?: Record<string, string> } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const { dataset, ...rest } = props;
  const e = Object.assign(document.createElement(tag), rest);
  if (dataset) Object.assign(e.dataset, dataset);
  e.append(...children);
  return e;
}

function setState(state: 'loading' | 'ready' | 'empty' | 'error' | 'chooser'): void {
  document.body.dataset.state = state;
  main.setAttribute('aria-busy', String(state === 'loading'));
}

const info = viewId === MEETING_VIEW.id ? MEETING_VIEW : viewInfo(viewId);
const title = h('h1', { id: 'view-title', textContent: info?.title ?? 'Service Ops' });
const lead = h('p', { className: 'lead', id: 'view-description', textContent: info?.description ?? '' });
const refresh = h('button', { type: 'button', className: 'button subtle', id: 'refresh', textContent: 'Refresh', title: 'Load the latest data' });
const toolbar = h('div', { className: 'toolbar' }, refresh);
const header = h('header', { className: 'page-header' }, h('div', { className: 'titles' }, title, lead), toolbar);
const banner = h('div', { className: 'dev-banner', id: 'dev-banner', hidden: true });
const notice = h('div', { className: 'notice', id: 'notice', role: 'alert', hidden: true });
const main = h('section', { className: 'content', id: 'content' });
root.replaceChildren(header, banner, notice, main);

/** An action may answer with the cards to show next (e.g. an edit card) and a way back to the view. */
type Shown = ViewResponse & { back?: { label: string } };

let last: Shown | undefined;
let busy = false;

function skeleton(): void {
  setState('loading');
  const cards = Array.from({ length: 3 }, (_, i) =>
    h('div', { className: 'skeleton-card', ariaHidden: 'true' }, h('div', { className: 'sk sk-title' }), h('div', { className: 'sk sk-line' }), h('div', { className: `sk sk-line ${i % 2 ? 'short' : ''}` })),
  );
  main.replaceChildren(h('p', { className: 'sr-only', textContent: 'Loading…' }), ...cards);
}

function stateBox(kind: 'empty' | 'error', heading: string, text: string, actions: HTMLElement[] = []): HTMLElement {
  const icon = h('div', { className: `state-icon icon-${kind}`, ariaHidden: 'true', textContent: kind === 'empty' ? '✓' : '!' });
  return h('div', { className: `state state-${kind}`, id: `${kind}-state` }, icon, h('h2', { textContent: heading }), h('p', { textContent: text }), h('div', { className: 'state-actions' }, ...actions));
}

function showError(err: unknown): void {
  setState('error');
  const e = err instanceof ApiError ? err : new ApiError(0, 'Something unexpected happened while showing this view.');
  const retry = h('button', { type: 'button', className: 'button primary', id: 'retry', textContent: 'Try again' });
  retry.addEventListener('click', () => void load());
  let heading = "Couldn't load this view";
  let text = e.message;
  if (e.status === 401) heading = 'Sign-in needed';
  else if (e.status === 403) heading = "You can't see this workspace";
  else if (e.status === 404) heading = 'This view no longer exists';
  else if (e.status >= 500) text = `${e.message} If it keeps failing, tell the person who runs Service Ops (status ${e.status}).`;
  main.replaceChildren(stateBox('error', heading, text, [retry]));
}

function onCardAction(action: CardAction): void {
  if (busy || !viewId) return;
  if (!action.verb) {
    showNotice('This button has no action in the tab. Use it from the chat instead.');
    return;
  }
  busy = true;
  main.classList.add('busy');
  main.setAttribute('aria-busy', 'true');
  postAction(host, viewId, params, action.verb, action.data)
    .then((res: Shown) => {
      render(res);
      if (res.back) window.scrollTo({ top: 0 });
      if (res.error) showNotice(res.error);
      else hideNotice();
    })
    .catch((e: unknown) => showNotice(e instanceof ApiError ? `Not saved: ${e.message}` : 'Not saved: something went wrong. Try again.'))
    .finally(() => {
      busy = false;
      main.classList.remove('busy');
      main.setAttribute('aria-busy', 'false');
    });
}

function showNotice(text: string): void {
  notice.replaceChildren(h('span', { textContent: text }));
  const close = h('button', { type: 'button', className: 'link', textContent: 'Dismiss' });
  close.addEventListener('click', hideNotice);
  notice.append(close);
  notice.hidden = false;
}
function hideNotice(): void {
  notice.hidden = true;
}

function render(res: Shown): void {
  last = res;
  title.textContent = res.view.title;
  lead.textContent = res.view.description;
  document.title = `${res.view.title} · Service Ops`;
  banner.hidden = res.identity.kind !== 'development';
  banner.textContent = 'Local mode: you are using the development identity, not a Teams sign-in. Nothing here is visible outside this machine.';

  const nodes: HTMLElement[] = [];
  if (res.back) {
    const back = h('button', { type: 'button', className: 'button', id: 'back', textContent: `← ${res.back.label}` });
    back.addEventListener('click', () => {
      hideNotice();
      void load();
    });
    const bar = h('div', { className: 'toolbar back-bar' }, back);
    bar.style.marginBottom = '12px';
    nodes.push(bar);
  }
  for (const chart of res.charts ?? []) if (chart.kind === 'trend') nodes.push(h('section', { className: 'chart-panel' }, renderTrendChart(chart)));
  const cards = h('div', { className: 'cards' });
  for (const json of res.cards) {
    try {
      cards.append(h('article', { className: 'card-frame' }, renderCard(json, theme, onCardAction)));
    } catch (e) {
      cards.append(h('article', { className: 'card-frame broken' }, h('p', { textContent: `One card could not be shown (${(e as Error).message}).` })));
    }
  }
  if (!res.cards.length && !nodes.length) {
    setState('empty');
    const empty = res.empty ?? { title: 'Nothing here yet', text: 'This view has no items for this team yet.' };
    main.replaceChildren(stateBox('empty', empty.title, empty.text));
    return;
  }
  if (res.cards.length) nodes.push(cards);
  else if (res.empty) nodes.push(stateBox('empty', res.empty.title, res.empty.text));
  main.replaceChildren(...nodes);
  setState('ready');
}

async function load(): Promise<void> {
  if (!viewId) return;
  skeleton();
  try {
    render(await fetchView(host, viewId, params));
  } catch (e) {
    showError(e);
  }
}

// The findings board imports a call-quality (CQD) CSV export: upload → the proposals card →
// its buttons file the chosen ones (through the findings view's actions) → back on the board.
if (viewId === 'findings') {
  const input = h('input', { type: 'file', id: 'cqd-file', accept: '.csv,text/csv', className: 'sr-only' });
  const label = h('label', { htmlFor: 'cqd-file', className: 'button subtle', id: 'cqd-import', textContent: 'Import call-quality CSV', title: 'Propose findings from a Call Quality Dashboard export; nothing is filed until you confirm' });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file || busy) return;
    busy = true;
    skeleton();
    uploadCqd(host, file)
      .then((res) => {
        const base = last ?? { view: { id: 'findings', title: title.textContent ?? '', description: lead.textContent ?? '' }, identity: { kind: 'sso' as const, name: '' }, cards: [] };
        render({ view: base.view, identity: base.identity, cards: [res.card], back: { label: `Back to ${base.view.title}` } });
        hideNotice();
      })
      .catch((e: unknown) => {
        if (last) render(last);
        else void load();
        const body = e instanceof ApiError ? (e.body as { problems?: { line: number; message: string }[]; problemCount?: number } | undefined) : undefined;
        const lines = (body?.problems ?? []).slice(0, 10).map((p) => `line ${p.line}: ${p.message}`);
        const more = body?.problemCount && body.problemCount > lines.length ? [`… and ${body.problemCount - lines.length} more.`] : [];
        showNotice([`Not imported: ${e instanceof ApiError ? e.message : 'something went wrong. Try again.'}`, ...lines, ...more].join('\n'));
      })
      .finally(() => {
        busy = false;
      });
  });
  toolbar.prepend(input, label);
  // The workspace's review targets and finding time boxes: the settings card, through the view's own card actions.
  const settings = h('button', { type: 'button', className: 'button subtle', id: 'quality-settings', textContent: 'Quality settings', title: 'Edit the review targets and the time boxes of a finding for this team' });
  settings.addEventListener('click', () => onCardAction({ verb: 'finding.settings.open', data: {} }));
  label.after(settings);
}

host.onThemeChange((t) => {
  theme = t;
  applyTheme(t);
  if (last) render(last);
});
refresh.addEventListener('click', () => void load());

if (!viewId) {
  setState('chooser');
  refresh.hidden = true;
  lead.textContent = 'This tab has no view selected. Open the tab settings and choose one:';
  const list = h('ul', { className: 'chooser' });
  for (const v of VIEWS) {
    const q = new URLSearchParams(query);
    q.set('view', v.id);
    list.append(h('li', {}, h('a', { href: `?${q}`, textContent: v.title }), h('span', { className: 'hint', textContent: v.description })));
  }
  main.replaceChildren(list);
} else {
  await load();
}
