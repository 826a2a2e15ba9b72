// The charter, business case and timeline card verbs, declared once (the action registry is
// teams/governance/governance-actions.ts). Every change carries the ETag the card showed.
export const GOVERNANCE_VERBS = {
  charterShow: 'governance.charter.show',
  charterSave: 'governance.charter.save',
  memberAdd: 'governance.member.add',
  memberRemove: 'governance.member.remove',
  plansSave: 'governance.timeline.save',
  phaseAsk: 'governance.phase.ask',
  phaseConfirm: 'governance.phase.confirm',
  deliverableAdd: 'governance.deliverable.add',
  deliverableDecide: 'governance.deliverable.decide',
  noteAdd: 'governance.note.add',
  noteClose: 'governance.note.close',
  businessCaseShow: 'governance.business.show',
  scopeSave: 'governance.scope.save',
  useCaseEdit: 'governance.usecase.edit',
  useCaseSave: 'governance.usecase.save',
  useCaseRemove: 'governance.usecase.remove',
  useCaseUndo: 'governance.usecase.undo',
  measure: 'governance.ksi.measure',
} as const;

/** Verbs that only show something: a replay just shows it again. */
export const GOVERNANCE_VIEW_VERBS: readonly string[] = [GOVERNANCE_VERBS.charterShow, GOVERNANCE_VERBS.phaseAsk, GOVERNANCE_VERBS.businessCaseShow, GOVERNANCE_VERBS.useCaseEdit];

/** Input ids of the governance cards' forms. */
export const GOVERNANCE_INPUTS = {
  purpose: 'charterPurpose', objectives: 'charterObjectives', cadence: 'charterCadence',
  stakeholder: 'memberStakeholder', committeeRole: 'memberRole',
  deliverableTitle: 'deliverableTitle', deliverableOwner: 'deliverableOwner', deliverableDue: 'deliverableDue',
  noteKind: 'noteKind', noteText: 'noteText',
  scope: 'businessScope',
  name: 'ucName', currentProcess: 'ucCurrent', challenges: 'ucChallenges', howTeamsHelps: 'ucHow', outcome: 'ucOutcome',
  indicator: 'ucIndicator', comparison: 'ucComparison', target: 'ucTarget', unit: 'ucUnit', ksi: 'ucKsi',
} as const;

/** The KSI choice that aligns a use case with no KSI (a choice needs a value). */
export const NO_KSI = 'none';

/** A use case's measured-value inputs: one pair per use case on the same card. */
export const measureInputIds = (useCaseId: string) => ({ value: `measured_${useCaseId}`, on: `measuredOn_${useCaseId}` });
