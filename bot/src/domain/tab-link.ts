// Where a tab view lives, for a link from chat to it. The same address the tab's config page
// saves as the tab's content and website URL (tabs/src/config-page.ts: tabs/index.html?view=…
// plus the view's options), with the workspace named so that, opened outside Teams, the page
// shows this team's or chat's data (tabs/src/teams-host.ts reads ?workspace= there; inside
// Teams the tab's own context names it).
//
// With the Teams app id known, a link to a team's channel tab is a Teams deep link instead
// (https://teams.microsoft.com/l/entity/<app id>/<entity id>?context={"subEntityId","channelId"}),
// so it opens inside Teams rather than in a browser. That needs the tab's entityId: the config
// page saves `service-ops-<view>` plus the chosen options, so it is known for a view without
// options (findings, incidents, reminders...). A chat has no channel id, and a view with options
// (a checklist) has an entityId only its tab knows: those keep the tab page address.
import { type Workspace, workspaceKey } from './workspace';

export function tabViewUrl(tabEndpoint: string, view: string, ws: Workspace, params: Readonly<Record<string, string>> = {}): string {
  const url = new URL('tabs/index.html', tabEndpoint.endsWith('/') ? tabEndpoint : `${tabEndpoint}/`);
  url.searchParams.set('view', view);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.searchParams.set('workspace', workspaceKey(ws));
  return url.href;
}

/** Where links go: the tab endpoint, and the Teams app id when links may be Teams deep links. */
export interface TabLinkTarget {
  tabEndpoint: string;
  teamsAppId?: string;
}

/**
 * The link target for a configuration: deep links only when the bot is registered with Teams
 * (authenticated mode). In local mode the client is the Playground, not Teams, and the local
 * env file's app id is a placeholder for packaging.
 */
export function tabLinkTarget(config: { mode: 'local' | 'authenticated'; tabEndpoint: string; teamsAppId?: string }): TabLinkTarget {
  return config.mode === 'authenticated' && config.teamsAppId ? { tabEndpoint: config.tabEndpoint, teamsAppId: config.teamsAppId } : { tabEndpoint: config.tabEndpoint };
}

/** The entityId tabs/src/config-page.ts saves for a channel tab of a view that has no options. */
export function channelTabEntityId(view: string): string {
  return `service-ops-${view}`.slice(0, 64);
}

/** One record a link opens: the tab page reads it from ?finding= / ?incident= or the deep link's subEntityId. */
export type LinkedRecord = { kind: 'finding' | 'incident'; id: string };

/**
 * The deep link's subEntityId, in the query-string form the personal tab's links use
 * (domain/people/tab-link.ts: w=<workspace>&r=<kind>:<id>), so the page reads both the same way.
 */
export function channelSubEntityId(ws: Workspace, record?: LinkedRecord): string {
  const q = new URLSearchParams({ w: workspaceKey(ws) });
  if (record) q.set('r', `${record.kind}:${record.id}`);
  return q.toString();
}

/**
 * Which channel's tab a deep link opens: the channel the link is shown in, where the team talks
 * to the bot and so most likely pinned its tabs (a project channel, not General); without one,
 * the team's General channel, whose thread id is the workspace's id.
 */
export interface DeepLinkPlace {
  channelId?: string;
}

/** A Teams deep link to the view's channel tab in a team, or undefined when none can be built. */
export function channelTabDeepLink(target: TabLinkTarget, view: string, ws: Workspace, record?: LinkedRecord, label?: string, place: DeepLinkPlace = {}): string | undefined {
  if (!target.teamsAppId || ws.scope !== 'team') return undefined;
  const context = JSON.stringify({ subEntityId: channelSubEntityId(ws, record), channelId: place.channelId || ws.scopeId });
  const q = new URLSearchParams({ ...(label ? { label: label.slice(0, 100) } : {}), context });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(target.teamsAppId)}/${encodeURIComponent(channelTabEntityId(view))}?${q.toString()}`;
}

/** The link to a view (optionally at one record): a channel tab deep link when possible, else the tab page. */
export function tabLink(target: TabLinkTarget, view: string, ws: Workspace, record?: LinkedRecord, label?: string, place: DeepLinkPlace = {}): string {
  return channelTabDeepLink(target, view, ws, record, label, place) ?? tabViewUrl(target.tabEndpoint, view, ws, record ? { [record.kind]: record.id } : {});
}
