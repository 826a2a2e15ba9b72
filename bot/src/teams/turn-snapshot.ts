// What this turn already knows about its conversation, read once at the start of the turn and
// kept in the TurnContext (never across turns, so no instance can hold a view another instance
// has made wrong). The dialog runner updates it as it saves or ends the user's session.
import type { TurnContext } from 'botbuilder';
import type { ConversationSnapshot, ConversationStateReader } from '../domain/conversation-target';
import type { DialogSession } from '../domain/dialog-session';
import { targetConversationId, userOf, workspaceOf } from './activity-context';

const KEY = Symbol('conversation snapshot');

type Known = { snapshot: ConversationSnapshot } | { failed: unknown };

export class TurnSnapshots {
  constructor(private readonly reader: ConversationStateReader) {}

  /** Reads the conversation row and the user's session for this turn; undefined when storage failed. */
  async load(context: TurnContext): Promise<ConversationSnapshot | undefined> {
    const a = context.activity;
    try {
      const snapshot = await this.reader.read(workspaceOf(a), targetConversationId(a), userOf(a).id);
      context.turnState.set(KEY, { snapshot } satisfies Known);
      return snapshot;
    } catch (e) {
      context.turnState.set(KEY, { failed: e } satisfies Known);
      return undefined;
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

/** Whether the conversation row lists the user (undefined: not known in this turn). */
export function knownListing(context: TurnContext): { listed?: boolean } {
  const known = context.turnState.get(KEY) as Known | undefined;
  return known && 'snapshot' in known ? { listed: known.snapshot.listed } : {};
}

/** Records a save (listed from then on) or an end (unlisted) of the user's session in this turn. */
export function updateKnownSession(context: TurnContext, session: DialogSession | undefined): void {
  const known = context.turnState.get(KEY) as Known | undefined;
  const before = known && 'snapshot' in known ? known.snapshot : { known: true };
  context.turnState.set(KEY, { snapshot: { ...before, session, listed: session !== undefined } } satisfies Known);
}
