// Builds the bot (esbuild: one ESM file per entry, npm packages left external) and the tab
// pages (Vite). Fast enough to run before every `npm start`.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = performance.now();
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
console.log(`build: dist/ ready in ${Math.round(performance.now() - started)} ms`);
