// The findings board tab: the open findings (the same list card as the `findings` command,
// with its filters) and, above it, what the filed findings say about quality month by month.
// Opening a finding shows its card; its buttons (accept, start, remediated, won't fix, reassign,
// note...) are the finding card actions (teams/findings/finding-actions.ts), as in chat.
//
// The trend chart: every call-quality (CQD) import stores its monthly aggregates, so when some
// were imported the board charts the measured poor stream rate of all internal calls against its
// target, and a card lists the buildings and subnets above target in the latest month (with the
// per-metric and per-category trends). Before anything was imported, the only figures are what
// the findings reported: per rate metric, the average of the values given in the findings filed
// each month, against the metric's target for internal networks. Each chart's title says which.
import { renderFindingListCard } from '../../cards/finding-list-card';
import { renderQualityTrendCard } from '../../cards/quality-trend-card';
import { FINDING_VERBS } from '../../cards/finding-verbs';
import { METRICS } from '../../domain/findings/catalog';
import type { FindingService } from '../../domain/findings/finding-service';
import { type FindingSummary, reportedAverages, totalFindings } from '../../domain/findings/finding-summary';
import { targetFor } from '../../domain/findings/targets';
import type { QualityReport } from '../../domain/findings/trends';
import type { ActionRegistry } from '../../teams/card-actions';
import type { TabViewProvider, TrendChart } from '../tab-views';
import { findingFirst } from './record-first';

export const FINDINGS_PAGE_SIZE = 10;

/**
 * Per rate metric with values, the monthly average of the values reported in findings filed
 * that month (every status: a remediated finding still reported what it saw), oldest first,
 * at most the last 36 months: from the findings summary, not from every finding.
 */
export function findingTrends(summary: FindingSummary): TrendChart[] {
  return reportedAverages(summary).map(({ metric, total, points }) => ({
    kind: 'trend',
    title: `${METRICS.find((m) => m.id === metric)?.label ?? metric} reported in findings: monthly average of ${total} reported value${total === 1 ? '' : 's'} (not a measurement of all calls)`,
    metric: METRICS.find((m) => m.id === metric)?.label ?? metric,
    target: targetFor({ metric, networkType: 'wired' })?.value ?? 0,
    lowerIsBetter: true,
    points,
  }));
}

/** The measured poor stream rate of all internal calls, from the stored import aggregates; none when the files had no poor measure. */
export function measuredTrends(report: QualityReport): TrendChart[] {
  const psr = report.overall.find((t) => t.metric === 'poor-stream-rate');
  const last = psr?.points[psr.points.length - 1];
  if (!psr || !last) return [];
  const points = psr.points.slice(-36).map((p) => ({ month: p.month, rate: p.rate }));
  return [{
    kind: 'trend',
    title: `Poor stream rate of all internal calls, measured in the imported call-quality data (${points.length} month${points.length === 1 ? '' : 's'})`,
    metric: 'Poor stream rate',
    target: last.target,
    lowerIsBetter: true,
    points,
  }];
}

/** The verbs of the findings board's cards; filing a finding happens in the chat's dialog. */
const BOARD_VERBS = [
  FINDING_VERBS.list, FINDING_VERBS.open, FINDING_VERBS.refresh, FINDING_VERBS.importConfirm, FINDING_VERBS.importAll, FINDING_VERBS.importDiscard,
  FINDING_VERBS.accept, FINDING_VERBS.start, FINDING_VERBS.remediated, FINDING_VERBS.verify, FINDING_VERBS.reopen, FINDING_VERBS.wontfix, FINDING_VERBS.reassign, FINDING_VERBS.note,
  FINDING_VERBS.importVerify, FINDING_VERBS.settingsOpen, FINDING_VERBS.settingsSave, FINDING_VERBS.settingsReset,
];

export function findingsView(service: FindingService, actions: ActionRegistry): TabViewProvider {
  return {
    id: 'findings',
    title: 'Findings board',
    description: 'Open quality findings and the quality trend against target.',
    async render(ctx) {
      const ws = ctx.workspace;
      // The page of open findings, the summary (counts and reported values) and the measurements: never every finding.
      // A link to one finding opens the board at it: its card (or why it is not shown) goes first.
      const [page, summary, report, first] = await Promise.all([service.list(ws, {}, { pageSize: FINDINGS_PAGE_SIZE }), service.summary(ws), service.qualityReport(ws), findingFirst(ctx, service)]);
      if (!totalFindings(summary) && !report) {
        return { cards: first ? [first.card] : [], empty: { title: 'No findings yet', text: 'No findings have been filed in this team. In the channel, type "@Service Ops finding" to file one, or import a call-quality CSV; the board and its trend fill in as findings are filed and data is imported.' } };
      }
      // Measured figures when there are any; otherwise what the findings reported.
      const measured = report ? measuredTrends(report) : [];
      const charts = measured.length ? measured : findingTrends(summary);
      return {
        cards: [
          ...(first ? [first.card] : []),
          renderFindingListCard({ items: page.items, filter: {}, now: ctx.clock(), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) }),
          ...(report ? [renderQualityTrendCard({ report })] : []),
        ],
        ...(charts.length ? { charts } : {}),
      };
    },
    actions: { registry: actions, verbs: BOARD_VERBS, refuse: () => 'Filing a finding happens in the chat: type "@Service Ops finding" in the channel.' },
  };
}
