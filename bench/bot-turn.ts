// Bot turn: Service Ops against a bare botbuilder echo bot, same machine, same run, same local
// Bot Connector, INTERLEAVED: each round measures echo, chat turn and finding turn back to back
// (sequential, then 10 concurrent), so drift in the machine's load hits all of them alike. Each
// ratio is computed within its round; the goals are judged on the median over the rounds.
//   - bots: their own process (bench/bot-turn-server.ts); Azurite: its own process;
//     load generator + local connector: this process.
//   - chat turn: a message in one of 50 conversations (reference refresh, dialog lookup, reply).
//   - finding turn: `finding VPN: poor audio in Building N, PSR 4.1%` in a new conversation
//     (reference, draft, confirmation card).
//   - floors: the echo bot making only the storage calls each of those turns cannot do without
//     (echo-bot.ts), so the ratios show what the calls cost on this machine and what Service Ops
//     adds on top of them.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { conversation } from '../tests/support/activities';
import { startConnector } from '../tests/support/connector';
import { startAzuriteProcess } from './azurite';
import { type LoadResult, runLoad } from './load';
import { type BenchContext, goal, type Goal, mmm, type SectionResult, summarize } from './report';

const CHAT_GOAL = 1.5;
const FINDING_GOAL = 2;
/** What Service Ops may add on top of the storage calls a turn cannot do without (our own limit). */
const OVER_FLOOR_GOAL = 1.25;
const CONCURRENCIES = [1, 10] as const;
type Kind = 'echo' | 'echo-read' | 'chat' | 'echo-read-write' | 'finding';
const KINDS: Kind[] = ['echo', 'echo-read', 'chat', 'echo-read-write', 'finding'];
const LABEL: Record<Kind, string> = {
  echo: 'echo bot',
  'echo-read': 'echo + 1 read',
  chat: 'Service Ops chat turn',
  'echo-read-write': 'echo + 1 read + 1 write',
  finding: 'Service Ops finding turn',
};

interface Measured extends LoadResult {
  /** CPU of the bots' process per turn (ms), user + system. */
  cpuPerTurn: number;
}

type BotUrls = { echo: string; echoRead: string; echoReadWrite: string; serviceOps: string };

function startBots(conn: string): Promise<{ child: ChildProcess } & BotUrls> {
  const child = fork(fileURLToPath(new URL('./bot-turn-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', '--no-deprecation'],
    env: { ...process.env, CONN: conn, PREFIX: 'bench' + Date.now().toString(36) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bot-turn server exited ${code} before it was ready`)));
    child.once('message', (m) => {
      resolve({ child, ...(m as BotUrls) });
    });
  });
}

function childCpuMs(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const on = (m: unknown) => {
      const cpu = (m as { cpu?: NodeJS.CpuUsage }).cpu;
      if (!cpu) return;
      child.off('message', on);
      resolve((cpu.user + cpu.system) / 1000);
    };
    child.on('message', on);
    child.send('cpu');
  });
}

export async function benchBotTurn(ctx: BenchContext): Promise<SectionResult> {
  const turns = ctx.turns ?? (ctx.quick ? 200 : 1000);
  const rounds = ctx.rounds ?? (ctx.quick ? 3 : 5);
  const warmup = ctx.quick ? 100 : 300;
  const lines: string[] = [];
  const goals: Goal[] = [];
  const azurite = await startAzuriteProcess();
  const connector = await startConnector({ record: false });
  const bots = await startBots(azurite.connectionString);
  try {
    const conversations = Array.from({ length: 50 }, (_, i) => conversation({ serviceUrl: connector.serviceUrl, scope: i % 3 === 0 ? 'channel' : 'personal' }));
    let n = 0;
    const chat = (i: number) => conversations[i % conversations.length]!.message(`ping ${i}`);
    const finding = () => conversation({ serviceUrl: connector.serviceUrl }).message(`finding VPN: poor audio in Building ${++n % 40}, PSR 4.1%`);
    const activity: Record<Kind, (i: number) => unknown> = { echo: chat, 'echo-read': chat, chat, 'echo-read-write': finding, finding };
    const base: Record<Kind, string> = { echo: bots.echo, 'echo-read': bots.echoRead, chat: bots.serviceOps, 'echo-read-write': bots.echoReadWrite, finding: bots.serviceOps };
    const url = (k: Kind) => `${base[k]}/api/messages`;
    const measure = async (k: Kind, count: number, concurrency: number): Promise<Measured> => {
      const cpu0 = await childCpuMs(bots.child);
      const r = await runLoad(url(k), activity[k], count, concurrency);
      const cpu = (await childCpuMs(bots.child)) - cpu0;
      return { ...r, cpuPerTurn: cpu / count };
    };

    // Warm-up (not measured): every kind at every concurrency, so the JIT and the keep-alive
    // sockets are in the same state for each.
    for (const c of CONCURRENCIES) for (const k of KINDS) await measure(k, warmup, c);

    const results = new Map<string, Measured[]>();
    const key = (k: Kind, c: number) => `${k}@${c}`;
    for (let r = 0; r < rounds; r++) {
      for (const c of CONCURRENCIES) {
        for (const k of KINDS) {
          const m = await measure(k, turns, c);
          results.set(key(k, c), [...(results.get(key(k, c)) ?? []), m]);
        }
      }
    }

    lines.push(`${rounds} rounds × (echo, echo + 1 read, chat, echo + 1 read + 1 write, finding) × (sequential, concurrency 10), ${turns.toLocaleString('en-US')} turns per measurement after ${warmup} warm-up turns each.`);
    lines.push('Bots in a child process, Azurite in its own process, load generator and local connector in the bench process.');
    lines.push('Per measurement, min / median / max over the rounds:');
    for (const c of CONCURRENCIES) {
      const tag = c === 1 ? 'sequential' : `concurrency ${c}`;
      for (const k of KINDS) {
        const ms = results.get(key(k, c))!;
        const errors = ms.reduce((a, m) => a + m.errors, 0);
        lines.push(
          `  ${`${LABEL[k]}, ${tag}`.padEnd(42)} turns/s ${mmm(ms.map((m) => m.turnsPerSecond), 0).padEnd(18)} p50 ${mmm(ms.map((m) => m.p50)).padEnd(20)} ms` +
          `   p95 ${summarize(ms.map((m) => m.p95)).median.toFixed(2)} ms   p99 ${summarize(ms.map((m) => m.p99)).median.toFixed(2)} ms (medians)` +
          `   bot CPU ${summarize(ms.map((m) => m.cpuPerTurn)).median.toFixed(2)} ms/turn${errors ? `   ERRORS ${errors} non-2xx answers` : ''}`,
        );
        if (errors) goals.push(goal('bot-turn', `${LABEL[k]}, ${tag}: non-2xx answers`, ms.map((m) => m.errors), 0, 'count', 'max'));
      }
    }
    lines.push('Ratios within each round (p50: latency ratio; time per turn: the ratio of turns/s, inverted):');
    const ratios = (a: Measured[], b: Measured[]) => ({ p50: a.map((m, i) => m.p50 / b[i]!.p50), perTurn: a.map((m, i) => b[i]!.turnsPerSecond / m.turnsPerSecond) });
    for (const c of CONCURRENCIES) {
      const tag = c === 1 ? 'sequential' : `concurrency ${c}`;
      const echo = results.get(key('echo', c))!;
      for (const [k, floor, limit] of [['chat', 'echo-read', CHAT_GOAL], ['finding', 'echo-read-write', FINDING_GOAL]] as const) {
        const so = ratios(results.get(key(k, c))!, echo);
        goals.push(goal('bot-turn', `${k} turn / echo, p50 latency, ${tag}`, so.p50, limit, '×'));
        goals.push(goal('bot-turn', `${k} turn / echo, time per turn, ${tag}`, so.perTurn, limit, '×'));
        // The floor: echo with only the calls this turn cannot do without. Service Ops can get no
        // closer to echo than this; what it adds on top of it is its own.
        const fl = ratios(results.get(key(floor, c))!, echo);
        const over = ratios(results.get(key(k, c))!, results.get(key(floor, c))!);
        lines.push(`  floor for the ${k} turn, ${LABEL[floor]} / echo, ${tag}: p50 ${mmm(fl.p50)}×, time per turn ${mmm(fl.perTurn)}× (min/median/max)`);
        goals.push(goal('bot-turn', `${k} turn / ${LABEL[floor]}, p50 latency, ${tag}`, over.p50, OVER_FLOOR_GOAL, '×'));
        goals.push(goal('bot-turn', `${k} turn / ${LABEL[floor]}, time per turn, ${tag}`, over.perTurn, OVER_FLOOR_GOAL, '×'));
      }
    }
  } finally {
    await new Promise<void>((resolve) => {
      if (bots.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        bots.child.kill('SIGKILL');
        resolve();
      }, 5_000);
      bots.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      bots.child.send('close');
    });
    await connector.close();
    await azurite.stop();
  }
  return { lines, goals };
}
