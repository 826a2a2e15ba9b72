// The configurable tab's config page (channel and group chat): pick a view (and, for a
// checklist, which one) and a tab name. In Teams: the save handler is registered once, the
// Save button's validity follows the form, and reconfiguring starts from the saved settings.
// In a plain browser (local mode) a local Save shows what Teams would save.
import { ApiError, fetchCatalog, type CatalogView } from './api-client';
import { applyTheme, connectHost, teams } from './teams-host';
import { VIEWS, viewInfo, type ViewId } from './views';

export interface TabSettings {
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
  suggestedDisplayName: string;
}

const viewsBox = document.getElementById('views') as HTMLFieldSetElement;
const choicesBox = document.getElementById('choices') as HTMLDivElement;
const nameInput = document.getElementById('tab-name') as HTMLInputElement;
const nameError = document.getElementById('name-error') as HTMLDivElement;
const hostNote = document.getElementById('host-note') as HTMLDivElement;
const form = document.getElementById('config-form') as HTMLFormElement;

const host = await connectHost();
applyTheme(host.theme);
host.onThemeChange(applyTheme);

let view: ViewId | undefined;
const chosen: Record<string, string> = {};
let nameTouched = false;
let catalog: Map<string, CatalogView> | undefined;
let catalogError: string | undefined;

// Start from the saved settings when reconfiguring (Teams), or from ?view=… (plain browser).
let initialUrl: URL = new URL(location.href);
let initialName: string | undefined;
if (host.inTeams) {
  try {
    const { pages } = await teams();
    const saved = await pages.getConfig();
    if (saved?.contentUrl) initialUrl = new URL(saved.contentUrl, location.href);
    initialName = saved?.suggestedDisplayName;
  } catch {
    // first configuration: nothing saved yet
  }
}
// Added to a meeting, the tab is the committee's agenda unless chosen otherwise: in the meeting's
// side panel it records the decisions and actions (the workspace is the meeting's chat, or its team).
const inMeeting = host.meetingId !== undefined;
view = viewInfo(initialUrl.searchParams.get('view'))?.id ?? (inMeeting ? 'agenda' : undefined);
for (const [k, v] of initialUrl.searchParams) if (!['view', 'theme', 'workspace'].includes(k)) chosen[k] = v;
if (initialName) {
  nameInput.value = initialName;
  nameTouched = true;
}

for (const v of VIEWS) {
  const input = Object.assign(document.createElement('input'), { type: 'radio', name: 'view', value: v.id, id: `view-${v.id}`, checked: v.id === view });
  const label = document.createElement('label');
  label.className = 'view-tile';
  label.htmlFor = input.id;
  const title = Object.assign(document.createElement('span'), { className: 'tile-title', textContent: v.title });
  const desc = Object.assign(document.createElement('span'), { className: 'tile-desc', textContent: v.description });
  const text = Object.assign(document.createElement('span'), { className: 'tile-text' });
  text.append(title, desc);
  label.append(input, text);
  input.addEventListener('change', () => {
    view = v.id;
    refresh();
  });
  viewsBox.append(label);
}

function choicesFor(id: ViewId | undefined): CatalogView['choices'] {
  return (id && catalog?.get(id)?.choices) || [];
}

function defaultName(): string {
  const info = viewInfo(view);
  if (!info) return '';
  const c = choicesFor(view)[0];
  const option = c?.options.find((o) => o.id === chosen[c.param]);
  return option ? option.title : info.title;
}

export function valid(): boolean {
  const name = nameInput.value.trim();
  if (!view || name.length === 0 || name.length > 40) return false;
  if (!catalog) return !needsChoices(view);
  return choicesFor(view).every((c) => c.options.some((o) => o.id === chosen[c.param]));
}

// Known before the catalog answers, so the Save button never enables too early.
const needsChoices = (id: ViewId) => id === 'checklist';

export function settings(): TabSettings {
  const url = new URL('index.html', location.href);
  url.search = '';
  url.searchParams.set('view', view!);
  const suffix: string[] = [];
  for (const c of choicesFor(view)) {
    const v = chosen[c.param];
    if (v) {
      url.searchParams.set(c.param, v);
      suffix.push(v);
    }
  }
  return { entityId: ['service-ops', view!, ...suffix].join('-').slice(0, 64), contentUrl: url.href, websiteUrl: url.href, suggestedDisplayName: nameInput.value.trim() };
}

function renderChoices(): void {
  choicesBox.replaceChildren();
  if (!view) return;
  if (!catalog) {
    if (!needsChoices(view)) return;
    const p = document.createElement('p');
    p.className = catalogError ? 'error' : 'hint';
    p.textContent = catalogError ? `Couldn't load the checklists: ${catalogError}` : 'Loading the checklists…';
    choicesBox.append(p);
    if (catalogError) {
      const retry = Object.assign(document.createElement('button'), { type: 'button', className: 'button', textContent: 'Try again', id: 'catalog-retry' });
      retry.addEventListener('click', () => void loadCatalog());
      choicesBox.append(retry);
    }
    return;
  }
  for (const c of choicesFor(view)) {
    const id = `choice-${c.param}`;
    const label = Object.assign(document.createElement('label'), { htmlFor: id, textContent: c.label });
    const select = Object.assign(document.createElement('select'), { id, name: c.param, required: true });
    select.add(new Option(`Choose a ${c.label.toLowerCase()}…`, ''));
    for (const o of c.options) select.add(new Option(o.title, o.id));
    select.value = c.options.some((o) => o.id === chosen[c.param]) ? chosen[c.param]! : '';
    select.addEventListener('change', () => {
      chosen[c.param] = select.value;
      refresh(false);
    });
    choicesBox.append(label, select);
  }
}

let preview: HTMLAnchorElement | undefined;
let saveButton: HTMLButtonElement | undefined;

function refresh(rebuildChoices = true): void {
  if (rebuildChoices) renderChoices();
  if (!nameTouched) nameInput.value = defaultName();
  nameError.hidden = !view || nameInput.value.trim().length > 0;
  const ok = valid();
  document.body.dataset.valid = String(ok);
  if (host.inTeams) {
    void teams().then(({ pages }) => pages.config.setValidityState(ok));
  } else if (saveButton) {
    saveButton.disabled = !ok;
    if (preview) {
      preview.hidden = !ok;
      if (ok) preview.href = settings().contentUrl;
    }
  }
}

async function loadCatalog(): Promise<void> {
  catalogError = undefined;
  refresh();
  try {
    const { views } = await fetchCatalog(host);
    catalog = new Map(views.map((v) => [v.id, v]));
  } catch (e) {
    catalogError = e instanceof ApiError ? e.message : 'Service Ops could not be reached.';
  }
  refresh();
}

nameInput.addEventListener('input', () => {
  nameTouched = true;
  refresh(false);
});
form.addEventListener('submit', (e) => e.preventDefault());

if (host.inTeams) {
  // Registered once, at load; Teams calls it when the user selects Save.
  const { pages } = await teams();
  pages.config.registerOnSaveHandler((saveEvent) => {
    if (!valid()) return saveEvent.notifyFailure('Choose a view and a tab name.');
    pages.config.setConfig(settings()).then(() => saveEvent.notifySuccess(), (err: unknown) => saveEvent.notifyFailure(String(err)));
  });
  hostNote.textContent = inMeeting
    ? 'Select Save to add the tab to this meeting. In the meeting, the agenda opens in the side panel, where decisions and actions are recorded for the minutes.'
    : 'Select Save to add the tab to this channel or chat.';
} else {
  // Outside Teams nothing is saved: show what Teams would save, and let the developer open it.
  saveButton = Object.assign(document.createElement('button'), { type: 'button', className: 'button primary', id: 'save', textContent: 'Save' });
  preview = Object.assign(document.createElement('a'), { id: 'preview', className: 'button', textContent: 'Open this view', hidden: true });
  const out = Object.assign(document.createElement('dl'), { id: 'saved', className: 'saved', hidden: true });
  saveButton.addEventListener('click', () => {
    if (!valid()) return;
    const s = settings();
    out.replaceChildren();
    for (const [k, v] of [['Tab name', s.suggestedDisplayName], ['Content URL', s.contentUrl], ['Entity id', s.entityId]] as const) {
      out.append(Object.assign(document.createElement('dt'), { textContent: k }), Object.assign(document.createElement('dd'), { textContent: v }));
    }
    out.querySelector('dd')!.id = 'saved-name';
    out.querySelectorAll('dd')[1]!.id = 'saved-url';
    out.hidden = false;
  });
  const note = Object.assign(document.createElement('p'), { className: 'hint', textContent: 'Outside Teams (local mode): Save shows what Teams would store for this tab.' });
  const row = Object.assign(document.createElement('div'), { className: 'form-actions' });
  row.append(saveButton, preview);
  hostNote.append(note, row, out);
}
refresh();
await loadCatalog();
