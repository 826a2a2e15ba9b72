// How the product's features feed each other. Each feature stays ignorant of the others; this
// module builds them in order and connects their built services through the small interfaces
// the domain defines:
//   - the steering-committee agenda (ops) reads open findings and incidents, and the overdue
//     recurring tasks of the reminders feature (AgendaSources);
//   - a filed finding is announced in the channel of the role that must remediate it: the role
//     map (ops) says which channel, the saved conversation targets say how to reach it.
//   - "my work" reads the open findings, open incidents, schedules and role map of one workspace.
//   - problems link the workspace's incidents and findings and take their owner from the role map;
//     a change is raised from a finding; the agenda reads the problems-and-changes summary.
//   - the charter picks its members from the stakeholder matrix and aligns the business case's
//     outcomes with the KSIs (ops); the agenda reads the governance record for its charter sections;
//     phase changes go to the PhaseListeners passed in (ProductOptions).
import type { ConversationTargetRepository } from '../domain/conversation-target';
import { isOverdue, STATUS_LABELS, type Finding } from '../domain/findings/finding';
import { metric as metricInfo } from '../domain/findings/catalog';
import type { FindingService } from '../domain/findings/finding-service';
import { placeLabel, type QualityReport } from '../domain/findings/trends';
import type { OwningTeamChannels } from '../domain/findings/owning-team-channels';
import { responseStatus } from '../domain/incidents/cadence';
import type { IncidentService } from '../domain/incidents/incident-service';
import type { Incident } from '../domain/incidents/incident';
import { type AgendaFinding, type AgendaIncident, type AgendaQualityTrend, type AgendaSources, agendaSources } from '../domain/ops/agenda';
import { contactPerson, type RoleMapService } from '../domain/ops/roles';
import type { Workspace } from '../domain/workspace';
import { OPS_TABLES } from '../storage/ops/table-ops-repositories';
import { INCIDENT_TABLES } from '../storage/table-incident-repository';
import { registerMessageExtension } from '../teams/message-extension';
import type { Feature } from './feature';
import type { PhaseListener, PhaseReader } from '../domain/governance/phase';
import { type BuiltGovernance, buildGovernance, GOVERNANCE_FEATURE_TABLES, governanceAgendaSource, registerGovernance } from './governance-feature';
import type { OpsServices } from '../domain/ops/ops-services';
import { type BuiltFindings, buildFindings, FINDINGS_FEATURE_TABLES, registerFindings } from './findings-feature';
import { type BuiltIncidents, buildIncidents, registerIncidents } from './incidents-feature';
import { type BuiltMeetings, buildMeetings, MEETINGS_FEATURE_TABLES, registerMeetings } from './meetings-feature';
import { type BuiltMyWork, buildMyWork, registerMyWork } from './my-work-feature';
import { type BuiltOps, buildOps, registerOps } from './ops-feature';
import { type BuiltProblems, buildProblems, type ProblemsDeps, PROBLEMS_FEATURE_TABLES, problemsAgendaSource, problemsReviewSource, registerProblems } from './problems-feature';
import { type BuiltReminders, buildReminders, registerReminders, REMINDERS_FEATURE_TABLES } from './reminders-feature';
import { type BuiltReviewPack, createReviewPack, REVIEW_PACK_TABLES } from './review-pack-feature';
import { type BuiltRunbooks, buildRunbooks, registerRunbooks, RUNBOOKS_FEATURE_TABLES } from './runbooks-feature';
import { type BuiltReviews, buildReviews, registerReviews, REVIEWS_FEATURE_TABLES } from './reviews-feature';

const TITLE_MAX = 200;
const firstLine = (text: string) => {
  const line = (text.split('\n')[0] ?? '').trim();
  return line.length > TITLE_MAX ? `${line.slice(0, TITLE_MAX - 1)}…` : line;
};

/** An open finding as the agenda sees it: overdue by the finding's own time box. */
export function agendaFinding(f: Finding, now: Date): AgendaFinding {
  return { id: f.id, title: firstLine(f.description), status: STATUS_LABELS[f.status], createdAt: f.createdAt, overdue: isOverdue(f, now) };
}

/** An open incident as the agenda sees it: a missed (or overdue) first response, an overdue status update. */
export function agendaIncident(i: Incident, now: Date): AgendaIncident {
  const response = responseStatus(i, now).kind;
  return {
    srNumber: i.id,
    title: firstLine(`${i.service}: ${i.problem}`),
    severity: i.severity,
    responseGoalMissed: response === 'missed' || response === 'overdue',
    updateOverdue: i.nextUpdateDueAt !== undefined && Date.parse(i.nextUpdateDueAt) < now.getTime(),
  };
}

/** How many of the places above target the agenda names (the findings board lists them all). */
export const AGENDA_WORST_PLACES = 3;

/** The measured call quality as the agenda sees it: the latest month, all internal calls per metric, the worst places. */
export function agendaQualityTrend(report: Pick<QualityReport, 'latestMonth' | 'overall' | 'aboveTarget'> & { aboveCount?: number }): AgendaQualityTrend {
  const overall = report.overall.flatMap((t) => {
    const last = t.points[t.points.length - 1];
    if (!last) return [];
    const prev = t.points[t.points.length - 2];
    return [{
      metric: metricInfo(t.metric).label, month: last.month, rate: last.rate, target: last.target, above: last.above, direction: t.direction, streams: last.streams,
      ...(prev && last.vsPrevious ? { previous: { month: prev.month, rate: prev.rate, change: last.vsPrevious } } : {}),
    }];
  });
  const worst = report.aboveTarget.slice(0, AGENDA_WORST_PLACES).map((p) => ({
    place: placeLabel(p),
    metric: metricInfo(p.metric).label, rate: p.value, target: p.target, streams: p.streams,
  }));
  return { month: report.latestMonth, overall, worst, aboveCount: report.aboveCount ?? report.aboveTarget.length };
}

/**
 * The agenda's findings part: the new and overdue findings and the quality trend of the imported
 * call-quality measurements, from the findings summary (findingDigest, one read whatever the
 * number of findings); `findings` and `qualityTrend` read the records themselves.
 */
export function findingAgendaSource(findings: FindingService): Pick<AgendaSources, 'findings' | 'qualityTrend' | 'findingDigest'> {
  return {
    findings: async (ws, now) => (await findings.allOpen(ws)).map((f) => agendaFinding(f, now)),
    async qualityTrend(ws) {
      const report = await findings.qualityReport(ws);
      return report ? agendaQualityTrend(report) : undefined;
    },
    async findingDigest(ws, now, since) {
      const d = await findings.agendaDigest(ws, now, since);
      const lines = d.findings.findings.map((e) => ({ id: e.id, title: e.title, status: e.statusLabel, createdAt: e.createdAt, overdue: e.overdue }));
      return { findings: lines, total: d.findings.total, ...(d.quality ? { quality: agendaQualityTrend(d.quality) } : {}) };
    },
  };
}

/** The agenda's incidents part: every open incident (the agenda picks high severity and missed goals). */
export function incidentAgendaSource(incidents: IncidentService): Pick<AgendaSources, 'incidents'> {
  return {
    async incidents(ws, now) {
      return (await incidents.allOpen(ws)).map((s) => agendaIncident(s.incident, now));
    },
  };
}

/**
 * The owning team's channel from the role map: the role named like the finding's owning role
 * (case-insensitive), its channel, and the saved conversation target of that channel (where the
 * bot is installed). No channel set, or the bot not in it: undefined, and the finding card stays
 * where it was filed.
 */
export function roleMapChannels(roles: RoleMapService, targets: ConversationTargetRepository): OwningTeamChannels {
  return {
    async channelFor(ws: Workspace, roleName: string) {
      const wanted = roleName.trim().toLowerCase();
      const role = (await roles.list(ws)).find((r) => r.name.trim().toLowerCase() === wanted);
      if (!role?.channel) return undefined;
      const target = await targets.get(ws, role.channel.id);
      return target?.active ? target : undefined;
    },
  };
}

/** What problems and changes link to: the role map's names, and the incidents and findings of the workspace. */
export function problemLinks(roles: RoleMapService, findings: FindingService, incidents: IncidentService): ProblemsDeps {
  const findingTitle = async (ws: Workspace, id: string) => {
    const f = await findings.get(ws, id);
    return f ? firstLine(f.description) : undefined;
  };
  return {
    roleNames: async (ws) => (await roles.list(ws)).map((r) => r.name),
    findingTitle,
    linkTargets: {
      async title(ws, kind, ref) {
        if (kind === 'finding') return findingTitle(ws, ref);
        const i = await incidents.get(ws, ref);
        return i ? firstLine(`${i.incident.service}: ${i.incident.problem}`) : undefined;
      },
    },
  };
}

export interface BuiltProduct {
  ops: BuiltOps;
  findings: BuiltFindings;
  incidents: BuiltIncidents;
  reminders: BuiltReminders;
  myWork: BuiltMyWork;
  meetings: BuiltMeetings;
  problems: BuiltProblems;
  /** The charter, business case and timeline; `governance.phases` is the PhaseReader other features read. */
  governance: BuiltGovernance;
  /** Each team's OLA (sign-off, adherence) and the runbooks of the as-needed tasks. */
  runbooks: BuiltRunbooks;
  /** The management reviews; `reviews.phaseListener` opens the gate reviews of a phase change. */
  reviews: BuiltReviews;
  /** The monthly service review pack: reads incidents, findings, reminders and the problems-and-changes summary. */
  reviewPack: BuiltReviewPack;
}

/** What the product is told from outside its features. */
export interface ProductOptions {
  /** Told after a workspace's project phase changed (saved first; a failing listener is logged). */
  phaseListeners?: readonly PhaseListener[];
}

/** The charter's members come from the stakeholder matrix; the business case aligns with the KSIs. */
export function governanceLinks(ops: OpsServices, phaseListeners: readonly PhaseListener[] = []) {
  return {
    stakeholders: async (ws: Workspace) => (await ops.stakeholders.list(ws)).map((s) => ({ id: s.id, role: s.role, person: s.person })),
    ksis: async (ws: Workspace) => (await ops.okrs.ksis(ws)).map((k) => ({ id: k.id, question: k.question, successCriteria: k.successCriteria })),
    phaseListeners,
  };
}

/**
 * Every feature of the product, wired to each other: the agenda's sources are built first, so the
 * ops services get them at construction; then each feature registers its routes.
 */
export function createProductFeature(options: ProductOptions = {}): Feature<BuiltProduct> {
  return {
    name: 'product',
    tables: [...OPS_TABLES, ...FINDINGS_FEATURE_TABLES, ...INCIDENT_TABLES, ...REMINDERS_FEATURE_TABLES, ...MEETINGS_FEATURE_TABLES, ...PROBLEMS_FEATURE_TABLES, ...GOVERNANCE_FEATURE_TABLES, ...RUNBOOKS_FEATURE_TABLES, ...REVIEWS_FEATURE_TABLES, ...REVIEW_PACK_TABLES],
    register(ctx) {
      const findings = buildFindings(ctx);
      const incidents = buildIncidents(ctx);
      // The usage tasks follow the project phase; the timeline is built further down, read when a tick needs it.
      const phases: PhaseReader = { phaseOf: (ws, now) => governance.phases.phaseOf(ws, now) };
      const reminders = buildReminders(ctx, { phases });
      const sources = agendaSources(findingAgendaSource(findings.service), incidentAgendaSource(incidents.service), { overdueTasks: reminders.overdueTasks }, problemsAgendaSource(ctx), governanceAgendaSource(ctx));
      // A role's contact person rides on the schedules it owns: digests mention them without a role-map read.
      // The role map shows each team's OLA (its tasks are the reminders', its adherence their completions).
      // The help desk's OLA quotes the vendor-update rhythm of the workspace's own severity settings.
      const runbooks = buildRunbooks(ctx, async (ws) => (await incidents.service.settings(ws)).policy);
      const ops = buildOps(ctx, sources, async (ws, role) => { await reminders.service.setRoleContact(ws, role.name, contactPerson(role)); }, runbooks.hooks);
      registerOps(ctx, ops);
      registerFindings(ctx, findings, roleMapChannels(ops.services.roles, ctx.targets));
      registerIncidents(ctx, incidents, problemsReviewSource(ctx));
      registerReminders(ctx, reminders);
      registerRunbooks(ctx, runbooks);
      registerMessageExtension({ routes: ctx.messageExtension, clock: ctx.clock, findings, incidents });
      const myWork = buildMyWork(ctx, { findings: findings.service, incidents: incidents.service, reminders: reminders.service, roles: ops.services.roles });
      registerMyWork(ctx, myWork);
      const meetings = buildMeetings(ctx, ops.services.steering);
      registerMeetings(ctx, meetings, ops.actions);
      const problems = buildProblems(ctx, problemLinks(ops.services.roles, findings.service, incidents.service));
      registerProblems(ctx, problems);
      const reviewPack = createReviewPack(ctx, { incidents: incidents.service, findings: findings.service, changes: problems.changes });
      const reviews = buildReviews(ctx, { incidents: incidents.service, findings: findings.service, problems: problems.problems, risks: ops.services.risks, roles: ops.services.roles, stakeholders: ops.services.stakeholders, rates: reminders.rates });
      registerReviews(ctx, reviews);
      // A phase change opens the gate reviews of that transition (posted to the team's channel).
      const governance = buildGovernance(ctx, governanceLinks(ops.services, [reviews.phaseListener, ...(options.phaseListeners ?? [])]));
      registerGovernance(ctx, governance);
      return { ops, findings, incidents, reminders, myWork, meetings, problems, governance, runbooks, reviews, reviewPack };
    },
  };
}
