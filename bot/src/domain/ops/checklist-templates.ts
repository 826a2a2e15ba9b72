// Review checklists as data. Item ids are stable (runs store ticks by id), so wording can be
// improved without losing a run's progress; never reuse an id for a different item.
// Sources: the Quality Experience Review facts, MOF's six management reviews (each in its
// inputs, analysis, decisions and outputs), the service-desk alignment phases of the support
// service description, and the support roles and responsibilities of the hand-over guidance.

export interface ChecklistItemTemplate {
  id: string;
  text: string;
}

export interface ChecklistSection {
  id: string;
  title: string;
  items: ChecklistItemTemplate[];
}

export type ChecklistFamily = 'quality' | 'management-review' | 'service-desk' | 'hand-over';

export interface ChecklistTemplate {
  id: string;
  title: string;
  family: ChecklistFamily;
  summary: string;
  /** How often a run is usually held, as a hint for the period ("2025-03", "2025 Q1", "Pilot"). */
  periodHint: string;
  sections: ChecklistSection[];
}

const section = (id: string, title: string, items: [string, string][]): ChecklistSection => ({ id, title, items: items.map(([itemId, text]) => ({ id: `${id}.${itemId}`, text })) });

// The management reviews are run as records of their own (domain/reviews/: people, live data,
// decisions with owners and due dates, outputs; `review <name>` in chat). These mr-* checklists
// stay so the runs stored under their ids keep opening.
const mr = (id: string, title: string, summary: string, parts: { inputs: [string, string][]; analysis: [string, string][]; decisions: [string, string][]; outputs: [string, string][] }): ChecklistTemplate => ({
  id, title, family: 'management-review', summary, periodHint: 'Quarter, e.g. 2025 Q2',
  sections: [section('inputs', 'Inputs', parts.inputs), section('analysis', 'Analysis', parts.analysis), section('decisions', 'Decisions', parts.decisions), section('outputs', 'Outputs', parts.outputs)],
});

export const CHECKLIST_TEMPLATES: readonly ChecklistTemplate[] = [
  {
    id: 'qer', title: 'Quality Experience Review', family: 'quality', periodHint: 'Month, e.g. 2025-03',
    summary: 'The quality champion\'s monthly review of call reliability, call quality, user ratings, devices and clients against the targets. Reliability comes first.',
    sections: [
      section('reliability', 'Call reliability', [
        ['setup', 'Setup failure rate this month compared with the target and with last month'],
        ['drop', 'Drop failure rate this month compared with the target and with last month'],
        ['where', 'Buildings and subnets where setup or drop failures concentrate identified'],
        ['firewall', 'Firewall and proxy causes of failures checked'],
      ]),
      section('quality', 'Call quality', [
        ['psr', 'Poor stream rate, internal and external, compared with the targets'],
        ['buildings', 'Buildings and subnets above target listed, even where the overall rate is below it'],
        ['networks', 'Wired, Wi-Fi and VPN calls compared'],
        ['transport', 'Calls over TCP and HTTP proxy rather than UDP checked'],
        ['trend', 'Trend per metric noted: rising, steady or falling'],
      ]),
      section('survey', 'User survey', [
        ['ratings', 'Call ratings reviewed (1-2 poor, 3-4 good, 5 excellent), keeping in mind they lean towards poor'],
        ['clusters', 'Where poor ratings cluster identified'],
      ]),
      section('devices', 'Devices', [
        ['audio', 'Most-used microphones and speakers and their effect on quality reviewed'],
        ['drivers', 'Audio, video, USB and Wi-Fi drivers confirmed up to date'],
      ]),
      section('clients', 'Clients', [
        ['versions', 'Client types and versions in use, and their effect, reviewed'],
      ]),
      section('follow-up', 'Follow-up', [
        ['findings', 'A finding filed, with an owning team, for every area above target'],
        ['report', 'Results and open remediation ready for the steering committee'],
      ]),
    ],
  },
  mr('mr-operational-health', 'Operational Health management review', 'Operate phase: is the service running as agreed, and what must improve?', {
    inputs: [['performance', 'Service performance against SLAs and OLAs'], ['incidents', 'Incident and problem records and their trends'], ['service-desk', 'The periodic service-desk reports'], ['monitoring', 'Monitoring and availability data']],
    analysis: [['assess', 'Current service performance assessed'], ['broken', 'The services and processes causing the most dissatisfaction, disruption and downtime isolated'], ['measures', 'Operational measures reviewed for effectiveness']],
    decisions: [['invest', 'Decided whether to invest in the proposed improvements'], ['priorities', 'Improvements prioritised by business impact and effort to fix']],
    outputs: [['changes', 'Proposed changes to services and processes documented'], ['initiatives', 'New initiatives and budget changes documented'], ['communicated', 'Decisions and owners communicated to the stakeholders']],
  }),
  mr('mr-service-alignment', 'Service Alignment management review', 'Plan phase: do the services still match what the business needs?', {
    inputs: [['objectives', 'Business objectives and the IT scorecard'], ['catalog', 'The service catalog'], ['service-levels', 'Service-level performance and customer feedback']],
    analysis: [['catalog-analysis', 'Service catalog analysed to find where effort pays off most'], ['fit', 'Each service checked against current business needs'], ['agreements', 'SLAs and OLAs checked for fit']],
    decisions: [['services', 'Decided which service improvements to fund'], ['levels', 'Decided on changes to service levels']],
    outputs: [['catalog-updated', 'Service catalog and agreements updated'], ['plan', 'Prioritised improvement plan and budget changes recorded']],
  }),
  mr('mr-policy-control', 'Policy and Control management review', 'Manage layer: are policies followed and are changes under control?', {
    inputs: [['policies', 'Current policies'], ['changes', 'Change and configuration records'], ['grc', 'Governance, risk and compliance status, including audit results']],
    analysis: [['compliance', 'Compliance with policies assessed'], ['change-process', 'Change and configuration outcomes and measures reviewed'], ['risks', 'Risks and control gaps identified']],
    decisions: [['policy', 'Decided on policy changes'], ['controls', 'Decided on control improvements']],
    outputs: [['updated', 'Updated policies published'], ['control-plan', 'Control improvement plan with owners recorded']],
  }),
  mr('mr-portfolio', 'Portfolio management review', 'End of the Plan phase: are we working on the right initiatives?', {
    inputs: [['proposals', 'Proposed projects and the requirements of the proposed changes'], ['value', 'Business value of each proposal']],
    analysis: [['right-work', 'Checked that the initiatives are the right ones'], ['risk-value', 'Risk and value of each proposal discussed']],
    decisions: [['invest', 'Decided whether to invest further in each proposed project'], ['vision', 'Preliminary vision and scope approved to move into delivery']],
    outputs: [['approved', 'Approved portfolio with preliminary vision and scope'], ['handed-on', 'Project information passed on to the service management managers']],
  }),
  mr('mr-project-plan-approved', 'Project Plan Approved management review', 'Deliver phase: is the plan ready to start building?', {
    inputs: [['spec', 'Functional specification'], ['plan', 'Master project plan'], ['schedule', 'Master schedule']],
    analysis: [['criteria', 'Decision criteria and the data behind them documented'], ['risks', 'Risks, mitigations and contingencies planned'], ['people', 'The right people are part of the conversation']],
    decisions: [['approve', 'Approved (or not) to move from planning to building']],
    outputs: [['baseline', 'Approved scope, risk mitigation plan and funding recorded'], ['change-record', 'Traceable change record opened for the project']],
  }),
  mr('mr-release-readiness', 'Release Readiness management review', 'Deliver phase: is the solution ready for production?', {
    inputs: [['tested', 'Test results of the built solution'], ['deployment-plan', 'Deployment plan'], ['issues', 'List of known issues']],
    analysis: [['evaluate', 'Solution evaluated against its specification'], ['remaining', 'Issues that must be fixed before deployment identified'], ['operations', 'Operations and support ready to take it on']],
    decisions: [['go', 'Go or no-go decision taken']],
    outputs: [['decision-recorded', 'Go/no-go decision and conditions recorded'], ['documentation', 'Release documentation handed to operations']],
  }),
  {
    id: 'sda-deployment', title: 'Service-desk alignment: deployment phase', family: 'service-desk', periodHint: 'Phase, e.g. Deployment',
    summary: 'Discovery and planning that prepare the service desk, ending with the sign-off of Service Ready.',
    sections: [
      section('discovery', 'Discovery and planning', [
        ['business', 'Business needs understood'],
        ['requirements', 'Service-desk planning and support requirements discussed'],
        ['onboarding-info', 'Information needed for support onboarding collected and validated'],
        ['current-tools', 'Current support services and systems surveyed (incidents, problems, known errors, change)'],
        ['incident-process', 'Incident management process and activities discussed'],
        ['change-process', 'Change management process and activities discussed'],
        ['training-needs', 'Training needs of the support team and service desk identified'],
        ['framework', 'Service desk aligned to the vendor support framework'],
      ]),
      section('before-pilot', 'Before the pilot starts', [
        ['data', 'Organization data integrated with the vendor support infrastructure'],
        ['tools', 'Support resources and tools provisioned and validated'],
        ['training', 'Service-desk staff trained to the required level'],
        ['processes', 'Service-desk processes, procedures, roles and responsibilities in place'],
        ['test-escalation', 'Test incident escalated, de-escalated and archived with the vendor'],
        ['service-ready', 'Service Ready declared for every deployed service'],
        ['relationship', 'Plan for the ongoing vendor relationship agreed with key stakeholders'],
        ['signoff', 'Service Ready acceptance signed off'],
      ]),
    ],
  },
  {
    id: 'sda-pilot', title: 'Service-desk alignment: pilot phase', family: 'service-desk', periodHint: 'Phase, e.g. Pilot',
    summary: 'The support processes run for real with a subset of users.',
    sections: [
      section('incidents', 'Support processes exercised', [
        ['detect', 'Incident detection, recording and escalation'],
        ['classify', 'Incident classification and initial support'],
        ['diagnose', 'Incident investigation and diagnosis'],
        ['resolve', 'Incident resolution and recovery'],
        ['close', 'Incident closure'],
        ['communicate', 'Incident monitoring and communication'],
        ['operate-tasks', 'Owners named for the tasks of the operate phase'],
      ]),
    ],
  },
  {
    id: 'sda-operate', title: 'Service-desk alignment: operate phase (monthly service review)', family: 'service-desk', periodHint: 'Month, e.g. 2025-03',
    summary: 'The monthly service review of the run state.',
    sections: [
      section('review', 'Monthly service review', [
        ['performance', 'Service-level performance reviewed'],
        ['improvement', 'Improvement plans reviewed'],
        ['technical', 'Technical escalations from operation incidents reviewed'],
        ['non-technical', 'Non-technical escalations reviewed'],
      ]),
    ],
  },
  {
    id: 'support-handover', title: 'Support hand-over', family: 'hand-over', periodHint: 'Release or date, e.g. Go-live 2025-06',
    summary: 'Before the project hands the system to support: roles filled, every responsibility covered, and agreements that match.',
    sections: [
      section('roles', 'Support roles filled', [
        ['super-users', 'Business super users named as first-line support'],
        ['process-experts', 'Business process experts named for each workstream'],
        ['architect', 'Technical architect named'],
        ['technical-experts', 'Technical experts named'],
        ['developers', 'Developers named for fixes and new custom functionality'],
        ['release-manager', 'Release manager named'],
        ['support-manager', 'Support manager accountable for the support services named'],
        ['stakeholders', 'Business and IT stakeholders engaged for direction and priorities'],
      ]),
      section('responsibilities', 'Responsibilities covered', [
        ['business-processes', 'Business process support: process health, triage, issue lifecycle, resolving authorities'],
        ['service-operations', 'Service operations: environments, downtime windows, update calendar'],
        ['system-operations', 'System operations: integrations, batch jobs, reporting'],
        ['monitoring', 'Maintenance and monitoring: health, security roles, certificate rotation, clean-up'],
        ['break-fix', 'Break/fix of reported errors and system administration settings'],
        ['data-quality', 'Data quality: core data, priorities with data stewards, periodic audits'],
        ['proficiency', 'User proficiency: training new users and on request, adoption'],
        ['releases', 'Next releases: impact assessment, testing, documentation, communication, environments'],
      ]),
      section('agreements', 'Budgets and agreements', [
        ['no-gaps', 'Every task mapped to a role or resolving authority over the whole request lifecycle, without gaps'],
        ['budgets', 'Budgets defined for the new tasks and responsibilities'],
        ['internal', 'Internal service agreements and resource splits agreed'],
        ['third-party', 'Third-party contracts with SLAs that match the expected tasks'],
      ]),
    ],
  },
];

const BY_ID = new Map(CHECKLIST_TEMPLATES.map((t) => [t.id, t]));
export const checklistTemplate = (id: string) => BY_ID.get(id);
export const templateItemIds = (t: ChecklistTemplate) => t.sections.flatMap((s) => s.items.map((i) => i.id));
