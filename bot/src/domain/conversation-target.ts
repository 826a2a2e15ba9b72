import type { DialogSession } from './dialog-session';
import type { Workspace } from './workspace';

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

/**
 * Where the bot can post proactively: the serialized Bot Framework conversation reference
 * plus what we need to decide whether to use it.
 */
export interface ConversationTarget {
  workspace: Workspace;
  conversationId: string;
  kind: ConversationKind;
  serviceUrl: string;
  channelId: string;
  /** JSON of the botbuilder ConversationReference; opaque outside teams/. */
  reference: string;
  active: boolean;
  installedAt: string;
  lastSeenAt: string;
  /** Why it stopped being active (bot removed, 403 from the connector, ...). */
  inactiveReason?: string;
}

/** A target as a turn writes it: installedAt only when the turn is the installation. */
export type TargetUpdate = Omit<ConversationTarget, 'installedAt'> & { installedAt?: string };

export interface ConversationTargetRepository {
  /** Insert or refresh; keeps installedAt of an existing record and reactivates it. */
  upsert(target: TargetUpdate): Promise<void>;
  get(workspace: Workspace, conversationId: string): Promise<ConversationTarget | undefined>;
  markInactive(workspace: Workspace, conversationId: string, reason: string, at: string): Promise<void>;
  listActive(workspace: Workspace): Promise<ConversationTarget[]>;
}

/** What a turn needs to know about its conversation: where it can be reached, and the user's dialog. */
/** The conversation row's storage state: a save can write it conditionally without reading it again. */
export type ConversationRow = { exists: false } | { exists: true; etag: string; dialogUsers?: string };

export interface ConversationSnapshot {
  target?: ConversationTarget;
  /** The row as read (set by readers that can tell). */
  row?: ConversationRow;
  session?: DialogSession;
  /** The conversation lists the user as having a dialog open (the session may be gone since). */
  listed: boolean;
  /** The conversation has a row at all (a conversation seen for the first time has none). */
  known: boolean;
}

export interface ConversationStateReader {
  /** The conversation row and, when it lists the user, the user's dialog session. */
  read(workspace: Workspace, conversationId: string, userId: string): Promise<ConversationSnapshot>;
}
