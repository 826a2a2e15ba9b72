// The findings board tab: the open findings (the same list card as the `findings` command,
// with its filters) and, above it, what the filed findings say about quality month by month.
// Opening a finding shows its card; its buttons (accept, start, remediated, won't fix, reassign,
// note...) go to FindingService.act with the same rules and ETag checks as in chat.
//
// The trend chart: every call-quality (CQD) import stores its monthly aggregates, so when some
// were imported the board charts the measured poor stream rate of all internal calls against its
// target, and a card lists the buildings and subnets above target in the latest month (with the
// per-metric and per-category trends). Before anything was imported, the only figures are what
// the findings reported: per rate metric, the average of the values given in the findings filed
// each month, against the metric's target for internal networks. Each chart's title says which.
import { parseListFilter, renderFindingListCard, toServiceFilter } from '../../cards/finding-list-card';
import { renderFindingCard } from '../../cards/finding-card';
import { renderQualityTrendCard } from '../../cards/quality-trend-card';
import { selectedProposalKeys } from '../../cards/finding-import-card';
import { FINDING_VERBS, findingActionOf } from '../../cards/finding-verbs';
import { DEFAULT_ROLE_NAMES, METRICS } from '../../domain/findings/catalog';
import { type Finding, parseFindingId } from '../../domain/findings/finding';
import type { FindingService } from '../../domain/findings/finding-service';
import { type FindingSummary, reportedAverages, totalFindings } from '../../domain/findings/finding-summary';
import { targetFor } from '../../domain/findings/targets';
import type { QualityReport } from '../../domain/findings/trends';
import type { AdaptiveCard, TabActionResult, TabViewContext, TabViewProvider, TrendChart } from '../tab-views';
import { str, tabActor } from './view-support';

export const FINDINGS_PAGE_SIZE = 10;
const HISTORY_SHOWN = 5;

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

function findingIdOf(data: Record<string, unknown>): string | undefined {
  const id = str(data.findingId, 40);
  return id && parseFindingId(id) ? id.trim().toUpperCase() : undefined;
}

export function findingsView(service: FindingService): TabViewProvider {
  async function card(ctx: TabViewContext, finding: Finding, message?: string): Promise<AdaptiveCard> {
    const history = await service.history(ctx.workspace, finding.id, HISTORY_SHOWN);
    return renderFindingCard({ finding, history, now: ctx.clock(), roles: DEFAULT_ROLE_NAMES, ...(message ? { message } : {}) });
  }

  async function act(ctx: TabViewContext, verb: string, data: Record<string, unknown>): Promise<TabActionResult> {
    const ws = ctx.workspace;
    if (verb === FINDING_VERBS.list) {
      const { filter, continuationToken } = parseListFilter(data);
      if (continuationToken && continuationToken.length > 2000) return { error: 'This page link is not valid.' };
      const page = await service.list(ws, toServiceFilter(filter), { pageSize: FINDINGS_PAGE_SIZE, ...(continuationToken ? { continuationToken } : {}) });
      return { cards: [renderFindingListCard({ items: page.items, filter, now: ctx.clock(), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) })] };
    }
    const id = findingIdOf(data);
    if (verb === FINDING_VERBS.open || verb === FINDING_VERBS.refresh) {
      const finding = id ? await service.get(ws, id) : undefined;
      if (!id) return { error: 'This card does not name a finding.' };
      return finding ? { cards: [await card(ctx, finding)] } : { error: `There is no finding ${id} here.` };
    }
    // The proposals card of a call-quality import (uploaded on this board): file the chosen ones, or all.
    if (verb === FINDING_VERBS.importConfirm || verb === FINDING_VERBS.importAll || verb === FINDING_VERBS.importDiscard) {
      const importId = str(data.importId, 200);
      if (!importId) return { error: 'This card does not name an import.' };
      if (verb === FINDING_VERBS.importDiscard) return;
      const keys = verb === FINDING_VERBS.importAll ? undefined : selectedProposalKeys(data);
      if (keys && !keys.length) return { error: 'Nothing is selected: switch on the proposals to file, or discard the import.' };
      const out = await service.fileImport(ws, importId, tabActor(ctx), keys ? { keys } : {});
      // Filed: the board, which lists them now.
      return out.ok ? undefined : { error: out.error };
    }
    const action = findingActionOf(verb, data);
    if (action === undefined) return { error: 'Filing a finding happens in the chat: type "@Service Ops finding" in the channel.' };
    if (!id) return { error: 'This card does not name a finding.' };
    if (typeof action === 'string') return { error: action };
    const etag = str(data.etag, 300) || undefined;
    const result = await service.act(ws, id, action, tabActor(ctx), { ...(etag ? { expectedEtag: etag } : {}), roles: DEFAULT_ROLE_NAMES });
    if (result.ok) return { cards: [await card(ctx, result.finding)] };
    if (result.reason === 'not-found') return { error: result.error };
    const message = result.reason === 'conflict' ? 'Someone changed this finding; here is the latest — try again.' : result.error;
    return { cards: [await card(ctx, result.finding, message)] };
  }

  return {
    id: 'findings',
    title: 'Findings board',
    description: 'Open quality findings and the quality trend against target.',
    async render(ctx) {
      const ws = ctx.workspace;
      // The page of open findings, the summary (counts and reported values) and the measurements: never every finding.
      const [page, summary, report] = await Promise.all([service.list(ws, {}, { pageSize: FINDINGS_PAGE_SIZE }), service.summary(ws), service.qualityReport(ws)]);
      if (!totalFindings(summary) && !report) {
        return { cards: [], empty: { title: 'No findings yet', text: 'No findings have been filed in this team. In the channel, type "@Service Ops finding" to file one, or import a call-quality CSV; the board and its trend fill in as findings are filed and data is imported.' } };
      }
      // Measured figures when there are any; otherwise what the findings reported.
      const measured = report ? measuredTrends(report) : [];
      const charts = measured.length ? measured : findingTrends(summary);
      return {
        cards: [
          renderFindingListCard({ items: page.items, filter: {}, now: ctx.clock(), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) }),
          ...(report ? [renderQualityTrendCard({ report })] : []),
        ],
        ...(charts.length ? { charts } : {}),
      };
    },
    act,
  };
}
