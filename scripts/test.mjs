// `npm test`: every test, with what the tests need found or installed first.
// Order: prerequisites → type check → build (the tab tests load the built pages) → vitest.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './lib/chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const passthrough = process.argv.slice(2);

function run(label, cmd, args, env = process.env) {
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`npm test: ${label} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
  console.log(`npm test: ${label} ok (${Math.round(performance.now() - started)} ms)`);
}

const chromium = ensureChromium();
if (chromium.error) {
  console.error(`npm test: ${chromium.error}`);
  process.exit(1);
}
const node = process.execPath;
run('type check', node, [`${root}/node_modules/typescript/bin/tsc`, '-p', 'tsconfig.json', '--noEmit']);
run('build', node, ['scripts/build.mjs']);
const report = join(tmpdir(), `service-ops-vitest-${process.pid}.json`);
const vitest = spawnSync(node, [`${root}/node_modules/vitest/vitest.mjs`, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...passthrough], {
  cwd: root,
  stdio: 'inherit',
  // restify's dependency warns about process.binding in every worker; it is not ours to fix.
  env: { ...process.env, CHROMIUM_PATH: chromium.path, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --no-deprecation`.trim() },
});
// One plain closing line that any CI can read, whatever the reporter printed above it.
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  rmSync(report, { force: true });
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
process.exit(vitest.status ?? 1);
