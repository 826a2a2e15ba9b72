// What the charter asks the committee to handle at its meetings (seed 001): interim deliverables
// it approves or rejects, issues escalated to the executive sponsor, conflicts between business
// units to resolve, and feedback for leadership or the change advisory board.
import type { Actor, Stamp } from '../ops/common';
import { choiceField, OpsValidationError, textField, validated, type Outcome } from '../ops/common';
import { formatLocalDate, parseLocalDate } from '../ops/zoned-date';

export const ITEM_LIMITS = { title: 300, owner: 120, text: 500, open: 30, decidedKept: 10 } as const;

export type DeliverableStatus = 'proposed' | 'approved' | 'rejected';
export const DELIVERABLE_STATUS_LABELS: Record<DeliverableStatus, string> = { proposed: 'Awaiting approval', approved: 'Approved', rejected: 'Rejected' };

export interface Deliverable {
  id: string;
  title: string;
  owner: string;
  /** "YYYY-MM-DD" */
  dueOn: string;
  status: DeliverableStatus;
  added: Stamp;
  decided?: Stamp;
}

export type NoteKind = 'escalation' | 'conflict' | 'feedback';
export const NOTE_KINDS: readonly NoteKind[] = ['escalation', 'conflict', 'feedback'];
export const NOTE_KIND_LABELS: Record<NoteKind, string> = {
  escalation: 'Escalation to the executive sponsor',
  conflict: 'Conflict between business units',
  feedback: 'Feedback to leadership or the change advisory board',
};

export interface CommitteeNote {
  id: string;
  kind: NoteKind;
  text: string;
  raised: Stamp;
}

export function validateDeliverable(input: { title?: unknown; owner?: unknown; dueOn?: unknown }, id: string, stamp: Stamp, open: number): Outcome<Deliverable> {
  return validated(() => {
    const title = textField('The deliverable', input.title, ITEM_LIMITS.title);
    const owner = textField('Its owner', input.owner, ITEM_LIMITS.owner);
    const due = typeof input.dueOn === 'string' ? parseLocalDate(input.dueOn.trim()) : undefined;
    if (!due) throw new OpsValidationError('The due date is required, written YYYY-MM-DD, e.g. 2027-02-01.');
    if (open >= ITEM_LIMITS.open) throw new OpsValidationError(`${open} deliverables already await approval, the most the charter holds; decide some first.`);
    return { id, title, owner, dueOn: formatLocalDate(due), status: 'proposed', added: stamp };
  });
}

/** Approves or rejects a deliverable awaiting approval; decided ones keep the last few. */
export function decideDeliverable(list: readonly Deliverable[], id: string, decision: unknown, by: Actor, at: string): Outcome<Deliverable[]> {
  return validated(() => {
    const status = choiceField('The decision', decision, ['approved', 'rejected'] as const);
    const d = list.find((x) => x.id === id);
    if (!d) throw new OpsValidationError('That deliverable is no longer on the list.');
    if (d.status !== 'proposed') throw new OpsValidationError(`"${d.title}" was already ${d.status} by ${d.decided?.by.name ?? 'someone'}.`);
    const next = list.map((x) => (x.id === id ? { ...x, status, decided: { by, at } } : x));
    const decided = next.filter((x) => x.status !== 'proposed');
    const drop = new Set(decided.slice(0, Math.max(0, decided.length - ITEM_LIMITS.decidedKept)).map((x) => x.id));
    return next.filter((x) => !drop.has(x.id));
  });
}

export function validateNote(input: { kind?: unknown; text?: unknown }, id: string, stamp: Stamp, open: number): Outcome<CommitteeNote> {
  return validated(() => {
    const kind = choiceField('The kind', input.kind, NOTE_KINDS, NOTE_KIND_LABELS);
    const text = textField('What the committee should know', input.text, ITEM_LIMITS.text, { multiline: true });
    if (open >= ITEM_LIMITS.open) throw new OpsValidationError(`The committee already has ${open} open points, the most the charter holds; close some first.`);
    return { id, kind, text, raised: stamp };
  });
}
