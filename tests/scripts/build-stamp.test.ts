// npm start builds only when dist/ is older than something the build reads.
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isStale, writeStamp } from '../../scripts/lib/build-stamp.mjs';

function project() {
  const root = mkdtempSync(join(tmpdir(), 'build-stamp-'));
  mkdirSync(join(root, 'bot/src/teams'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'bot/src/teams/a.ts'), 'export {}');
  writeFileSync(join(root, 'package.json'), '{}');
  const past = new Date(Date.now() - 60_000);
  for (const f of ['bot/src/teams/a.ts', 'package.json']) utimesSync(join(root, f), past, past);
  return { root, stamp: join(root, 'dist/.build-stamp') };
}

describe('the build stamp', () => {
  it('is stale with no stamp, fresh after a build, stale again when a source changes', () => {
    const { root, stamp } = project();
    expect(isStale(root, stamp)).toBe(true);
    writeStamp(stamp);
    expect(isStale(root, stamp)).toBe(false);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'bot/src/teams/a.ts'), later, later);
    expect(isStale(root, stamp)).toBe(true);
  });

  it('counts a change to the dependencies as a change', () => {
    const { root, stamp } = project();
    writeStamp(stamp);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'package.json'), later, later);
    expect(isStale(root, stamp)).toBe(true);
  });
});
