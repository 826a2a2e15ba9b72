// Talks to the Teams host when the page is framed by Teams; in a plain browser (local mode,
// tests) it reports that and the pages work without it.
import { app } from '@microsoft/teams-js';

export type Theme = 'default' | 'dark' | 'contrast';

export interface Host {
  inTeams: boolean;
  theme: Theme;
  onThemeChange(handler: (theme: Theme) => void): void;
}

function normalizeTheme(theme: string | undefined): Theme {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

export async function connectHost(): Promise<Host> {
  const params = new URLSearchParams(location.search);
  const framed = window.parent !== window;
  if (!framed) {
    return { inTeams: false, theme: normalizeTheme(params.get('theme') ?? undefined), onThemeChange: () => {} };
  }
  try {
    await app.initialize();
    const context = await app.getContext();
    return {
      inTeams: true,
      theme: normalizeTheme(context.app.theme),
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((t) => handler(normalizeTheme(t))),
    };
  } catch {
    return { inTeams: false, theme: 'default', onThemeChange: () => {} };
  }
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}
