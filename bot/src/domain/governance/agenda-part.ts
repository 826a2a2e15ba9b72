// The steering committee's agenda as its charter names it (seed 001): the business outcomes
// against their KSIs, interim deliverables awaiting approval, escalations to the executive
// sponsor, conflicts between business units, and feedback for leadership or the change advisory
// board. Built from the governance record alone, so the agenda reads one row for all of it.
import type { AgendaLine, AgendaSectionId } from '../ops/agenda';
import { ksiState, measuredText } from './business-case';
import { type Deliverable, NOTE_KIND_LABELS, type NoteKind } from './committee-items';
import type { Governance } from './governance';
import { PHASE_LABELS, type ProjectPhase } from './phase';

export interface AgendaGovernance {
  phase?: ProjectPhase;
  outcomes: { useCaseId: string; useCase: string; indicator: string; text: string; state: ReturnType<typeof ksiState> }[];
  /** Awaiting approval, due first. */
  deliverables: Deliverable[];
  notes: { id: string; kind: NoteKind; text: string; by: string; at: string }[];
}

export type GovernanceSectionId = 'outcomes' | 'deliverables' | 'escalations' | 'conflicts' | 'feedback';

/** The sections, and the existing section each follows on the agenda. */
export const GOVERNANCE_AGENDA_SECTIONS: readonly { id: GovernanceSectionId; after: AgendaSectionId; title: string; empty: string }[] = [
  { id: 'outcomes', after: 'okrs', title: 'Business outcomes against KSIs', empty: 'The business case has no use case with a measurable outcome yet. Add one with: charter business' },
  { id: 'deliverables', after: 'outcomes', title: 'Interim deliverables for approval', empty: 'No interim deliverables await the committee\'s approval.' },
  { id: 'escalations', after: 'decisions', title: 'Escalations to the executive sponsor', empty: 'Nothing is escalated to the executive sponsor.' },
  { id: 'conflicts', after: 'escalations', title: 'Conflicts between business units', empty: 'No conflicts between business units are waiting to be resolved.' },
  { id: 'feedback', after: 'conflicts', title: 'Feedback to leadership and the change advisory board', empty: 'No feedback for leadership or the change advisory board has been noted.' },
];

export function agendaGovernance(g: Governance): AgendaGovernance {
  return {
    ...(g.timeline.current ? { phase: g.timeline.current } : {}),
    outcomes: g.businessCase.useCases.map((u) => ({ useCaseId: u.id, useCase: u.name, indicator: u.ksi.indicator, text: measuredText(u.ksi), state: ksiState(u.ksi) })),
    deliverables: g.deliverables.filter((d) => d.status === 'proposed').sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.added.at.localeCompare(b.added.at)),
    notes: g.notes.map((n) => ({ id: n.id, kind: n.kind, text: n.text, by: n.raised.by.name, at: n.raised.at })),
  };
}

const noteLines = (part: AgendaGovernance | undefined, kind: NoteKind): AgendaLine[] => (part?.notes ?? []).filter((n) => n.kind === kind).map((n) => (
  { key: `note:${n.id}`, text: n.text, detail: `${NOTE_KIND_LABELS[kind]} · raised by ${n.by} on ${n.at.slice(0, 10)}`, tone: kind === 'escalation' ? 'attention' : 'warning' }
));

/** Outcomes not met first, then not measured, then met. */
const STATE_RANK = { 'not-met': 0, 'not-measured': 1, met: 2 } as const;

export function governanceLines(part: AgendaGovernance | undefined, today: string): Record<GovernanceSectionId, AgendaLine[]> {
  const outcomes = [...(part?.outcomes ?? [])].sort((a, b) => STATE_RANK[a.state] - STATE_RANK[b.state]).map((o): AgendaLine => ({
    key: `outcome:${o.useCaseId}`, text: `${o.useCase}: ${o.indicator}`,
    detail: `${o.text.charAt(0).toUpperCase()}${o.text.slice(1)}${part?.phase ? ` · phase ${PHASE_LABELS[part.phase]}` : ''}`,
    tone: o.state === 'met' ? 'good' : o.state === 'not-met' ? 'attention' : 'default',
  }));
  const deliverables = (part?.deliverables ?? []).map((d): AgendaLine => ({
    key: `deliverable:${d.id}`, text: d.title, detail: `Awaiting approval · owner ${d.owner} · ${d.dueOn < today ? 'overdue since' : 'due'} ${d.dueOn} · approve or reject it on the charter`,
    tone: d.dueOn < today ? 'attention' : 'default',
  }));
  return { outcomes, deliverables, escalations: noteLines(part, 'escalation'), conflicts: noteLines(part, 'conflict'), feedback: noteLines(part, 'feedback') };
}
