// The pages a Teams admin and a user reach from the app package: the manifest's privacy and terms
// URLs and its tab, and the consent popup pair (auth-start.html → Microsoft identity platform →
// auth-end.html) that the tab opens when Teams cannot hand out the SSO token silently. Served by
// the real server from the built tab pages (dist/tabs); the popup runs in headless Chromium with
// Entra played by a route, so nothing leaves the machine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeUrl, consentQuery, readAuthorizeResponse, readConsentQuery } from '../../tabs/src/auth/authorize-url';
import { fillPlaceholders, REPO_ROOT } from '../../scripts/lib/app-package.mjs';
import { launchBrowser, type LaunchedBrowser } from '../support/chromium';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

const TABS_DIR = fileURLToPath(new URL('../../dist/tabs', import.meta.url));
const CLIENT_ID = '5a1c9d3e-8b7f-4e21-9c6d-0f3a2b1e4d55';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TEMPLATE: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'appPackage/manifest.json'), 'utf8'));

let server: ServiceOpsUnderTest;
beforeAll(async () => {
  server = await startServiceOps({ BOT_ID: '0b7f3c9e-3d5a-4c61-9a43-2f6f1f7e9d11', BOT_PASSWORD: 'not-a-real-secret', AAD_APP_CLIENT_ID: CLIENT_ID }, { tabsDir: TABS_DIR, features: [] });
});
afterAll(async () => {
  await server?.close();
});

/** The manifest as `npm run package` fills it, pointed at the server under test. */
function manifestFor(endpoint: string): any {
  const host = new URL(endpoint).host;
  const { value, missing } = fillPlaceholders(TEMPLATE, {
    TEAMS_APP_ID: '0f6a3c1e-8b2d-4e5f-9a7b-1c2d3e4f5a6b', BOT_ID: '7d9e1f20-3a4b-4c5d-8e6f-708192a3b4c5', AAD_APP_CLIENT_ID: CLIENT_ID,
    TAB_ENDPOINT: endpoint, TAB_DOMAIN: host, APP_NAME_SUFFIX: 'test',
  });
  expect(missing).toEqual([]);
  return value;
}

describe('the manifest links', () => {
  it('point at pages the server serves (200), the privacy and terms pages among them', async () => {
    const m = manifestFor(server.url);
    const urls = [m.developer.websiteUrl, m.developer.privacyUrl, m.developer.termsOfUseUrl, m.configurableTabs[0].configurationUrl];
    for (const url of urls) {
      const res = await fetch(url);
      expect(`${url} ${res.status} ${res.headers.get('content-type')}`).toMatch(/ 200 text\/html/);
    }
    expect(m.developer.privacyUrl).toBe(`${server.url}/tabs/privacy.html`);
    expect(m.developer.termsOfUseUrl).toBe(`${server.url}/tabs/terms.html`);
  });

  it('the privacy page says what is stored, where, and what leaves the organization', async () => {
    const text = (await (await fetch(`${server.url}/tabs/privacy.html`)).text()).replace(/<[^>]+>/g, ' ');
    for (const said of ['Findings', 'Incidents', 'Reminders', 'Conversation references', 'Azure Table storage', "organization's subscription", 'Microsoft Teams and the Bot Framework', 'Application Insights']) expect(text).toContain(said);
    const terms = await (await fetch(`${server.url}/tabs/terms.html`)).text();
    expect(terms).toContain('without warranty');
  });

  it('the short /privacy and /terms addresses redirect to the pages', async () => {
    for (const page of ['privacy', 'terms']) {
      const res = await fetch(`${server.url}/${page}`, { redirect: 'manual' });
      expect([res.status, res.headers.get('location')]).toEqual([301, `/tabs/${page}.html`]);
    }
  });

  it('the sign-in popup pages and their scripts answer 200 at the login URL the tab API publishes', async () => {
    const settings = (await (await fetch(`${server.url}/api/tab/settings`)).json()) as { sso: { loginUrl: string } };
    const loginPath = new URL(settings.sso.loginUrl).pathname;
    expect(loginPath).toBe('/tabs/auth-start.html');
    for (const path of [loginPath, '/tabs/auth-end.html', '/tabs/auth/auth-start.js', '/tabs/auth/auth-end.js']) {
      const res = await fetch(`${server.url}${path}`);
      expect(`${path} ${res.status}`).toBe(`${path} 200`);
      if (path.endsWith('.js')) expect(res.headers.get('content-type')).toMatch(/javascript/);
    }
  });
});

describe('the consent request (tabs/src/auth/authorize-url.ts)', () => {
  it('asks the Microsoft identity platform of the user tenant for the tab API scope, back to auth-end.html', () => {
    const u = new URL(authorizeUrl({ clientId: CLIENT_ID, tenantId: TENANT, loginHint: 'alex@contoso.com' }, 'https://ops.contoso.example', 'ops.contoso.example', 'st-1'));
    expect(`${u.origin}${u.pathname}`).toBe(`https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(u.searchParams)).toEqual({
      client_id: CLIENT_ID, response_type: 'code', response_mode: 'fragment', redirect_uri: 'https://ops.contoso.example/tabs/auth-end.html',
      scope: `openid profile api://ops.contoso.example/${CLIENT_ID}/access_as_user`, state: 'st-1', login_hint: 'alex@contoso.com',
    });
    expect(new URL(authorizeUrl({ clientId: CLIENT_ID }, 'https://x.example', 'x.example', 's')).pathname).toBe('/organizations/oauth2/v2.0/authorize');
  });

  it('reads back only well-formed popup parameters', () => {
    expect(readConsentQuery(`?${consentQuery({ clientId: CLIENT_ID, tenantId: TENANT, loginHint: 'a@b.c' })}`)).toEqual({ clientId: CLIENT_ID, tenantId: TENANT, loginHint: 'a@b.c' });
    expect(readConsentQuery('?clientId=evil')).toEqual({ error: expect.stringMatching(/without the app id/) });
    expect(readConsentQuery(`?clientId=${CLIENT_ID}&tenant=../x`)).toEqual({ error: expect.stringMatching(/malformed tenant/) });
  });

  it("accepts Entra's answer only with the state the popup sent", () => {
    expect(readAuthorizeResponse('#code=abc&state=s1', 's1')).toEqual({ ok: true });
    expect(readAuthorizeResponse('#code=abc&state=s2', 's1')).toEqual({ ok: false, error: expect.stringMatching(/does not belong/) });
    expect(readAuthorizeResponse('#code=abc&state=s1', null).ok).toBe(false);
    expect(readAuthorizeResponse('#error=consent_required&error_description=AADSTS65001%3A+The+user+has+not+consented%0D%0ATrace+ID%3A+x&state=s1', 's1')).toEqual({ ok: false, error: 'consent_required: AADSTS65001: The user has not consented' });
    expect(readAuthorizeResponse('#state=s1', 's1').ok).toBe(false);
  });
});

describe('the consent popup in a browser', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('auth-start sends the browser to Entra, and auth-end reads the answer and clears it from the address bar', async () => {
    const page = await browser.newPage();
    const asked: URL[] = [];
    // Entra, played here: it consents at once and sends the browser back with a code.
    await page.route('https://login.microsoftonline.com/**', (route) => {
      const u = new URL(route.request().url());
      asked.push(u);
      return route.fulfill({ status: 302, headers: { location: `${u.searchParams.get('redirect_uri')}#code=fake-code&state=${u.searchParams.get('state')}` } });
    });
    await page.goto(`${server.url}/tabs/auth-start.html?${consentQuery({ clientId: CLIENT_ID, tenantId: TENANT, loginHint: 'alex@contoso.com' })}`);
    await page.waitForFunction(() => location.pathname === '/tabs/auth-end.html' && document.getElementById('status')?.textContent?.startsWith('Signed in'));
    expect(asked).toHaveLength(1);
    const host = new URL(server.url).hostname;
    expect(asked[0]!.pathname).toBe(`/${TENANT}/oauth2/v2.0/authorize`);
    expect(asked[0]!.searchParams.get('redirect_uri')).toBe(`${server.url}/tabs/auth-end.html`);
    expect(asked[0]!.searchParams.get('scope')).toBe(`openid profile api://${host}/${CLIENT_ID}/access_as_user`);
    expect(page.url()).toBe(`${server.url}/tabs/auth-end.html`);
    await page.close();
  }, 60_000);

  it('auth-end refuses an answer it did not ask for, and auth-start one without an app id', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/tabs/auth-end.html#code=planted&state=not-mine`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Sign-in failed'));
    await page.goto(`${server.url}/tabs/auth-start.html`);
    await page.waitForFunction(() => /without the app id/.test(document.getElementById('status')?.textContent ?? ''));
    expect(page.url()).toBe(`${server.url}/tabs/auth-start.html`);
    await page.close();
  }, 60_000);
});
