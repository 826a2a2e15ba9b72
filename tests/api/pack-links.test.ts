import { describe, expect, it } from 'vitest';
import { packId, parsePackId, signedPackPath, verifyPackLink } from '../../bot/src/platform/pack-render-links';

const KEY = 'k'.repeat(40);
const ref = { workspace: 'tenant-a|team|19:abc@thread.tacv2', month: '2026-11' };
const now = new Date('2026-12-02T09:00:00Z');

function parts(path: string) {
  const url = new URL(path, 'http://x');
  return { file: url.pathname.split('/').pop()!, exp: url.searchParams.get('exp'), sig: url.searchParams.get('sig') };
}

describe('signed review pack links', () => {
  it('a link names the workspace and month and verifies with the same key', () => {
    const { file, exp, sig } = parts(signedPackPath(KEY, ref, 'png', now));
    expect(file).toBe(`${packId(ref)}.png`);
    expect(verifyPackLink(KEY, file, exp, sig, now)).toEqual({ ok: true, ref, format: 'png' });
    expect(parsePackId(packId(ref))).toEqual(ref);
  });

  it('refuses a tampered id, format, expiry or signature, and another key', () => {
    const { file, exp, sig } = parts(signedPackPath(KEY, ref, 'png', now));
    const other = `${packId({ ...ref, workspace: 'tenant-b|team|19:abc@thread.tacv2' })}.png`;
    expect(verifyPackLink(KEY, other, exp, sig, now)).toMatchObject({ ok: false, status: 403 });
    expect(verifyPackLink(KEY, file.replace('.png', '.pdf'), exp, sig, now)).toMatchObject({ ok: false, status: 403 });
    expect(verifyPackLink(KEY, file, String(Number(exp) + 1), sig, now)).toMatchObject({ ok: false, status: 403 });
    expect(verifyPackLink(KEY, file, exp, `${sig!.slice(0, -1)}${sig!.endsWith('A') ? 'B' : 'A'}`, now)).toMatchObject({ ok: false, status: 403 });
    expect(verifyPackLink('z'.repeat(40), file, exp, sig, now)).toMatchObject({ ok: false, status: 403 });
    expect(verifyPackLink(KEY, file, null, null, now)).toMatchObject({ ok: false, status: 403 });
    expect(verifyPackLink(KEY, '../etc/passwd', exp, sig, now)).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses an expired link with a way to get a new one', () => {
    const { file, exp, sig } = parts(signedPackPath(KEY, ref, 'pdf', now, 60_000));
    expect(verifyPackLink(KEY, file, exp, sig, new Date(now.getTime() + 59_000))).toMatchObject({ ok: true });
    expect(verifyPackLink(KEY, file, exp, sig, new Date(now.getTime() + 61_000))).toMatchObject({ ok: false, status: 410, error: expect.stringMatching(/review pack/) });
  });
});
