// Warm start of `npm start`: `node scripts/start.mjs` spawned as npm runs it (after its prestart
// build check), on an existing build, with free loopback ports and a fresh temporary DATA_DIR
// (embedded Azurite in its own process, the Playground): the time until the launcher prints its
// ready line (the URLs), then until /healthz answers; then Ctrl-C (SIGINT) and the time to exit.
// The build check (`node scripts/build.mjs --if-stale`, npm's prestart) is timed apart, and only
// when dist/ is up to date: when it is stale, running it would rebuild dist/.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale } from '../scripts/lib/build-stamp.mjs';
import { freePort } from '../tests/journeys/support/product';
import { type BenchContext, goal, type Goal, mmm, type SectionResult } from './report';

const root = fileURLToPath(new URL('..', import.meta.url));
const READY_GOAL_S = 5;
const READY_LINE = 'Press Ctrl-C to stop.';

interface StartRound {
  readyMs: number;
  healthMs: number;
  healthStatus: number;
  stopMs: number;
  exitCode: number | null;
}

async function once(): Promise<StartRound> {
  const dataDir = mkdtempSync(join(tmpdir(), 'service-ops-bench-start-'));
  const env = {
    ...process.env,
    PORT: String(await freePort()), AZURITE_PORT: String(await freePort()), PLAYGROUND_PORT: String(await freePort()),
    DATA_DIR: dataDir, STORAGE_CONNECTION_STRING: '', LOG_LEVEL: 'info', BROWSER: 'none', TEAMSAPPTESTER_BROWSER: 'none',
  };
  let child: ChildProcess | undefined;
  try {
    const t0 = performance.now();
    child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const c = child;
    const exited = new Promise<number | null>((resolve) => c.once('exit', (code) => resolve(code)));
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start was not ready within 60 s:\n${out}`)), 60_000);
      const read = (d: Buffer) => {
        out += d.toString();
        if (out.includes(READY_LINE)) {
          clearTimeout(timer);
          resolve();
        }
      };
      c.stdout!.on('data', read);
      c.stderr!.on('data', read);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited ${code} before it was ready:\n${out}`));
      });
    });
    const readyMs = performance.now() - t0;
    const health = /Health:\s+(\S+)/.exec(out)?.[1] ?? `http://127.0.0.1:${env.PORT}/healthz`;
    let healthStatus = 0;
    for (let i = 0; i < 100 && healthStatus !== 200; i++) {
      healthStatus = await fetch(health).then((r) => r.status, () => 0);
      if (healthStatus !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    const healthMs = performance.now() - t0;
    const s0 = performance.now();
    c.kill('SIGINT');
    const stopTimer = setTimeout(() => c.kill('SIGKILL'), 20_000);
    const exitCode = await exited;
    clearTimeout(stopTimer);
    return { readyMs, healthMs, healthStatus, stopMs: performance.now() - s0, exitCode };
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchStart(ctx: BenchContext): Promise<SectionResult> {
  const rounds = ctx.rounds ?? (ctx.quick ? 2 : 5);
  const lines: string[] = [];
  const goals: Goal[] = [];
  const stamp = join(root, 'dist/.build-stamp');
  if (!existsSync(join(root, 'dist/bot/app.js'))) {
    // No build at all: make one (npm start's own prestart), so the starts below are warm.
    spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
  }
  const stale = isStale(root, stamp);
  if (stale) {
    lines.push('dist/ is older than its sources (edited since the last build): npm start would rebuild first; the starts below use the existing build, and the build check is not timed.');
  } else {
    const checks: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'ignore' });
      checks.push(performance.now() - t);
    }
    lines.push(`prestart build check (node scripts/build.mjs --if-stale, dist/ up to date): ${mmm(checks, 0)} ms (min/median/max), on top of the start below`);
  }
  await once(); // warm-up: the OS file cache, not counted
  const rs: StartRound[] = [];
  for (let i = 0; i < rounds; i++) rs.push(await once());
  lines.push(`node scripts/start.mjs, free ports, fresh DATA_DIR (embedded Azurite + Playground), ${rounds} starts after 1 warm-up start:`);
  lines.push(`  ready line printed ${mmm(rs.map((r) => r.readyMs), 0)} ms; /healthz 200 ${mmm(rs.map((r) => r.healthMs), 0)} ms; Ctrl-C to exit ${mmm(rs.map((r) => r.stopMs), 0)} ms (min/median/max)`);
  lines.push(`  /healthz answers: ${rs.map((r) => r.healthStatus).join(', ')}; exit codes after Ctrl-C: ${rs.map((r) => r.exitCode).join(', ')}`);
  goals.push(goal('start', 'npm start warm: spawn → ready line', rs.map((r) => r.readyMs / 1000), READY_GOAL_S, 's'));
  goals.push(goal('start', 'npm start: rounds whose /healthz did not answer 200', rs.map((r) => (r.healthStatus === 200 ? 0 : 1)), 0, 'count', 'max'));
  goals.push(goal('start', 'npm start: rounds not exiting 0 on Ctrl-C', rs.map((r) => (r.exitCode === 0 ? 0 : 1)), 0, 'count', 'max'));
  return { lines, goals };
}
