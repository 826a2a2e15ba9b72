import { describe, expect, it } from 'vitest';
import { allowedActions, applyAction, type Finding, type FindingAction, isOverdue, newFinding } from '../../../bot/src/domain/findings/finding';

const t0 = new Date('2025-03-03T09:00:00Z');
const champ = { id: 'a', name: 'Alice' };
const netops = { id: 'b', name: 'Bob' };
const ws = { tenantId: 't', scope: 'team' as const, scopeId: 'x' };
const fresh = () => newFinding({ workspace: ws, id: 'QF-0042', number: 42, draft: { category: 'vpn', area: 'call-quality', building: 'B6', description: 'd', owningRole: 'Network Operations' }, actor: champ, now: t0, source: 'chat' }).finding;

function step(f: Finding, action: FindingAction, at = t0) {
  const r = applyAction(f, action, netops, at, ['Network Operations', 'Help Desk']);
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe('finding lifecycle', () => {
  it('new → accepted → in remediation → remediated → verified, each with a history entry', () => {
    let f = fresh();
    const trail: string[] = [];
    for (const a of ['accept', 'start', 'remediated', 'verify'] as const) {
      const r = step(f, { type: a });
      expect(r.history).toMatchObject({ findingId: 'QF-0042', version: f.version + 1, actor: netops, action: a, from: f.status, to: r.finding.status, at: t0.toISOString() });
      trail.push(r.finding.status);
      f = r.finding;
    }
    expect(trail).toEqual(['accepted', 'in-remediation', 'remediated', 'verified']);
    expect(f.version).toBe(5);
    expect(f.dueAt).toBeUndefined();
    expect(allowedActions('verified')).toEqual(['note']);
  });

  it('refuses illegal transitions with the reason', () => {
    const f = fresh();
    const no = (action: FindingAction, from = f) => {
      const r = applyAction(from, action, netops, t0);
      if (r.ok) throw new Error('allowed');
      return r.error;
    };
    expect(no({ type: 'verify' })).toBe('QF-0042 is new, so it can\'t be verified. From here it can be accepted, put into remediation or closed as won\'t fix.');
    expect(no({ type: 'remediated' })).toMatch(/QF-0042 is new, so it can't be marked remediated/);
    const verified = ['accept', 'start', 'remediated', 'verify'].reduce((x, a) => step(x, { type: a } as FindingAction).finding, f);
    expect(no({ type: 'accept' }, verified)).toBe("QF-0042 is verified, so it can't be accepted.");
    expect(no({ type: 'reassign', owningRole: 'Help Desk' }, verified)).toBe("Can't reassign QF-0042: it is verified; reopen it first.");
    expect(no({ type: 'wontfix', reason: '  ' })).toMatch(/won't-fix reason is needed/);
    expect(no({ type: 'note', text: '' })).toBe("The note can't be empty.");
  });

  it("won't fix needs a reason, keeps it, and can be reopened", () => {
    const r = step(fresh(), { type: 'wontfix', reason: 'Site closes in May' });
    expect(r.finding).toMatchObject({ status: 'wont-fix', statusReason: 'Site closes in May' });
    expect(r.history.text).toBe('Site closes in May');
    const reopened = step(r.finding, { type: 'reopen' });
    expect(reopened.finding.status).toBe('new');
    expect(reopened.finding.statusReason).toBeUndefined();
  });

  it('reassign goes back to new for the new team, within the role map; notes change nothing but the history', () => {
    const accepted = step(fresh(), { type: 'accept' }).finding;
    const r = step(accepted, { type: 'reassign', owningRole: 'help desk' });
    expect(r.finding).toMatchObject({ owningRole: 'Help Desk', status: 'new' });
    expect(r.history.summary).toBe('reassigned from Network Operations to Help Desk');
    expect(applyAction(accepted, { type: 'reassign', owningRole: 'Mars Ops' }, netops, t0, ['Network Operations', 'Help Desk'])).toMatchObject({ ok: false, error: expect.stringMatching(/not a team in the role map/) });
    const n = step(accepted, { type: 'note', text: '[x](http://y) ${z}' });
    expect(n.finding.status).toBe('accepted');
    expect(n.history).toMatchObject({ action: 'note', text: '[x](http://y) ${z}', from: 'accepted', to: 'accepted' });
  });

  it('is overdue when the time box of its status has passed', () => {
    const f = fresh();
    expect(f.dueAt).toBe('2025-03-10T09:00:00.000Z');
    expect(isOverdue(f, new Date('2025-03-10T08:59:59Z'))).toBe(false);
    expect(isOverdue(f, new Date('2025-03-10T09:00:01Z'))).toBe(true);
    const started = step(f, { type: 'start' }, new Date('2025-03-09T00:00:00Z')).finding;
    expect(started.dueAt).toBe('2025-04-08T00:00:00.000Z');
    expect(isOverdue(started, new Date('2025-03-20T00:00:00Z'))).toBe(false);
  });
});
