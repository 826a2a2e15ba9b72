// What the committee records from the meeting side panel while it meets: decisions, and actions
// with an owner (a name typed in, or a person the meeting knows) and an optional due date. The
// rules live here so the panel, the chat and the tests refuse the same things with the same words.
import { type Actor, invalid, okOf, type Outcome, type Stamp, textField, validated, OpsValidationError } from '../ops/common';
import { STEERING_LIMITS } from '../ops/steering';
import { formatLocalDate, parseLocalDate } from '../ops/zoned-date';

export type NoteKind = 'decision' | 'action';

/** A person the minutes can mention (an id was stored), or just a name. */
export interface NoteOwner {
  name: string;
  id?: string;
}

export interface MeetingNote {
  id: string;
  kind: NoteKind;
  text: string;
  owner?: NoteOwner;
  /** "YYYY-MM-DD". */
  dueOn?: string;
  recorded: Stamp;
  /** Undone from the panel: kept, so nothing recorded is ever lost, but left out of the minutes. */
  removed?: Stamp;
}

/** Someone known to have been in the meeting: joined (meeting events) or recorded something. */
export interface Attendee {
  id?: string;
  name: string;
}

/** The meeting the panel records into, until the meeting ends or is closed. */
export interface OpenMeeting {
  id: string;
  openedAt: string;
  /** The Teams meeting id (base64) when the panel or an event named it. */
  teamsMeetingId?: string;
  title?: string;
  notes: MeetingNote[];
  attendees: Attendee[];
  etag?: string;
}

export const MEETING_LIMITS = { text: 500, owner: 100, decisions: STEERING_LIMITS.decisions, actions: STEERING_LIMITS.actions, attendees: 200 } as const;

export interface NoteInput {
  kind?: unknown;
  text?: unknown;
  /** A typed name. */
  owner?: unknown;
  /** The id of an attendee picked from the list; used when no name is typed. */
  ownerPerson?: unknown;
  dueOn?: unknown;
}

export type ParsedNote = Pick<MeetingNote, 'kind' | 'text' | 'owner' | 'dueOn'>;

/** Reads one decision or action from the panel's form; the first problem is the answer. */
export function parseNote(input: NoteInput, attendees: readonly Attendee[]): Outcome<ParsedNote> {
  return validated(() => {
    const kind: NoteKind = input.kind === 'action' ? 'action' : input.kind === 'decision' || input.kind === undefined || input.kind === '' ? 'decision' : fail('Choose whether this is a decision or an action.');
    const label = kind === 'decision' ? 'The decision' : 'The action';
    const text = textField(label, input.text, MEETING_LIMITS.text, { multiline: true });
    if (kind === 'decision') return { kind, text };
    const owner = ownerOf(input, attendees);
    if (!owner) fail('Name who owns this action: type a name, or pick a person from the meeting.');
    const dueText = textField('The due date', input.dueOn, 40, { optional: true });
    if (!dueText) return { kind, text, owner };
    const due = parseLocalDate(dueText);
    if (!due) fail(`The due date is written YYYY-MM-DD, e.g. 2026-01-15; "${dueText}" is not a date.`);
    return { kind, text, owner, dueOn: formatLocalDate(due!) };
  });
}

function fail(message: string): never {
  throw new OpsValidationError(message);
}

/** A typed name is the deliberate choice (its field starts empty); else the person picked from the meeting. */
function ownerOf(input: NoteInput, attendees: readonly Attendee[]): NoteOwner | undefined {
  const name = textField('The owner', input.owner, MEETING_LIMITS.owner, { optional: true });
  if (name) return { name };
  const picked = typeof input.ownerPerson === 'string' && input.ownerPerson ? attendees.find((a) => a.id === input.ownerPerson) : undefined;
  return picked ? { name: picked.name, ...(picked.id ? { id: picked.id } : {}) } : undefined;
}

/** What is still in the minutes (not undone). */
export const liveNotes = (m: Pick<OpenMeeting, 'notes'>, kind?: NoteKind) => m.notes.filter((n) => !n.removed && (!kind || n.kind === kind));

/** Refuses a note past the per-meeting limits (the limits the agenda carries over). */
export function checkRoom(meeting: Pick<OpenMeeting, 'notes'>, kind: NoteKind): Outcome<true> {
  const n = liveNotes(meeting, kind).length;
  const max = kind === 'decision' ? MEETING_LIMITS.decisions : MEETING_LIMITS.actions;
  return n >= max ? invalid(`This meeting already has ${n} ${kind}s, the most one meeting records. Undo one first.`) : okOf(true);
}

/** Adds a person once (by id, else by name), up to the limit. */
export function withAttendee(list: readonly Attendee[], person: Actor | Attendee): Attendee[] {
  const same = (a: Attendee) => (person.id && a.id ? a.id === person.id : a.name === person.name);
  if (list.some(same) || list.length >= MEETING_LIMITS.attendees || !person.name.trim()) return [...list];
  return [...list, { ...(person.id ? { id: person.id } : {}), name: person.name.trim() }];
}
