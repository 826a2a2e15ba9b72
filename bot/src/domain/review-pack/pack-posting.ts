// The monthly pack posted to a workspace's chosen channel: `review pack here` chooses it, and on
// the first working day of each month (pack-month.ts) the job posts last month's pack there once.
// "Once" holds across restarts and instances because a post is first claimed with a conditional
// insert of a marker per workspace and month: whoever inserts it posts, everyone else skips.
import type { Workspace } from '../workspace';
import type { PackMonth } from './pack-month';

export interface PackSubscription {
  workspace: Workspace;
  /** The channel or group chat the pack goes to (a saved conversation target). */
  conversationId: string;
  since: string;
}

export type PostOutcome = 'sent' | 'unreachable';

export interface PackPostLedger {
  subscribe(s: PackSubscription): Promise<void>;
  unsubscribe(ws: Workspace): Promise<boolean>;
  get(ws: Workspace): Promise<PackSubscription | undefined>;
  /** Every subscription, at most `limit` (a tick's bound). */
  list(limit: number): Promise<PackSubscription[]>;
  /** True for the one caller that may post this workspace's pack of `month`. */
  claim(ws: Workspace, month: PackMonth, at: Date): Promise<boolean>;
  /** The post's end: kept as done (sent, or the channel cannot be reached), or released for a later tick. */
  settle(ws: Workspace, month: PackMonth, outcome: PostOutcome | 'retry', at: Date): Promise<void>;
}

/** Subscriptions one tick looks at: the job's work is bounded whatever the number of teams. */
export const PACK_TICK_LIMIT = 500;
