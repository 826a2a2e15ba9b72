// The steering committee's charter (seed 001): why the committee exists, the objectives it keeps,
// who sits on it (people of the workspace's stakeholder matrix, each with a committee role) and
// how often it meets. Pure rules: the service hands in the stakeholder matrix it checks against.
import { choiceField, OpsValidationError, textField, validated, type Outcome } from '../ops/common';

export type CommitteeRole = 'executive-sponsor' | 'chair' | 'secretary' | 'member';
export const COMMITTEE_ROLES: readonly CommitteeRole[] = ['executive-sponsor', 'chair', 'secretary', 'member'];
export const COMMITTEE_ROLE_LABELS: Record<CommitteeRole, string> = { 'executive-sponsor': 'Executive sponsor', chair: 'Chair', secretary: 'Secretary', member: 'Member' };
/** Roles the committee holds once: a second one is refused until the first is removed. */
const SINGLE_ROLES: readonly CommitteeRole[] = ['executive-sponsor', 'chair', 'secretary'];

export type CharterCadence = 'weekly' | 'fortnightly' | 'monthly' | 'quarterly';
export const CHARTER_CADENCES: readonly CharterCadence[] = ['weekly', 'fortnightly', 'monthly', 'quarterly'];
export const CHARTER_CADENCE_LABELS: Record<CharterCadence, string> = { weekly: 'Weekly', fortnightly: 'Every two weeks', monthly: 'Monthly', quarterly: 'Quarterly' };

export const CHARTER_LIMITS = { purpose: 1000, objective: 300, objectives: 10, members: 20 } as const;

export interface CommitteeMember {
  /** The stakeholder-matrix row this member fills. */
  stakeholderId: string;
  /** The stakeholder role's name when the member was chosen (shown if the row is renamed or removed). */
  stakeholderRole: string;
  committeeRole: CommitteeRole;
}

export interface Charter {
  purpose: string;
  objectives: string[];
  members: CommitteeMember[];
  cadence: CharterCadence;
}

/** A stakeholder-matrix row as the charter sees it. */
export interface StakeholderChoice {
  id: string;
  role: string;
  person: string;
}

export const DEFAULT_CHARTER: Charter = {
  purpose: 'Steer the project toward the business outcomes it was started for. The committee decides what the project delivers to the business, not how the project team delivers it, and clears the obstacles the team cannot clear alone.',
  objectives: [
    'Keep the project team and the executive sponsor closely aligned.',
    'Give the executive sponsor a clear view of how the project stands.',
    'Let the executive sponsor steer the project toward the wider business goals by adjusting plans, OKRs and activities.',
  ],
  members: [
    { stakeholderId: 'project-executive-sponsor', stakeholderRole: 'Project Executive Sponsor', committeeRole: 'executive-sponsor' },
    { stakeholderId: 'project-lead', stakeholderRole: 'Project Lead', committeeRole: 'chair' },
    { stakeholderId: 'project-manager', stakeholderRole: 'Project Manager', committeeRole: 'secretary' },
    { stakeholderId: 'service-owner', stakeholderRole: 'Service Owner', committeeRole: 'member' },
    { stakeholderId: 'quality-champions', stakeholderRole: 'Quality Champions', committeeRole: 'member' },
  ],
  cadence: 'monthly',
};

export interface CharterInput {
  purpose?: unknown;
  /** One objective per line, or a list. */
  objectives?: unknown;
  cadence?: unknown;
}

const lines = (v: unknown): unknown[] => (Array.isArray(v) ? v : typeof v === 'string' ? v.split('\n') : v === undefined || v === null ? [] : [v]);

/** The purpose, objectives and cadence, checked; the members are changed one at a time. */
export function validateCharter(input: CharterInput, current: Charter): Outcome<Charter> {
  return validated(() => {
    const purpose = textField('The purpose', input.purpose, CHARTER_LIMITS.purpose, { multiline: true });
    const objectives = lines(input.objectives).map((o, i) => textField(`Objective ${i + 1}`, o, CHARTER_LIMITS.objective, { optional: true })).filter(Boolean);
    if (!objectives.length) throw new OpsValidationError('Write at least one objective, one per line.');
    if (objectives.length > CHARTER_LIMITS.objectives) throw new OpsValidationError(`The charter holds at most ${CHARTER_LIMITS.objectives} objectives; there are ${objectives.length}.`);
    const cadence = choiceField('How often the committee meets', input.cadence, CHARTER_CADENCES, CHARTER_CADENCE_LABELS);
    return { ...current, purpose, objectives, cadence };
  });
}

/** Adds a member from the stakeholder matrix; a committee role held once is refused a second time. */
export function addMember(charter: Charter, stakeholderId: unknown, role: unknown, matrix: readonly StakeholderChoice[]): Outcome<Charter> {
  return validated(() => {
    const committeeRole = choiceField('The committee role', role, COMMITTEE_ROLES, COMMITTEE_ROLE_LABELS);
    const stakeholder = matrix.find((s) => s.id === stakeholderId);
    if (!stakeholder) throw new OpsValidationError('Choose the member from the stakeholder matrix (roles stakeholders lists it).');
    if (charter.members.some((m) => m.stakeholderId === stakeholder.id)) throw new OpsValidationError(`${stakeholder.role} is already on the committee; remove them first to change their role.`);
    const holder = SINGLE_ROLES.includes(committeeRole) ? charter.members.find((m) => m.committeeRole === committeeRole) : undefined;
    if (holder) throw new OpsValidationError(`The committee has one ${COMMITTEE_ROLE_LABELS[committeeRole].toLowerCase()}: ${holder.stakeholderRole}. Remove them first.`);
    if (charter.members.length >= CHARTER_LIMITS.members) throw new OpsValidationError(`The committee has ${charter.members.length} members, the most the charter holds.`);
    return { ...charter, members: [...charter.members, { stakeholderId: stakeholder.id, stakeholderRole: stakeholder.role, committeeRole }] };
  });
}

export function removeMember(charter: Charter, stakeholderId: string): Outcome<Charter> {
  return validated(() => {
    if (!charter.members.some((m) => m.stakeholderId === stakeholderId)) throw new OpsValidationError('That member is no longer on the committee.');
    return { ...charter, members: charter.members.filter((m) => m.stakeholderId !== stakeholderId) };
  });
}

/** What the charter still lacks: seed 001 makes the executive sponsor the committee's counterpart. */
export function charterGaps(charter: Charter): string[] {
  const gaps: string[] = [];
  if (!charter.members.some((m) => m.committeeRole === 'executive-sponsor')) gaps.push('The committee has no executive sponsor: escalations have nobody to go to.');
  if (!charter.members.some((m) => m.committeeRole === 'chair')) gaps.push('The committee has no chair.');
  return gaps;
}

/** Members in the order the card lists them: sponsor, chair, secretary, then members as added. */
export function orderedMembers(members: readonly CommitteeMember[]): CommitteeMember[] {
  return members.map((m, i) => ({ m, i })).sort((a, b) => COMMITTEE_ROLES.indexOf(a.m.committeeRole) - COMMITTEE_ROLES.indexOf(b.m.committeeRole) || a.i - b.i).map((x) => x.m);
}
