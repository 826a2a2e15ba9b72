// `npm run bench [-- --only=bot-turn,findings-import] [--turns=N]`: every benchmark of the
// product, each measured against a baseline taken in the same run on the same machine, printed
// as ratios. Results also go to bench/results/latest.txt.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchBotTurn } from './bot-turn';
import { benchFindingsImport } from './findings-import';
import { benchReminders } from './reminders';
import { benchTabs } from './tabs';
import { benchTakeover } from './takeover';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const only = args.get('only')?.split(',');
const turns = Number(args.get('turns') ?? 3000);

const SECTIONS: [string, () => Promise<string[]>][] = [
  ['bot-turn', () => benchBotTurn(turns)],
  ['findings-import', () => benchFindingsImport()],
  ['reminders', () => benchReminders()],
  ['tabs', () => benchTabs()],
  ['takeover', () => benchTakeover()],
];

const out: string[] = [`Service Ops benchmarks, ${new Date().toISOString()}, node ${process.version}`];
console.log(out[0]);
for (const [name, run] of SECTIONS) {
  if (only && !only.includes(name)) continue;
  const header = `\n== ${name} ==`;
  console.log(header);
  const lines = await run();
  for (const l of lines) console.log(l);
  out.push(header, ...lines);
}
mkdirSync(fileURLToPath(new URL('./results', import.meta.url)), { recursive: true });
writeFileSync(fileURLToPath(new URL('./results/latest.txt', import.meta.url)), out.join('\n') + '\n');
process.exit(0);
