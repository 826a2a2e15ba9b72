// The configurable tab's config page: pick a view and a name; Teams saves contentUrl/entityId.
import { pages } from '@microsoft/teams-js';
import { applyTheme, connectHost } from './teams-host';
import { VIEWS, viewInfo } from './views';

const form = document.getElementById('config-form') as HTMLFormElement;
const select = document.getElementById('view') as HTMLSelectElement;
const nameInput = document.getElementById('tab-name') as HTMLInputElement;
const hint = document.getElementById('view-hint')!;
const nameError = document.getElementById('name-error')!;
const hostNote = document.getElementById('host-note')!;

for (const v of VIEWS) select.add(new Option(v.title, v.id));
const initial = new URLSearchParams(location.search);
select.value = viewInfo(initial.get('view'))?.id ?? 'roles';
nameInput.value = viewInfo(select.value)!.title;
let nameTouched = false;

function valid(): boolean {
  const name = nameInput.value.trim();
  return Boolean(viewInfo(select.value)) && name.length > 0 && name.length <= 40;
}

function contentUrl(): string {
  return new URL(`index.html?view=${encodeURIComponent(select.value)}`, location.href).href;
}

const host = await connectHost();
applyTheme(host.theme);
host.onThemeChange(applyTheme);

function refresh(): void {
  hint.textContent = viewInfo(select.value)?.description ?? '';
  nameError.hidden = nameInput.value.trim().length > 0;
  if (host.inTeams) pages.config.setValidityState(valid());
}

select.addEventListener('change', () => {
  if (!nameTouched) nameInput.value = viewInfo(select.value)!.title;
  refresh();
});
nameInput.addEventListener('input', () => {
  nameTouched = true;
  refresh();
});
form.addEventListener('submit', (e) => e.preventDefault());

if (host.inTeams) {
  // Registered once; Teams calls it when the user selects Save.
  pages.config.registerOnSaveHandler((saveEvent) => {
    if (!valid()) return saveEvent.notifyFailure('Choose a view and a tab name.');
    pages.config
      .setConfig({ entityId: `service-ops-${select.value}`, contentUrl: contentUrl(), websiteUrl: contentUrl(), suggestedDisplayName: nameInput.value.trim() })
      .then(() => saveEvent.notifySuccess(), (err: unknown) => saveEvent.notifyFailure(String(err)));
  });
  hostNote.textContent = 'Select Save to add the tab.';
} else {
  hostNote.innerHTML = '';
  const link = document.createElement('a');
  link.id = 'preview';
  link.textContent = 'Open this view';
  link.href = contentUrl();
  select.addEventListener('change', () => (link.href = contentUrl()));
  hostNote.append('Outside Teams (local mode): ', link);
}
refresh();
