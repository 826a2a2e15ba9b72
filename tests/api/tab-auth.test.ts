// The tab API accepts only valid Teams SSO tokens for our app, and serves only the caller's
// tenant and a workspace the bot is installed in. The development identity exists only in local
// mode without any app id.
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { errors } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createJwksKeyProvider, ENTRA_JWKS_URL, staticKeyProvider, TabAuthError, verifySsoToken } from '../../bot/src/api/tab-auth';
import type { Workspace } from '../../bot/src/domain/workspace';
import { installDirectly, viewsFeature } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

const TABS_DIR = fileURLToPath(new URL('../../dist/tabs', import.meta.url));

const CLIENT_ID = '5a1c9d3e-8b7f-4e21-9c6d-0f3a2b1e4d55';
const BOT_ID = '0b7f3c9e-3d5a-4c61-9a43-2f6f1f7e9d11';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = 'c0ffee00-1111-4222-8333-944455556666';

const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KID = 'test-key-1';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
function token(claims: Record<string, unknown> = {}, opts: { key?: KeyObject; kid?: string; alg?: string } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: opts.alg ?? 'RS256', typ: 'JWT', kid: opts.kid ?? KID });
  const body = b64({
    aud: CLIENT_ID, iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, tid: TENANT, oid: 'user-oid-1', name: 'Alex Rivera',
    scp: 'access_as_user', ver: '2.0', iat: now - 60, nbf: now - 60, exp: now + 3600, ...claims,
  });
  const sig = sign('RSA-SHA256', Buffer.from(`${head}.${body}`), opts.key ?? signing.privateKey).toString('base64url');
  return `${head}.${body}.${sig}`;
}

const team: Workspace = { tenantId: TENANT, scope: 'team', scopeId: `19:team-${randomUUID()}@thread.tacv2` };
const notInstalled: Workspace = { tenantId: TENANT, scope: 'team', scopeId: `19:team-${randomUUID()}@thread.tacv2` };
const otherTenantTeam: Workspace = { tenantId: OTHER_TENANT, scope: 'team', scopeId: `19:team-${randomUUID()}@thread.tacv2` };
const ws = (w: Workspace) => `${w.tenantId}|${w.scope}|${w.scopeId}`;

let server: ServiceOpsUnderTest;
const acted: string[] = [];

beforeAll(async () => {
  server = await startServiceOps({ BOT_ID, BOT_PASSWORD: 'not-a-real-secret', AAD_APP_CLIENT_ID: CLIENT_ID, TAB_ENDPOINT: 'https://ops.contoso.example' }, {
    tabsDir: TABS_DIR,
    tabAuth: { keys: staticKeyProvider({ [KID]: signing.publicKey }) },
    features: [viewsFeature((r) => r.register({
      id: 'roles', title: 'Roles', description: 'test',
      render: async (ctx) => [{ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `${ctx.identity.name} in ${ctx.workspace.scopeId}` }] }],
      act: async (ctx, verb) => {
        acted.push(`${ctx.workspace.tenantId}:${verb}`);
      },
    }))],
  });
  await installDirectly(server, team);
  await installDirectly(server, otherTenantTeam);
});
afterAll(async () => {
  await server?.close();
});

async function getView(headers: Record<string, string>, workspace: Workspace = team) {
  const res = await fetch(`${server.url}/api/tab/views/roles?workspace=${encodeURIComponent(ws(workspace))}`, { headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

describe('tab API with an app id configured (production)', () => {
  it('serves the view to a valid Teams SSO token, naming the token user', async () => {
    const res = await getView(bearer(token()));
    expect(res.status).toBe(200);
    expect(res.body.identity).toEqual({ kind: 'sso', name: 'Alex Rivera' });
    expect(JSON.stringify(res.body.cards)).toContain(`Alex Rivera in ${team.scopeId}`);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('accepts the api://<tab domain>/<client id> audience and v1 (sts.windows.net) issuer', async () => {
    expect((await getView(bearer(token({ aud: `api://ops.contoso.example/${CLIENT_ID}` })))).status).toBe(200);
    expect((await getView(bearer(token({ iss: `https://sts.windows.net/${TENANT}/`, ver: '1.0' })))).status).toBe(200);
  });

  it.each([
    ['no token', () => ({})],
    ['a malformed Authorization header', () => ({ authorization: 'Basic abc' })],
    ['a token that is not a JWT', () => bearer('not-a-jwt')],
    ['a token for another audience', () => bearer(token({ aud: 'a9b8c7d6-0000-4000-8000-000000000000' }))],
    ['an expired token', () => bearer(token({ exp: Math.floor(Date.now() / 1000) - 3600 }))],
    ['a token not valid yet', () => bearer(token({ nbf: Math.floor(Date.now() / 1000) + 3600 }))],
    ['a bad signature', () => bearer(token({}, { key: stranger.privateKey }))],
    ['an unknown key id', () => bearer(token({}, { kid: 'unknown-kid' }))],
    ['alg none', () => bearer(token().split('.').slice(0, 2).map((p, i) => (i === 0 ? b64({ alg: 'none', kid: KID }) : p)).join('.') + '.')],
    ['an HS256 token', () => bearer(token({}, { alg: 'HS256' }))],
    ['a foreign issuer', () => bearer(token({ iss: 'https://evil.example/v2.0' }))],
    ["an issuer for another tenant than tid", () => bearer(token({ iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }))],
    ['an app-only token (no access_as_user scope)', () => bearer(token({ scp: undefined, roles: ['Tabs.Read'] }))],
    ['a token without oid', () => bearer(token({ oid: undefined }))],
    ['the development identity', () => ({ 'x-dev-identity': 'local' })],
  ])('answers 401 to %s', async (_name, headers) => {
    const res = await getView(headers());
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual(expect.any(String));
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(res.body.cards).toBeUndefined();
  });

  it("answers 403 to another tenant's workspace, even where the bot is installed", async () => {
    const res = await getView(bearer(token()), otherTenantTeam);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatch(/another organization/);
  });

  it('answers 403 to a workspace of the same tenant where the bot is not installed', async () => {
    const res = await getView(bearer(token()), notInstalled);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatch(/not installed/);
  });

  it('answers 400 when the request names no workspace (an SSO caller has no default)', async () => {
    const res = await fetch(`${server.url}/api/tab/views/roles`, { headers: bearer(token()) });
    expect(res.status).toBe(400);
  });

  it("refuses actions on another tenant's workspace without calling the provider", async () => {
    const post = (workspace: Workspace) => fetch(`${server.url}/api/tab/actions`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...bearer(token()) },
      body: JSON.stringify({ view: 'roles', workspace: ws(workspace), verb: 'role.update', data: {} }),
    });
    expect((await post(otherTenantTeam)).status).toBe(403);
    expect((await post(notInstalled)).status).toBe(403);
    expect(acted).toEqual([]);
    const ok = await post(team);
    expect(ok.status).toBe(200);
    expect(acted).toEqual([`${TENANT}:role.update`]);
  });

  it('needs a token for the catalog too, and publishes only how to sign in', async () => {
    expect((await fetch(`${server.url}/api/tab/views`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/tab/views`, { headers: bearer(token()) })).status).toBe(200);
    const settings = await (await fetch(`${server.url}/api/tab/settings`)).json();
    expect(settings).toEqual({ mode: 'authenticated', devIdentity: false, sso: { clientId: CLIENT_ID, loginUrl: 'https://ops.contoso.example/tabs/auth-start.html' } });
  });
});

describe('local mode', () => {
  it('refuses the development identity when an SSO app id is configured', async () => {
    const local = await startServiceOps({ AAD_APP_CLIENT_ID: CLIENT_ID }, { features: [] });
    try {
      expect(local.config.mode).toBe('local');
      const res = await fetch(`${local.url}/api/tab/views/roles`, { headers: { 'x-dev-identity': 'local' } });
      expect(res.status).toBe(401);
      expect(((await res.json()) as any).error).toMatch(/development identity is refused/);
      expect(((await (await fetch(`${local.url}/api/tab/settings`)).json()) as any).devIdentity).toBe(false);
    } finally {
      await local.close();
    }
  });

  it('serves the development identity, labelled, only when asked for it and only without app ids', async () => {
    const local = await startServiceOps({}, { features: [] });
    try {
      expect((await fetch(`${local.url}/api/tab/views/roles`)).status).toBe(401);
      const res = await fetch(`${local.url}/api/tab/views/roles`, { headers: { 'x-dev-identity': 'local' } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as any;
      expect(body.identity).toEqual({ kind: 'development', name: expect.stringMatching(/development identity/) });
      expect(body.cards).toEqual([]);
      expect(body.empty.text).toMatch(/role map/);
    } finally {
      await local.close();
    }
  });
});

describe('tab pages', () => {
  it('are served with a CSP whose frame-ancestors allow the Teams and Microsoft 365 hosts', async () => {
    const res = await fetch(`${server.url}/tabs/index.html`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const host of ['https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.cloud.microsoft', 'https://*.office.com']) expect(csp).toContain(host);
    expect(csp).toMatch(/^frame-ancestors /);
  });
});

describe('Entra key set', () => {
  const jwk = { ...signing.publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig' };
  const jwks = JSON.stringify({ keys: [jwk, { kty: 'EC', kid: 'ec', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }] });
  const header = (kid: string) => ({ alg: 'RS256', kid });
  const jws = { payload: '', signature: '' };
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is fetched from the fixed JWKS URL, cached, and refreshed on an unknown kid at most once per interval', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const calls: string[] = [];
    const provider = createJwksKeyProvider({
      minRefreshMs: 60_000,
      fetch: async (url) => {
        calls.push(url);
        return new Response(jwks, { status: 200 });
      },
    });
    expect(await provider(header(KID), jws)).toBeDefined();
    expect(await provider(header(KID), jws)).toBeDefined();
    expect(calls).toEqual([ENTRA_JWKS_URL]);
    await expect(provider(header('forged-1'), jws)).rejects.toThrow(errors.JWKSNoMatchingKey);
    await expect(provider(header('forged-2'), jws)).rejects.toThrow(errors.JWKSNoMatchingKey);
    expect(calls).toHaveLength(1);
    vi.setSystemTime(Date.now() + 61_000);
    await expect(provider(header('forged-3'), jws)).rejects.toThrow(errors.JWKSNoMatchingKey);
    expect(calls).toHaveLength(2);
  });

  it('verifies a token against keys served over HTTP, and refuses one when the key set cannot be fetched', async () => {
    let requests = 0;
    let up = true;
    // Written without chaining: restify, loaded in this process, patches writeHead to return nothing.
    const jwksServer = createHttpServer((_req, res) => {
      requests++;
      res.statusCode = up ? 200 : 503;
      res.setHeader('content-type', 'application/json');
      res.end(up ? jwks : '{}');
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/keys`;
      const opts = { audiences: [CLIENT_ID], now: new Date() };
      const identity = await verifySsoToken(token(), { ...opts, keys: createJwksKeyProvider({ url }) });
      expect(identity).toEqual({ kind: 'sso', tenantId: TENANT, userId: 'user-oid-1', name: 'Alex Rivera' });
      expect(requests).toBe(1);
      up = false;
      const refused = await verifySsoToken(token(), { ...opts, keys: createJwksKeyProvider({ url }) }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TabAuthError);
      expect((refused as TabAuthError).status).toBe(401);
      expect((refused as TabAuthError).message).toMatch(/could not be verified/);
    } finally {
      jwksServer.close();
    }
  });
});
