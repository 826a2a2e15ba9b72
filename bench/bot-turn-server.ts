// The bots under test for the bot-turn bench, in a process of their own: the bare botbuilder
// echo bot (alone, and with the storage calls a chat and a finding turn cannot do without) and
// Service Ops (startApp, every default feature and job, as the product runs).
// The load generator and the local Bot Connector stay in the parent process, as clients and
// the Bot Connector are other machines in production: their CPU is not counted against either bot.
// The bots share this process but are never measured at the same time.
import { startApp } from '../bot/src/app';
import { loadConfig } from '../bot/src/config';
import { startEchoBot } from './echo-bot';

const { CONN, PREFIX } = process.env as Record<string, string>;
const echo = await startEchoBot();
const echoRead = await startEchoBot({ connectionString: CONN!, table: `${PREFIX}EchoRead`, calls: 'read' });
const echoReadWrite = await startEchoBot({ connectionString: CONN!, table: `${PREFIX}EchoWrite`, calls: 'read-write' });
const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', TABLE_PREFIX: PREFIX!, STORAGE_CONNECTION_STRING: CONN! });
const serviceOps = await startApp(config, { storage: { kind: 'connection-string', connectionString: CONN! }, logLevel: 'error' });
process.send?.({ echo: echo.url, echoRead: echoRead.url, echoReadWrite: echoReadWrite.url, serviceOps: serviceOps.url });
process.on('message', (m) => {
  if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  if (m === 'close') void Promise.all([serviceOps.close(), echo.close(), echoRead.close(), echoReadWrite.close()]).finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
