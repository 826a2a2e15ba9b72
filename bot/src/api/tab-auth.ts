// Who is calling the tab API. In production: a Teams SSO token (an Entra access token for our
// AAD app), verified with jose (RS256 against Entra's published keys, issuer, audience, expiry).
// In local mode only, and only when no app id is configured: a clearly-labelled development
// identity. The tab's Teams context is never identity: it only says which workspace the page asks for.
import type { KeyObject } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, customFetch, decodeJwt, errors, jwtVerify, type FetchImplementation, type JWK, type JWTPayload, type JWTVerifyGetKey } from 'jose';
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

/** Where signing keys come from (a jose key resolver). Production: Entra's JWKS; tests inject their own. */
export type SigningKeyProvider = JWTVerifyGetKey;

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

/** Verifies a Teams SSO (Entra v1 or v2 access) token and returns who it names. */
export async function verifySsoToken(token: string, opts: { audiences: readonly string[]; keys: SigningKeyProvider; now: Date }): Promise<TabIdentity> {
  // The issuer names the token's own tenant, so it can only be checked once tid is known: read
  // the claims unverified to pick the issuers, then let jose verify signature and claims.
  let unverified: JWTPayload;
  try {
    unverified = decodeJwt(token);
  } catch {
    throw new TabAuthError('The token is not a JWT.');
  }
  const tid = typeof unverified.tid === 'string' && GUID.test(unverified.tid) ? unverified.tid : undefined;
  if (!tid) throw new TabAuthError('The token has no tenant (tid).');
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, opts.keys, {
      // Only RS256: never "none", never HMAC with a public key as secret.
      algorithms: ['RS256'],
      issuer: [`https://login.microsoftonline.com/${tid}/v2.0`, `https://sts.windows.net/${tid}/`],
      audience: [...opts.audiences],
      clockTolerance: CLOCK_SKEW_SECONDS,
      currentDate: opts.now,
      requiredClaims: ['exp'],
    }));
  } catch (e) {
    throw new TabAuthError(rejection(e));
  }
  const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ') : [];
  if (!scopes.includes(SSO_SCOPE)) throw new TabAuthError(`The token lacks the ${SSO_SCOPE} scope (app-only tokens are not accepted).`);
  const oid = claims.oid;
  if (typeof oid !== 'string' || !oid) throw new TabAuthError('The token names no user (oid).');
  const name = [claims.name, claims.preferred_username, claims.upn].find((v): v is string => typeof v === 'string' && v.length > 0) ?? oid;
  return { kind: 'sso', tenantId: tid.toLowerCase(), userId: oid, name };
}

/** One line a person can act on, for each way jose refuses a token. */
function rejection(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'The token has expired: reload the tab to get a new one.';
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'iss') return 'The token was not issued by Entra for its tenant.';
    if (e.claim === 'aud') return 'The token is for another application (audience).';
    if (e.claim === 'nbf') return 'The token is not valid yet.';
    return e.reason === 'missing' ? `The token has no ${e.claim} claim.` : `The token's ${e.claim} claim is invalid.`;
  }
  if (e instanceof errors.JOSEAlgNotAllowed) return 'The token is not signed with RS256.';
  if (e instanceof errors.JWKSNoMatchingKey) return 'The token is signed with a key Entra does not publish.';
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'The token signature is invalid.';
  if (e instanceof errors.JWKSTimeout || e instanceof errors.JWKSInvalid || e instanceof TypeError) {
    return "Entra's signing keys could not be fetched to check the token: try again in a moment.";
  }
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return 'The token is not a valid JWT.';
  // jose's own words (e.g. a JWKS answer that was not 200): they name no secret.
  if (e instanceof errors.JOSEError) return `The token could not be verified: ${e.message}.`;
  return 'The token could not be verified.';
}

/**
 * Entra's published keys, through jose's remote key set: cached for `maxAgeMs`; an unknown kid
 * refetches, but at most once per `minRefreshMs`, so a flood of forged kids cannot make us
 * hammer Entra. `url` and `fetch` are test seams (a local JWKS server, a recording fetch).
 */
export function createJwksKeyProvider(options: { url?: string; fetch?: FetchImplementation; maxAgeMs?: number; minRefreshMs?: number; timeoutMs?: number } = {}): SigningKeyProvider {
  return createRemoteJWKSet(new URL(options.url ?? ENTRA_JWKS_URL), {
    cacheMaxAge: options.maxAgeMs ?? 24 * 3600_000,
    cooldownDuration: options.minRefreshMs ?? 5 * 60_000,
    timeoutDuration: options.timeoutMs ?? 5000,
    ...(options.fetch ? { [customFetch]: options.fetch } : {}),
  });
}

/** A fixed key set (tests, or a JWKS document supplied by other means). */
export function staticKeyProvider(keys: Record<string, KeyObject>): SigningKeyProvider {
  return createLocalJWKSet({ keys: Object.entries(keys).map(([kid, key]) => ({ ...(key.export({ format: 'jwk' }) as JWK), kid, use: 'sig' })) });
}
