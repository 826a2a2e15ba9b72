// Teams redelivers an invoke (same activity id) when it did not see the answer in time, and a
// person may press twice. Every state-changing card action is recorded under its activity id:
// the first delivery runs and its answer is kept; every replay, also while the first still runs,
// gets that same answer and changes nothing. Records are kept for a day or two, long past any
// redelivery, and then dropped.
import type { Workspace } from './workspace';

/** Where a claim's record is kept (opaque to callers): given back to complete, release and result. */
export type IdempotencyTicket = string;

export type IdempotencyClaim =
  | { kind: 'claimed'; ticket: IdempotencyTicket }
  | { kind: 'done'; result: string }
  | { kind: 'running'; ticket: IdempotencyTicket };

export interface IdempotencyLedger {
  /** Claims `key` in the workspace: claimed (run it), done (its recorded result), or running elsewhere. */
  claim(workspace: Workspace, key: string): Promise<IdempotencyClaim>;
  /** Records the result of a claimed key. */
  complete(workspace: Workspace, key: string, ticket: IdempotencyTicket, result: string): Promise<void>;
  /** Gives a claim back when the action failed, so a retry runs it. */
  release(workspace: Workspace, key: string, ticket: IdempotencyTicket): Promise<void>;
  /** The result once recorded. */
  result(workspace: Workspace, key: string, ticket: IdempotencyTicket): Promise<string | undefined>;
}
