// The consent popup's two ends share these rules: the authorize request auth-start.html sends and
// the answer auth-end.html reads back. Pure functions, so they are tested without a browser.

/** sessionStorage key of the state the popup sent, to recognise Entra's answer as its own. */
export const STATE_KEY = 'service-ops.consent-state';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ConsentRequest {
  clientId: string;
  /** The user's tenant (the tab's Teams context); "organizations" when unknown. */
  tenantId?: string;
  loginHint?: string;
}

/** What the tab puts in the popup's query string. */
export function consentQuery(req: ConsentRequest): string {
  const q = new URLSearchParams({ clientId: req.clientId });
  if (req.tenantId) q.set('tenant', req.tenantId);
  if (req.loginHint) q.set('loginHint', req.loginHint);
  return q.toString();
}

/** The popup's query string back to a request, or an error naming what is wrong. */
export function readConsentQuery(search: string): ConsentRequest | { error: string } {
  const q = new URLSearchParams(search);
  const clientId = q.get('clientId') ?? '';
  if (!GUID.test(clientId)) return { error: 'The sign-in page was opened without the app id of Service Ops.' };
  const tenant = q.get('tenant') ?? undefined;
  if (tenant !== undefined && !GUID.test(tenant)) return { error: 'The sign-in page was opened with a malformed tenant id.' };
  const loginHint = q.get('loginHint') ?? undefined;
  return { clientId, ...(tenant ? { tenantId: tenant } : {}), ...(loginHint ? { loginHint } : {}) };
}

/**
 * The Microsoft identity platform authorize request for the tab API's scope. Its code is never
 * redeemed: the popup exists only to let the user (or an admin) consent, after which Teams hands
 * the tab its SSO token silently again.
 */
export function authorizeUrl(req: ConsentRequest, pageOrigin: string, pageHost: string, state: string): string {
  const tenant = req.tenantId ?? 'organizations';
  const q = new URLSearchParams({
    client_id: req.clientId,
    response_type: 'code',
    response_mode: 'fragment',
    redirect_uri: `${pageOrigin}/tabs/auth-end.html`,
    // The identifier URI aad.manifest.json gives the app: api://<tab domain>/<client id>.
    scope: `openid profile api://${pageHost}/${req.clientId}/access_as_user`,
    state,
  });
  if (req.loginHint) q.set('login_hint', req.loginHint);
  return `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0/authorize?${q}`;
}

export type ConsentResult = { ok: true } | { ok: false; error: string };

/** Entra's answer in the fragment of auth-end.html, checked against the state the popup sent. */
export function readAuthorizeResponse(hash: string, expectedState: string | null): ConsentResult {
  const a = new URLSearchParams(hash.replace(/^#/, ''));
  if (!expectedState || a.get('state') !== expectedState) return { ok: false, error: 'The sign-in answer does not belong to this sign-in: try again.' };
  const error = a.get('error');
  if (error) {
    const description = (a.get('error_description') ?? '').split(/\r?\n/)[0]!.slice(0, 300);
    return { ok: false, error: `${error}${description ? `: ${description}` : ''}` };
  }
  if (!a.get('code')) return { ok: false, error: 'The sign-in page got no answer from Microsoft.' };
  return { ok: true };
}
