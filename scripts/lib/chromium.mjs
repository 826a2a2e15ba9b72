// Finds Debian's Chromium for the browser tests, installing it with apt-get when we may.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];
export const INSTALL_HINT = 'sudo apt-get update && sudo apt-get install -y chromium';

export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/** Returns the path, installing from Debian's packages if we are root; otherwise explains. */
export function ensureChromium({ log = console.log } = {}) {
  const found = findChromium();
  if (found) return { path: found };
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    return { error: `Chromium is needed for the browser tests and was not found: run \`${INSTALL_HINT}\` (or set CHROMIUM_PATH).` };
  }
  log('Chromium not found: installing Debian\'s chromium package (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'chromium']]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) return { error: `apt-get ${args.join(' ')} failed (exit ${r.status}): run \`${INSTALL_HINT}\` by hand.` };
  }
  const installed = findChromium();
  return installed ? { path: installed } : { error: `chromium was installed but not found at ${CANDIDATES.join(', ')}: set CHROMIUM_PATH.` };
}
