import { describe, expect, it } from 'vitest';
import type { ReminderKind } from '../../../bot/src/domain/incidents/cadence';
import type { ReminderIndexPointer } from '../../../bot/src/domain/incidents/incident';
import type { IncidentDueEntry } from '../../../bot/src/domain/incidents/reminder-index';
import {
  audienceFallbackNote, incidentConversations, outageSummary, personToRemind, reminderLead, reminderSummary, type ReminderSettlement, type RhythmPosition,
  rhythmReadFrom, rhythmWatermark, rowsToDrop, settleReminder,
} from '../../../bot/src/domain/incidents/rhythm-policy';
import type { SendOutcome } from '../../../bot/src/domain/sender';
import { ana, ben, incident, ws } from './fixtures';

const now = new Date('2024-06-03T10:00:00.000Z');
const ago = (ms: number) => now.getTime() - ms;
const readBack = { skewMs: 120_000, sweepEvery: 60, sweepMs: 24 * 3_600_000 };

describe('how far back a rhythm tick reads the due index', () => {
  const cases: [rule: string, position: RhythmPosition, expected: { from: Date | undefined; ticks: number }][] = [
    ['the first tick reads everything due (rows left while no instance ran)', { lastTick: -Infinity, ticks: 0 }, { from: undefined, ticks: 0 }],
    ['a clock that went back past the last tick starts over from the beginning, uncounted', { watermark: ago(60_000), lastTick: now.getTime() + 1, ticks: 3 }, { from: undefined, ticks: 3 }],
    ['a tick reads back the clock skew behind a recent watermark', { watermark: ago(60_000), lastTick: ago(60_000), ticks: 3 }, { from: new Date(ago(120_000)), ticks: 4 }],
    ['a tick reads from a watermark held back by rows that failed', { watermark: ago(3_600_000), lastTick: ago(60_000), ticks: 3 }, { from: new Date(ago(3_600_000)), ticks: 4 }],
    ['every sweepEvery-th tick reads a day back, for rows another instance filed behind the watermark', { watermark: ago(60_000), lastTick: ago(60_000), ticks: 59 }, { from: new Date(ago(24 * 3_600_000)), ticks: 60 }],
    ['a tick at the very instant of the last one reads on from it', { watermark: ago(120_000), lastTick: now.getTime(), ticks: 0 }, { from: new Date(ago(120_000)), ticks: 1 }],
  ];
  it.each(cases)('%s', (_rule, position, expected) => {
    expect(rhythmReadFrom(position, now, readBack)).toEqual(expected);
  });

  it('the next tick starts no later than a row that failed, nor than now less the skew', () => {
    expect(rhythmWatermark(now.getTime(), 120_000, [])).toBe(ago(120_000));
    expect(rhythmWatermark(now.getTime(), 120_000, [ago(600_000), ago(30_000)])).toBe(ago(600_000));
  });
});

describe('which due rows an incident no longer needs', () => {
  const row = (seq: number, dueAt: string): IncidentDueEntry => ({ workspace: ws, incidentId: 'SR-202406-0001', dueAt, seq });
  const at = (ms: number) => new Date(ago(ms)).toISOString();
  const read: ReminderIndexPointer = { seq: 3, at: at(600_000) };
  const filed: ReminderIndexPointer = { seq: 4, at: new Date(now.getTime() + 3_600_000).toISOString() };
  const cases: [rule: string, r: IncidentDueEntry, pointers: { read?: ReminderIndexPointer; filed?: ReminderIndexPointer }, dropped: boolean][] = [
    ['the row the incident pointed at when read stays: whoever moves the pointer removes it', row(3, at(600_000)), { read, filed }, false],
    ['the row the incident points at now stays', row(4, filed.at!), { read, filed }, false],
    ['an older row left over from an interrupted write goes', row(2, at(3_600_000)), { read, filed }, true],
    ['a row with the current number but another instant is not current and goes', row(3, at(300_000)), { read, filed }, true],
    ['a newer, recent row stays: its write may still be on the way', row(5, at(60_000)), { read, filed }, false],
    ['a newer row older than the clock skew goes: its write is not coming', row(5, at(180_000)), { read, filed }, true],
    ['with nothing filed any more, every row past the skew goes', row(1, at(180_000)), {}, true],
  ];
  it.each(cases)('%s', (_rule, r, pointers, dropped) => {
    expect(rowsToDrop([r], { read: pointers.read, filed: pointers.filed }, now, 120_000)).toEqual(dropped ? [r] : []);
  });
});

describe('what a send does to a claimed reminder', () => {
  const cases: [rule: string, outcome: SendOutcome | 'no-target' | 'threw', settlement: ReminderSettlement][] = [
    ['a delivered reminder is confirmed', 'sent', 'confirm'],
    ['a reminder with nowhere to go (the bot left every conversation) is confirmed, so it is not retried', 'no-target', 'confirm'],
    ['a removed or blocked conversation keeps the claim: retrying will not bring it back', { deactivate: 'The bot was removed (403).' }, 'keep-claimed'],
    ['a rate-limited reminder is released for a later tick', { retryAfterMs: 30_000 }, 'release'],
    ['a passing failure releases the reminder for a later tick', { transient: 'connector answered 502' }, 'release'],
    ['a send that threw releases the reminder for a later tick', 'threw', 'release'],
  ];
  it.each(cases)('%s', (_rule, outcome, settlement) => {
    expect(settleReminder(outcome)).toBe(settlement);
  });
});

describe('what a reminder says', () => {
  const owned = incident({ owner: ana });
  const unowned = incident();
  const cases: [rule: string, kind: ReminderKind, lead: string, summary: string][] = [
    ['an unacknowledged incident asks for the first response', 'response-overdue', 'SR-202406-0001 has had no first response yet. Please acknowledge it.', 'SR-202406-0001: no first response yet'],
    ['an overdue update asks for one now', 'update-overdue', 'the status update for SR-202406-0001 is overdue. Please post one now.', 'SR-202406-0001: status update overdue'],
    ['an update coming due says so', 'update-due', 'the next status update for SR-202406-0001 is due soon.', 'SR-202406-0001: status update due'],
  ];
  it.each(cases)('%s', (_rule, kind, lead, summary) => {
    expect(reminderLead(owned, kind)).toBe(lead);
    expect(reminderSummary(owned.id, kind)).toBe(summary);
  });

  it('the owner is reminded; with nobody owning it, whoever filed it is, and told why', () => {
    expect(personToRemind(owned)).toEqual(ana);
    expect(personToRemind(unowned)).toEqual(ben);
    expect(reminderLead(unowned, 'update-due')).toBe('the next status update for SR-202406-0001 is due soon. (nobody owns it yet; you filed it)');
  });

  it('an outage notification names its event', () => {
    expect(outageSummary('SR-1', 'declared')).toBe('SR-1: outage notification');
    expect(outageSummary('SR-1', 'update')).toBe('SR-1: outage update');
    expect(outageSummary('SR-1', 'resolved')).toBe('SR-1: outage resolved');
  });

  it('an outage notification posted in the incident conversation says why, and how to set the audience channel', () => {
    expect(audienceFallbackNote(true)).toMatch(/can no longer be reached.*Type "incidents audience"/);
    expect(audienceFallbackNote(false)).toMatch(/^No audience channel is set.*Type "incidents audience"/);
  });
});

describe('where an incident reminder goes', () => {
  const cases: [rule: string, origin: string | undefined, expected: string[]][] = [
    ['the conversation it was filed in, then the chat itself or the team', '19:ops@thread.tacv2', ['19:ops@thread.tacv2', ws.scopeId]],
    ['an incident filed in the team conversation is tried there once', ws.scopeId, [ws.scopeId]],
    ['without a recorded origin, the chat itself or the team', undefined, [ws.scopeId]],
  ];
  it.each(cases)('%s', (_rule, origin, expected) => {
    expect(incidentConversations(origin, ws.scopeId)).toEqual(expected);
  });
});
