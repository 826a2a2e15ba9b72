// The service review's monthly problem and change counts, tallied in the summary row as records
// are written, and read back for a calendar month in any time zone.
import { describe, expect, it } from 'vitest';
import type { ChangeRequest } from '../../../bot/src/domain/changes/change';
import {
  changeEvents, controlMonthFigures, type ControlSummary, EMPTY_CONTROL_SUMMARY, problemEvents, summaryAfterChange, summaryAfterProblem, TALLY_MONTHS_KEPT, tallied,
} from '../../../bot/src/domain/changes/control-summary';
import type { Problem } from '../../../bot/src/domain/problems/problem';
import { ANA, change, problem } from '../problems/fixtures';

const stamp = (at: string) => ({ by: ANA, at });
const problemAt = (n: number, at: string, over: Partial<Problem> = {}) => problem(n, { created: stamp(at), updated: stamp(at), ...over });
const changeAt = (n: number, at: string, category: ChangeRequest['category'], over: Partial<ChangeRequest> = {}) => change(n, { category, created: stamp(at), updated: stamp(at), ...over });

describe('the monthly tally of problems and changes', () => {
  it('seed 002: changes are classified by category (standard, normal, emergency), and emergency changes are reviewed', () => {
    let s: ControlSummary = EMPTY_CONTROL_SUMMARY;
    s = summaryAfterChange(s, undefined, changeAt(1, '2026-11-03T09:00:00Z', 'standard'));
    s = summaryAfterChange(s, undefined, changeAt(2, '2026-11-04T09:00:00Z', 'standard'));
    s = summaryAfterChange(s, undefined, changeAt(3, '2026-11-05T09:00:00Z', 'normal'));
    const e = changeAt(4, '2026-11-06T09:00:00Z', 'emergency');
    s = summaryAfterChange(s, undefined, e);
    // Implemented, then reviewed by the steering committee: one review, however often it is saved afterwards.
    const implemented = { ...e, status: 'implemented' as const, updated: stamp('2026-11-07T09:00:00Z') };
    s = summaryAfterChange(s, e, implemented);
    const reviewed = { ...implemented, status: 'reviewed' as const, updated: stamp('2026-11-20T15:00:00Z') };
    s = summaryAfterChange(s, implemented, reviewed);
    s = summaryAfterChange(s, reviewed, { ...reviewed, updated: stamp('2026-11-21T15:00:00Z') });
    expect(controlMonthFigures(s, 2026, 11, 'UTC')).toMatchObject({
      counted: 'full', changes: { standard: 2, normal: 1, emergency: 1 }, emergencyReviewed: 1, problemsOpened: 0, problemsClosed: 0,
    });
    expect(controlMonthFigures(s, 2026, 10, 'UTC')).toMatchObject({ changes: { standard: 0, normal: 0, emergency: 0 }, emergencyReviewed: 0 });
  });

  it('seed 002: problems opened in the month, and problems resolved or closed in the month', () => {
    let s: ControlSummary = EMPTY_CONTROL_SUMMARY;
    const p1 = problemAt(1, '2026-10-28T09:00:00Z');
    const p2 = problemAt(2, '2026-11-02T09:00:00Z');
    s = summaryAfterProblem(s, undefined, p1);
    s = summaryAfterProblem(s, undefined, p2);
    const investigating = { ...p1, status: 'investigating' as const, updated: stamp('2026-11-03T09:00:00Z') };
    s = summaryAfterProblem(s, p1, investigating);
    const resolved = { ...investigating, status: 'resolved' as const, updated: stamp('2026-11-10T09:00:00Z') };
    s = summaryAfterProblem(s, investigating, resolved);
    // Resolved, then closed: it stopped being open once, so it is one closure.
    s = summaryAfterProblem(s, resolved, { ...resolved, status: 'closed', updated: stamp('2026-11-12T09:00:00Z') });
    expect(controlMonthFigures(s, 2026, 10, 'UTC')).toMatchObject({ problemsOpened: 1, problemsClosed: 0 });
    expect(controlMonthFigures(s, 2026, 11, 'UTC')).toMatchObject({ problemsOpened: 1, problemsClosed: 1 });
  });

  it('a month in any time zone adds up exactly, even for events near midnight at the month\'s turn', () => {
    const events = [
      { at: '2026-10-31T23:30:00Z', event: 'standard' as const }, // 1 Nov 00:30 in Berlin, 31 Oct 19:30 in New York
      { at: '2026-11-01T03:30:00Z', event: 'standard' as const }, // 1 Nov in Berlin, 31 Oct 23:30 in New York (still EDT)
      { at: '2026-11-15T12:00:00Z', event: 'standard' as const },
      { at: '2026-11-30T20:00:00Z', event: 'standard' as const }, // 1 Dec 01:30 in Kolkata, 21:00 30 Nov in Berlin
      { at: '2026-11-30T11:30:00Z', event: 'standard' as const }, // 1 Dec 00:30 in Auckland
    ];
    const s = { ...EMPTY_CONTROL_SUMMARY, tally: tallied(EMPTY_CONTROL_SUMMARY.tally, events, '2026-12-01T00:00:00Z') };
    const november = (tz: string) => controlMonthFigures(s, 2026, 11, tz).changes.standard;
    expect(november('UTC')).toBe(4);
    expect(november('Europe/Berlin')).toBe(5);
    expect(november('America/New_York')).toBe(3);
    expect(november('Asia/Kolkata')).toBe(4);
    expect(november('Pacific/Auckland')).toBe(3);
    // Every event is in exactly one month, in every zone.
    for (const tz of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland']) {
      expect([10, 11, 12].map((m) => controlMonthFigures(s, 2026, m, tz).changes.standard).reduce((a, b) => a + b, 0)).toBe(events.length);
    }
  });

  it('a summary written before the tally was kept starts counting at its next write, and says so', () => {
    const { tally: _none, ...old } = EMPTY_CONTROL_SUMMARY;
    const before: ControlSummary = { ...old, problemCounts: { new: 3 } };
    expect(controlMonthFigures(before, 2026, 11, 'UTC').counted).toBe('none');
    const p = problemAt(4, '2026-11-14T09:00:00Z');
    const after = summaryAfterProblem(before, undefined, p);
    expect(controlMonthFigures(after, 2026, 11, 'UTC')).toMatchObject({ counted: 'partial', since: '2026-11-14T09:00:00Z', problemsOpened: 1 });
    expect(controlMonthFigures(after, 2026, 10, 'UTC').counted).toBe('none');
    expect(controlMonthFigures(after, 2026, 12, 'UTC').counted).toBe('full');
    // A first record ever: nothing came before it, so every month is counted in full.
    expect(controlMonthFigures(summaryAfterProblem(EMPTY_CONTROL_SUMMARY, undefined, p), 2026, 10, 'UTC').counted).toBe('full');
  });

  it('keeps a bounded number of months', () => {
    let t = EMPTY_CONTROL_SUMMARY.tally;
    for (let i = 0; i < TALLY_MONTHS_KEPT + 6; i++) {
      const at = new Date(Date.UTC(2020, i, 15, 12)).toISOString();
      t = tallied(t, [{ at, event: 'normal' }], at);
    }
    expect(Object.keys(t!.months)).toHaveLength(TALLY_MONTHS_KEPT);
    expect(Object.keys(t!.months).sort()[0]).toBe('2020-07');
  });

  it('names the events of a write: none for an edit that changes no status', () => {
    const p = problemAt(1, '2026-11-02T09:00:00Z');
    expect(problemEvents(p, { ...p, title: 'Calls drop in Building 9' })).toEqual([]);
    const c = changeAt(1, '2026-11-02T09:00:00Z', 'normal');
    expect(changeEvents(c, { ...c, status: 'reviewed' })).toEqual([]);
    expect(changeEvents(undefined, c)).toEqual([{ at: '2026-11-02T09:00:00Z', event: 'normal' }]);
  });
});
