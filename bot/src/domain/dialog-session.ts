// A conversation in progress with one user (a finding being filed, an escalation being
// described). Stored so a user can go quiet, come back later, and resume or discard.
import type { Workspace } from './workspace';

export interface DialogSession<D = unknown> {
  workspace: Workspace;
  conversationId: string;
  userId: string;
  dialog: string;
  /** Key of the step waiting for an answer, or 'confirm' once the draft is complete. */
  step: string;
  draft: D;
  startedAt: string;
  updatedAt: string;
  /** Id of the last activity applied: a redelivered activity is not applied twice. */
  lastActivityId?: string;
  /** Idempotency key of the submit, fixed when the draft reaches confirmation. */
  submitKey?: string;
  etag?: string;
}

/**
 * Whether the conversation's row already lists the user as having a dialog open (known from the
 * turn's read); unknown means "make sure".
 */
export interface ListingHint {
  listed?: boolean;
}

export interface DialogSessionRepository {
  get(workspace: Workspace, conversationId: string, userId: string): Promise<DialogSession | undefined>;
  /** Saves with the session's ETag when it has one; returns the session with its new ETag. */
  save(session: DialogSession, hint?: ListingHint): Promise<DialogSession>;
  delete(workspace: Workspace, conversationId: string, userId: string, hint?: ListingHint): Promise<void>;
}

/** A session untouched for this long is offered to resume or discard, not silently continued. */
export const DIALOG_IDLE_MS = 30 * 60 * 1000;

export function isIdle(session: DialogSession, now: Date): boolean {
  return now.getTime() - Date.parse(session.updatedAt) > DIALOG_IDLE_MS;
}
