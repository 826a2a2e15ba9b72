// A conversation in progress with one user (a finding being filed, an escalation being
// described). Stored so a user can go quiet, come back later, and resume or discard.
import type { ConversationRow, TargetUpdate } from './conversation-target';
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

/** What the turn's read of the conversation row told, so a save need not read it again. */
export interface ListingHint {
  /** The row lists the user as having a dialog open; unknown means "make sure". */
  listed?: boolean;
  /** The row as the turn read it (or last wrote it): whether it exists, its ETag and list. */
  row?: ConversationRow;
  /** A reference the turn has not saved yet (the conversation's first message): saved with the row. */
  target?: TargetUpdate;
}

/** What a save or delete did to the conversation row, for the rest of the turn. */
export interface RowOutcome {
  /** The row as now stored, when this call wrote it (undefined: not written, or state unknown). */
  row?: ConversationRow;
  /** The hint's reference was written with the row. */
  targetSaved: boolean;
}

export interface DialogSessionRepository {
  get(workspace: Workspace, conversationId: string, userId: string): Promise<DialogSession | undefined>;
  /** Saves with the session's ETag when it has one; returns the session with its new ETag. */
  save(session: DialogSession, hint?: ListingHint): Promise<DialogSession & { outcome?: RowOutcome }>;
  delete(workspace: Workspace, conversationId: string, userId: string, hint?: ListingHint): Promise<RowOutcome | void>;
}

/** A session untouched for this long is offered to resume or discard, not silently continued. */
export const DIALOG_IDLE_MS = 30 * 60 * 1000;

export function isIdle(session: DialogSession, now: Date): boolean {
  return now.getTime() - Date.parse(session.updatedAt) > DIALOG_IDLE_MS;
}
