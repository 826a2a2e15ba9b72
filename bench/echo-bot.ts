// The baseline: a bare botbuilder echo bot on restify, configured like Service Ops (CloudAdapter,
// no app id, loopback), so the ratio isolates what Service Ops adds to a turn.
// With `store`, the same echo bot also makes the storage calls a turn of that kind cannot do
// without, through @azure/data-tables with the product's client options, against the same Azurite:
//   - 'read': one point read of the conversation's row (found), as a chat turn must make to know
//     whether a dialog is open;
//   - 'read-write': one point read that finds nothing (a new conversation) and one transaction of
//     two rows, as a finding turn must make to keep the reference and the draft.
// These floors are what any design with those calls costs on this machine: a ratio to echo below
// the floor's own is out of reach for that design.
import type { AddressInfo } from 'node:net';
import { RestError, TableClient } from '@azure/data-tables';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import restify from 'restify';

export type EchoStoreCalls = 'read' | 'read-write';

export interface EchoStore {
  connectionString: string;
  table: string;
  calls: EchoStoreCalls;
}

const key = (s: string) => encodeURIComponent(s).replace(/'/g, '%27');

async function storeCalls(client: TableClient, calls: EchoStoreCalls, context: TurnContext): Promise<void> {
  const pk = key(context.activity.conversation.tenantId ?? 'tenant');
  const rk = key(context.activity.conversation.id);
  let found = true;
  try {
    await client.getEntity(pk, rk);
  } catch (e) {
    if (!(e instanceof RestError && e.statusCode === 404)) throw e;
    found = false;
  }
  if (calls === 'read') {
    // The row every later turn finds: made once per conversation, outside the steady state.
    if (!found) await client.upsertEntity({ partitionKey: pk, rowKey: rk, reference: JSON.stringify(context.activity.conversation) }, 'Replace');
    return;
  }
  await client.submitTransaction([
    ['upsert', { partitionKey: pk, rowKey: rk, reference: JSON.stringify(context.activity.conversation) }, 'Replace'],
    ['upsert', { partitionKey: pk, rowKey: `${rk}-draft`, text: context.activity.text ?? '' }, 'Replace'],
  ]);
}

export async function startEchoBot(store?: EchoStore): Promise<{ url: string; close(): Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const client = store && TableClient.fromConnectionString(store.connectionString, store.table, { allowInsecureConnection: true, retryOptions: { maxRetries: 1, retryDelayInMs: 100, maxRetryDelayInMs: 400 } });
  if (client) {
    try {
      await client.createTable();
    } catch (e) {
      if (!(e instanceof RestError && e.statusCode === 409)) throw e;
    }
  }
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    if (client && store) await storeCalls(client, store.calls, context);
    await context.sendActivity({ type: 'message', text: `echo: ${context.activity.text}`, textFormat: 'plain' });
    await next();
  });
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
