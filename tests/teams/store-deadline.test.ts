// A store that accepts connections but never answers: every store call has a deadline, so the
// turn answers while the store still hangs, with the same plain message as when storage refuses
// connections, and what the user typed is kept and filed once the store answers again.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { conversation, cardAction } from '../support/activities';
import { actionData } from '../support/card-inspect';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

let connector: LocalConnector;
let proxy: TcpProxy;
let bot: ServiceOpsUnderTest;

beforeAll(async () => {
  const real = inject('azuriteConnectionString');
  const endpoint = new URL(/TableEndpoint=([^;]+)/.exec(real)![1]!);
  proxy = await startTcpProxy({ host: endpoint.hostname, port: Number(endpoint.port) });
  connector = await startConnector();
  bot = await startServiceOps({ STORAGE_CONNECTION_STRING: real.replace(`:${endpoint.port}/`, `:${proxy.port}/`) });
});
afterAll(async () => {
  proxy?.pass();
  await bot?.close();
  await proxy?.close();
  await connector?.close();
});

const textOf = (a: any) => JSON.stringify(a?.attachments?.[0]?.content ?? a?.text ?? '');

async function say(conv: ReturnType<typeof conversation>, text: string): Promise<string> {
  const before = connector.sent(conv.conversationId).length;
  const r = await bot.send(conv.message(text));
  expect(r.status).toBeLessThan(300);
  return connector.sent(conv.conversationId).slice(before).map(textOf).join('\n');
}

describe('a store that hangs', () => {
  it('a command answers while the store hangs, with the outage message a refusing store gets', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl });
    await say(conv, 'help');
    proxy.refuse();
    const refused = await say(conv, 'findings');
    proxy.hang();
    const hung = await say(conv, 'findings');
    proxy.pass();
    expect(refused).toContain("can't reach storage");
    expect(hung).toBe(refused);
    expect(await say(conv, 'findings')).not.toContain("can't reach storage");
  });

  it.each(['roles', 'roles stakeholders', 'agenda', 'checklists', 'incidents', 'reminders'])('"%s" says storage cannot be reached, during a hang as when refused', async (command) => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await say(conv, 'help');
    proxy.hang();
    const hung = await say(conv, command);
    proxy.refuse();
    const refused = await say(conv, command);
    proxy.pass();
    expect(hung, JSON.stringify(bot.logs.filter((l) => l.message.startsWith('turn failed')).map((l) => [l.level, String(l.data?.error).slice(0, 160)]))).toContain("can't reach storage");
    expect(hung).toBe(refused);
  });

  it('a dialog keeps every answer typed during the hang and files them when the store is back', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl });
    expect(await say(conv, 'finding')).toContain('Which kind of problem is it?');
    expect(await say(conv, 'vpn')).toContain('Which part of the quality review found it?');
    proxy.hang();
    const held = await say(conv, 'skip');
    expect(held).toContain('holding your answers');
    expect(held).toContain('Which building or site is affected?');
    expect(await say(conv, 'Warehouse 2')).toContain('Which subnet');
    proxy.pass();
    for (const answer of ['skip', 'vpn', 'PSR', '4.1%', 'poor audio in Warehouse 2', 'skip']) await say(conv, answer);
    const draft = await say(conv, 'Network Operations');
    expect(draft).toContain('Warehouse 2');
    const confirm = actionData(connector.sent(conv.conversationId).at(-1)!.attachments[0].content, 'finding.confirm')!;
    const filed = await bot.send(cardAction(conv, 'finding.confirm', confirm));
    expect(JSON.stringify(filed.body)).toMatch(/QF-\d{4}/);
    expect(JSON.stringify(filed.body)).toContain('Warehouse 2');
  });

  it('a card action answers while the store hangs, with a valid invoke response', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl });
    await say(conv, 'help');
    proxy.hang();
    const r = await bot.send(cardAction(conv, 'finding.list', {}));
    proxy.pass();
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ statusCode: 200 });
    expect(JSON.stringify(r.body)).toContain("can't reach storage");
  });
});
