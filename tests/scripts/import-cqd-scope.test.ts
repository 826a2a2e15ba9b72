// The import CLI on a real-format CQD export with Is Server Pair (tests/fixtures/cqd/): the
// proposals name their call scope and target row, and the unmanaged networks are printed as
// their own lines, apart from every building.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, NODE_NO_WARNINGS: '1' };
  delete env.STORAGE_CONNECTION_STRING;
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'scripts/import-cqd.mjs'), ...args], { cwd: root, env }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run import:cqd with call scopes', () => {
  it('holds each scope to its own target rows and prints the unmanaged networks as their own lines', async () => {
    const r = await cli(['tests/fixtures/cqd/qer-scope-2026-10.csv']);
    expect(r.code, r.stderr).toBe(0);
    // Conferencing, wired internal PSR target 1.0 % (the all-calls internal 2.0 % would pass 1.5 %).
    expect(r.stdout).toContain('Building 1 on Wired, conferencing calls: poor stream rate 1.5 % in 2026-10 over 1,000 streams, against a 1.0 % target (conferencing, wired internal).');
    expect(r.stdout).toContain('Left out 1 row between two servers (Is Server Pair = Server : Server).');
    const section = r.stdout.split('Unmanaged networks (reported apart, never filed against a building):\n')[1]!.split('\n\n')[0]!;
    expect(section.split('\n').map((l) => l.trim().split(' (')[0])).toEqual(['Unmanaged networks, all calls', 'Unmanaged networks, conferencing', 'Unmanaged networks, peer-to-peer']);
    expect(section).toContain('poor stream rate 5.0 % above 2.0 %'); // 30 / 600 against the conferencing, overall 2.0 %
    expect(r.stdout).not.toMatch(/73\.158\.12\.0.*target/);
  });
});
