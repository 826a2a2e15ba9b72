// Shared building blocks of the operations content (role map, stakeholders, risks, OKRs,
// steering committee, checklists): who did something and when, validation with plain
// messages, and the outcome type every service returns instead of throwing at its callers.
import type { Workspace } from '../workspace';
import { checkFreeText } from '../text/free-text';

export type { Clock } from '../../platform/clock';

export interface Actor {
  id: string;
  name: string;
}

/** Who did something, and when (ISO 8601, UTC). */
export interface Stamp {
  by: Actor;
  at: string;
}

/** Every stored ops record has an id unique in its workspace and, once read, its ETag. */
export interface OpsRecord {
  id: string;
  etag?: string;
}

export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: 'invalid' | 'not-found' | 'conflict'; message: string; current?: T };

export const okOf = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const invalid = <T>(message: string): Outcome<T> => ({ ok: false, error: 'invalid', message });
export const notFound = <T>(message: string): Outcome<T> => ({ ok: false, error: 'not-found', message });
export const conflict = <T>(current: T | undefined, what = 'This record'): Outcome<T> => ({
  ok: false,
  error: 'conflict',
  message: `${what} was changed by someone else since you opened it. Here is the latest version: check it and try again.`,
  current,
});

/** Thrown inside validators only; services turn it into an `invalid` outcome. */
export class OpsValidationError extends Error {
  override name = 'OpsValidationError';
}

/** Runs a validator and turns its first complaint into an `invalid` outcome. */
export function validated<T>(fn: () => T): Outcome<T> {
  try {
    return okOf(fn());
  } catch (e) {
    if (e instanceof OpsValidationError) return invalid(e.message);
    throw e;
  }
}

// Control characters other than tab and line breaks never belong in a name or a note.
/**
 * A text field under the product's one free-text rule; required unless `optional`. Values that
 * are not strings are refused with the field's label.
 */
export function textField(label: string, value: unknown, max: number, options: { optional?: boolean; multiline?: boolean } = {}): string {
  const r = checkFreeText(value, { label, max, ...options, whenMissing: `${label} is required.` });
  if (!r.ok) throw new OpsValidationError(r.error);
  return r.value;
}

/** One of a fixed set of values, with the allowed values named in the message. */
export function choiceField<T extends string>(label: string, value: unknown, allowed: readonly T[], labels?: Record<T, string>): T {
  const v = typeof value === 'string' ? value.trim() : value;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  const names = allowed.map((a) => (labels ? `${labels[a]} (${a})` : a)).join(', ');
  throw new OpsValidationError(`${label} must be one of: ${names}.`);
}

/** Slug for ids derived from names: lowercase letters, digits and dashes. */
export function slug(text: string, max = 40): string {
  const s = text.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, max).replace(/-+$/, '');
  return s || 'item';
}

/**
 * Generic storage contract of the ops aggregates: records in one partition per workspace,
 * ETag concurrency, paged listing. Each aggregate's repository is an instance of this (one
 * table each, or one row kind in its aggregate's table); storage/ implements it.
 */
export interface RecordRepository<T extends OpsRecord> {
  /** Every record of the workspace (all pages). Seeds defaults on first read if the store was given any. */
  list(workspace: Workspace): Promise<T[]>;
  page(workspace: Workspace, request?: { pageSize?: number; continuationToken?: string }): Promise<{ items: T[]; continuationToken?: string }>;
  get(workspace: Workspace, id: string): Promise<T | undefined>;
  /** Inserts a new record; `created: false` (with what is stored) when the id is taken. */
  create(workspace: Workspace, record: T): Promise<{ created: true; record: T } | { created: false; existing?: T }>;
  /** Replaces the record if its stored ETag still equals `record.etag`. */
  replace(workspace: Workspace, record: T): Promise<{ ok: true; record: T } | { ok: false; reason: 'conflict' | 'not-found' }>;
  /** Deletes; with an ETag, only if unchanged since it was read. */
  delete(workspace: Workspace, id: string, etag?: string): Promise<'deleted' | 'not-found' | 'conflict'>;
}

/**
 * Read-modify-write of one record. With `expectedEtag` (an edit from a card or the tab) a
 * concurrent change is reported as a conflict with the current record; without it (a
 * one-click action such as a sign-off) a lost race re-reads and applies the change again.
 */
export async function mutate<T extends OpsRecord>(
  repo: RecordRepository<T>,
  workspace: Workspace,
  id: string,
  change: (current: T) => Outcome<T>,
  options: { expectedEtag?: string; what: string; attempts?: number },
): Promise<Outcome<T>> {
  const attempts = options.attempts ?? 8;
  for (let i = 0; i < attempts; i++) {
    const current = await repo.get(workspace, id);
    if (!current) return notFound(`${options.what} no longer exists: it may have been removed.`);
    if (options.expectedEtag && current.etag !== options.expectedEtag) return conflict(current, options.what);
    const next = change(current);
    if (!next.ok) return next;
    if (next.value === current) return next; // nothing to change (idempotent repeat)
    const written = await repo.replace(workspace, { ...next.value, id: current.id, etag: current.etag });
    if (written.ok) return okOf(written.record);
    if (written.reason === 'not-found') return notFound(`${options.what} no longer exists: it may have been removed.`);
    if (options.expectedEtag) return conflict(await repo.get(workspace, id), options.what);
  }
  return { ok: false, error: 'conflict', message: `${options.what} is being changed by several people at once; try again in a moment.` };
}
