// The data a review started from, as lines a person reads on the run card: the incident figures
// of the month, the call quality against target, the open problems, the changes, the risks and
// the on-time completion of the recurring tasks. A part with no data says so.
import type { ReviewSnapshot } from '../domain/reviews/review-inputs';
import type { ReviewInputPart } from '../domain/reviews/review-templates';
import { plural } from '../domain/text/plural';

export interface SnapshotLine {
  heading: string;
  text: string;
}

const pct = (share: number | null | undefined) => (share === null || share === undefined ? 'n/a' : `${Math.round(share * 100)}%`);
const rate = (r: number) => `${Math.round(r * 100) / 100}%`;
const HEADINGS: Record<ReviewInputPart, string> = { incidents: 'Incidents', quality: 'Call quality', problems: 'Problems', changes: 'Changes', risks: 'Risks', tasks: 'Operations tasks' };
const MISSING: Record<ReviewInputPart, string> = {
  incidents: 'No incident figures could be read.', quality: 'No call-quality data imported yet.', problems: 'No problem records could be read.',
  changes: 'No change records could be read.', risks: 'The risk register could not be read.', tasks: 'No recurring task has fallen due yet.',
};

function incidents(s: NonNullable<ReviewSnapshot['incidents']>): string {
  const sev = Object.entries(s.bySeverity).filter(([, n]) => n > 0).map(([l, n]) => `${n} × ${l}`).join(', ');
  const mttr = s.meanTimeToResolveMinutes === null ? 'none resolved' : `mean time to resolve ${Math.round(s.meanTimeToResolveMinutes)} min`;
  return `${s.month}: ${s.total} recorded${sev ? ` (${sev})` : ''}, ${s.open} open now; first response within goal ${pct(s.firstResponseShare)}, updates on time ${pct(s.updatesOnTimeShare)}, ${mttr}.`;
}

function quality(s: NonNullable<ReviewSnapshot['quality']>): string {
  const overall = s.overall.map((o) => `${o.metric} ${rate(o.rate)} (target ${rate(o.target)}${o.above ? ', above' : ''}, ${o.direction})`).join('; ');
  const worst = s.aboveTarget.map((p) => `${p.place} ${p.metric} ${rate(p.rate)}`).join('; ');
  return `${s.month}: ${overall || 'no overall figures'}. ${plural(s.aboveCount, 'place')} above target${worst ? `: ${worst}` : ''}.`;
}

function problems(s: NonNullable<ReviewSnapshot['problems']>): string {
  const top = s.top.map((p) => `${p.id} ${p.title} (${plural(p.incidents, 'incident')}${p.hasRootCause ? ', root cause known' : ''})`).join('; ');
  return `${s.open} open${top ? `: ${top}` : ''}.`;
}

function changes(s: NonNullable<ReviewSnapshot['changes']>): string {
  const by = Object.entries(s.byStatus).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
  return `${by || 'none recorded'}; ${s.emergencyAwaitingReview} emergency change${s.emergencyAwaitingReview === 1 ? '' : 's'} awaiting review.`;
}

function risks(s: NonNullable<ReviewSnapshot['risks']>): string {
  const top = s.top.map((r) => `${r.title} (${r.overall}, ${r.owner || 'no owner'})`).join('; ');
  return `${s.open} open, ${s.high} high${top ? `: ${top}` : ''}.`;
}

function tasks(s: NonNullable<ReviewSnapshot['tasks']>): string {
  const low = s.lowest.map((t) => `${t.team} ${pct(t.rate)}`).join(', ');
  return `${s.onTime} of ${s.due} done on time (${pct(s.rate)})${low ? `; lowest: ${low}` : ''}.`;
}

export function snapshotLines(s: ReviewSnapshot, parts: readonly ReviewInputPart[]): SnapshotLine[] {
  return parts.map((part) => {
    const heading = HEADINGS[part];
    if (part === 'incidents' && s.incidents) return { heading, text: incidents(s.incidents) };
    if (part === 'quality' && s.quality) return { heading, text: quality(s.quality) };
    if (part === 'problems' && s.problems) return { heading, text: problems(s.problems) };
    if (part === 'changes' && s.changes) return { heading, text: changes(s.changes) };
    if (part === 'risks' && s.risks) return { heading, text: risks(s.risks) };
    if (part === 'tasks' && s.tasks) return { heading, text: tasks(s.tasks) };
    return { heading, text: MISSING[part] };
  });
}
