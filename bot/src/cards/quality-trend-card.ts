// The measured call quality on the findings board (issue 3): from the stored monthly aggregates
// of the call-quality imports, all internal calls per metric, poor stream rate per category, and
// the buildings and subnets above target in the latest month, each against its target, better or
// worse than the month before, rising, steady or falling. Place names come from the imported file:
// they are shown literally in TextRuns. Long lists are cut to stay under 25 KB, saying how many more.
import { metric as metricInfo } from '../domain/findings/catalog';
import { formatPercent } from '../domain/findings/targets';
import { isUnmanagedLine, lineText, type ReviewLine } from '../domain/findings/review-lines';
import { placeLabel, type QualityReport, type Trend } from '../domain/findings/trends';
import { execute, FINDING_VERBS } from './finding-verbs';
import template from './templates/quality-trend.json';
import { clip, fitCard } from './ops-card-parts';
import { expandTemplate } from './template';

export interface QualityTrendCardInput {
  report: QualityReport;
  /** Lines per list at most (the board shows many; fewer only when the card would pass 25 KB). */
  maxLines?: number;
}

interface Line { text: string; detail: string; color: string }

/** "2.5 % in 2025-02, above the 2.0 % target · worse than 2025-01 (1.0 %) · rising · 1,200 streams". */
function trendLine(label: string, t: Trend): Line | undefined {
  const last = t.points[t.points.length - 1];
  if (!last) return undefined;
  const prev = t.points[t.points.length - 2];
  const facts: string[] = [];
  if (prev && last.vsPrevious) facts.push(last.vsPrevious === 'same' ? `same as ${prev.month} (${formatPercent(prev.rate)})` : `${last.vsPrevious} than ${prev.month} (${formatPercent(prev.rate)})`);
  facts.push(t.direction, `${last.streams.toLocaleString('en-US')} streams`);
  return {
    text: `${label}: ${formatPercent(last.rate)} in ${last.month}, ${last.above ? 'above' : 'within'} the ${formatPercent(last.target)} target`,
    detail: facts.join(' · '),
    color: last.above ? 'Attention' : 'Good',
  };
}

/** A line of the target table: red when any of its rates is above its target. */
export function reviewLineOf(l: ReviewLine): Line {
  return {
    text: lineText(l),
    detail: isUnmanagedLine(l) ? 'Unmanaged (home, hotel, airport): reported apart, never filed against a building.' : `Target row: ${l.targetLabel}.`,
    color: l.measures.some((m) => m.above) ? 'Attention' : 'Good',
  };
}

export function renderQualityTrendCard(input: QualityTrendCardInput): Record<string, unknown> {
  const { report } = input;
  const max = Math.max(1, Math.floor(input.maxLines ?? 30));
  const budgets: number[] = [];
  for (let b = max; b > 1; b = Math.ceil(b / 2)) budgets.push(b);
  budgets.push(1);
  const first = report.months[0]!;
  const overall = report.overall.map((t) => trendLine(metricInfo(t.metric).label, t)).filter((l): l is Line => !!l);
  const categories = report.byCategory.map((t) => trendLine(t.label, t)).filter((l): l is Line => !!l);
  const lines = report.lines ?? [];
  const table = lines.filter((l) => !isUnmanagedLine(l)).map(reviewLineOf);
  const unmanaged = lines.filter(isUnmanagedLine).map(reviewLineOf);
  const places: Line[] = report.aboveTarget.map((p) => ({
    text: `${placeLabel(p)}: ${metricInfo(p.metric).label.toLowerCase()} ${formatPercent(p.value)}`,
    detail: `target ${formatPercent(p.target)} · ${p.points.toFixed(2)} points above · ${p.streams.toLocaleString('en-US')} streams`,
    color: 'Attention',
  }));
  return fitCard((budget) => {
    const cut = (lines: Line[]) => lines.slice(0, budget).map((l) => ({ ...l, text: clip(l.text, 300), detail: clip(l.detail, 300) }));
    const more = (lines: Line[]) => (lines.length > budget ? `…and ${lines.length - budget} more, not shown to keep this card small.` : '');
    return expandTemplate(template, {
      title: `Measured call quality, ${report.latestMonth}`,
      intro: `From the call-quality data imported for ${report.months.length === 1 ? first : `${report.months.length} months (${first} to ${report.latestMonth})`}; unmanaged networks are a section of their own. Each rate is compared with its Quality Experience Review target and with the month before; the direction is over the last three months.`,
      sections: [
        { heading: 'All internal calls', empty: overall.length ? '' : 'The imported files have no rate measures.', lines: cut(overall), more: more(overall) },
        { heading: `Against the review's targets in ${report.latestMonth}`, empty: table.length ? '' : 'No rate measures for this month.', lines: cut(table), more: more(table) },
        { heading: `Unmanaged networks in ${report.latestMonth}`, empty: unmanaged.length ? '' : 'No traffic on unmanaged networks was imported for this month.', lines: cut(unmanaged), more: more(unmanaged) },
        { heading: 'Poor stream rate by category', empty: categories.length ? '' : 'No building-level poor stream figures were imported.', lines: cut(categories), more: more(categories) },
        { heading: `Above target in ${report.latestMonth}${places.length ? ` (${places.length})` : ''}`, empty: places.length ? '' : 'No building or subnet is above target this month.', lines: cut(places), more: more(places) },
      ],
      actions: [execute('Quality settings', FINDING_VERBS.settingsOpen, {})],
    });
  }, budgets);
}
