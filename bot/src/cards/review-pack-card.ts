// The monthly service review pack as a card: the one-pager as an image (served by the bot behind
// a signed link, since Teams fetches card images without signing in), the key figures as facts
// for screen readers and for a client that does not load the image, what the month has no data
// for, and the download links (PNG, PDF) when the caller may have them.
import type { ReviewPack } from '../domain/review-pack/review-pack';
import { plural } from '../domain/text/plural';
import { expandTemplate } from './template';
import template from './templates/review-pack.json';

export interface ReviewPackCardLinks {
  /** Absolute URL of the PNG (HTTPS, or loopback in local mode); absent for an empty month. */
  image?: string;
  pdf?: string;
  png?: string;
}

const pct = (share: number | undefined) => (share === undefined ? 'None due' : `${Math.round(share * 100)} %`);

export function reviewPackFacts(p: ReviewPack): { title: string; value: string }[] {
  const a = p.availability;
  const e = p.escalations;
  const split = e.technical === undefined ? '' : ` (${e.technical} technical, ${e.nonTechnical ?? 0} non-technical${e.notRecorded ? `, ${e.notRecorded} not recorded` : ''})`;
  const facts = [
    { title: 'Availability', value: a.kind === 'measured' ? `${a.percent.toFixed(3)} % (${a.outageMinutes} outage minutes from ${plural(a.outages.length, 'severity 1/A incident')}${a.monthToDate ? ', month to date' : ''})` : 'Not measured' },
    { title: 'Incidents recorded', value: `${p.incidents.total}: severity 1 ${p.incidents.bySeverity['1']}, A ${p.incidents.bySeverity.A}, B ${p.incidents.bySeverity.B}, C ${p.incidents.bySeverity.C}, D ${p.incidents.bySeverity.D}` },
    { title: 'Escalations', value: `${e.total}${split}` },
    ...p.commitments.map((c) => ({ title: `Vendor commitments, severity ${c.level}`, value: `${c.met} met, ${c.breached} breached (${c.goal})` })),
    ...p.quality.map((q) => {
      const last = q.points[q.points.length - 1]!;
      return { title: q.metric, value: `${last.rate} % in ${last.month}, target ${q.target} % (${last.above ? 'above target' : 'within target'})` };
    }),
    { title: 'Tasks done on time', value: p.tasks.due ? `${pct(p.tasks.rate)} (${p.tasks.onTime} of ${p.tasks.due})` : 'None fell due' },
    { title: 'Open problems and changes', value: `${p.problems.open} problems, ${p.changes.open} changes${p.changes.emergencyAwaitingReview ? `, ${p.changes.emergencyAwaitingReview} emergency awaiting review` : ''}` },
  ];
  return p.empty ? facts.slice(0, 1) : facts;
}

export function renderReviewPackCard(pack: ReviewPack, links: ReviewPackCardLinks): Record<string, unknown> {
  const downloads = [
    ...(links.png ? [{ title: 'Download PNG', url: links.png }] : []),
    ...(links.pdf ? [{ title: 'Download PDF', url: links.pdf }] : []),
  ];
  const footnote = pack.availability.kind === 'measured' ? pack.availability.derivation : pack.availability.reason;
  return expandTemplate(template, {
    title: pack.title,
    intro: pack.empty
      ? 'Nothing was recorded for this month yet, so there is nothing to chart.'
      : `The one-pager for the monthly service review with the vendor (seed 003): commitments, escalations, availability, call quality, tasks, problems and changes. Times in ${pack.timeZone}.`,
    hasImage: Boolean(links.image) && !pack.empty,
    imageUrl: links.image ?? '',
    altText: `${pack.title}: the key figures are listed below the picture.`,
    facts: reviewPackFacts(pack),
    hasMissing: pack.missing.length > 0,
    missing: pack.missing.map((text) => ({ text })),
    footnote,
    downloads,
  });
}
