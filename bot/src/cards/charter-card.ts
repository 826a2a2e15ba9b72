// The charter card: the committee's purpose, objectives, members (from the stakeholder matrix)
// and cadence, the project timeline with the current phase and "Move to the next phase" (asked
// to confirm first), the interim deliverables awaiting approval, and the points raised for the
// committee. Shared by the `charter` command and the charter tab. User text is shown literally.
import template from './templates/charter.json';
import { CHARTER_CADENCE_LABELS, CHARTER_CADENCES, charterGaps, COMMITTEE_ROLE_LABELS, COMMITTEE_ROLES, orderedMembers, type StakeholderChoice } from '../domain/governance/charter';
import { DELIVERABLE_STATUS_LABELS, NOTE_KIND_LABELS, NOTE_KINDS } from '../domain/governance/committee-items';
import type { Governance } from '../domain/governance/governance';
import { PHASE_LABELS, PROJECT_PHASES } from '../domain/governance/phase';
import { nextPhase, phaseLate, phaseTiming, planInputIds } from '../domain/governance/timeline';
import { plural } from '../domain/text/plural';
import { GOVERNANCE_INPUTS as IN, GOVERNANCE_VERBS as V } from './governance-verbs';
import { clip, execute, fitCard } from './ops-card-parts';
import { expandTemplate } from './template';

export interface CharterCardInput {
  record: Governance;
  /** The workspace's stakeholder matrix: the member picker, and who fills each member's role. */
  stakeholders: readonly StakeholderChoice[];
  /** "YYYY-MM-DD" */
  today: string;
  notice?: string;
  problem?: string;
  /** Shows the confirmation of "Move to the next phase". */
  confirmPhase?: boolean;
}

type Card = Record<string, unknown>;
const none = { associatedInputs: 'none' as const };

function phaseLine(g: Governance): string {
  const t = g.timeline;
  if (!t.current) return 'Project phase: not started yet. Start the Envision phase when the committee agrees.';
  const last = [...t.history].reverse().find((h) => h.phase === t.current);
  return `Current phase: ${PHASE_LABELS[t.current]}${last ? ` (since ${last.at.slice(0, 10)}, moved by ${last.by.name})` : ''}`;
}

function phases(g: Governance, today: string) {
  return PROJECT_PHASES.map((p) => {
    const plan = g.timeline.plans[p] ?? {};
    const timing = phaseTiming(g.timeline, p);
    const late = phaseLate(g.timeline, p, today);
    return {
      label: PHASE_LABELS[p],
      state: timing === 'current' ? (late ? 'current, past its planned end' : 'current') : timing === 'done' ? 'done' : 'not started',
      color: timing === 'current' ? (late ? 'Attention' : 'Accent') : timing === 'done' ? 'Good' : 'Default',
      dates: plan.start || plan.end ? `Planned ${plan.start ?? '(no start)'} to ${plan.end ?? '(no end)'}` : 'No planned dates yet',
    };
  });
}

function phaseButtons(g: Governance, etag: string): Card[] {
  const next = nextPhase(g.timeline.current);
  const plan = planForm(g, etag);
  if (!next) return [plan];
  return [plan, execute(g.timeline.current ? `Move to the next phase (${PHASE_LABELS[next]})` : `Start the ${PHASE_LABELS[next]} phase`, V.phaseAsk, { etag }, none)];
}

const showCard = (title: string, body: Card[], action: Card): Card => ({ type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', version: '1.5', body, actions: [action] } });

function planForm(g: Governance, etag: string): Card {
  return showCard('Plan the timeline', PROJECT_PHASES.flatMap((p) => [
    { type: 'Input.Date', id: planInputIds(p).start, label: `${PHASE_LABELS[p]}: planned start`, value: g.timeline.plans[p]?.start ?? '' },
    { type: 'Input.Date', id: planInputIds(p).end, label: `${PHASE_LABELS[p]}: planned end`, value: g.timeline.plans[p]?.end ?? '' },
  ]), execute('Save the dates', V.plansSave, { etag }, { style: 'positive' }));
}

function confirmBlock(g: Governance, etag: string) {
  const next = nextPhase(g.timeline.current);
  if (!next) return undefined;
  const from = g.timeline.current;
  return {
    text: from ? `Move the project from ${PHASE_LABELS[from]} to ${PHASE_LABELS[next]}? Everyone following the project sees the new phase.` : `Start the project's ${PHASE_LABELS[next]} phase?`,
    buttons: [
      execute(`Yes, move to ${PHASE_LABELS[next]}`, V.phaseConfirm, { etag, from: from ?? '' }, { style: 'positive', associatedInputs: 'none' }),
      execute('Cancel', V.charterShow, {}, none),
    ],
  };
}

function formActions(g: Governance, stakeholders: readonly StakeholderChoice[], etag: string): Card[] {
  const c = g.charter;
  const free = stakeholders.filter((s) => !c.members.some((m) => m.stakeholderId === s.id));
  return [
    showCard('Edit the charter', [
      { type: 'Input.Text', id: IN.purpose, label: 'Purpose', value: c.purpose, isMultiline: true, maxLength: 1000, isRequired: true, errorMessage: 'Write the purpose.' },
      { type: 'Input.Text', id: IN.objectives, label: 'Objectives, one per line', value: c.objectives.join('\n'), isMultiline: true, maxLength: 3500, isRequired: true, errorMessage: 'Write at least one objective.' },
      { type: 'Input.ChoiceSet', id: IN.cadence, label: 'The committee meets', value: c.cadence, choices: CHARTER_CADENCES.map((k) => ({ title: CHARTER_CADENCE_LABELS[k], value: k })) },
    ], execute('Save the charter', V.charterSave, { etag }, { style: 'positive' })),
    showCard('Add a member', free.length ? [
      { type: 'Input.ChoiceSet', id: IN.stakeholder, label: 'From the stakeholder matrix', isRequired: true, errorMessage: 'Choose a stakeholder.', choices: free.map((s) => ({ title: clip(`${s.role} (${s.person})`, 120), value: s.id })) },
      { type: 'Input.ChoiceSet', id: IN.committeeRole, label: 'Committee role', value: 'member', choices: COMMITTEE_ROLES.map((r) => ({ title: COMMITTEE_ROLE_LABELS[r], value: r })) },
    ] : [{ type: 'TextBlock', text: 'Every stakeholder of the matrix is on the committee. Add stakeholders with: roles stakeholders', wrap: true }], execute('Add to the committee', V.memberAdd, { etag }, { style: 'positive' })),
    showCard('Add a deliverable', [
      { type: 'Input.Text', id: IN.deliverableTitle, label: 'Interim deliverable for the committee to approve', maxLength: 300, isRequired: true, errorMessage: 'Name the deliverable.' },
      { type: 'Input.Text', id: IN.deliverableOwner, label: 'Owner', maxLength: 120, isRequired: true, errorMessage: 'Name its owner.' },
      { type: 'Input.Date', id: IN.deliverableDue, label: 'Due', isRequired: true, errorMessage: 'Choose the due date.' },
    ], execute('Put up for approval', V.deliverableAdd, { etag }, { style: 'positive' })),
    showCard('Raise a point', [
      { type: 'Input.ChoiceSet', id: IN.noteKind, label: 'Kind', value: 'escalation', choices: NOTE_KINDS.map((k) => ({ title: NOTE_KIND_LABELS[k], value: k })) },
      { type: 'Input.Text', id: IN.noteText, label: 'What the committee should know', isMultiline: true, maxLength: 500, isRequired: true, errorMessage: 'Write the point first.' },
    ], execute('Raise it', V.noteAdd, { etag }, { style: 'positive' })),
    execute('Business case', V.businessCaseShow, {}, none),
  ];
}

function render(input: CharterCardInput, textMax: number, listMax: number): Card {
  const g = input.record;
  const etag = g.etag ?? '';
  const person = new Map(input.stakeholders.map((s) => [s.id, s]));
  const members = orderedMembers(g.charter.members);
  const proposed = g.deliverables.filter((d) => d.status === 'proposed');
  const decided = g.deliverables.filter((d) => d.status !== 'proposed').slice(-3);
  const shownDeliverables = [...proposed.slice(0, listMax), ...decided];
  return expandTemplate(template, {
    phaseLine: phaseLine(g),
    notice: input.notice ?? '',
    problem: input.problem ?? '',
    ...(input.confirmPhase && confirmBlock(g, etag) ? { confirm: confirmBlock(g, etag) } : { confirm: '' }),
    purpose: clip(g.charter.purpose, textMax * 4),
    objectives: g.charter.objectives.map((o) => ({ text: clip(o, textMax) })),
    membersHeading: `Members (${members.length})`,
    gaps: charterGaps(g.charter).map((text) => ({ text })),
    members: members.slice(0, listMax * 2).map((m) => ({
      role: COMMITTEE_ROLE_LABELS[m.committeeRole],
      stakeholder: clip(person.get(m.stakeholderId)?.role ?? m.stakeholderRole, 100),
      person: person.has(m.stakeholderId) ? clip(person.get(m.stakeholderId)!.person, 120) : 'No longer in the stakeholder matrix',
      buttons: [execute('Remove', V.memberRemove, { etag, stakeholderId: m.stakeholderId }, none)],
    })),
    cadenceLine: `The committee meets: ${CHARTER_CADENCE_LABELS[g.charter.cadence].toLowerCase()}.`,
    phases: phases(g, input.today),
    phaseButtons: input.confirmPhase ? [] : phaseButtons(g, etag),
    deliverablesHeading: `Interim deliverables for approval (${proposed.length})`,
    deliverables: shownDeliverables.map((d) => ({
      title: clip(d.title, textMax),
      color: d.status === 'approved' ? 'Good' : d.status === 'rejected' ? 'Attention' : 'Default',
      detail: clip([DELIVERABLE_STATUS_LABELS[d.status], `owner ${d.owner}`, `due ${d.dueOn}`, ...(d.decided ? [`by ${d.decided.by.name} on ${d.decided.at.slice(0, 10)}`] : [])].join(' · '), textMax),
      buttons: d.status === 'proposed' ? [
        execute('Approve', V.deliverableDecide, { etag, deliverableId: d.id, decision: 'approved' }, { style: 'positive', associatedInputs: 'none' }),
        execute('Reject', V.deliverableDecide, { etag, deliverableId: d.id, decision: 'rejected' }, { style: 'destructive', associatedInputs: 'none' }),
      ] : [],
    })),
    notesHeading: `Raised for the committee (${g.notes.length})`,
    notes: g.notes.slice(0, listMax).map((n) => ({
      text: clip(n.text, textMax),
      detail: `${NOTE_KIND_LABELS[n.kind]} · raised by ${clip(n.raised.by.name, 60)} on ${n.raised.at.slice(0, 10)}`,
      buttons: [execute('Close', V.noteClose, { etag, noteId: n.id }, none)],
    })),
    actions: formActions(g, input.stakeholders, etag),
    more: proposed.length > listMax ? plural(proposed.length - listMax, 'more deliverable') : '',
  });
}

export function renderCharterCard(input: CharterCardInput): Card {
  return fitCard((b) => render(input, b >= 3 ? 300 : 120, b ? b * 5 : 2), [6, 4, 2, 1, 0]);
}
