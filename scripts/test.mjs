// `npm test`: every test, with what the tests need found or installed first.
// Order: prerequisites → type check → build (the tab tests load the built pages) → vitest.
import { spawnSync } from 'node:child_process';
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
run('vitest', node, [`${root}/node_modules/vitest/vitest.mjs`, 'run', ...passthrough], { ...process.env, CHROMIUM_PATH: chromium.path });
