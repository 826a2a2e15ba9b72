// The steering committee's view of problems and changes, built from the workspace's summary row
// (one read whatever the number of records). Seed 002 asks the director, on a regular basis, for
// the top ten problems (those that recur or cause several incidents), and asks how emergency
// changes are reviewed: each one made before the usual review is reviewed at the next meeting.
import type { AgendaLine } from '../ops/agenda';
import { PROBLEM_STATUS_LABELS, TOP_PROBLEMS } from '../problems/problem';
import { CHANGE_STATUS_LABELS, PRIORITY_LABELS } from './change';
import type { ControlSummary, SummaryChange, SummaryProblem } from './control-summary';
import { plural } from '../text/plural';

export interface AgendaChangeControl {
  /** Open problems in top-ten order, at most ten. */
  problems: SummaryProblem[];
  problemsTotal: number;
  /** Emergency changes awaiting review, oldest first. */
  changes: SummaryChange[];
  changesTotal: number;
}

export function agendaChangeControl(s: ControlSummary): AgendaChangeControl {
  return { problems: s.openProblems.slice(0, TOP_PROBLEMS), problemsTotal: s.openProblemTotal, changes: s.emergencyChanges, changesTotal: s.emergencyTotal };
}


export function problemLines(part: AgendaChangeControl | undefined): AgendaLine[] {
  return (part?.problems ?? []).map((p) => {
    const facts = [p.id, PROBLEM_STATUS_LABELS[p.status], plural(p.incidents.length, 'incident'), plural(p.findings.length, 'finding'), p.owner ? `owner ${p.owner}` : 'no owner yet', p.hasRootCause ? 'root cause known' : 'root cause not yet known'];
    if (p.changes) facts.push(plural(p.changes, 'change'));
    return { key: `problem:${p.id}`, text: p.title, detail: facts.join(' · '), tone: p.incidents.length > 1 ? 'attention' : 'warning' };
  });
}

export function changeLines(part: AgendaChangeControl | undefined): AgendaLine[] {
  return (part?.changes ?? []).map((c) => {
    const facts = [c.id, 'Emergency', CHANGE_STATUS_LABELS[c.status], `priority ${PRIORITY_LABELS[c.priority].toLowerCase()}`, `requested ${c.createdAt.slice(0, 10)}`];
    return { key: `change:${c.id}`, text: c.title, detail: facts.join(' · '), tone: 'attention' };
  });
}
