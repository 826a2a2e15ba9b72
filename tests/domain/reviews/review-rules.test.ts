// The rules of a review run: answers, decisions with owner and due date, outputs of the kinds the
// template expects, carried decisions followed up, and closing on the outcome by the decider.
import { describe, expect, it } from 'vitest';
import { openDecisions } from '../../../bot/src/domain/reviews/review';
import { applyReviewAction, periodOf } from '../../../bot/src/domain/reviews/review-rules';
import { reviewTemplate } from '../../../bot/src/domain/reviews/review-templates';
import { ANA, NOW, run } from './fixtures';

const portfolio = reviewTemplate('portfolio')!;
const ok = (r: ReturnType<typeof applyReviewAction>) => {
  if (!r.ok) throw new Error(r.message);
  return r.value.run;
};
const refused = (r: ReturnType<typeof applyReviewAction>) => (r.ok ? '' : r.message);
const decide = { type: 'decide' as const, text: 'Fund the network refresh', owner: 'Network Lead', due: '2027-01-15' };

describe('review runs', () => {
  it('seed 002: questions of the template are answered; an answer emptied is cleared; nothing changed is refused', () => {
    const r = ok(applyReviewAction(run('portfolio'), portfolio, { type: 'answer', answers: { 'right-work': 'Yes, the Teams rollout', unknown: 'ignored' } }, ANA, NOW));
    expect(r.answers['right-work']?.text).toBe('Yes, the Teams rollout');
    expect(Object.keys(r.answers)).toEqual(['right-work']);
    expect(refused(applyReviewAction(r, portfolio, { type: 'answer', answers: { 'right-work': 'Yes, the Teams rollout' } }, ANA, NOW))).toContain('Nothing to save');
    expect(ok(applyReviewAction(r, portfolio, { type: 'answer', answers: { 'right-work': ' ' } }, ANA, NOW)).answers).toEqual({});
  });

  it('seed 002: a decision records what, who and when (the manager documents decisions: who, what and when)', () => {
    const r = ok(applyReviewAction(run('portfolio'), portfolio, decide, ANA, NOW));
    expect(r.decisions).toEqual([expect.objectContaining({ id: 'D1', text: 'Fund the network refresh', owner: 'Network Lead', due: '2027-01-15', runId: 'MR-0001' })]);
    expect(refused(applyReviewAction(run('portfolio'), portfolio, { ...decide, owner: '' }, ANA, NOW))).toContain('owner');
    expect(refused(applyReviewAction(run('portfolio'), portfolio, { ...decide, due: '2027-02-30' }, ANA, NOW))).toContain('as a date');
    expect(refused(applyReviewAction(run('portfolio'), portfolio, { ...decide, due: '2026-11-29' }, ANA, NOW))).toContain('in the past');
    expect(refused(applyReviewAction(run('portfolio'), portfolio, { ...decide, text: 'a\u0000b' }, ANA, NOW))).not.toBe('');
  });

  it('seed 002: an output is one of the outputs the review is expected to produce, or other', () => {
    const r = ok(applyReviewAction(run('portfolio'), portfolio, { type: 'output', kind: 'scope', text: 'Teams Phone for 3 sites' }, ANA, NOW));
    expect(r.outputs[0]).toEqual(expect.objectContaining({ kind: 'scope', text: 'Teams Phone for 3 sites' }));
    expect(refused(applyReviewAction(run('portfolio'), portfolio, { type: 'output', kind: 'budget', text: 'x' }, ANA, NOW))).toContain('Approved scope');
  });

  it('seed 002: a review closes on its outcome: not before a decision is recorded, and only by the decider when the role map names them', () => {
    expect(refused(applyReviewAction(run('portfolio'), portfolio, { type: 'close', summary: '', actorIds: ['ana'] }, ANA, NOW))).toContain('at least one decision');
    const decided = ok(applyReviewAction(run('portfolio'), portfolio, decide, ANA, NOW));
    const named = { ...decided, people: { ...decided.people, decides: { role: 'Project Executive Sponsor', who: 'Dana Director', personId: 'dana' } } };
    expect(refused(applyReviewAction(named, portfolio, { type: 'close', summary: '', actorIds: ['ana'] }, ANA, NOW))).toContain('Only Dana Director (Project Executive Sponsor)');
    const closed = ok(applyReviewAction(named, portfolio, { type: 'close', summary: 'Go', actorIds: ['dana'] }, { id: 'dana', name: 'Dana Director' }, NOW));
    expect(closed.status).toBe('closed');
    expect(closed.closed).toEqual(expect.objectContaining({ summary: 'Go', decidedAs: 'Project Executive Sponsor' }));
    expect(refused(applyReviewAction(closed, portfolio, decide, ANA, NOW))).toContain('closed');
  });

  it('decisions carry forward: the open ones of a run and those it carried and did not settle', () => {
    const carried = [{ id: 'D1', text: 'Old', owner: 'Ana', due: '2026-12-01', recorded: { by: ANA, at: NOW.toISOString() }, runId: 'MR-0001' }];
    const r = ok(applyReviewAction(run('portfolio', 2, { carried }), portfolio, decide, ANA, NOW));
    expect(openDecisions(r).map((d) => `${d.runId}/${d.id}`)).toEqual(['MR-0001/D1', 'MR-0002/D1']);
    const settled = ok(applyReviewAction(r, portfolio, { type: 'settle', decisionId: 'MR-0001/D1' }, ANA, NOW));
    expect(openDecisions(settled).map((d) => `${d.runId}/${d.id}`)).toEqual(['MR-0002/D1']);
    expect(refused(applyReviewAction(r, portfolio, { type: 'settle', decisionId: 'MR-0009/D1' }, ANA, NOW))).toContain('not among');
  });

  it('seed 002: Operational Health runs per month, Service Alignment per quarter, a gate per transition', () => {
    expect(periodOf(reviewTemplate('operational-health')!, NOW)).toBe('2026-11');
    expect(periodOf(reviewTemplate('service-alignment')!, NOW)).toBe('2026 Q4');
    expect(periodOf(portfolio, NOW, 'Envision → Onboard')).toBe('Envision → Onboard');
    expect(periodOf(portfolio, NOW)).toBe('On demand');
  });
});
