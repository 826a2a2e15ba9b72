// What the charter asks the committee to handle: interim deliverables it approves or rejects, and
// escalations, conflicts between business units and feedback for leadership.
import { describe, expect, it } from 'vitest';
import { decideDeliverable, ITEM_LIMITS, validateDeliverable, validateNote } from '../../../bot/src/domain/governance/committee-items';

const vera = { id: 'u1', name: 'Vera' };
const stamp = { by: vera, at: '2026-12-02T10:00:00.000Z' };
const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const message = (r: { ok: boolean; message?: string }): string => (r.ok ? '' : r.message ?? '');

describe('the committee\'s deliverables and points', () => {
  it('seed 001: an interim deliverable has an owner and a due date and awaits the committee\'s approval', () => {
    const d = value(validateDeliverable({ title: 'Pilot report', owner: 'Project Lead', dueOn: '2027-01-15' }, 'd1', stamp, 0));
    expect(d).toMatchObject({ title: 'Pilot report', owner: 'Project Lead', dueOn: '2027-01-15', status: 'proposed' });
    expect(message(validateDeliverable({ title: 'x', owner: '', dueOn: '2027-01-15' }, 'd1', stamp, 0))).toMatch(/owner is required/);
    expect(message(validateDeliverable({ title: 'x', owner: 'o', dueOn: 'next week' }, 'd1', stamp, 0))).toMatch(/YYYY-MM-DD/);
    expect(message(validateDeliverable({ title: 'x', owner: 'o', dueOn: '2027-01-15' }, 'd1', stamp, ITEM_LIMITS.open))).toMatch(/decide some first/);
  });

  it('seed 001: the committee approves or rejects an interim deliverable once', () => {
    const d = value(validateDeliverable({ title: 'Pilot report', owner: 'Lead', dueOn: '2027-01-15' }, 'd1', stamp, 0));
    const approved = value(decideDeliverable([d], 'd1', 'approved', vera, stamp.at));
    expect(approved[0]).toMatchObject({ status: 'approved', decided: { by: vera } });
    expect(message(decideDeliverable(approved, 'd1', 'rejected', vera, stamp.at))).toMatch(/already approved by Vera/);
    expect(message(decideDeliverable([d], 'd1', 'maybe', vera, stamp.at))).toMatch(/approved, rejected/);
    expect(message(decideDeliverable([d], 'nope', 'approved', vera, stamp.at))).toMatch(/no longer on the list/);
  });

  it('seed 001: escalations to the executive sponsor, conflicts between business units and feedback to leadership are the kinds of point', () => {
    expect(value(validateNote({ kind: 'escalation', text: 'Budget for headsets' }, 'n1', stamp, 0)).kind).toBe('escalation');
    expect(value(validateNote({ kind: 'conflict', text: 'Sales and Finance both want the first wave' }, 'n2', stamp, 0)).kind).toBe('conflict');
    expect(value(validateNote({ kind: 'feedback', text: 'Tell the CAB about the freeze' }, 'n3', stamp, 0)).kind).toBe('feedback');
    expect(message(validateNote({ kind: 'gossip', text: 'x' }, 'n4', stamp, 0))).toMatch(/Escalation to the executive sponsor/);
    expect(message(validateNote({ kind: 'feedback', text: '' }, 'n4', stamp, 0))).toMatch(/is required/);
  });
});
