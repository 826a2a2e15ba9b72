// Who is calling the tab API. In production: a Teams SSO token (an Entra access token for our
// AAD app), verified here with node:crypto (RS256 against Entra's published keys). In local
// mode only, and only when no app id is configured: a clearly-labelled development identity.
// The tab's Teams context is never identity: it only says which workspace the page asks for.
import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { AppConfig } from '../config';

export interface TabIdentity {
  /** 'sso' = verified Teams SSO token; 'development' = local-mode stand-in, never in production. */
  kind: 'sso' | 'development';
  tenantId: string;
  /** Entra object id (oid) of the user. */
  userId: string;
  name: string;
}

export class TabAuthError extends Error {
  override name = 'TabAuthError';
  constructor(message: string, readonly status: 401 | 403 = 401) {
    super(message);
  }
}

/** Where signing keys come from. Production: Entra's JWKS; tests inject their own. */
export interface SigningKeyProvider {
  /** The RSA public key with this key id, or undefined when no such key is published. */
  getKey(kid: string): Promise<KeyObject | undefined>;
}

export interface TabAuthOptions {
  /** Test seam: the signing keys. Defaults to Entra's common JWKS, fetched and cached. */
  keys?: SigningKeyProvider;
  clock?: () => Date;
}

/** The header a page sends in local mode to ask for the development identity. */
export const DEV_IDENTITY_HEADER = 'x-dev-identity';
export const DEV_IDENTITY: TabIdentity = Object.freeze({
  kind: 'development',
  tenantId: 'local-dev-tenant',
  userId: 'local-dev-user',
  name: 'Local developer (development identity)',
});

/** Entra's keys for v1 and v2 tokens of every tenant. Fixed on purpose: not a setting. */
export const ENTRA_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
/** Clock skew tolerated on exp and nbf. */
export const CLOCK_SKEW_SECONDS = 120;
/** Teams SSO tokens carry this delegated scope (aad.manifest.json exposes it). */
export const SSO_SCOPE = 'access_as_user';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The development identity can exist only in local mode with no app id at all (neither the
 * bot's nor the SSO app's): as soon as either is configured, real tokens are the only way in.
 */
export function devIdentityAllowed(config: AppConfig): boolean {
  return config.mode === 'local' && !config.bot.appId && !config.aadAppClientId;
}

/** The audiences a Teams SSO token for our app may carry: the client id or its api:// URI. */
export function acceptedAudiences(config: AppConfig): string[] {
  const id = config.aadAppClientId;
  if (!id) return [];
  const out = new Set([id, `api://${id}`]);
  try {
    const u = new URL(config.tabEndpoint);
    out.add(`api://${u.hostname}/${id}`);
    out.add(`api://${u.host}/${id}`);
  } catch {
    // tabEndpoint is validated by config; nothing to add otherwise
  }
  return [...out];
}

export interface TabAuthenticator {
  authenticate(headers: Record<string, string | string[] | undefined>): Promise<TabIdentity>;
}

export function createTabAuthenticator(config: AppConfig, options: TabAuthOptions = {}): TabAuthenticator {
  const keys = options.keys ?? createJwksKeyProvider();
  const clock = options.clock ?? (() => new Date());
  const audiences = acceptedAudiences(config);
  return {
    async authenticate(headers) {
      const auth = header(headers, 'authorization');
      if (auth) {
        const m = /^Bearer\s+(\S+)$/i.exec(auth);
        if (!m) throw new TabAuthError('The Authorization header must be "Bearer <Teams SSO token>".');
        if (!audiences.length) throw new TabAuthError('Teams SSO is not configured on this server (AAD_APP_CLIENT_ID is empty).');
        return verifySsoToken(m[1]!, { audiences, keys, now: clock() });
      }
      if (header(headers, DEV_IDENTITY_HEADER) !== undefined) {
        if (!devIdentityAllowed(config)) {
          throw new TabAuthError('The development identity is refused: an app id is configured, so only Teams SSO tokens are accepted.');
        }
        return DEV_IDENTITY;
      }
      throw new TabAuthError('Sign-in required: send a Teams SSO token (Authorization: Bearer ...).');
    },
  };
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

interface JwtHeader { alg?: unknown; kid?: unknown; typ?: unknown }
interface JwtClaims {
  iss?: unknown; aud?: unknown; exp?: unknown; nbf?: unknown; tid?: unknown; oid?: unknown;
  name?: unknown; preferred_username?: unknown; upn?: unknown; scp?: unknown; ver?: unknown;
}

function decodePart<T>(part: string, what: string): T {
  try {
    const v = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error();
    return v as T;
  } catch {
    throw new TabAuthError(`The token's ${what} is not valid JSON.`);
  }
}

/** Verifies a Teams SSO (Entra v1 or v2 access) token and returns who it names. */
export async function verifySsoToken(token: string, opts: { audiences: readonly string[]; keys: SigningKeyProvider; now: Date }): Promise<TabIdentity> {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw new TabAuthError('The token is not a JWT.');
  const [h, p, s] = parts as [string, string, string];
  const head = decodePart<JwtHeader>(h, 'header');
  // Only RS256: never "none", never HMAC with a public key as secret.
  if (head.alg !== 'RS256') throw new TabAuthError('The token is not signed with RS256.');
  if (typeof head.kid !== 'string' || !head.kid) throw new TabAuthError('The token names no signing key.');
  const key = await opts.keys.getKey(head.kid);
  if (!key) throw new TabAuthError('The token is signed with a key Entra does not publish.');
  const signatureOk = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'));
  if (!signatureOk) throw new TabAuthError('The token signature is invalid.');

  const c = decodePart<JwtClaims>(p, 'payload');
  const tid = typeof c.tid === 'string' && GUID.test(c.tid) ? c.tid : undefined;
  if (!tid) throw new TabAuthError('The token has no tenant (tid).');
  const issuers = [`https://login.microsoftonline.com/${tid}/v2.0`, `https://sts.windows.net/${tid}/`];
  if (typeof c.iss !== 'string' || !issuers.includes(c.iss)) throw new TabAuthError('The token was not issued by Entra for its tenant.');
  const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
  if (!aud.some((a) => typeof a === 'string' && opts.audiences.includes(a))) throw new TabAuthError('The token is for another application (audience).');
  const now = Math.floor(opts.now.getTime() / 1000);
  if (typeof c.exp !== 'number' || now > c.exp + CLOCK_SKEW_SECONDS) throw new TabAuthError('The token has expired: reload the tab to get a new one.');
  if (c.nbf !== undefined && (typeof c.nbf !== 'number' || now + CLOCK_SKEW_SECONDS < c.nbf)) throw new TabAuthError('The token is not valid yet.');
  const scopes = typeof c.scp === 'string' ? c.scp.split(' ') : [];
  if (!scopes.includes(SSO_SCOPE)) throw new TabAuthError(`The token lacks the ${SSO_SCOPE} scope (app-only tokens are not accepted).`);
  if (typeof c.oid !== 'string' || !c.oid) throw new TabAuthError('The token names no user (oid).');
  const name = [c.name, c.preferred_username, c.upn].find((v): v is string => typeof v === 'string' && v.length > 0) ?? c.oid;
  return { kind: 'sso', tenantId: tid.toLowerCase(), userId: c.oid, name };
}

/**
 * Entra's JWKS, cached. Keys roll over every few weeks: an unknown kid refreshes the set, but
 * at most once per `minRefreshMs`, so a flood of forged kids cannot make us hammer Entra.
 */
export function createJwksKeyProvider(options: { fetch?: typeof fetch; maxAgeMs?: number; minRefreshMs?: number; now?: () => number } = {}): SigningKeyProvider {
  const doFetch = options.fetch ?? fetch;
  const maxAge = options.maxAgeMs ?? 24 * 3600_000;
  const minRefresh = options.minRefreshMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let cache = new Map<string, KeyObject>();
  let fetchedAt = -Infinity;
  let inflight: Promise<void> | undefined;

  const refresh = (): Promise<void> => {
    inflight ??= (async () => {
      try {
        const res = await doFetch(ENTRA_JWKS_URL, { signal: AbortSignal.timeout(5000) });
        if (!res.ok) throw new Error(`JWKS answered ${res.status}`);
        const body = (await res.json()) as { keys?: (JsonWebKey & { kid?: string; use?: string })[] };
        const next = new Map<string, KeyObject>();
        for (const jwk of body.keys ?? []) {
          if (jwk.kty !== 'RSA' || typeof jwk.kid !== 'string' || (jwk.use && jwk.use !== 'sig')) continue;
          try {
            next.set(jwk.kid, createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }));
          } catch {
            // a malformed key is skipped; the others still work
          }
        }
        cache = next;
      } finally {
        fetchedAt = now();
        inflight = undefined;
      }
    })();
    return inflight;
  };

  return {
    async getKey(kid) {
      const age = now() - fetchedAt;
      if (age > maxAge || (!cache.has(kid) && age > minRefresh)) {
        try {
          await refresh();
        } catch {
          // Entra unreachable: keep answering from the cache we have (possibly none → 401)
        }
      }
      return cache.get(kid);
    },
  };
}

/** A fixed key set (tests, or a JWKS document supplied by other means). */
export function staticKeyProvider(keys: Record<string, KeyObject>): SigningKeyProvider {
  return { getKey: async (kid) => keys[kid] };
}
