// Change-management rules, each named with the source value it encodes (seed 002: Microsoft
// Operations Framework, change management).
import { describe, expect, it } from 'vitest';
import { awaitsReview, changePriority, formatChangeId, LEVELS, parseChangeId, PRIORITY_MATRIX } from '../../../bot/src/domain/changes/change';
import { applyChangeAction, newChange, parseWindow } from '../../../bot/src/domain/changes/change-rules';
import { taskRaisesChange } from '../../../bot/src/domain/changes/change-tasks';
import { DEFAULT_CATALOG } from '../../../bot/src/domain/reminders/catalog';
import { ANA, change, NOW, WS } from '../problems/fixtures';

const input = { title: 'Open the new ranges', reason: 'Published yesterday', risk: 'low', urgency: 'high', impact: 'high', category: 'emergency' };
const ctx = { workspace: WS, id: 'RFC-0001', number: 1, source: { kind: 'manual' as const }, actor: ANA, now: NOW };

describe('the priority matrix', () => {
  it('seed 002: an RFC records priority, category, urgency and impact; priority follows from urgency and impact', () => {
    const made = newChange(input, ctx);
    expect(made).toMatchObject({ ok: true, value: { priority: 'critical', urgency: 'high', impact: 'high', category: 'emergency', risk: 'low', status: 'requested' } });
  });

  it('every cell of the documented matrix', () => {
    const table = LEVELS.map((impact) => LEVELS.map((urgency) => changePriority(urgency, impact)));
    expect(table).toEqual([
      ['low', 'low', 'medium'], // impact low: urgency low, medium, high
      ['low', 'medium', 'high'], // impact medium
      ['medium', 'high', 'critical'], // impact high
    ]);
    expect(PRIORITY_MATRIX.high.high).toBe('critical');
  });

  it('priority is symmetric: urgency and impact weigh the same', () => {
    for (const a of LEVELS) for (const b of LEVELS) expect(changePriority(a, b)).toBe(changePriority(b, a));
  });
});

describe('a request for change', () => {
  it('numbers like RFC-0001, read back as typed', () => {
    expect(formatChangeId(3)).toBe('RFC-0003');
    expect(parseChangeId('rfc 3')).toBe(3);
    expect(parseChangeId('PRB-0003')).toBeUndefined();
  });

  it('refuses what is missing or out of range, with a clear sentence', () => {
    expect(newChange({ ...input, title: '' }, ctx)).toMatchObject({ ok: false, message: 'What will change is required.' });
    expect(newChange({ ...input, urgency: 'urgent' }, ctx)).toMatchObject({ ok: false, message: 'The urgency must be low, medium or high.' });
    expect(newChange({ ...input, category: 'big' }, ctx)).toMatchObject({ ok: false, message: 'The category must be standard, normal or emergency.' });
    expect(newChange({ ...input, windowStart: '2026-12-05T22:00' }, ctx)).toMatchObject({ ok: false, message: 'Give both the start and the end of the planned window.' });
  });

  it('the planned window ends after it starts', () => {
    expect(parseWindow('2026-12-05T22:00', '2026-12-06T02:00')).toEqual({ start: '2026-12-05T22:00:00.000Z', end: '2026-12-06T02:00:00.000Z' });
    expect(() => parseWindow('2026-12-05T22:00', '2026-12-05T21:00')).toThrow('The planned window must end after it starts.');
    expect(() => parseWindow('tomorrow', '2026-12-05T21:00')).toThrow('The window start must be a date and time');
  });
});

describe('the change lifecycle: requested → approved / rejected → scheduled → implemented → reviewed', () => {
  const step = (c: ReturnType<typeof change>, status: Parameters<typeof applyChangeAction>[1]['status'], extra: Record<string, string> = {}) => applyChangeAction(c, { type: 'status', status, ...extra }, ANA, NOW);
  const ok = (r: ReturnType<typeof step>) => {
    if (!r.ok) throw new Error(r.message);
    return r.value.change;
  };

  it('seed 002: changes are authorized: approval names who approves', () => {
    expect(step(change(), 'approved')).toMatchObject({ ok: false, message: 'Say who approves (or rejects) the change.' });
    expect(ok(step(change(), 'approved', { approver: 'Change Manager' }))).toMatchObject({ status: 'approved', approver: 'Change Manager' });
  });

  it('scheduling needs the window, and steps go in order', () => {
    const approved = ok(step(change(), 'approved', { approver: 'CAB' }));
    expect(step(approved, 'scheduled')).toMatchObject({ ok: false, message: expect.stringContaining('planned window') });
    expect(step(change(), 'implemented')).toMatchObject({ ok: false, message: expect.stringContaining('cannot become implemented') });
    const scheduled = ok(step(approved, 'scheduled', { windowStart: '2026-12-05T22:00', windowEnd: '2026-12-06T01:00' }));
    const implemented = ok(step(scheduled, 'implemented'));
    expect(step(implemented, 'reviewed')).toMatchObject({ ok: false, message: 'Record the outcome of the change to review it.' });
    expect(ok(step(implemented, 'reviewed', { outcome: 'Calls stay up in Building 6' }))).toMatchObject({ status: 'reviewed', outcome: 'Calls stay up in Building 6' });
  });

  it('seed 002: emergency changes are reviewed, so they are flagged until the review', () => {
    expect(awaitsReview({ category: 'emergency', status: 'implemented' })).toBe(true);
    expect(awaitsReview({ category: 'emergency', status: 'reviewed' })).toBe(false);
    expect(awaitsReview({ category: 'emergency', status: 'rejected' })).toBe(false);
    expect(awaitsReview({ category: 'normal', status: 'requested' })).toBe(false);
  });

  it('the reminders catalog task about the published IP ranges raises a change request', () => {
    const task = DEFAULT_CATALOG.find((t) => /IP ranges/.test(t.title));
    expect(task?.title).toMatch(/raise a change request/);
    expect(taskRaisesChange(`cat-${task!.key}`)).toBe(true);
    expect(DEFAULT_CATALOG.filter((t) => taskRaisesChange(`cat-${t.key}`))).toHaveLength(1);
  });
});
