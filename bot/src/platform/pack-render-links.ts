// Signed links to a review pack's files. Teams fetches a card's image without the tab's sign-in,
// so the image URL itself carries the proof: an HMAC-SHA256 over the pack id and an expiry, with
// a key only the server knows. The id names the workspace and the month, so a link opens that
// pack and no other; a changed id, expiry or signature, or an expired link, is refused.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type PackFormat = 'png' | 'pdf';

export interface PackRef {
  /** The workspace key (tenant|scope|id) and the month, YYYY-MM. */
  workspace: string;
  month: string;
}

/** How long a posted card's image keeps loading: a month's card stays readable through the next review. */
export const PACK_LINK_TTL_MS = 45 * 24 * 60 * 60 * 1000;

export const packId = (ref: PackRef) => Buffer.from(`${ref.workspace}\u0000${ref.month}`, 'utf8').toString('base64url');

export function parsePackId(id: string): PackRef | undefined {
  if (!/^[A-Za-z0-9_-]{8,700}$/.test(id)) return undefined;
  const [workspace, month, ...rest] = Buffer.from(id, 'base64url').toString('utf8').split('\u0000');
  if (!workspace || !month || rest.length || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return undefined;
  return { workspace, month };
}

const signature = (key: string, id: string, format: PackFormat, expires: number) =>
  createHmac('sha256', key).update(`${id}.${format}.${expires}`).digest('base64url');

/** The path and query of a signed link, e.g. /api/packs/<id>.png?exp=…&sig=… */
export function signedPackPath(key: string, ref: PackRef, format: PackFormat, now: Date, ttlMs = PACK_LINK_TTL_MS): string {
  const id = packId(ref);
  const expires = Math.floor((now.getTime() + ttlMs) / 1000);
  return `/api/packs/${id}.${format}?exp=${expires}&sig=${signature(key, id, format, expires)}`;
}

export type PackLinkCheck = { ok: true; ref: PackRef; format: PackFormat } | { ok: false; status: 400 | 403 | 410; error: string };

/** Checks a link's file name ("<id>.png"), expiry and signature. */
export function verifyPackLink(key: string, file: string, exp: string | null, sig: string | null, now: Date): PackLinkCheck {
  const m = /^([A-Za-z0-9_-]+)\.(png|pdf)$/.exec(file);
  const ref = m ? parsePackId(m[1]!) : undefined;
  if (!m || !ref) return { ok: false, status: 400, error: 'This is not a review pack link.' };
  const format = m[2] as PackFormat;
  const expires = Number(exp);
  if (!exp || !/^\d{1,12}$/.test(exp) || !sig) return { ok: false, status: 403, error: 'This review pack link is not signed.' };
  const want = Buffer.from(signature(key, m[1]!, format, expires));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { ok: false, status: 403, error: 'This review pack link is not valid.' };
  if (expires * 1000 < now.getTime()) return { ok: false, status: 410, error: 'This review pack link has expired: ask for the pack again (review pack in chat, or the pack tab).' };
  return { ok: true, ref, format };
}
