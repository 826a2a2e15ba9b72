// What the side panel and the minutes show, as plain data for the cards: the notes still in
// the meeting (undone ones left out), actions with their owner and due date, and who attended.
import type { ActionItem } from '../ops/agenda';
import { type Attendee, liveNotes, type MeetingNote, type NoteOwner, type OpenMeeting } from './meeting-notes';
import type { ClosedMeeting } from './meeting-repository';

export interface MinutesLine {
  id: string;
  text: string;
  owner?: NoteOwner;
  dueOn?: string;
  by: string;
}

export interface Minutes {
  title: string;
  /** "YYYY-MM-DD" of the meeting (when it was opened, UTC). */
  heldOn: string;
  closedBy: string;
  /** 'meeting-end': Teams ended the meeting; 'close': someone pressed Close meeting. */
  closedHow: 'meeting-end' | 'close';
  decisions: MinutesLine[];
  actions: MinutesLine[];
  attendees: Attendee[];
}

const line = (n: MeetingNote): MinutesLine => ({ id: n.id, text: n.text, ...(n.owner ? { owner: n.owner } : {}), ...(n.dueOn ? { dueOn: n.dueOn } : {}), by: n.recorded.by.name });

export function minutesOf(m: ClosedMeeting): Minutes {
  return {
    title: m.title?.trim() || 'Steering committee',
    heldOn: m.openedAt.slice(0, 10),
    closedBy: m.closedBy.name,
    closedHow: m.closeKey.startsWith('end:') ? 'meeting-end' : 'close',
    decisions: liveNotes(m, 'decision').map(line),
    actions: liveNotes(m, 'action').map(line),
    attendees: m.attendees,
  };
}

/** An action carried from the last meeting, with its status on the day. */
export interface CarriedAction {
  id: string;
  text: string;
  owner: string;
  dueOn?: string;
  status: 'open' | 'overdue' | 'done';
  doneBy?: string;
}

export function carriedStatus(a: ActionItem, today: string): CarriedAction {
  const status = a.status === 'done' ? 'done' : a.dueOn && a.dueOn < today ? 'overdue' : 'open';
  return { id: a.id, text: a.text, owner: a.owner, ...(a.dueOn ? { dueOn: a.dueOn } : {}), status, ...(a.done ? { doneBy: a.done.by.name } : {}) };
}

export interface MeetingPanel {
  meeting?: OpenMeeting;
  decisions: MinutesLine[];
  actions: MinutesLine[];
  attendees: Attendee[];
  /** The last recorded meeting's actions, with status. */
  carried: CarriedAction[];
  lastMeetingOn?: string;
}

export function panelOf(meeting: OpenMeeting | undefined, carried: CarriedAction[], lastMeetingOn?: string): MeetingPanel {
  return {
    ...(meeting ? { meeting } : {}),
    decisions: meeting ? liveNotes(meeting, 'decision').map(line) : [],
    actions: meeting ? liveNotes(meeting, 'action').map(line) : [],
    attendees: meeting?.attendees ?? [],
    carried,
    ...(lastMeetingOn ? { lastMeetingOn } : {}),
  };
}
