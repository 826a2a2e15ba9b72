// The steering committee in its Teams meeting: decisions and actions recorded from the side
// panel into the workspace's open meeting, undone when recorded by mistake, and the meeting
// closed (by Teams' meeting end or the panel's "Close meeting") into minutes that are posted
// once and whose actions carry into the next agenda. Every change is a read-modify-write on
// the row's ETag, so two people recording at once both keep what they recorded.
import type { Workspace } from '../workspace';
import { type Actor, type Clock, invalid, notFound, okOf, type Outcome } from '../ops/common';
import { type Attendee, checkRoom, type MeetingNote, type NoteInput, type OpenMeeting, parseNote, withAttendee } from './meeting-notes';
import type { ClosedMeeting, MeetingRepository } from './meeting-repository';

/** Puts a closed meeting's decisions and open actions on the committee's record (the next agenda). */
export interface MinutesCarry {
  carry(workspace: Workspace, meeting: ClosedMeeting): Promise<void>;
}

export interface MeetingDeps {
  repo: MeetingRepository;
  clock: Clock;
  newId: () => string;
  carry: MinutesCarry;
  /** Told when carrying into the agenda failed; the minutes are posted all the same. */
  onCarryError?: (error: unknown) => void;
}

export interface CloseTrigger {
  /** Same trigger, same key: a redelivered meeting end closes nothing twice. Absent: "close:<the open meeting's id>". */
  key?: string;
  by: Actor;
  teamsMeetingId?: string;
  title?: string;
}

/** post: this caller claimed the minutes and must post them, then call posted(). */
export type CloseOutcome = { kind: 'post'; meeting: ClosedMeeting } | { kind: 'nothing-open' } | { kind: 'already-posted' } | { kind: 'being-posted' };

/** A refusal passed on under another value type (what it refused is not carried along). */
const refusal = <T>(o: { ok: false; error: 'invalid' | 'not-found' | 'conflict'; message: string }): Outcome<T> => ({ ok: false, error: o.error, message: o.message });

/** A claim older than this is taken to have died with its process; the minutes are posted again. */
const STALE_CLAIM_MS = 2 * 60_000;
const ATTEMPTS = 8;

export class MeetingService {
  constructor(private readonly deps: MeetingDeps) {}

  async current(ws: Workspace): Promise<OpenMeeting | undefined> {
    return (await this.deps.repo.open(ws)).meeting;
  }

  /** Records a decision or an action; `opId` makes a redelivered press record it once. */
  async record(ws: Workspace, input: NoteInput, actor: Actor, opId: string, teamsMeetingId?: string): Promise<Outcome<MeetingNote>> {
    const id = `n-${opId}`.slice(0, 80);
    return this.change(ws, (m) => {
      const again = m.notes.find((n) => n.id === id);
      if (again) return okOf({ meeting: m, value: again });
      const parsed = parseNote(input, m.attendees);
      if (!parsed.ok) return refusal(parsed);
      const room = checkRoom(m, parsed.value.kind);
      if (!room.ok) return refusal(room);
      const note: MeetingNote = { id, ...parsed.value, recorded: { by: actor, at: this.now() } };
      const next = { ...m, notes: [...m.notes, note], attendees: withAttendee(m.attendees, actor), ...(teamsMeetingId && !m.teamsMeetingId ? { teamsMeetingId } : {}) };
      return okOf({ meeting: next, value: note });
    });
  }

  /** Undoes a note recorded by mistake: kept with who undid it, left out of the minutes. */
  async undo(ws: Workspace, noteId: string, actor: Actor): Promise<Outcome<MeetingNote>> {
    const slot = await this.deps.repo.open(ws);
    if (!slot.meeting?.notes.some((n) => n.id === noteId)) return notFound('That note is no longer in this meeting: the meeting may have been closed.');
    return this.change(ws, (m) => {
      const note = m.notes.find((n) => n.id === noteId);
      if (!note) return notFound('That note is no longer in this meeting: the meeting may have been closed.');
      if (note.removed) return okOf({ meeting: m, value: note });
      const undone: MeetingNote = { ...note, removed: { by: actor, at: this.now() } };
      return okOf({ meeting: { ...m, notes: m.notes.map((n) => (n.id === noteId ? undone : n)) }, value: undone });
    });
  }

  /** People who joined the meeting (Teams' participant events), for the minutes. */
  async attend(ws: Workspace, people: readonly Attendee[], teamsMeetingId?: string): Promise<void> {
    if (!people.length) return;
    await this.change(ws, (m) => {
      const attendees = people.reduce<Attendee[]>((list, p) => withAttendee(list, p), m.attendees);
      const meeting = { ...m, attendees, ...(teamsMeetingId && !m.teamsMeetingId ? { teamsMeetingId } : {}) };
      return okOf({ meeting, value: true });
    });
  }

  /**
   * Closes the open meeting under the trigger's key and claims its minutes. A trigger seen
   * before answers with where its minutes are; an unposted one (its poster died) is claimed again.
   */
  async close(ws: Workspace, trigger: CloseTrigger): Promise<CloseOutcome> {
    const seen = trigger.key ? await this.deps.repo.closed(ws, trigger.key) : undefined;
    if (seen) return this.claim(ws, seen);
    for (let i = 0; i < ATTEMPTS; i++) {
      const slot = await this.deps.repo.open(ws);
      if (!slot.meeting || !slot.etag) return { kind: 'nothing-open' };
      const { etag: _etag, ...meeting } = slot.meeting;
      const closeKey = trigger.key ?? `close:${meeting.id}`;
      const closed: ClosedMeeting = {
        ...meeting, closeKey, closedAt: this.now(), closedBy: trigger.by, minutes: 'posting', postingSince: this.now(),
        ...(trigger.title && !meeting.title ? { title: trigger.title } : {}),
        ...(trigger.teamsMeetingId && !meeting.teamsMeetingId ? { teamsMeetingId: trigger.teamsMeetingId } : {}),
      };
      const r = await this.deps.repo.close(ws, closed, slot.etag);
      if (r === 'duplicate') return this.claim(ws, await this.deps.repo.closed(ws, closeKey));
      if (r === 'conflict') continue; // recorded into meanwhile: close what is there now
      const saved = { ...closed, etag: r.etag };
      await this.carry(ws, saved);
      return { kind: 'post', meeting: saved };
    }
    return { kind: 'being-posted' };
  }

  /** The minutes went out: a later redelivery of the same trigger posts nothing. */
  async posted(ws: Workspace, meeting: ClosedMeeting): Promise<void> {
    await this.deps.repo.saveClosed(ws, { ...meeting, minutes: 'posted', postedAt: this.now() });
  }

  /** Posting failed: the next delivery of the trigger may claim the minutes again. */
  async unclaim(ws: Workspace, meeting: ClosedMeeting): Promise<void> {
    const { postingSince: _since, ...rest } = meeting;
    await this.deps.repo.saveClosed(ws, { ...rest, minutes: 'pending' });
  }

  private async claim(ws: Workspace, seen: ClosedMeeting | undefined): Promise<CloseOutcome> {
    if (!seen || seen.minutes === 'posted') return { kind: 'already-posted' };
    const fresh = seen.minutes === 'posting' && seen.postingSince && this.deps.clock().getTime() - Date.parse(seen.postingSince) < STALE_CLAIM_MS;
    if (fresh) return { kind: 'being-posted' };
    const claimed = { ...seen, minutes: 'posting' as const, postingSince: this.now() };
    const r = await this.deps.repo.saveClosed(ws, claimed);
    if (r === 'conflict') return { kind: 'being-posted' };
    const meeting = { ...claimed, etag: r.etag };
    await this.carry(ws, meeting);
    return { kind: 'post', meeting };
  }

  private async carry(ws: Workspace, meeting: ClosedMeeting): Promise<void> {
    try {
      await this.deps.carry.carry(ws, meeting);
    } catch (e) {
      this.deps.onCarryError?.(e);
    }
  }

  /** Read-modify-write of the open meeting (opened on first use), retried on a lost race. */
  private async change<T>(ws: Workspace, fn: (m: OpenMeeting) => Outcome<{ meeting: OpenMeeting; value: T }>): Promise<Outcome<T>> {
    for (let i = 0; i < ATTEMPTS; i++) {
      const slot = await this.deps.repo.open(ws);
      const current: OpenMeeting = slot.meeting ?? { id: this.deps.newId(), openedAt: this.now(), notes: [], attendees: [] };
      const r = fn(current);
      if (!r.ok) return refusal(r);
      if (r.value.meeting === current && slot.meeting) return okOf(r.value.value);
      const written = await this.deps.repo.saveOpen(ws, r.value.meeting, slot.etag);
      if (written !== 'conflict') return okOf(r.value.value);
    }
    return invalid('The meeting notes are being changed by several people at once; try again in a moment.');
  }

  private now(): string {
    return this.deps.clock().toISOString();
  }
}
