// The summary row the agenda reads, and the agenda part built from it.
import { describe, expect, it } from 'vitest';
import { agendaChangeControl, changeLines, problemLines } from '../../../bot/src/domain/changes/agenda-part';
import { EMPTY_CONTROL_SUMMARY, SUMMARY_KEPT, summaryAfterChange, summaryAfterProblem } from '../../../bot/src/domain/changes/control-summary';
import { buildAgenda } from '../../../bot/src/domain/ops/agenda';
import { change, NOW, problem } from '../problems/fixtures';

describe('the problems and changes summary', () => {
  it('counts by status and keeps the open problems in top-ten order', () => {
    let s = summaryAfterProblem(EMPTY_CONTROL_SUMMARY, undefined, problem(1));
    s = summaryAfterProblem(s, undefined, problem(2, { incidents: ['SR-202611-0001', 'SR-202611-0002'] }));
    expect(s.openProblems.map((p) => p.id)).toEqual(['PRB-0002', 'PRB-0001']);
    expect(s.problemCounts).toEqual({ new: 2 });
    // Closing one takes it off the open list and moves its count.
    s = summaryAfterProblem(s, problem(2), problem(2, { status: 'closed' }));
    expect(s.openProblems.map((p) => p.id)).toEqual(['PRB-0001']);
    expect(s).toMatchObject({ openProblemTotal: 1, problemCounts: { new: 1, closed: 1 } });
  });

  it('keeps a bounded list but the true total', () => {
    let s = EMPTY_CONTROL_SUMMARY;
    for (let n = 1; n <= SUMMARY_KEPT + 5; n++) s = summaryAfterProblem(s, undefined, problem(n));
    expect(s.openProblems).toHaveLength(SUMMARY_KEPT);
    expect(s.openProblemTotal).toBe(SUMMARY_KEPT + 5);
  });

  it('seed 002: emergency changes await review at the next meeting, until reviewed', () => {
    const e = change(1, { category: 'emergency' });
    let s = summaryAfterChange(EMPTY_CONTROL_SUMMARY, undefined, e);
    s = summaryAfterChange(s, undefined, change(2));
    expect(s.emergencyChanges.map((c) => c.id)).toEqual(['RFC-0001']);
    s = summaryAfterChange(s, e, { ...e, status: 'reviewed' });
    expect(s).toMatchObject({ emergencyChanges: [], emergencyTotal: 0, changeCounts: { requested: 1, reviewed: 1 } });
  });
});

describe('on the agenda', () => {
  it('seed 002: the top ten problems, and the emergency changes to review, with how many there are in all', () => {
    let s = EMPTY_CONTROL_SUMMARY;
    for (let n = 1; n <= 12; n++) s = summaryAfterProblem(s, undefined, problem(n, { incidents: n === 12 ? ['SR-202611-0001', 'SR-202611-0002'] : [] }));
    s = summaryAfterChange(s, undefined, change(1, { category: 'emergency', title: 'Emergency firewall rule' }));
    const part = agendaChangeControl(s);
    expect(part.problems).toHaveLength(10);
    expect(part.problems[0]!.id).toBe('PRB-0012');
    expect(problemLines(part)[0]).toMatchObject({ text: 'Calls drop in Building 12', detail: expect.stringContaining('2 incidents'), tone: 'attention' });
    expect(changeLines(part)[0]).toMatchObject({ text: 'Emergency firewall rule', detail: expect.stringContaining('RFC-0001 · Emergency · Requested') });
    const agenda = buildAgenda({ now: NOW, meetingAt: NOW, timeZone: 'UTC', incidents: [], findings: [], risks: [], objectives: [], ksis: [], overdueTasks: [], items: [], actions: [], changeControl: part });
    const problems = agenda.sections.find((x) => x.id === 'problems')!;
    expect(problems).toMatchObject({ title: 'Top problems', total: 12 });
    expect(problems.lines).toHaveLength(10);
    expect(agenda.sections.find((x) => x.id === 'changes')!.lines.map((l) => l.key)).toEqual(['change:RFC-0001']);
  });

  it('says so when there is nothing to discuss', () => {
    const agenda = buildAgenda({ now: NOW, meetingAt: NOW, timeZone: 'UTC', incidents: [], findings: [], risks: [], objectives: [], ksis: [], overdueTasks: [], items: [], actions: [] });
    expect(agenda.sections.find((x) => x.id === 'changes')).toMatchObject({ lines: [], empty: 'No emergency changes are awaiting review.' });
  });
});
