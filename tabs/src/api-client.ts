// The tab API from the page: who we are (SSO token in Teams, the development identity in a
// plain browser in local mode) and the two calls the content page makes.
import type { Host } from './teams-host';
import type { TrendChart } from './trend-chart';

export interface ViewResponse {
  view: { id: string; title: string; description: string };
  identity: { kind: 'sso' | 'development'; name: string };
  cards: Record<string, unknown>[];
  charts?: TrendChart[];
  empty?: { title: string; text: string };
  /** Present on a 400 from an action: the input was refused, the view is re-rendered unchanged. */
  error?: string;
}

export interface CatalogView {
  id: string;
  title: string;
  description: string;
  choices: { param: string; label: string; options: { id: string; title: string }[] }[];
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly body?: unknown) {
    super(message);
  }
}

interface Settings { mode: string; devIdentity: boolean; sso: { clientId: string; loginUrl: string } | null }
let settings: Promise<Settings> | undefined;

async function authHeaders(host: Host): Promise<Record<string, string>> {
  // A plain browser has no Teams to ask for a token: it can only be the local development identity,
  // which the server refuses whenever an app id is configured.
  if (!host.inTeams) return { 'X-Dev-Identity': 'local' };
  settings ??= fetch('/api/tab/settings').then((r) => r.json() as Promise<Settings>);
  const s = await settings;
  if (s.sso) {
    const { getSsoToken } = await import('./auth/teams-sso');
    try {
      return { Authorization: `Bearer ${await getSsoToken(s.sso)}` };
    } catch (e) {
      throw new ApiError(401, `Teams could not sign you in (${(e as Error).message}). Reload the tab; if it keeps happening, ask your Teams admin to consent to Service Ops.`);
    }
  }
  if (s.devIdentity) return { 'X-Dev-Identity': 'local' };
  throw new ApiError(401, 'This server has no Teams sign-in configured (AAD_APP_CLIENT_ID). Ask the person who runs Service Ops to set it.');
}

async function call<T>(host: Host, path: string, init: RequestInit = {}): Promise<T> {
  const headers = { Accept: 'application/json', ...(await authHeaders(host)), ...(init.headers as Record<string, string> | undefined) };
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError(0, 'Service Ops could not be reached. Check your connection, then try again.');
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (!res.ok && !(res.status === 400 && body && typeof body === 'object' && 'cards' in body)) {
    const message = body && typeof body === 'object' && 'error' in body ? String((body as { error: unknown }).error) : `Service Ops answered ${res.status}.`;
    throw new ApiError(res.status, message, body);
  }
  return body as T;
}

export function viewPath(view: string, workspace: string | undefined, params: Record<string, string>): string {
  const q = new URLSearchParams(params);
  if (workspace) q.set('workspace', workspace);
  const qs = q.toString();
  return `/api/tab/views/${encodeURIComponent(view)}${qs ? `?${qs}` : ''}`;
}

export function fetchView(host: Host, view: string, params: Record<string, string>): Promise<ViewResponse> {
  return call(host, viewPath(view, host.workspace, params));
}

export function postAction(host: Host, view: string, params: Record<string, string>, verb: string, data: Record<string, unknown>): Promise<ViewResponse> {
  return call(host, '/api/tab/actions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ view, workspace: host.workspace, params, verb, data }),
  });
}

export function fetchCatalog(host: Host): Promise<{ views: CatalogView[] }> {
  return call(host, '/api/tab/views');
}

export interface CqdUploadResponse {
  importId: string;
  month: string;
  rows: number;
  /** The proposals card (nothing is filed until one of its buttons is used). */
  card: Record<string, unknown>;
}

/** Uploads a call-quality CSV export: the API proposes findings and files nothing. 400 carries { problems: [{ line, message }] }. */
export function uploadCqd(host: Host, file: File): Promise<CqdUploadResponse> {
  const q = new URLSearchParams({ fileName: file.name.slice(0, 200) });
  if (host.workspace) q.set('workspace', host.workspace);
  return call(host, `/api/tab/import/cqd?${q}`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: file });
}
