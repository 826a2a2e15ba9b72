// `npm run bench [-- --quick] [--only=bot-turn,reminders] [--rounds=N] [--turns=N] [--channels=N]`:
// every benchmark of the product, each against a baseline or a ceiling measured or derived in
// the same run on the same machine, over rounds (min/median/max), with goals judged PASS/FAIL
// from the numbers. Header: the machine and its load (start and end), as results depend on both.
// Output: bench/results/<timestamp>.txt, and for a full run (no --quick, no --only)
// bench/results/latest.txt + latest.json; quick or partial runs write latest-quick.* /
// latest-partial.* instead, so a smoke run never replaces the figures to quote.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem, type } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type BenchContext, type Goal, goalLine, type SectionResult } from './report';

// restify's dependency warns about process.binding on every start (as scripts/start.mjs says); not ours.
process.noDeprecation = true;
const args = new Map(process.argv.slice(2).map((a) => {
  const [k, v] = a.replace(/^--/, '').split('=') as [string, string | undefined];
  return [k, v ?? 'true'];
}));
const numberArg = (name: string) => (args.has(name) ? Number(args.get(name)) : undefined);
const ctx: BenchContext = { quick: args.has('quick'), rounds: numberArg('rounds'), turns: numberArg('turns'), channels: numberArg('channels') };
const only = args.get('only')?.split(',');

// Imported when the section runs: a section the product broke fails alone, the others still run.
const SECTIONS: [string, (ctx: BenchContext) => Promise<SectionResult>][] = [
  ['bot-turn', async (c) => (await import('./bot-turn')).benchBotTurn(c)],
  ['findings-import', async (c) => (await import('./findings-import')).benchFindingsImport(c)],
  ['reminders', async (c) => (await import('./reminders')).benchReminders(c)],
  ['tick', async (c) => (await import('./reminders')).benchTick(c)],
  ['tabs', async (c) => (await import('./tabs')).benchTabs(c)],
  ['takeover', async () => (await import('./takeover')).benchTakeover()],
  ['start', async (c) => (await import('./start')).benchStart(c)],
];
const unknown = only?.filter((o) => !SECTIONS.some(([n]) => n === o)) ?? [];
if (unknown.length) {
  console.error(`unknown section(s) ${unknown.join(', ')}; sections: ${SECTIONS.map(([n]) => n).join(', ')}`);
  process.exit(2);
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ');
const git = (...a: string[]) => {
  try {
    return execFileSync('git', a, { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
};
const startedAt = new Date();
const loadAtStart = load();
const cpu = cpus();
const dirty = git('status', '--porcelain', '--untracked-files=no').split('\n').filter(Boolean).length;
const mode = ctx.quick ? 'QUICK (smoke run: fewer turns, rounds and channels; not for quoting)' : only ? `PARTIAL (--only=${only.join(',')})` : 'full';
const out: string[] = [];
const print = (...lines: string[]) => {
  for (const l of lines) console.log(l);
  out.push(...lines);
};
print(
  `Service Ops benchmarks, ${startedAt.toISOString()}, ${mode}`,
  `args: ${process.argv.slice(2).join(' ') || '(none)'}`,
  `machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} GiB free at start), ${type()} ${release()}, node ${process.version}`,
  `code: commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ` + ${dirty} modified tracked files` : ''}`,
  `load average (1 / 5 / 15 min) at start: ${loadAtStart}`,
);

const goals: Goal[] = [];
const sections: { name: string; seconds: number; loadAtStart: string; loadAtEnd: string; lines: string[]; error?: string }[] = [];
for (const [name, run] of SECTIONS) {
  if (only && !only.includes(name)) continue;
  const sectionLoad = load();
  print('', `== ${name} ==  (load at start ${sectionLoad})`);
  const t = performance.now();
  let result: SectionResult;
  let error: string | undefined;
  try {
    result = await run(ctx);
  } catch (e) {
    error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    result = { lines: [`SECTION FAILED: ${error}`], goals: [] };
  }
  const seconds = (performance.now() - t) / 1000;
  const loadAtEnd = load();
  print(...result.lines, ...result.goals.map(goalLine), `(${name}: ${seconds.toFixed(0)} s, load at end ${loadAtEnd})`);
  goals.push(...result.goals);
  sections.push({ name, seconds, loadAtStart: sectionLoad, loadAtEnd, lines: result.lines, ...(error ? { error } : {}) });
}

const failed = goals.filter((g) => !g.pass);
const broken = sections.filter((s) => s.error);
print(
  '',
  '== goals ==',
  ...goals.map((g) => `${g.section.padEnd(16)} ${goalLine(g)}`),
  `${goals.length - failed.length} of ${goals.length} goals pass${broken.length ? `; ${broken.length} section(s) failed to run: ${broken.map((s) => s.name).join(', ')}` : ''}.`,
  `load average (1 / 5 / 15 min) at end: ${load()}; ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s in all`,
);

const dir = fileURLToPath(new URL('./results', import.meta.url));
mkdirSync(dir, { recursive: true });
const stamp = startedAt.toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
const kind = ctx.quick ? 'quick' : only ? 'partial' : undefined;
const json = JSON.stringify({
  startedAt: startedAt.toISOString(),
  mode: kind ?? 'full',
  args: process.argv.slice(2),
  machine: { cpus: cpu.length, cpuModel: cpu[0]?.model.trim(), totalMemGiB: +(totalmem() / 2 ** 30).toFixed(1), os: `${type()} ${release()}`, node: process.version },
  commit: git('rev-parse', 'HEAD'),
  modifiedTrackedFiles: dirty,
  loadAverage: { start: loadAtStart, end: load() },
  sections: sections.map(({ lines: _lines, seconds, ...s }) => ({ ...s, seconds: Math.round(seconds * 10) / 10 })),
  goals: goals.map((g) => ({ section: g.section, name: g.name, unit: g.unit, goal: `${g.judged} ≤ ${g.limit}`, min: g.min, median: g.median, max: g.max, values: g.values, over: g.over, result: g.pass ? 'PASS' : 'FAIL' })),
  passed: goals.length - failed.length,
  failed: failed.length,
}, null, 2) + '\n';
const text = out.join('\n') + '\n';
const files = [`${stamp}${kind ? `-${kind}` : ''}.txt`, `latest${kind ? `-${kind}` : ''}.txt`, `latest${kind ? `-${kind}` : ''}.json`];
writeFileSync(`${dir}/${files[0]}`, text);
writeFileSync(`${dir}/${files[1]}`, text);
writeFileSync(`${dir}/${files[2]}`, json);
console.log(`\nwritten: ${files.map((f) => `bench/results/${f}`).join(', ')}`);
// Failed goals are results; a section that could not run is a broken harness.
process.exit(broken.length ? 1 : 0);
