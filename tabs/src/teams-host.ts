// Talks to the Teams host when the page is framed by Teams; in a plain browser (local mode,
// tests) it reports that and the pages work without it. teams-js is loaded only when framed,
// so a plain browser does not download it.
//
// The context tells the page WHICH workspace it is shown in; it is never identity (the tab API
// takes identity from the SSO token only, and checks the token's tenant against this workspace).
import { parseSubPage } from './sub-page';

export type Theme = 'default' | 'dark' | 'contrast';

export interface SavedTabConfig {
  contentUrl: string;
  entityId?: string;
  suggestedDisplayName?: string;
}

export interface Host {
  inTeams: boolean;
  theme: Theme;
  /** "<tenant>|team|<team id>" or "<tenant>|chat|<chat id>"; undefined outside Teams unless ?workspace= is given. */
  workspace?: string;
  /** "kind:id" of the record a deep link opened (the personal tab's subEntityId), if any. */
  record?: string;
  onThemeChange(handler: (theme: Theme) => void): void;
}

export function normalizeTheme(theme: string | null | undefined): Theme {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

export function isFramed(): boolean {
  try {
    return window.parent !== window;
  } catch {
    return true;
  }
}

type TeamsJs = typeof import('@microsoft/teams-js');
let teamsJs: Promise<TeamsJs> | undefined;
/** teams-js, initialized once. Only call when framed. */
export function teams(): Promise<TeamsJs> {
  teamsJs ??= import('@microsoft/teams-js').then(async (m) => {
    await m.app.initialize();
    return m;
  });
  return teamsJs;
}

export async function connectHost(): Promise<Host> {
  const params = new URLSearchParams(location.search);
  const plain: Host = { inTeams: false, theme: normalizeTheme(params.get('theme')), workspace: params.get('workspace') ?? undefined, onThemeChange: () => {} };
  if (!isFramed()) return plain;
  try {
    const { app } = await teams();
    const context = await app.getContext();
    const tenant = context.user?.tenant?.id;
    const scope = context.team?.internalId ? `team|${context.team.internalId}` : context.chat?.id ? `chat|${context.chat.id}` : undefined;
    // A personal tab has no team or chat: a deep link from a card names the workspace instead.
    const sub = parseSubPage(context.page?.subPageId);
    return {
      inTeams: true,
      theme: normalizeTheme(context.app.theme),
      workspace: tenant && scope ? `${tenant}|${scope}` : sub?.workspace,
      ...(sub?.record ? { record: sub.record } : {}),
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((t) => handler(normalizeTheme(t))),
    };
  } catch {
    // Framed by something that is not Teams (e.g. a preview pane): behave as a plain browser.
    return plain;
  }
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme === 'default' ? 'light' : 'dark';
}
