// Builds the bot (esbuild: one ESM file per entry, npm packages left external) and the tab
// pages (Vite). `npm start` passes --if-stale: no build when dist/ is newer than every input.
import { rmSync } from 'node:fs';
import { isStale, writeStamp } from './lib/build-stamp.mjs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = performance.now();
const STAMP = `${root}/dist/.build-stamp`;

// `npm start` builds only when a source is newer than the last build (--if-stale).
if (process.argv.includes('--if-stale') && !isStale(root, STAMP)) {
  console.log('build: dist/ is up to date');
  process.exit(0);
}
// Loaded only for a real build: they take longer to import than the check takes to run.
const { build } = await import('esbuild');
const { build: viteBuild } = await import('vite');
rmSync(`${root}/dist`, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { 'bot/index': 'bot/src/index.ts', 'bot/app': 'bot/src/app.ts', 'bot/config': 'bot/src/config.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  chunkNames: 'bot/chunks/[name]-[hash]',
  logLevel: 'warning',
});

await viteBuild({ configFile: `${root}/tabs/vite.config.ts`, logLevel: 'warn' });
// Stamped after everything was written: a build that failed halfway leaves no stamp.
writeStamp(STAMP);
console.log(`build: dist/ ready in ${Math.round(performance.now() - started)} ms`);
