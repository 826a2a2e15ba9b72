// The six management reviews of Microsoft Operations Framework (seed 002) as data. Three are
// gates, the controls at a hand-off (Portfolio, Project Plan Approved, Release Readiness); three
// are periodic reviews of the running service (Service Alignment, Operational Health, Policy and
// Control). Each names who decides (the service management director), who prepares and records
// (the manager) and who supplies the data (the individual contributor), mapped onto the
// workspace's stakeholder matrix or role map; the questions it answers; the live data it reads
// at its start; and the outputs it is expected to produce. Ids are stable: runs store them.
import { PROJECT_PHASES, type ProjectPhase } from '../governance/phase';

export type ReviewKind = 'gate' | 'periodic';
/** The MOF phase or layer a review belongs to. */
export type MofPhase = 'plan' | 'deliver' | 'operate' | 'manage';
export const MOF_PHASE_LABELS: Record<MofPhase, string> = { plan: 'Plan phase', deliver: 'Deliver phase', operate: 'Operate phase', manage: 'Manage layer' };

/** Seed 002's three roles in every review. */
export type ReviewRoleKind = 'decides' | 'prepares' | 'supplies';
export const REVIEW_ROLE_KINDS: readonly ReviewRoleKind[] = ['decides', 'prepares', 'supplies'];
export const REVIEW_ROLE_LABELS: Record<ReviewRoleKind, string> = {
  decides: 'Decides (service management director)',
  prepares: 'Prepares and records (service management manager)',
  supplies: 'Supplies the data (individual contributor)',
};

/** Where the workspace names who fills a review role: a stakeholder of the matrix, or a role of the role map. */
export interface ReviewRoleRef {
  source: 'stakeholder' | 'role';
  /** The stakeholder role or operational role, by its default name (matched case-insensitively). */
  name: string;
}

/** The live data a review reads when it starts. */
export type ReviewInputPart = 'incidents' | 'quality' | 'problems' | 'changes' | 'risks' | 'tasks';

export interface ReviewQuestion {
  id: string;
  text: string;
}

export interface ReviewOutputKind {
  id: string;
  label: string;
}

export interface ReviewTemplate {
  id: string;
  name: string;
  kind: ReviewKind;
  phase: MofPhase;
  /** What the review controls or looks at, in one line. */
  purpose: string;
  /** Gates: the project phase transitions that open it. */
  transitions: readonly { from: ProjectPhase; to: ProjectPhase }[];
  /** Periodic reviews: how often a run is held. */
  cadence?: 'month' | 'quarter';
  roles: Record<ReviewRoleKind, ReviewRoleRef>;
  questions: readonly ReviewQuestion[];
  outputs: readonly ReviewOutputKind[];
  inputs: readonly ReviewInputPart[];
  /** Words a person may type after `review` to name it. */
  aliases: readonly string[];
}

const q = (id: string, text: string): ReviewQuestion => ({ id, text });
const out = (id: string, label: string): ReviewOutputKind => ({ id, label });
const stakeholder = (name: string): ReviewRoleRef => ({ source: 'stakeholder', name });
const role = (name: string): ReviewRoleRef => ({ source: 'role', name });

// Seed 002, checkpoint reviews: the manager documents "approved scope, risks mitigation plan,
// funding allocated, documentation, and go/no-go decisions".
const GATE_OUTPUTS = [out('scope', 'Approved scope'), out('risk-plan', 'Risk mitigation plan'), out('funding', 'Funding allocated'), out('documentation', 'Documentation'), out('go-no-go', 'Go/no-go decision')];
// Seed 002, service performance reviews: "proposed changes in services, processes, new
// initiatives, budget changes".
const PERIODIC_OUTPUTS = [out('service-changes', 'Proposed changes in services'), out('process-changes', 'Proposed changes in processes'), out('initiatives', 'New initiatives'), out('budget', 'Budget changes')];

export const REVIEW_TEMPLATES: readonly ReviewTemplate[] = [
  {
    id: 'portfolio', name: 'Portfolio', kind: 'gate', phase: 'plan',
    purpose: 'The control that moves work from the Plan phase into project envisioning: are we starting the right, approved initiatives?',
    transitions: [{ from: 'envision', to: 'onboard' }],
    roles: { decides: stakeholder('Project Executive Sponsor'), prepares: stakeholder('Project Lead'), supplies: stakeholder('Collaboration Lead/Architect') },
    questions: [
      q('right-work', 'Is service management working on the right initiatives?'),
      q('invest', 'Do we invest further in the projects proposed so far?'),
      q('value', 'What do the proposed changes require, and what business value does each bring?'),
      q('risk-value', 'What risk does each proposal carry against its value?'),
      q('vision', 'Is the preliminary vision and scope approved to move into delivery?'),
    ],
    outputs: GATE_OUTPUTS,
    inputs: ['incidents', 'problems', 'risks', 'changes'],
    aliases: ['portfolio', 'portfolio review'],
  },
  {
    id: 'project-plan-approved', name: 'Project Plan Approved', kind: 'gate', phase: 'deliver',
    purpose: 'The control between project planning and building: are the specification, plan and schedule in place and approved?',
    transitions: [{ from: 'envision', to: 'onboard' }],
    roles: { decides: stakeholder('Project Executive Sponsor'), prepares: stakeholder('Project Manager'), supplies: stakeholder('Deployment Lead') },
    questions: [
      q('plans', 'Are the functional specification, master project plan and master schedule in place?'),
      q('criteria', 'Are the decision criteria and the data behind them documented?'),
      q('risks', 'Are risks, mitigations and contingencies planned for?'),
      q('people', 'Are the right people part of the conversation?'),
      q('change-record', 'Is a change record opened, so the project stays traceable in production?'),
    ],
    outputs: GATE_OUTPUTS,
    inputs: ['incidents', 'problems', 'risks', 'changes', 'tasks'],
    aliases: ['project plan approved', 'project plan', 'plan approved', 'ppa'],
  },
  {
    id: 'release-readiness', name: 'Release Readiness', kind: 'gate', phase: 'deliver',
    purpose: 'The control from project mode into production: is the solution ready, and are operations and support ready to run it?',
    transitions: [{ from: 'onboard', to: 'drive-value' }],
    roles: { decides: stakeholder('Project Executive Sponsor'), prepares: stakeholder('Project Manager'), supplies: stakeholder('Support/Help Desk Lead') },
    questions: [
      q('evaluated', 'Has the solution been evaluated against its specification?'),
      q('remaining', 'Which issues must be addressed before deployment?'),
      q('operations', 'Are operations ready: troubleshooting guides, backup and restore, support hand-over?'),
      q('go', 'Go or no-go into production, and on which conditions?'),
    ],
    outputs: GATE_OUTPUTS,
    inputs: ['incidents', 'quality', 'problems', 'risks', 'tasks'],
    aliases: ['release readiness', 'release', 'readiness', 'go live', 'go-live'],
  },
  {
    id: 'service-alignment', name: 'Service Alignment', kind: 'periodic', phase: 'plan', cadence: 'quarter',
    purpose: 'Plan phase, each quarter: do the services still match what the business needs?',
    transitions: [],
    roles: { decides: stakeholder('Project Executive Sponsor'), prepares: stakeholder('Project Lead'), supplies: role('Service Owner') },
    questions: [
      q('objectives', 'Do the services still meet the business objectives and the scorecard?'),
      q('attention', 'Which services and processes most need attention?'),
      q('levels', 'Do the service levels and agreements still fit?'),
      q('invest', 'Which proposed improvements do we invest in?'),
    ],
    outputs: PERIODIC_OUTPUTS,
    inputs: ['incidents', 'quality', 'risks', 'tasks'],
    aliases: ['service alignment', 'alignment'],
  },
  {
    id: 'operational-health', name: 'Operational Health', kind: 'periodic', phase: 'operate', cadence: 'month',
    purpose: 'Operate phase, each month: is the service running as agreed, and what must improve?',
    transitions: [],
    roles: { decides: role('Service Owner'), prepares: stakeholder('Project Lead'), supplies: role('Quality Champion') },
    questions: [
      q('levels', 'Is the service running to its agreed levels?'),
      q('broken', 'Which services and processes cause the most dissatisfaction, disruption and downtime?'),
      q('problems', 'Which recurring incidents need a problem record or a change?'),
      q('measures', 'Are the operational measures still the right ones?'),
      q('invest', 'Which improvements do we invest in?'),
    ],
    outputs: PERIODIC_OUTPUTS,
    inputs: ['incidents', 'quality', 'problems', 'changes', 'tasks'],
    aliases: ['operational health', 'health', 'ops health'],
  },
  {
    id: 'policy-control', name: 'Policy and Control', kind: 'periodic', phase: 'manage', cadence: 'quarter',
    purpose: 'Manage layer, each quarter: are policies followed and are changes under control?',
    transitions: [],
    roles: { decides: stakeholder('Project Executive Sponsor'), prepares: role('Service Owner'), supplies: role('Tenant Admin') },
    questions: [
      q('compliance', 'Are the policies followed?'),
      q('changes', 'Are changes and configuration under control?'),
      q('gaps', 'Which risks and control gaps are open?'),
      q('policy', 'Which policies or controls do we change?'),
    ],
    outputs: PERIODIC_OUTPUTS,
    inputs: ['changes', 'risks', 'tasks'],
    aliases: ['policy and control', 'policy', 'control', 'policy control'],
  },
];

const BY_ID = new Map(REVIEW_TEMPLATES.map((t) => [t.id, t]));

export function reviewTemplate(id: string): ReviewTemplate | undefined {
  return BY_ID.get(id);
}

const words = (text: string) => text.trim().toLowerCase().replace(/\s+management review$|\s+review$|\s+mr$/, '').replace(/[^a-z0-9]+/g, ' ').trim();

/** The review a person named: its id, its name or an alias ("release", "Operational Health MR"). */
export function findReviewTemplate(text: string): ReviewTemplate | undefined {
  const w = words(text);
  if (!w) return undefined;
  return REVIEW_TEMPLATES.find((t) => t.id === w.replace(/ /g, '-') || words(t.name) === w || t.aliases.some((a) => words(a) === w));
}

/**
 * The gate reviews a phase change opens, in seed order: every gate on the way forward (a change
 * that skips a phase passes its gates too); going back opens none. A first phase set with no
 * phase before counts from the start.
 */
export function gatesFor(from: ProjectPhase | undefined, to: ProjectPhase): ReviewTemplate[] {
  const start = from === undefined ? 0 : PROJECT_PHASES.indexOf(from);
  const end = PROJECT_PHASES.indexOf(to);
  if (end <= start) return [];
  const passed = (x: { from: ProjectPhase; to: ProjectPhase }) => PROJECT_PHASES.indexOf(x.from) >= start && PROJECT_PHASES.indexOf(x.to) <= end;
  return REVIEW_TEMPLATES.filter((t) => t.kind === 'gate' && t.transitions.some(passed));
}

export const reviewTitle = (t: Pick<ReviewTemplate, 'name'>) => `${t.name} management review`;
