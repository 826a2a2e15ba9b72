// The only module that reads process.env. Everything else receives an AppConfig.
// Values come from (lowest to highest precedence) env/.env.<env>, env/.env.<env>.user, process.env.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { DotenvError, parseDotenv } from './platform/dotenv.mjs';
import { isIP } from 'node:net';
import { join } from 'node:path';

export type BotAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export type StorageConfig =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'managed-identity'; tableEndpoint: string; clientId?: string }
  | { kind: 'embedded'; dataDir: string };

export interface AppConfig {
  /** local = no app id: unauthenticated bot traffic accepted, loopback only, dev identity for tabs. */
  mode: 'local' | 'authenticated';
  envName: string;
  host: string;
  port: number;
  bot: { appId?: string; appPassword?: string; appType: BotAppType; tenantId?: string };
  storage: StorageConfig;
  tablePrefix: string;
  tabEndpoint: string;
  /** Tab SSO: the AAD app whose tokens the tab API accepts (audience). */
  aadAppClientId?: string;
  aadAppTenantId?: string;
  /**
   * The Teams app id (the manifest id, TEAMS_APP_ID). Card links become Teams deep links to the
   * app's tabs only in authenticated mode: in local mode the client is the Playground, which is
   * not Teams, so a link to teams.microsoft.com would lead nowhere (env/.env.local carries a
   * placeholder id for packaging).
   */
  teamsAppId?: string;
  /** Outbound Bot Connector calls only go to service URLs that start with one of these. */
  serviceUrlAllowList: string[];
  playgroundPort: number;
  /** Port of the embedded Azurite table service (npm start only). */
  azuritePort: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  dataDir: string;
  defaultTimeZone: string;
  /** Application Insights: traces and request metrics go there when set; nothing is loaded otherwise. */
  applicationInsightsConnectionString?: string;
  /**
   * Local mode only (CLOCK_START): the business clock starts at this instant and runs on at the
   * real pace, so a rehearsal can be stopped and started again later on the same data, e.g. to
   * see the 09:00 digest or a missed vendor update without waiting for the hour.
   */
  clockStart?: Date;
  /**
   * The key that signs the review pack's image and download links (PACK_SIGNING_KEY, at least 32
   * characters). Unset, each process makes a random one: links then stop working after a restart
   * and are not shared by several instances, so a scaled-out web app must set it.
   */
  packSigningKey: { key: string; ephemeral: boolean };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** The public Bot Framework / Teams service URLs (commercial, GCC, GCC High, DoD). */
export const TEAMS_SERVICE_URLS = [
  'https://smba.trafficmanager.net/',
  'https://smba.infra.gcc.teams.microsoft.com/',
  'https://smba.infra.gov.teams.microsoft.us/',
  'https://smba.infra.dod.teams.microsoft.us/',
];
const LOOPBACK_SERVICE_URLS = ['http://127.0.0.1:', 'http://localhost:', 'http://[::1]:'];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export { parseDotenv };

/** Reads env/.env.<name> and env/.env.<name>.user; process.env wins over both. */
export function readEnvironment(options: { envDir?: string; envName?: string; env?: Env } = {}): Env {
  const env = options.env ?? process.env;
  const envName = options.envName ?? env.TEAMSFX_ENV ?? 'local';
  const envDir = options.envDir ?? 'env';
  const merged: Env = {};
  for (const file of [`.env.${envName}`, `.env.${envName}.user`]) {
    const path = join(envDir, file);
    if (!existsSync(path)) continue;
    try {
      Object.assign(merged, parseDotenv(readFileSync(path, 'utf8'), path));
    } catch (e) {
      // A line the reader can't take would silently drop a setting: say which and where.
      if (e instanceof DotenvError) throw new ConfigError(`${e.message}. Fix that line, or remove it.`);
      throw e;
    }
  }
  for (const [k, v] of Object.entries(env)) if (v !== undefined) merged[k] = v;
  merged.TEAMSFX_ENV = envName;
  return merged;
}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

function text(env: Env, key: string): string | undefined {
  const v = env[key]?.trim();
  return v ? v : undefined;
}

function int(env: Env, key: string, fallback: number, min: number, max: number): number {
  const v = text(env, key);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${key}=${JSON.stringify(v)} is not a whole number from ${min} to ${max}: fix it in env/ or the environment.`);
  }
  return n;
}

/** An optional Entra id: a GUID when set. */
function guid(env: Env, key: string, what: string): string | undefined {
  const v = text(env, key);
  if (v !== undefined && !GUID.test(v)) throw new ConfigError(`${key}=${JSON.stringify(v)} is not a GUID: set ${what}, or leave it empty.`);
  return v;
}

function url(env: Env, key: string, fallback: string): string {
  const v = text(env, key) ?? fallback;
  try {
    const u = new URL(v);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new ConfigError(`${key}=${JSON.stringify(v)} is not an http(s) URL: fix it in env/ or the environment.`);
  }
  return v.replace(/\/+$/, '');
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Validates everything up front and fails with one line that names the fix. */
export function loadConfig(env: Env = readEnvironment()): AppConfig {
  const bot = botIdentity(env);
  const mode = bot.appId ? 'authenticated' : 'local';
  const host = text(env, 'HOST') ?? '127.0.0.1';
  if (mode === 'local' && !isLoopbackHost(host)) {
    throw new ConfigError(`HOST=${host} but BOT_ID is empty: without an app id the bot accepts unauthenticated traffic, so it only listens on loopback. Set HOST=127.0.0.1, or set BOT_ID to validate tokens.`);
  }
  const dataDir = text(env, 'DATA_DIR') ?? '.data';
  return {
    mode,
    envName: text(env, 'TEAMSFX_ENV') ?? 'local',
    host,
    port: int(env, 'PORT', 3978, 0, 65535),
    bot,
    storage: storageOf(env, dataDir),
    tablePrefix: tablePrefixOf(env),
    tabEndpoint: url(env, 'TAB_ENDPOINT', 'http://localhost:3978'),
    aadAppClientId: guid(env, 'AAD_APP_CLIENT_ID', 'the tab\'s Entra app (client) id'),
    aadAppTenantId: guid(env, 'AAD_APP_TENANT_ID', 'the Entra tenant id of the tab\'s app'),
    teamsAppId: guid(env, 'TEAMS_APP_ID', 'the Teams app id (the manifest id, written by provision)'),
    serviceUrlAllowList: serviceUrlsOf(env, mode),
    playgroundPort: int(env, 'PLAYGROUND_PORT', 56150, 0, 65535),
    azuritePort: int(env, 'AZURITE_PORT', 10002, 0, 65535),
    logLevel: logLevelOf(env),
    dataDir,
    defaultTimeZone: timeZoneOf(env),
    applicationInsightsConnectionString: appInsightsConnectionString(env),
    clockStart: clockStartOf(env, mode),
    packSigningKey: packSigningKeyOf(env),
  };
}

function packSigningKeyOf(env: Env): AppConfig['packSigningKey'] {
  const key = text(env, 'PACK_SIGNING_KEY');
  if (key === undefined) return { key: randomBytes(32).toString('base64url'), ephemeral: true };
  if (key.length < 32) throw new ConfigError('PACK_SIGNING_KEY is shorter than 32 characters: set a long random value (e.g. openssl rand -base64 48), or leave it unset for a per-process key.');
  return { key, ephemeral: false };
}

/** The bot's Entra identity: an app id (or none, for local mode), its type, tenant and secret. */
function botIdentity(env: Env): AppConfig['bot'] {
  const appId = text(env, 'BOT_ID');
  if (appId !== undefined && !GUID.test(appId)) {
    throw new ConfigError(`BOT_ID=${JSON.stringify(appId)} is not an app id (a GUID): set the Azure Bot's Microsoft App ID, or leave it empty for local mode.`);
  }
  const appTypeRaw = text(env, 'BOT_TYPE') ?? 'MultiTenant';
  if (!['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(appTypeRaw)) {
    throw new ConfigError(`BOT_TYPE=${JSON.stringify(appTypeRaw)} must be MultiTenant, SingleTenant or UserAssignedMSI.`);
  }
  const appType = appTypeRaw as BotAppType;
  const tenantId = guid(env, 'BOT_TENANT_ID', 'the Entra tenant id of the bot\'s identity');
  if (appType !== 'MultiTenant' && appId && !tenantId) {
    throw new ConfigError(`BOT_TYPE=${appType} needs BOT_TENANT_ID (the Entra tenant of the bot's identity).`);
  }
  // Every reply is signed with the bot's credential: without one it would start, then fail on
  // every message. A user-assigned managed identity needs no secret.
  if (appId && appType !== 'UserAssignedMSI' && !text(env, 'BOT_PASSWORD')) {
    throw new ConfigError(`BOT_ID is set with BOT_TYPE=${appType} but BOT_PASSWORD is empty: set the app's client secret in env/.env.<env>.user, or use BOT_TYPE=UserAssignedMSI with a managed identity.`);
  }
  return { appId, appPassword: text(env, 'BOT_PASSWORD'), appType, tenantId };
}

function storageOf(env: Env, dataDir: string): StorageConfig {
  const azureClientId = guid(env, 'AZURE_CLIENT_ID', 'the client id of the managed identity');
  const connectionString = text(env, 'STORAGE_CONNECTION_STRING');
  const tableEndpoint = text(env, 'STORAGE_TABLE_ENDPOINT');
  if (connectionString) {
    if (!/AccountName=|UseDevelopmentStorage=true|TableEndpoint=/i.test(connectionString)) {
      throw new ConfigError('STORAGE_CONNECTION_STRING does not look like an Azure Storage connection string (no AccountName= or TableEndpoint=).');
    }
    return { kind: 'connection-string', connectionString };
  }
  if (tableEndpoint) return { kind: 'managed-identity', tableEndpoint: url(env, 'STORAGE_TABLE_ENDPOINT', tableEndpoint), clientId: azureClientId };
  return { kind: 'embedded', dataDir };
}

function tablePrefixOf(env: Env): string {
  const tablePrefix = text(env, 'TABLE_PREFIX') ?? 'so';
  if (!/^[A-Za-z][A-Za-z0-9]{0,19}$/.test(tablePrefix)) {
    throw new ConfigError(`TABLE_PREFIX=${JSON.stringify(tablePrefix)} must be 1-20 letters or digits, starting with a letter (Azure table name rules).`);
  }
  return tablePrefix;
}

/** Teams' service URLs, the extra ones configured (https prefixes), and loopback in local mode. */
function serviceUrlsOf(env: Env, mode: AppConfig['mode']): string[] {
  const extraUrls = (text(env, 'SERVICE_URL_ALLOWLIST') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const u of extraUrls) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(u);
    } catch {
      parsed = undefined;
    }
    const scheme = parsed?.protocol === 'https:' || (mode === 'local' && parsed?.protocol === 'http:');
    if (!parsed || !scheme || parsed.username || parsed.password || !u.endsWith('/')) {
      throw new ConfigError(`SERVICE_URL_ALLOWLIST entry ${JSON.stringify(u)} must be an https:// URL prefix ending in '/'.`);
    }
  }
  return [...TEAMS_SERVICE_URLS, ...extraUrls, ...(mode === 'local' ? LOOPBACK_SERVICE_URLS : [])];
}

function timeZoneOf(env: Env): string {
  const defaultTimeZone = text(env, 'DEFAULT_TIME_ZONE') ?? 'UTC';
  if (!validTimeZone(defaultTimeZone)) {
    throw new ConfigError(`DEFAULT_TIME_ZONE=${JSON.stringify(defaultTimeZone)} is not an IANA time zone (e.g. Europe/London).`);
  }
  return defaultTimeZone;
}

function logLevelOf(env: Env): AppConfig['logLevel'] {
  const logLevel = (text(env, 'LOG_LEVEL') ?? 'info') as AppConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL=${JSON.stringify(logLevel)} must be debug, info, warn, error or silent.`);
  }
  return logLevel;
}

/** The Application Insights connection string (Bicep sets it from the resource), checked for its key and endpoints. */
function appInsightsConnectionString(env: Env): string | undefined {
  const KEY = 'APPLICATIONINSIGHTS_CONNECTION_STRING';
  const value = text(env, KEY);
  if (value === undefined) return undefined;
  const parts = new Map<string, string>();
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) parts.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const fix = "copy it again from the Application Insights resource's Overview page, or leave it empty to send no telemetry";
  if (!GUID.test(parts.get('instrumentationkey') ?? '')) throw new ConfigError(`${KEY} has no InstrumentationKey (a GUID): ${fix}.`);
  for (const name of ['IngestionEndpoint', 'LiveEndpoint']) {
    const endpoint = parts.get(name.toLowerCase());
    if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint)) throw new ConfigError(`${KEY} has ${name}=${JSON.stringify(endpoint)}, which is not an http(s) URL: ${fix}.`);
  }
  return value;
}

/** CLOCK_START: a full ISO 8601 instant with its offset, refused outside local mode. */
function clockStartOf(env: Env, mode: AppConfig['mode']): Date | undefined {
  const value = text(env, 'CLOCK_START');
  if (value === undefined) return undefined;
  if (mode !== 'local') {
    throw new ConfigError('CLOCK_START is set but BOT_ID is too: a moved clock is for local rehearsal only, never for a bot Teams talks to. Remove CLOCK_START.');
  }
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : undefined;
  if (!at || Number.isNaN(at.getTime())) {
    throw new ConfigError(`CLOCK_START=${JSON.stringify(value)} is not an ISO 8601 instant with its offset, e.g. 2026-06-01T08:55:00Z.`);
  }
  return at;
}
