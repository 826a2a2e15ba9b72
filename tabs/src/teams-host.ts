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
  /** Where Teams shows the page: "content" (a tab, or a meeting's details tab), "sidePanel", "meetingStage", "settings". */
  frameContext?: string;
  /** The Teams meeting the page is shown in (its id as teams-js gives it), if any. */
  meetingId?: string;
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
  // In a plain browser ?frame=sidePanel (and ?meeting=…) shows a page as Teams' meeting side panel would.
  const plain: Host = {
    inTeams: false, theme: normalizeTheme(params.get('theme')), workspace: params.get('workspace') ?? undefined,
    ...(params.get('frame') ? { frameContext: params.get('frame')! } : {}), ...(params.get('meeting') ? { meetingId: params.get('meeting')! } : {}),
    onThemeChange: () => {},
  };
  if (!isFramed()) return plain;
  try {
    const { app } = await teams();
    const context = await app.getContext();
    const tenant = context.user?.tenant?.id;
    // A channel meeting belongs to its team; any other meeting's workspace is its chat (the meeting chat).
    const chatId = context.chat?.id ?? meetingChatId(context.meeting?.id);
    const scope = context.team?.internalId ? `team|${context.team.internalId}` : chatId ? `chat|${chatId}` : undefined;
    // A personal tab has no team or chat: a deep link from a card names the workspace instead.
    const sub = parseSubPage(context.page?.subPageId);
    return {
      inTeams: true,
      theme: normalizeTheme(context.app.theme),
      workspace: tenant && scope ? `${tenant}|${scope}` : sub?.workspace,
      ...(sub?.record ? { record: sub.record } : {}),
      ...(context.page?.frameContext ? { frameContext: String(context.page.frameContext) } : {}),
      ...(context.meeting?.id ? { meetingId: context.meeting.id } : {}),
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((t) => handler(normalizeTheme(t))),
    };
  } catch {
    // Framed by something that is not Teams (e.g. a preview pane): behave as a plain browser.
    return plain;
  }
}

/**
 * The meeting chat's id inside a Teams meeting id (base64 of "…19:meeting_…@thread.v2…"), for a
 * meeting page whose context names no chat (a details tab before anyone wrote in the chat).
 */
export function meetingChatId(meetingId: string | undefined): string | undefined {
  if (!meetingId) return undefined;
  try {
    return /19:meeting_[A-Za-z0-9_-]+@thread\.v2/.exec(atob(meetingId))?.[0];
  } catch {
    return undefined;
  }
}

/** A meeting side panel or stage: the narrow, in-meeting surfaces where the agenda tab shows the meeting's notes. */
export const isMeetingSurface = (frameContext: string | undefined) => frameContext === 'sidePanel' || frameContext === 'meetingStage';

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme === 'default' ? 'light' : 'dark';
}
