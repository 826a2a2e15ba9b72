// The workspace's governance record: charter, business case, timeline and what the committee is
// asked to handle. One record per workspace, changed by one action at a time (applyAction, pure),
// so every change is checked against the version the person saw.
import type { Workspace } from '../workspace';
import type { Actor, Outcome } from '../ops/common';
import { invalid, okOf } from '../ops/common';
import { type BusinessCase, DEFAULT_BUSINESS_CASE, type KsiChoice, type UseCaseInput, BUSINESS_CASE_LIMITS, validateMeasurement, validateScope, validateUseCase } from './business-case';
import { addMember, type Charter, type CharterInput, DEFAULT_CHARTER, removeMember, type StakeholderChoice, validateCharter } from './charter';
import { type CommitteeNote, type Deliverable, decideDeliverable, validateDeliverable, validateNote } from './committee-items';
import { PHASE_LABELS, type ProjectPhase } from './phase';
import { DEFAULT_TIMELINE, movePhase, type Timeline, validatePlans } from './timeline';

export interface Governance {
  workspace: Workspace;
  charter: Charter;
  businessCase: BusinessCase;
  timeline: Timeline;
  deliverables: Deliverable[];
  notes: CommitteeNote[];
  /** Set once someone changed anything: until then these are the defaults. */
  updated?: { by: Actor; at: string };
  etag?: string;
}

export function defaultGovernance(workspace: Workspace): Governance {
  return { workspace, charter: DEFAULT_CHARTER, businessCase: DEFAULT_BUSINESS_CASE, timeline: DEFAULT_TIMELINE, deliverables: [], notes: [] };
}

export type GovernanceAction =
  | { type: 'charter'; input: CharterInput }
  | { type: 'member-add'; stakeholderId: string; committeeRole: string }
  | { type: 'member-remove'; stakeholderId: string }
  | { type: 'scope'; text: unknown }
  | { type: 'use-case'; useCaseId?: string; input: UseCaseInput }
  | { type: 'use-case-remove'; useCaseId: string }
  | { type: 'use-case-undo'; useCaseId: string }
  | { type: 'measure'; useCaseId: string; value: unknown; on: unknown }
  | { type: 'plans'; input: Readonly<Record<string, unknown>> }
  | { type: 'phase-next'; from: ProjectPhase | undefined }
  | { type: 'deliverable-add'; input: { title?: unknown; owner?: unknown; dueOn?: unknown } }
  | { type: 'deliverable-decide'; deliverableId: string; decision: unknown }
  | { type: 'note-add'; input: { kind?: unknown; text?: unknown } }
  | { type: 'note-close'; noteId: string };

/** What an action may look at besides the record: who, when, and the matrix and KSIs to check against. */
export interface ActionFacts {
  actor: Actor;
  /** ISO instant. */
  at: string;
  /** "YYYY-MM-DD" in the workspace's zone. */
  today: string;
  newId: () => string;
  stakeholders: readonly StakeholderChoice[];
  ksis: readonly KsiChoice[];
}

/** The change and a sentence saying what it was ("moved the project to Onboard"). */
export type Applied = { next: Governance; summary: string };

type Step = (g: Governance, f: ActionFacts) => Outcome<Applied>;
const done = (next: Governance, summary: string): Outcome<Applied> => okOf({ next, summary });
const map = <T>(o: Outcome<T>, then: (v: T) => Outcome<Applied>): Outcome<Applied> => (o.ok ? then(o.value) : (o as Outcome<never>));

function useCaseStep(g: Governance, f: ActionFacts, id: string | undefined, input: UseCaseInput): Outcome<Applied> {
  const list = g.businessCase.useCases;
  const before = id ? list.find((u) => u.id === id) : undefined;
  if (id && !before) return invalid('That use case is no longer in the business case.');
  if (!before && list.length >= BUSINESS_CASE_LIMITS.useCases) return invalid(`The business case holds at most ${BUSINESS_CASE_LIMITS.useCases} use cases; remove one first.`);
  return map(validateUseCase(input, before?.id ?? `uc-${f.newId()}`, f.ksis, before), (u) => {
    const useCases = before ? list.map((x) => (x.id === u.id ? u : x)) : [...list, u];
    return done({ ...g, businessCase: { ...g.businessCase, useCases } }, `${before ? 'changed' : 'added'} the use case "${u.name}"`);
  });
}

function removeStep(g: Governance, id: string): Outcome<Applied> {
  const u = g.businessCase.useCases.find((x) => x.id === id);
  if (!u) return invalid('That use case was already removed.');
  return done({ ...g, businessCase: { ...g.businessCase, useCases: g.businessCase.useCases.filter((x) => x.id !== id), removed: u } }, `removed the use case "${u.name}"`);
}

function undoStep(g: Governance, id: string): Outcome<Applied> {
  const u = g.businessCase.removed;
  if (!u || u.id !== id) return invalid('That removal can no longer be undone.');
  if (g.businessCase.useCases.length >= BUSINESS_CASE_LIMITS.useCases) return invalid(`The business case already holds ${BUSINESS_CASE_LIMITS.useCases} use cases; remove one first.`);
  const { removed: _gone, ...rest } = g.businessCase;
  return done({ ...g, businessCase: { ...rest, useCases: [...g.businessCase.useCases, u] } }, `restored the use case "${u.name}"`);
}

function measureStep(g: Governance, f: ActionFacts, id: string, value: unknown, on: unknown): Outcome<Applied> {
  const u = g.businessCase.useCases.find((x) => x.id === id);
  if (!u) return invalid('That use case is no longer in the business case.');
  return map(validateMeasurement(value, on, f.today, f.actor), (measured) => {
    const useCases = g.businessCase.useCases.map((x) => (x.id === id ? { ...x, ksi: { ...x.ksi, measured } } : x));
    return done({ ...g, businessCase: { ...g.businessCase, useCases } }, `recorded ${measured.value} for "${u.ksi.indicator}" (${measured.on})`);
  });
}

const STEPS: { [K in GovernanceAction['type']]: (g: Governance, f: ActionFacts, a: Extract<GovernanceAction, { type: K }>) => Outcome<Applied> } = {
  charter: (g, _f, a) => map(validateCharter(a.input, g.charter), (charter) => done({ ...g, charter }, 'changed the charter')),
  'member-add': (g, f, a) => map(addMember(g.charter, a.stakeholderId, a.committeeRole, f.stakeholders), (charter) => done({ ...g, charter }, `added ${charter.members[charter.members.length - 1]!.stakeholderRole} to the committee`)),
  'member-remove': (g, _f, a) => map(removeMember(g.charter, a.stakeholderId), (charter) => done({ ...g, charter }, 'removed a member from the committee')),
  scope: (g, _f, a) => map(validateScope(a.text), (scope) => done({ ...g, businessCase: { ...g.businessCase, scope } }, 'changed the organizational scope')),
  'use-case': (g, f, a) => useCaseStep(g, f, a.useCaseId, a.input),
  'use-case-remove': (g, _f, a) => removeStep(g, a.useCaseId),
  'use-case-undo': (g, _f, a) => undoStep(g, a.useCaseId),
  measure: (g, f, a) => measureStep(g, f, a.useCaseId, a.value, a.on),
  plans: (g, _f, a) => map(validatePlans(a.input), (plans) => done({ ...g, timeline: { ...g.timeline, plans } }, 'changed the planned dates of the timeline')),
  'phase-next': (g, f, a) => map(movePhase(g.timeline, a.from, f.at, f.actor), (timeline) => done({ ...g, timeline }, `moved the project to ${PHASE_LABELS[timeline.current!]}`)),
  'deliverable-add': (g, f, a) => map(validateDeliverable(a.input, `d-${f.newId()}`, { by: f.actor, at: f.at }, g.deliverables.filter((d) => d.status === 'proposed').length), (d) => done({ ...g, deliverables: [...g.deliverables, d] }, `put "${d.title}" up for approval`)),
  'deliverable-decide': (g, f, a) => map(decideDeliverable(g.deliverables, a.deliverableId, a.decision, f.actor, f.at), (deliverables) => done({ ...g, deliverables }, `${a.decision === 'approved' ? 'approved' : 'rejected'} a deliverable`)),
  'note-add': (g, f, a) => map(validateNote(a.input, `n-${f.newId()}`, { by: f.actor, at: f.at }, g.notes.length), (n) => done({ ...g, notes: [...g.notes, n] }, 'raised a point for the committee')),
  'note-close': (g, _f, a) => (g.notes.some((n) => n.id === a.noteId) ? done({ ...g, notes: g.notes.filter((n) => n.id !== a.noteId) }, 'closed a point for the committee') : invalid('That point was already closed.')),
};

/** Applies one action to the record; refused with a reason, nothing changed. */
export function applyAction(g: Governance, action: GovernanceAction, facts: ActionFacts): Outcome<Applied> {
  const step = STEPS[action.type] as Step & ((g: Governance, f: ActionFacts, a: GovernanceAction) => Outcome<Applied>);
  const r = step(g, facts, action);
  return r.ok ? okOf({ next: { ...r.value.next, updated: { by: facts.actor, at: facts.at } }, summary: r.value.summary }) : r;
}

/** Where the record is kept: one per workspace, replaced with the ETag it was read with. */
export interface GovernanceRepository {
  get(workspace: Workspace): Promise<Governance | undefined>;
  /** Creates it (no etag) or replaces the version read; 'conflict' when someone else changed it. */
  save(record: Governance, etag?: string): Promise<Governance | 'conflict'>;
}
