// What this turn already knows about its conversation, read once at the start of the turn and
// kept in the TurnContext (never across turns, so no instance can hold a view another instance
// has made wrong). The dialog runner updates it as it saves or ends the user's session.
import type { Activity, TurnContext } from 'botbuilder';
import type { ConversationSnapshot, ConversationStateReader, TargetUpdate } from '../domain/conversation-target';
import type { DialogSession, ListingHint, RowOutcome } from '../domain/dialog-session';
import { targetConversationId, userOf, workspaceOf } from './activity-context';

const KEY = Symbol('conversation snapshot');
const DEFERRED = Symbol('reference not saved yet');

type Known = { snapshot: ConversationSnapshot } | { failed: unknown };

/** Activities whose turn reads the conversation row first. */
const readsFirst = (a: Activity) => a.type === 'message' || (a.type === 'invoke' && a.name === 'adaptiveCard/action');

export class TurnSnapshots {
  /** Reads started for a request being set up, by its activity: they live as long as the request. */
  private readonly early = new WeakMap<Activity, Promise<Known>>();

  constructor(private readonly reader: ConversationStateReader) {}

  /**
   * Starts the turn's read as soon as the request is authenticated, so it overlaps what the
   * adapter does before the turn runs; load() takes it up. Never rejects: a failure is the
   * turn's to report.
   */
  prefetch(activity: Activity): void {
    if (readsFirst(activity)) this.early.set(activity, this.read(activity));
  }

  /** Reads the conversation row and the user's session for this turn; undefined when storage failed. */
  async load(context: TurnContext): Promise<ConversationSnapshot | undefined> {
    const a = context.activity;
    const early = this.early.get(a);
    this.early.delete(a);
    const known = await (early ?? this.read(a));
    context.turnState.set(KEY, known);
    return 'snapshot' in known ? known.snapshot : undefined;
  }

  private async read(a: Activity): Promise<Known> {
    try {
      return { snapshot: await this.reader.read(workspaceOf(a), targetConversationId(a), userOf(a).id) };
    } catch (e) {
      return { failed: e };
    }
  }
}

/**
 * The user's session as this turn knows it: `{ session }` (possibly undefined: none open), or
 * `{ failed }` when the turn's read failed, or undefined when the turn has not read it.
 */
export function knownSession(context: TurnContext): { session: DialogSession | undefined } | { failed: unknown } | undefined {
  const known = context.turnState.get(KEY) as Known | undefined;
  if (!known) return undefined;
  return 'failed' in known ? known : { session: known.snapshot.session };
}

/**
 * What the turn knows of the conversation row (listed or not, its ETag), and the reference it has
 * yet to save, for a session save or delete to write the row without reading it first.
 */
export function knownListing(context: TurnContext): ListingHint {
  const known = context.turnState.get(KEY) as Known | undefined;
  const target = context.turnState.get(DEFERRED) as TargetUpdate | undefined;
  if (!known || !('snapshot' in known)) return {};
  const { listed, row } = known.snapshot;
  return { listed, ...(row ? { row } : {}), ...(target ? { target } : {}) };
}

/**
 * Records a save (listed from then on) or an end (unlisted) of the user's session in this turn,
 * with the row as the save left it (unknown again if the save did not say).
 */
export function updateKnownSession(context: TurnContext, session: DialogSession | undefined, outcome?: RowOutcome): void {
  const known = context.turnState.get(KEY) as Known | undefined;
  const before: ConversationSnapshot = known && 'snapshot' in known ? known.snapshot : { known: true, listed: false };
  const { row: _stale, ...rest } = before;
  const after: ConversationSnapshot = { ...rest, session, listed: session !== undefined, ...(outcome?.row ? { row: outcome.row } : {}) };
  context.turnState.set(KEY, { snapshot: after } satisfies Known);
  if (outcome?.targetSaved) context.turnState.delete(DEFERRED);
}

/** A first message's reference, saved with the row by a dialog's first save or else after the turn. */
export function deferTarget(context: TurnContext, target: TargetUpdate): void {
  context.turnState.set(DEFERRED, target);
}

/** The deferred reference nothing in the turn saved (and forgets it). */
export function takeDeferredTarget(context: TurnContext): TargetUpdate | undefined {
  const target = context.turnState.get(DEFERRED) as TargetUpdate | undefined;
  context.turnState.delete(DEFERRED);
  return target;
}
