import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname);
/** Scripts of the static consent-popup pages (public/auth-*.html): fixed names, so the pages can name them. */
const AUTH_ENTRIES = new Set(['auth-start', 'auth-end']);

export default defineConfig({
  root,
  base: '/tabs/',
  build: {
    outDir: resolve(root, '../dist/tabs'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        index: resolve(root, 'index.html'),
        config: resolve(root, 'config.html'),
        'auth-start': resolve(root, 'src/auth/auth-start.ts'),
        'auth-end': resolve(root, 'src/auth/auth-end.ts'),
      },
      output: {
        entryFileNames: (chunk) => (AUTH_ENTRIES.has(chunk.name) ? 'auth/[name].js' : 'assets/[name]-[hash].js'),
      },
    },
  },
});
