// The side panel's rules: what a decision and an action need, and the words a refusal uses.
import { describe, expect, it } from 'vitest';
import { checkRoom, parseNote, withAttendee } from '../../../bot/src/domain/meetings/meeting-notes';

const people = [{ id: 'aad-bo', name: 'Bo Lead' }];

describe('a note recorded from the side panel', () => {
  it('a decision needs its text', () => {
    expect(parseNote({ kind: 'decision', text: '  Fund the survey ' }, [])).toEqual({ ok: true, value: { kind: 'decision', text: 'Fund the survey' } });
    expect(parseNote({ kind: 'decision', text: '   ' }, [])).toMatchObject({ ok: false, message: 'The decision is required.' });
    expect(parseNote({ kind: 'decision' }, [])).toMatchObject({ ok: false, message: 'The decision is required.' });
  });

  it('an action needs its text and an owner: a typed name, or a person from the meeting', () => {
    expect(parseNote({ kind: 'action', text: '', owner: 'Ana' }, [])).toMatchObject({ ok: false, message: 'The action is required.' });
    expect(parseNote({ kind: 'action', text: 'Run the survey' }, [])).toMatchObject({ ok: false, message: expect.stringContaining('Name who owns this action') });
    expect(parseNote({ kind: 'action', text: 'Run the survey', owner: 'Network Operations' }, [])).toEqual({ ok: true, value: { kind: 'action', text: 'Run the survey', owner: { name: 'Network Operations' } } });
    // A picked person keeps the id the minutes mention; a typed name, when given, is used instead.
    expect(parseNote({ kind: 'action', text: 'Run it', owner: '', ownerPerson: 'aad-bo' }, people)).toMatchObject({ ok: true, value: { owner: { name: 'Bo Lead', id: 'aad-bo' } } });
    expect(parseNote({ kind: 'action', text: 'Run it', owner: 'Facilities', ownerPerson: 'aad-bo' }, people)).toEqual({ ok: true, value: { kind: 'action', text: 'Run it', owner: { name: 'Facilities' } } });
    // A person id nobody in the meeting has is ignored, not trusted.
    expect(parseNote({ kind: 'action', text: 'Run it', ownerPerson: 'aad-evil' }, people)).toMatchObject({ ok: false });
  });

  it('a due date is a real YYYY-MM-DD date, or nothing', () => {
    const action = (dueOn: unknown) => parseNote({ kind: 'action', text: 'Run it', owner: 'Ana', dueOn }, []);
    expect(action('2026-12-15')).toMatchObject({ ok: true, value: { dueOn: '2026-12-15' } });
    expect(action('')).toMatchObject({ ok: true, value: { owner: { name: 'Ana' } } });
    for (const bad of ['2026-13-01', '2026-02-30', 'next Friday', '15/12/2026']) {
      expect(action(bad)).toMatchObject({ ok: false, message: expect.stringContaining(`"${bad}" is not a date`) });
    }
  });

  it('an unknown kind is refused, and each meeting holds at most 30 of each kind', () => {
    expect(parseNote({ kind: 'vote', text: 'x' }, [])).toMatchObject({ ok: false, message: 'Choose whether this is a decision or an action.' });
    const by = { by: { id: 'a', name: 'A' }, at: '2026-01-01T00:00:00Z' };
    const notes = Array.from({ length: 30 }, (_, i) => ({ id: `${i}`, kind: 'decision' as const, text: 'd', recorded: by }));
    expect(checkRoom({ notes }, 'decision')).toMatchObject({ ok: false, message: expect.stringContaining('30 decisions') });
    expect(checkRoom({ notes }, 'action')).toEqual({ ok: true, value: true });
    // Undone notes free their place.
    expect(checkRoom({ notes: notes.map((n, i) => (i ? n : { ...n, removed: by })) }, 'decision')).toEqual({ ok: true, value: true });
  });

  it('attendees are kept once, by id or else by name', () => {
    const list = withAttendee(withAttendee(withAttendee([], { id: 'u1', name: 'Ana' }), { id: 'u1', name: 'Ana A.' }), { name: 'Guest' });
    expect(withAttendee(list, { name: 'Guest' })).toEqual([{ id: 'u1', name: 'Ana' }, { name: 'Guest' }]);
  });
});
