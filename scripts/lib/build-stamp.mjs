// Whether dist/ must be built again: the stamp a build writes last, against the newest
// modification time of everything the build reads.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BUILD_INPUTS = ['bot/src', 'tabs', 'scripts/build.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let n = 0;
  for (const name of readdirSync(path)) if (name !== 'node_modules') n = Math.max(n, newest(join(path, name)));
  return n;
}

/** True when there is no stamp, or an input is newer than it. */
export function isStale(root, stamp, inputs = BUILD_INPUTS) {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return inputs.some((p) => existsSync(join(root, p)) && newest(join(root, p)) > built);
}

export function writeStamp(stamp) {
  writeFileSync(stamp, new Date().toISOString());
}
