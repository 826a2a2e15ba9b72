// Benchmark: parse + validate + aggregate a generated 100k-row call-quality CSV, against a
// baseline measured in the same run on the same bytes (just splitting the file into lines).
// Returns printable lines (no goal is set for it); bench/run.ts prints them.
import { Readable } from 'node:stream';
import { proposeFindings, readCqdCsv } from '../bot/src/domain/findings/cqd-import';
import { type BenchContext, median, mmm, type SectionResult } from './report';

const ROWS = 100_000;
const NETWORKS = ['Wired', 'Wi-Fi 2.4 GHz', 'Wi-Fi 5 GHz', 'VPN', 'External'];

function generate(rows: number): Buffer {
  const lines = ['Month,Building,Subnet,Network Type,Audio Streams,Poor Streams,Setup Failed Streams,Dropped Streams'];
  let seed = 42;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  for (let i = 0; i < rows; i++) {
    const month = `2025-${String((i % 12) + 1).padStart(2, '0')}`;
    const b = rnd(400);
    const streams = 100 + rnd(5000);
    const building = b % 7 === 0 ? `"Building ${b}, Wing ${b % 3}"` : `Building ${b}`;
    lines.push(`${month},${building},10.${b % 250}.${rnd(250)}.0/24,${NETWORKS[rnd(5)]},${streams},${rnd(Math.ceil(streams / 20))},${rnd(Math.ceil(streams / 100))},${rnd(Math.ceil(streams / 40))}`);
  }
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** The file as a stream of 64 KiB chunks, as fs.createReadStream would deliver it. */
const chunks = (buf: Buffer) => Readable.from((function* () {
  for (let i = 0; i < buf.length; i += 65536) yield buf.subarray(i, i + 65536);
})());

async function baseline(buf: Buffer): Promise<number> {
  // Decode and split into lines, nothing else: the floor any CSV import pays.
  const decoder = new TextDecoder();
  let rest = '';
  let lines = 0;
  for await (const c of chunks(buf)) {
    const text = rest + decoder.decode(c as Uint8Array, { stream: true });
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    lines += parts.length;
  }
  return lines;
}

export async function benchFindingsImport(ctx: BenchContext): Promise<SectionResult> {
  const buf = generate(ROWS);
  // Warm up both paths so the JIT has seen them.
  await baseline(buf);
  await readCqdCsv(chunks(buf));
  const runs = ctx.rounds ?? (ctx.quick ? 3 : 5);
  const base: number[] = [];
  const full: number[] = [];
  const ratios: number[] = [];
  let proposals = 0;
  let aggregates = 0;
  // Interleaved: baseline, import, baseline, import, ...; the ratio is taken within each round.
  for (let i = 0; i < runs; i++) {
    const b = (await time(() => baseline(buf))).ms;
    const r = await time(() => readCqdCsv(chunks(buf)));
    if (!r.value.ok) throw new Error(`benchmark CSV was refused: ${r.value.error}`);
    base.push(b);
    full.push(r.ms);
    ratios.push(r.ms / b);
    aggregates = r.value.aggregates.length;
    proposals = proposeFindings(r.value, []).groups.reduce((n, g) => n + g.proposals.length, 0);
  }
  const mb = buf.length / 1024 / 1024;
  const rate = (ms: number) => `${Math.round(ROWS / (ms / 1000)).toLocaleString('en-US')} rows/s`;
  return {
    lines: [
      `Findings CSV import: ${ROWS.toLocaleString('en-US')} rows, ${mb.toFixed(1)} MiB, ${runs} rounds (baseline and import interleaved), min / median / max; no goal is set for it.`,
      `${'baseline: decode + split lines'.padEnd(40)} ${mmm(base, 1).padStart(22)} ms   median ${rate(median(base))}`,
      `${'import: parse + validate + aggregate'.padEnd(40)} ${mmm(full, 1).padStart(22)} ms   median ${rate(median(full))}   (${aggregates.toLocaleString('en-US')} aggregates, ${proposals} proposals in the latest month)`,
      `${'ratio import / baseline'.padEnd(40)} ${mmm(ratios, 1).padStart(22)} ×`,
    ],
    goals: [],
  };
}
