// Where a tab view lives, for a link from chat to it. The same address the tab's config page
// saves as the tab's content and website URL (tabs/src/config-page.ts: tabs/index.html?view=…
// plus the view's options), with the workspace named so that, opened outside Teams, the page
// shows this team's or chat's data (tabs/src/teams-host.ts reads ?workspace= there; inside
// Teams the tab's own context names it).
import { type Workspace, workspaceKey } from './workspace';

export function tabViewUrl(tabEndpoint: string, view: string, ws: Workspace, params: Readonly<Record<string, string>> = {}): string {
  const url = new URL('tabs/index.html', tabEndpoint.endsWith('/') ? tabEndpoint : `${tabEndpoint}/`);
  url.searchParams.set('view', view);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.searchParams.set('workspace', workspaceKey(ws));
  return url.href;
}
