// The management reviews (seed 002): gates and periodic reviews as records of their own, each
// run started from the live data of the other features (ReviewInputs, implemented here from their
// services), answered, and closed on its decisions and outputs. Its chat command, card actions
// and tab view; and the phase listener that opens the gate reviews of a phase change and posts
// their cards. Built after the ops, findings, incidents, reminders and problems features
// (wiring.ts), whose services it reads.
import { reviewsView } from '../api/views/reviews-view';
import type { ConversationTarget } from '../domain/conversation-target';
import { metric as metricInfo } from '../domain/findings/catalog';
import type { FindingService } from '../domain/findings/finding-service';
import { placeLabel } from '../domain/findings/trends';
import { type PhaseChange, type PhaseListener, PHASE_LABELS } from '../domain/governance/phase';
import type { IncidentService } from '../domain/incidents/incident-service';
import type { RiskService } from '../domain/ops/risks';
import type { RoleMapService } from '../domain/ops/roles';
import type { StakeholderService } from '../domain/ops/stakeholders';
import type { ProblemService } from '../domain/problems/problem-service';
import type { CompletionRate } from '../domain/reminders/completion';
import { type ReviewInputs, SNAPSHOT_LINES } from '../domain/reviews/review-inputs';
import { type ReviewPeople, ReviewService } from '../domain/reviews/review-service';
import { reviewTitle } from '../domain/reviews/review-templates';
import type { Workspace } from '../domain/workspace';
import { toWallTime } from '../platform/zoned-time';
import { REVIEW_TABLE, REVIEW_TABLES, TableReviewRepository } from '../storage/table-review-repository';
import type { ActionRegistry } from '../teams/card-actions';
import { createReviewActions } from '../teams/reviews/review-actions';
import { registerReviewCommands } from '../teams/reviews/review-commands';
import { ReviewViews } from '../teams/reviews/review-views';
import type { FeatureContext } from './feature';

export const REVIEWS_FEATURE_TABLES = REVIEW_TABLES;

export interface ReviewsDeps {
  incidents: IncidentService;
  findings: FindingService;
  /** Problems and changes share one summary row: a snapshot reads it once for both parts. */
  problems: ProblemService;
  risks: RiskService;
  roles: RoleMapService;
  stakeholders: StakeholderService;
  /** On-time completion of the recurring tasks (reminders feature). */
  rates(ws: Workspace): Promise<CompletionRate[]>;
}

export interface BuiltReviews {
  service: ReviewService;
  views: ReviewViews;
  actions: ActionRegistry;
  /** Opens the gate reviews of a phase change and posts their cards; the governance feature calls it. */
  phaseListener: PhaseListener;
}

async function incidentInput(incidents: IncidentService, ws: Workspace, now: Date) {
  // The month in progress where the team works: on 1 July in Auckland it is July, not June (UTC).
  const { timeZone } = await incidents.settings(ws);
  const { year, month } = toWallTime(now, timeZone);
  const [f, open] = await Promise.all([incidents.figures(ws, year, month, { timeZone }), incidents.allOpen(ws)]);
  return {
    month: `${year}-${String(month).padStart(2, '0')}`, total: f.total, bySeverity: { ...f.countBySeverity }, open: open.length,
    firstResponseShare: f.firstResponse.share, updatesOnTimeShare: f.updates.share, meanTimeToResolveMinutes: f.meanTimeToResolveMinutes,
  };
}

function taskInput(rates: readonly CompletionRate[]) {
  const teams = new Map<string, { due: number; onTime: number }>();
  for (const r of rates) {
    const t = teams.get(r.team) ?? { due: 0, onTime: 0 };
    teams.set(r.team, { due: t.due + r.due, onTime: t.onTime + r.onTime });
  }
  const due = [...teams.values()].reduce((n, t) => n + t.due, 0);
  if (!due) return undefined;
  const onTime = [...teams.values()].reduce((n, t) => n + t.onTime, 0);
  const lowest = [...teams].filter(([, t]) => t.due > 0).map(([team, t]) => ({ team, rate: t.onTime / t.due })).sort((a, b) => a.rate - b.rate).slice(0, SNAPSHOT_LINES);
  return { due, onTime, rate: onTime / due, lowest };
}

/** The live data of a review, from the services the other features built. */
export function reviewInputs(deps: ReviewsDeps): ReviewInputs {
  return {
    incidents: (ws, now) => incidentInput(deps.incidents, ws, now),
    async quality(ws) {
      const r = await deps.findings.qualityReport(ws);
      if (!r) return undefined;
      const overall = r.overall.flatMap((t) => {
        const last = t.points[t.points.length - 1];
        return last ? [{ metric: metricInfo(t.metric).label, rate: last.rate, target: last.target, above: last.above, direction: t.direction }] : [];
      });
      const aboveTarget = r.aboveTarget.slice(0, SNAPSHOT_LINES).map((p) => ({ place: placeLabel(p), metric: metricInfo(p.metric).label, rate: p.value, target: p.target }));
      return { month: r.latestMonth, overall, aboveTarget, aboveCount: r.aboveTarget.length };
    },
    async problemsAndChanges(ws) {
      const s = await deps.problems.summary(ws);
      return {
        problems: { open: s.openProblemTotal, top: s.openProblems.slice(0, SNAPSHOT_LINES).map((p) => ({ id: p.id, title: p.title, incidents: p.incidents.length, hasRootCause: p.hasRootCause })) },
        changes: { byStatus: { ...s.changeCounts } as Record<string, number>, emergencyAwaitingReview: s.emergencyTotal },
      };
    },
    async risks(ws) {
      const open = (await deps.risks.list(ws)).filter((r) => r.status === 'open');
      return { open: open.length, high: open.filter((r) => r.overall === 'high').length, top: open.slice(0, SNAPSHOT_LINES).map((r) => ({ title: r.title, overall: r.overall, owner: r.owner })) };
    },
    tasks: async (ws) => taskInput(await deps.rates(ws)),
  };
}

function reviewPeople(deps: ReviewsDeps): ReviewPeople {
  return {
    stakeholders: async (ws) => (await deps.stakeholders.list(ws)).map((s) => ({ role: s.role, person: s.person })),
    roles: async (ws) => (await deps.roles.list(ws)).map((r) => ({ name: r.name, team: r.team, contact: r.contact, ...(r.contactId ? { contactId: r.contactId } : {}) })),
  };
}

/** Where a gate review's card goes: the conversation the change came from, the workspace's own, or any installed one. */
async function postTarget(ctx: FeatureContext, ws: Workspace, conversationId: string | undefined): Promise<ConversationTarget | undefined> {
  for (const id of [conversationId, ws.scopeId]) {
    if (!id) continue;
    const t = await ctx.targets.get(ws, id);
    if (t?.active) return t;
  }
  return (await ctx.targets.listActive(ws))[0];
}

/** The listener: a failure is logged, never thrown, so the phase change it follows stands. */
export function reviewPhaseListener(ctx: FeatureContext, service: ReviewService, views: ReviewViews): PhaseListener {
  return async (change: PhaseChange & { conversationId?: string }) => {
    try {
      const started = await service.startGates(change);
      const fresh = started.filter((r) => r.kind === 'started');
      if (!fresh.length) return;
      const target = await postTarget(ctx, change.workspace, change.conversationId);
      if (!target) return void ctx.log.warn('no conversation to post the gate reviews to', { workspace: change.workspace.tenantId });
      for (const r of fresh) {
        const card = await views.card(change.workspace, r.run, { message: `The project moved to ${PHASE_LABELS[change.to]}: ${reviewTitle(r.template)} opened with the data as it is now.` }, r.roleNames);
        const sent = await ctx.sender.send(target, card, `${r.run.id}: ${reviewTitle(r.template)}`);
        if (sent !== 'sent') ctx.log.warn('a gate review card could not be posted', { outcome: JSON.stringify(sent) });
      }
    } catch (e) {
      ctx.log.warn('the gate reviews of a phase change could not be started', { error: String(e) });
    }
  };
}

export function buildReviews(ctx: FeatureContext, deps: ReviewsDeps): BuiltReviews {
  const service = new ReviewService({ repo: new TableReviewRepository(ctx.store.client(REVIEW_TABLE)), inputs: reviewInputs(deps), people: reviewPeople(deps), clock: ctx.clock });
  const views = new ReviewViews(service, async (ws) => (await deps.roles.list(ws)).map((r) => r.name));
  return { service, views, actions: createReviewActions(views), phaseListener: reviewPhaseListener(ctx, service, views) };
}

export function registerReviews(ctx: FeatureContext, built: BuiltReviews): void {
  registerReviewCommands(ctx.commands, built.views);
  ctx.verbs.routeActions(built.actions);
  ctx.tabViews.register(reviewsView(built.views, built.actions));
}
