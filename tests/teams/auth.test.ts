// With an app id configured, every /api/messages request must carry a valid Bot Framework token.
import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { conversation } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import type { StoreCall } from '../../bot/src/storage/table-store';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

const APP_ID = '0b7f3c9e-3d5a-4c61-9a43-2f6f1f7e9d11';
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
/** Every storage call the app makes: a refused request must not cause one. */
const storeCalls: StoreCall[] = [];

beforeAll(async () => {
  connector = await startConnector();
  bot = await startServiceOps({ BOT_ID: APP_ID, BOT_PASSWORD: 'not-a-real-secret', SERVICE_URL_ALLOWLIST: 'https://smba.trafficmanager.net/teams/' }, { observeStore: (c) => storeCalls.push(c), startJobs: false });
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

async function rowCount(): Promise<number> {
  const table = TableClient.fromConnectionString(inject('azuriteConnectionString'), `${bot.config.tablePrefix}Conversations`, { allowInsecureConnection: true });
  let n = 0;
  for await (const _ of table.listEntities()) n++;
  return n;
}

describe('token validation with BOT_ID set', () => {
  it('runs in authenticated mode', () => {
    expect(bot.config.mode).toBe('authenticated');
  });

  it.each([
    ['no Authorization header', {}],
    ['a malformed bearer token', { authorization: 'Bearer not-a-jwt' }],
    ['an unsigned token for this app id', { authorization: `Bearer ${unsignedToken(APP_ID)}` }],
  ])('answers 401 to %s and writes nothing', async (_name, headers) => {
    const conv = conversation({ serviceUrl: 'https://smba.trafficmanager.net/teams/' });
    const before = await rowCount();
    for (const activity of [conv.botAdded(), conv.message('help'), conv.installationUpdate('add')]) {
      const res = await bot.send(activity, headers as Record<string, string>);
      expect(res.status).toBe(401);
    }
    expect(await rowCount()).toBe(before);
    expect(connector.calls).toHaveLength(0);
  });

  it('never accepts a signed-looking token it could not verify, and writes nothing', async () => {
    // RS256 header, this app id as audience, a signature nobody made: the adapter must verify it
    // against Bot Framework keys; whether the key lookup fails (offline) or the signature does, it is refused.
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${b64({ alg: 'RS256', kid: 'unknown', typ: 'JWT' })}.${b64({ iss: 'https://api.botframework.com', aud: APP_ID })}.${Buffer.from('forged').toString('base64url')}`;
    const conv = conversation({ serviceUrl: 'https://smba.trafficmanager.net/teams/' });
    const before = await rowCount();
    storeCalls.length = 0;
    const res = await bot.send(conv.message('help'), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    // The turn's read starts only once a token has passed: a refused one costs no storage call.
    expect(storeCalls).toEqual([]);
    expect(await rowCount()).toBe(before);
    expect(connector.calls).toHaveLength(0);
  });
});

function unsignedToken(audience: string): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: 'https://api.botframework.com', aud: audience, exp: now + 3600, nbf: now - 60, serviceurl: 'https://smba.trafficmanager.net/teams/' })}.`;
}
