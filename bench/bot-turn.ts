// Bot turn: Service Ops against a bare botbuilder echo bot, side by side, same machine, same
// run, same local connector. Azurite runs in its own process, as storage would be remote.
// Returns printable lines: turns/s and p50/p95/p99 for each, and the ratios.
import { startAzuriteProcess } from './azurite';
import { startApp } from '../bot/src/app';
import { loadConfig } from '../bot/src/config';
import { conversation } from '../tests/support/activities';
import { startConnector } from '../tests/support/connector';
import { startEchoBot } from './echo-bot';
import { type LoadResult, runLoad } from './load';

const WARMUP = 300;


function row(name: string, r: LoadResult): string {
  return `${name.padEnd(34)} ${r.turnsPerSecond.toFixed(0).padStart(7)} turns/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p95 ${r.p95.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms${r.errors ? `   ERRORS ${r.errors}` : ''}`;
}

export async function benchBotTurn(TURNS = 3000): Promise<string[]> {
  const lines: string[] = [];
  const azurite = await startAzuriteProcess();
  const connector = await startConnector({ record: false });
  const echo = await startEchoBot();
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', TABLE_PREFIX: 'bench' + Date.now().toString(36), STORAGE_CONNECTION_STRING: azurite.connectionString });
  const serviceOps = await startApp(config, { storage: { kind: 'connection-string', connectionString: azurite.connectionString }, logLevel: 'error' });

  // 50 conversations so the reference writes spread over rows as in real use.
  const conversations = Array.from({ length: 50 }, (_, i) => conversation({ serviceUrl: connector.serviceUrl, scope: i % 3 === 0 ? 'channel' : 'personal' }));
  const turn = (text: string) => (i: number) => conversations[i % conversations.length]!.message(`${text} ${i}`);

  let n = 0;
  const findingTurn = () => conversation({ serviceUrl: connector.serviceUrl }).message(`finding VPN: poor audio in Building ${++n % 40}, PSR 4.1%`);
  const ratio = (label: string, e: LoadResult, s: LoadResult) =>
    `${label.padEnd(34)} time per turn ${(e.turnsPerSecond / s.turnsPerSecond).toFixed(2)}x   p50 ${(s.p50 / e.p50).toFixed(2)}x   p95 ${(s.p95 / e.p95).toFixed(2)}x   p99 ${(s.p99 / e.p99).toFixed(2)}x   (budget 1.5x)\n`;

  const results: Record<string, LoadResult> = {};
  async function measure(label: string, url: string, text: string, concurrency: number) {
    await runLoad(`${url}/api/messages`, turn(text), WARMUP, concurrency);
    results[label] = await runLoad(`${url}/api/messages`, turn(text), TURNS, concurrency);
    lines.push(row(label, results[label]!));
  }

  lines.push(`Bot turn benchmark: ${TURNS} turns per measurement after ${WARMUP} warm-up turns (node ${process.version}).`);
  lines.push('Service Ops turn = a message that refreshes the conversation reference in Table storage and replies.\n');
  for (const concurrency of [1, 10]) {
    const tag = concurrency === 1 ? 'sequential' : `concurrency ${concurrency}`;
    // Interleave so slow drift of the machine affects both alike.
    await measure(`echo bot, ${tag}`, echo.url, 'ping', concurrency);
    await measure(`Service Ops, ${tag}`, serviceOps.url, 'ping', concurrency);
    const e = results[`echo bot, ${tag}`]!;
    const s = results[`Service Ops, ${tag}`]!;
    lines.push(ratio('ratio Service Ops / echo', e, s));
    // A finding turn: the one-line shortcut in a new conversation, which saves the reference and
    // the draft (dialog state) and answers with the confirmation card.
    const f = `Service Ops finding turn, ${tag}`;
    await runLoad(`${serviceOps.url}/api/messages`, findingTurn, WARMUP, concurrency);
    results[f] = await runLoad(`${serviceOps.url}/api/messages`, findingTurn, TURNS, concurrency);
    lines.push(row(f, results[f]!));
    lines.push(ratio('ratio finding turn / echo', e, results[f]!));
  }

  await serviceOps.close();
  await echo.close();
  await connector.close();
  azurite.stop();
  return lines;
}
