// The tab content page. Views arrive with their features; until then the page says so plainly.
import { applyTheme, connectHost } from './teams-host';
import { viewInfo, VIEWS } from './views';

const root = document.getElementById('app')!;
const host = await connectHost();
applyTheme(host.theme);
host.onThemeChange(applyTheme);

const view = viewInfo(new URLSearchParams(location.search).get('view'));
const h1 = document.createElement('h1');
const lead = document.createElement('p');
lead.className = 'lead';
const panel = document.createElement('section');
panel.className = 'panel';

if (!view) {
  h1.textContent = 'Service Ops';
  lead.textContent = 'This tab has no view selected. Open the tab settings and choose one:';
  const list = document.createElement('ul');
  for (const v of VIEWS) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `?view=${v.id}`;
    a.textContent = v.title;
    li.append(a, ` — ${v.description}`);
    list.append(li);
  }
  panel.append(list);
} else {
  h1.textContent = view.title;
  lead.textContent = view.description;
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.textContent = 'Coming soon';
  const p = document.createElement('p');
  p.textContent = 'This view is not built yet, so there is nothing to show here. In chat, type help to see what Service Ops can do today.';
  panel.append(badge, p);
}
root.replaceChildren(h1, lead, panel);
