// Links from a card to the record in the personal "My work" tab. In Teams that is a deep link to
// the static tab (https://teams.microsoft.com/l/entity/<app id>/<entity id>?context={"subEntityId"})
// carrying the workspace and the record in subEntityId, which the tab page reads back from its
// Teams context. When the Teams app id is not known the link is the tab page on the tab endpoint
// itself (view, workspace and record in its query), which also works in a plain browser.
import { tabViewUrl } from '../tab-link';
import { workspaceKey, type Workspace } from '../workspace';

/** The personal tab's entityId in the manifest (appPackage/manifest.json staticTabs). */
export const MY_WORK_ENTITY_ID = 'my-work';
export const MY_WORK_VIEW_ID = 'my-work';

export type RecordKind = 'finding' | 'incident' | 'task';

export interface TabLinkOptions {
  /** The Teams app id (the manifest id); without it the links open the tab page itself. */
  teamsAppId?: string;
  /** Where the tab pages are served, e.g. https://serviceops.example.net. */
  tabEndpoint: string;
}

/** The workspace as the tab API names it: "<tenant>|team|<id>" or "<tenant>|chat|<id>". */
export function tabWorkspace(ws: Workspace): string {
  return workspaceKey(ws);
}

export function recordRef(kind: RecordKind, id: string): string {
  return `${kind}:${id}`;
}

/** What the deep link's subEntityId holds: query-string form, so no id can break out of it. */
export function subEntityId(ws: Workspace, kind: RecordKind, id: string): string {
  return new URLSearchParams({ w: tabWorkspace(ws), r: recordRef(kind, id) }).toString();
}

export function parseSubEntityId(raw: unknown): { workspace: string; record?: string } | undefined {
  if (typeof raw !== 'string' || raw.length > 1024) return undefined;
  const q = new URLSearchParams(raw);
  const workspace = q.get('w');
  if (!workspace) return undefined;
  const record = q.get('r');
  return record ? { workspace, record } : { workspace };
}

/** The tab page showing my work in `ws`, opened at one record (the tab view address of ../tab-link.ts). */
export function myWorkWebUrl(opts: TabLinkOptions, ws: Workspace, kind: RecordKind, id: string): string {
  return tabViewUrl(opts.tabEndpoint, MY_WORK_VIEW_ID, ws, { record: recordRef(kind, id) });
}

/** The link a card's Action.OpenUrl opens for one record. */
export function myWorkLink(opts: TabLinkOptions, ws: Workspace, kind: RecordKind, id: string, label: string): string {
  if (!opts.teamsAppId) return myWorkWebUrl(opts, ws, kind, id);
  // No webUrl: Teams opens the tab's own contentUrl, and a card has room for a few dozen links.
  const q = new URLSearchParams({ label: label.slice(0, 100), context: JSON.stringify({ subEntityId: subEntityId(ws, kind, id) }) });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(opts.teamsAppId)}/${MY_WORK_ENTITY_ID}?${q.toString()}`;
}
