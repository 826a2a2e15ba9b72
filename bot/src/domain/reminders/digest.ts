// One digest card per channel per run: due occurrences grouped by the conversation they go to,
// with tasks still open from earlier runs carried in instead of being sent on their own.
import { type Workspace, workspaceKey } from '../workspace';
import type { DigestLine } from './schedule';

export interface DigestItem {
  workspace: Workspace;
  targetConversationId: string;
  line: DigestLine;
}

export interface Digest {
  workspace: Workspace;
  targetConversationId: string;
  /** Lines that fell due in this run (each backed by a claimed occurrence). */
  due: DigestLine[];
  /** Open tasks of earlier runs for the same conversation, shown again, never sent alone. */
  carried: DigestLine[];
}

const KIND_ORDER = { due: 0, snoozed: 1, overdue: 2 } as const;
const byKindThenTitle = (a: DigestLine, b: DigestLine) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.category.localeCompare(b.category) || a.title.localeCompare(b.title);

export function digestKey(workspace: Workspace, conversationId: string): string {
  return `${workspaceKey(workspace)}\u0000${conversationId}`;
}

export function buildDigests(items: readonly DigestItem[], carried: readonly DigestItem[] = []): Digest[] {
  const out = new Map<string, Digest>();
  for (const it of items) {
    const k = digestKey(it.workspace, it.targetConversationId);
    let d = out.get(k);
    if (!d) out.set(k, (d = { workspace: it.workspace, targetConversationId: it.targetConversationId, due: [], carried: [] }));
    if (!d.due.some((l) => l.scheduleId === it.line.scheduleId)) d.due.push(it.line);
  }
  for (const it of carried) {
    const d = out.get(digestKey(it.workspace, it.targetConversationId));
    // Carried lines only ride along with a digest that is being sent anyway.
    if (!d || d.due.some((l) => l.scheduleId === it.line.scheduleId) || d.carried.some((l) => l.scheduleId === it.line.scheduleId)) continue;
    d.carried.push(it.line);
  }
  for (const d of out.values()) {
    d.due.sort(byKindThenTitle);
    d.carried.sort(byKindThenTitle);
  }
  return [...out.values()];
}
