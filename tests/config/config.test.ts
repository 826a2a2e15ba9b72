import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDotenv, readEnvironment } from '../../bot/src/config';

const APP_ID = '0b7f3c9e-3d5a-4c61-9a43-2f6f1f7e9d11';

describe('loadConfig', () => {
  it('defaults to local mode on loopback with embedded storage', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ mode: 'local', host: '127.0.0.1', port: 3978, storage: { kind: 'embedded', dataDir: '.data' } });
    expect(c.serviceUrlAllowList).toContain('http://127.0.0.1:');
  });

  it('refuses a non-loopback host without an app id, naming the fix', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/only listens on loopback.*Set HOST=127.0.0.1, or set BOT_ID/);
    expect(() => loadConfig({ HOST: '::' })).toThrow(ConfigError);
  });

  it('starts the business clock at CLOCK_START in local mode, and leaves it unset otherwise', () => {
    expect(loadConfig({}).clockStart).toBeUndefined();
    expect(loadConfig({ CLOCK_START: '2026-06-01T10:55:00+02:00' }).clockStart?.toISOString()).toBe('2026-06-01T08:55:00.000Z');
  });

  it('allows any host once an app id validates tokens, and then trusts only Teams service URLs', () => {
    const c = loadConfig({ HOST: '0.0.0.0', BOT_ID: APP_ID, BOT_PASSWORD: 'secret' });
    expect(c.mode).toBe('authenticated');
    expect(c.serviceUrlAllowList.some((u) => u.startsWith('http://'))).toBe(false);
  });

  it.each([
    [{ BOT_ID: 'not-a-guid' }, /BOT_ID="not-a-guid" is not an app id/],
    [{ PORT: '70000' }, /PORT="70000" is not a whole number from 0 to 65535/],
    [{ PORT: 'abc' }, /PORT="abc"/],
    [{ BOT_ID: APP_ID, BOT_TYPE: 'SingleTenant' }, /needs BOT_TENANT_ID/],
    [{ BOT_TYPE: 'Weird' }, /BOT_TYPE="Weird" must be/],
    [{ STORAGE_CONNECTION_STRING: 'hello' }, /does not look like an Azure Storage connection string/],
    [{ TAB_ENDPOINT: 'ftp://x' }, /TAB_ENDPOINT="ftp:\/\/x" is not an http\(s\) URL/],
    [{ DEFAULT_TIME_ZONE: 'Mars/Base' }, /not an IANA time zone/],
    [{ TABLE_PREFIX: '1bad' }, /TABLE_PREFIX/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ BOT_ID: APP_ID, BOT_PASSWORD: 'secret', SERVICE_URL_ALLOWLIST: 'http://evil.example/' }, /must be an https:\/\/ URL prefix/],
    [{ BOT_ID: APP_ID, BOT_PASSWORD: 'secret', SERVICE_URL_ALLOWLIST: 'https://127.0.0.1:4222@evil.invalid/' }, /must be an https:\/\/ URL prefix/],
    [{ BOT_ID: APP_ID }, /BOT_ID is set with BOT_TYPE=MultiTenant but BOT_PASSWORD is empty/],
    [{ BOT_ID: APP_ID, BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: '11111111-2222-3333-4444-555555555555' }, /BOT_PASSWORD is empty/],
    [{ BOT_ID: APP_ID, BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: 'contoso' }, /BOT_TENANT_ID="contoso" is not a GUID/],
    [{ AAD_APP_CLIENT_ID: 'my-tab-app' }, /AAD_APP_CLIENT_ID="my-tab-app" is not a GUID/],
    [{ AAD_APP_TENANT_ID: 'contoso.onmicrosoft.com' }, /AAD_APP_TENANT_ID=.* is not a GUID/],
    [{ STORAGE_TABLE_ENDPOINT: 'https://acct.table.core.windows.net', AZURE_CLIENT_ID: 'abc' }, /AZURE_CLIENT_ID="abc" is not a GUID/],
    [{ TEAMS_APP_ID: 'service-ops' }, /TEAMS_APP_ID="service-ops" is not a GUID: set the Teams app id/],
    [{ CLOCK_START: '2026-06-01 09:00' }, /CLOCK_START="2026-06-01 09:00" is not an ISO 8601 instant with its offset/],
    [{ CLOCK_START: '2026-06-01T09:00' }, /not an ISO 8601 instant with its offset/],
    [{ CLOCK_START: '2026-13-01T09:00:00Z' }, /not an ISO 8601 instant/],
    [{ BOT_ID: APP_ID, BOT_PASSWORD: 'secret', CLOCK_START: '2026-06-01T09:00:00Z' }, /CLOCK_START is set but BOT_ID is too: a moved clock is for local rehearsal only/],
  ])('rejects %o with a one-line message', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env as Record<string, string>);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('selects managed identity storage when only a table endpoint is given', () => {
    const c = loadConfig({ STORAGE_TABLE_ENDPOINT: 'https://acct.table.core.windows.net', AZURE_CLIENT_ID: APP_ID });
    expect(c.storage).toEqual({ kind: 'managed-identity', tableEndpoint: 'https://acct.table.core.windows.net', clientId: APP_ID });
  });

  it('reads an optional Teams app id, empty meaning none', () => {
    expect(loadConfig({ TEAMS_APP_ID: ` ${APP_ID} ` }).teamsAppId).toBe(APP_ID);
    expect(loadConfig({ TEAMS_APP_ID: '' }).teamsAppId).toBeUndefined();
    expect(loadConfig({}).teamsAppId).toBeUndefined();
  });

  it('needs no secret for a user-assigned managed identity', () => {
    expect(loadConfig({ BOT_ID: APP_ID, BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: '11111111-2222-3333-4444-555555555555' }).mode).toBe('authenticated');
  });
});

describe('env files', () => {
  it('layers env/.env.<name>, then .user, then the process environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    writeFileSync(join(dir, '.env.local'), '# comment\nPORT=4000\nHOST="127.0.0.1"\nBOT_ID=\nLOG_LEVEL=warn\n');
    writeFileSync(join(dir, '.env.local.user'), "PORT='4001'\n");
    const env = readEnvironment({ envDir: dir, env: { LOG_LEVEL: 'error' } });
    expect(env).toMatchObject({ PORT: '4001', HOST: '127.0.0.1', BOT_ID: '', LOG_LEVEL: 'error', TEAMSFX_ENV: 'local' });
    expect(loadConfig(env).port).toBe(4001);
  });

  it('parses quotes, comments and blank lines', () => {
    expect(parseDotenv('A=1\n\n# x\nB = "two words"\nC=\'3\'\nD=se#cret # note\n')).toEqual({ A: '1', B: 'two words', C: '3', D: 'se#cret' });
    expect(() => parseDotenv('A=1\nnot a line\n', '.env.local')).toThrow(/\.env\.local line 2: expected KEY=VALUE/);
  });

  it('names the file and line of an env file line it cannot read, instead of dropping the setting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    writeFileSync(join(dir, '.env.local'), 'PORT=4000\nBOT_PASSWORD "forgot the equals"\n');
    expect(() => readEnvironment({ envDir: dir, env: {} })).toThrow(ConfigError);
    expect(() => readEnvironment({ envDir: dir, env: {} })).toThrow(/\.env\.local line 2: expected KEY=VALUE/);
  });

  it('the committed env/.env.local loads as a valid local configuration', () => {
    const c = loadConfig(readEnvironment({ envDir: join(import.meta.dirname, '../../env'), envName: 'local', env: {} }));
    expect(c.mode).toBe('local');
    expect(c.storage.kind).toBe('embedded');
  });
});

describe('Application Insights', () => {
  const CS = 'InstrumentationKey=5a1c9d3e-8b7f-4e21-9c6d-0f3a2b1e4d55;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/;ApplicationId=0b7f3c9e-3d5a-4c61-9a43-2f6f1f7e9d11';

  it('is off without APPLICATIONINSIGHTS_CONNECTION_STRING, and when it is blank', () => {
    expect(loadConfig({}).applicationInsightsConnectionString).toBeUndefined();
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: '  ' }).applicationInsightsConnectionString).toBeUndefined();
  });

  it('takes the connection string Bicep sets from the resource as it is', () => {
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: CS }).applicationInsightsConnectionString).toBe(CS);
  });

  it.each([
    ['IngestionEndpoint=https://x.in.applicationinsights.azure.com/', /has no InstrumentationKey/],
    ['InstrumentationKey=not-a-guid', /has no InstrumentationKey \(a GUID\)/],
    ['InstrumentationKey=5a1c9d3e-8b7f-4e21-9c6d-0f3a2b1e4d55;IngestionEndpoint=westeurope', /IngestionEndpoint="westeurope", which is not an http\(s\) URL/],
  ])('rejects %s with one line naming the fix', (value, message) => {
    expect(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: value })).toThrow(message);
    expect(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: value })).toThrow(/Application Insights resource's Overview page, or leave it empty/);
  });
});
