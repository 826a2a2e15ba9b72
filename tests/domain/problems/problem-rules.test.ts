// The problem-management rules, each named with the source value it encodes (seed 002:
// Microsoft Operations Framework, problem management).
import { describe, expect, it } from 'vitest';
import { compareProblemRank, formatProblemId, parseProblemId, PROBLEM_TRANSITIONS } from '../../../bot/src/domain/problems/problem';
import { applyProblemAction, newProblem, normaliseRef, parseProblemStatus, refKind } from '../../../bot/src/domain/problems/problem-rules';
import { ANA, NOW, problem, ROLES, WS } from './fixtures';

const act = (p: ReturnType<typeof problem>, a: Parameters<typeof applyProblemAction>[1]) => applyProblemAction(p, a, ANA, NOW, ROLES);
const ok = (r: ReturnType<typeof act>) => {
  if (!r.ok) throw new Error(r.message);
  return r.value.problem;
};

describe('problem records', () => {
  it('number like PRB-0001 per workspace, read back from what people type', () => {
    expect(formatProblemId(1)).toBe('PRB-0001');
    expect(formatProblemId(12345)).toBe('PRB-12345');
    expect(parseProblemId('prb 7')).toBe(7);
    expect(parseProblemId('PRB-0007')).toBe(7);
    expect(parseProblemId('QF-0007')).toBeUndefined();
    expect(parseProblemId('PRB-0')).toBeUndefined();
  });

  it('a new problem needs a title and takes an owner only from the role map', () => {
    const ctx = { workspace: WS, id: 'PRB-0001', number: 1, actor: ANA, now: NOW, roles: ROLES };
    expect(newProblem({ title: '  ' }, ctx)).toMatchObject({ ok: false, message: 'The title is required.' });
    expect(newProblem({ title: 'ab' }, ctx)).toMatchObject({ ok: false });
    expect(newProblem({ title: 'Calls drop', owner: 'The cleaners' }, ctx)).toMatchObject({ ok: false, message: expect.stringContaining('role of the role map') });
    const made = newProblem({ title: 'Calls drop', owner: 'network operations' }, ctx);
    expect(made).toMatchObject({ ok: true, value: { status: 'new', owner: 'Network Operations', incidents: [], findings: [] } });
  });

  it('raised from an incident, the problem starts linked to it', () => {
    const made = newProblem({ title: 'SR-202611-0003: calls drop', from: { kind: 'incident', ref: 'SR-202611-0003' } }, { workspace: WS, id: 'PRB-0002', number: 2, actor: ANA, now: NOW, roles: [] });
    expect(made).toMatchObject({ ok: true, value: { incidents: ['SR-202611-0003'], history: [{ text: 'Raised from SR-202611-0003' }] } });
  });

  it('links are SR numbers (incidents) and QF numbers (findings), normalised', () => {
    expect(normaliseRef('incident', 'sr-202611-0003')).toBe('SR-202611-0003');
    expect(normaliseRef('finding', 'qf 12')).toBe('QF-0012');
    expect(normaliseRef('finding', 'PRB-0001')).toBeUndefined();
    expect(refKind('QF-0012')).toBe('finding');
    expect(refKind('SR-202611-0003')).toBe('incident');
    expect(refKind('hello')).toBeUndefined();
  });
});

describe('the problem lifecycle: new → investigating → known error → resolved / closed', () => {
  it('seed 002: the flow goes through research (investigating) before a known error or a resolution', () => {
    expect(PROBLEM_TRANSITIONS.new).toEqual(['investigating', 'closed']);
    expect(PROBLEM_TRANSITIONS.investigating).toContain('known-error');
    expect(PROBLEM_TRANSITIONS.closed).toEqual([]);
    expect(act(problem(), { type: 'status', status: 'resolved' })).toMatchObject({ ok: false, message: expect.stringContaining('cannot become resolved') });
  });

  it('seed 002: root cause analysis finds the cause, and recording it starts the investigation', () => {
    const p = ok(act(problem(), { type: 'rca', text: 'The Building 6 access points roam badly on 5 GHz' }));
    expect(p.status).toBe('investigating');
    expect(p.rootCause).toMatchObject({ text: 'The Building 6 access points roam badly on 5 GHz', by: ANA });
    expect(act(problem(), { type: 'rca', text: '' })).toMatchObject({ ok: false, message: 'The root cause is required.' });
  });

  it('a known error is documented with its workaround, both required', () => {
    const investigating = ok(act(problem(), { type: 'status', status: 'investigating' }));
    expect(act(investigating, { type: 'status', status: 'known-error' })).toMatchObject({ ok: false, message: 'Record the known error and its workaround first.' });
    expect(act(investigating, { type: 'known-error', description: 'Roaming fails', workaround: '' })).toMatchObject({ ok: false, message: 'The workaround is required.' });
    const known = ok(act(investigating, { type: 'known-error', description: 'Roaming fails', workaround: 'Use the wired dock' }));
    expect(known).toMatchObject({ status: 'known-error', knownError: { description: 'Roaming fails', workaround: 'Use the wired dock' } });
  });

  it('seed 002: a problem is resolved permanently only once its root cause is known', () => {
    const investigating = ok(act(problem(), { type: 'status', status: 'investigating' }));
    expect(act(investigating, { type: 'status', status: 'resolved' })).toMatchObject({ ok: false, message: 'Record the root cause analysis before resolving the problem.' });
    const analysed = ok(act(investigating, { type: 'rca', text: 'Firmware bug' }));
    expect(ok(act(analysed, { type: 'status', status: 'resolved' })).status).toBe('resolved');
  });

  it('a resolved or closed problem is not edited until investigated again', () => {
    const closed = ok(act(problem(), { type: 'status', status: 'closed' }));
    expect(act(closed, { type: 'link', kind: 'incident', ref: 'SR-202611-0001' })).toMatchObject({ ok: false, message: expect.stringContaining('closed') });
  });

  it('link and unlink (whose undo is a link again), each once', () => {
    const linked = ok(act(problem(), { type: 'link', kind: 'incident', ref: 'SR-202611-0001' }));
    expect(linked.incidents).toEqual(['SR-202611-0001']);
    expect(act(linked, { type: 'link', kind: 'incident', ref: 'SR-202611-0001' })).toMatchObject({ ok: false, message: 'SR-202611-0001 is already linked to PRB-0001.' });
    const unlinked = ok(act(linked, { type: 'unlink', kind: 'incident', ref: 'SR-202611-0001' }));
    expect(unlinked.incidents).toEqual([]);
    expect(act(unlinked, { type: 'unlink', kind: 'incident', ref: 'SR-202611-0001' })).toMatchObject({ ok: false });
    expect(ok(act(unlinked, { type: 'link', kind: 'incident', ref: 'SR-202611-0001' })).incidents).toEqual(['SR-202611-0001']);
    expect(unlinked.history[0]!.text).toBe('Unlinked SR-202611-0001');
  });

  it('the owner is a role of the role map; statuses parse as typed', () => {
    expect(ok(act(problem(), { type: 'owner', owner: 'help desk' })).owner).toBe('Help Desk');
    expect(act(problem(), { type: 'owner', owner: 'Nobody' })).toMatchObject({ ok: false });
    expect(parseProblemStatus('Known error')).toBe('known-error');
    expect(parseProblemStatus('done')).toBeUndefined();
  });
});

describe('the top ten', () => {
  it('seed 002: the top problems are those that recur or are the root cause of multiple incidents', () => {
    const one = problem(1, { incidents: ['SR-202611-0001'] });
    const three = problem(2, { incidents: ['SR-202611-0002', 'SR-202611-0003', 'SR-202611-0004'] });
    const findings = problem(3, { incidents: ['SR-202611-0005'], findings: ['QF-0001', 'QF-0002'] });
    const older = problem(0, { incidents: ['SR-202611-0006'] });
    expect([one, three, findings, older].sort(compareProblemRank).map((p) => p.number)).toEqual([2, 3, 0, 1]);
  });
});
