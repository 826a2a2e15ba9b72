// The monthly service review one-pager as one SVG page: the key figures as tiles, then the
// vendor commitments, the tasks on time, the call quality against target, the open problems and
// changes, and, in words, how availability is derived and what the month has no data for.
// The PNG is this SVG rasterized and the PDF embeds that PNG with the figures as real text, so
// the three formats show the same content.
import type { ReviewPack } from '../domain/review-pack/review-pack';
import { commitmentsChart, qualityChart, sectionTitle, teamRatesChart, type Box } from './pack-charts';
import { plural } from '../domain/text/plural';
import { COLORS, esc, fit, line, rect, text } from './svg';

/** The page width; the height follows the content (packHeight). */
export const PAGE = { width: 1200 } as const;
const M = 40;

export function availabilityText(p: ReviewPack): string {
  return p.availability.kind === 'measured' ? `${p.availability.percent.toFixed(3)} %` : 'Not measured';
}

export function escalationText(p: ReviewPack): string {
  const e = p.escalations;
  if (e.technical === undefined) return 'technical / non-technical not recorded';
  return `${e.technical} technical · ${e.nonTechnical ?? 0} non-technical${e.notRecorded ? ` · ${e.notRecorded} not recorded` : ''}`;
}

/** The four figures a reader looks at first. */
export function keyFigures(p: ReviewPack): { label: string; value: string; note: string }[] {
  const a = p.availability;
  return [
    { label: 'Availability', value: availabilityText(p), note: a.kind === 'measured' ? `${a.outageMinutes} min down · ${plural(a.outages.length, 'sev 1/A outage')}${a.monthToDate ? ' · to date' : ''}` : 'no incidents recorded' },
    { label: 'Incidents recorded', value: String(p.incidents.total), note: `1: ${p.incidents.bySeverity['1']} · A: ${p.incidents.bySeverity.A} · B: ${p.incidents.bySeverity.B} · C: ${p.incidents.bySeverity.C} · D: ${p.incidents.bySeverity.D}` },
    { label: 'Escalations', value: String(p.escalations.total), note: escalationText(p) },
    { label: 'Tasks on time', value: p.tasks.rate === undefined ? 'None due' : `${Math.round(p.tasks.rate * 100)} %`, note: p.tasks.due ? `${p.tasks.onTime} of ${p.tasks.due} occurrences due` : 'no task fell due' },
  ];
}

function header(p: ReviewPack): string {
  return [
    rect(0, 0, PAGE.width, 104, COLORS.accent),
    text(M, 52, p.title, { size: 32, weight: 700, fill: '#ffffff' }),
    text(M, 84, `Service Ops · service owner and vendor review (seed 003) · times in ${p.timeZone}`, { size: 15, fill: '#e8eaff' }),
  ].join('');
}

function tiles(p: ReviewPack, y: number): string {
  const w = (PAGE.width - 2 * M - 3 * 20) / 4;
  return keyFigures(p).map((f, i) => {
    const x = M + i * (w + 20);
    return rect(x, y, w, 120, COLORS.panel, 'rx="10"') + text(x + 18, y + 30, f.label, { size: 15, fill: COLORS.muted, weight: 600 })
      + text(x + 18, y + 74, f.value, { size: f.value.length > 10 ? 26 : 34, weight: 700 }) + text(x + 18, y + 102, fit(f.note, 46), { size: 12, fill: COLORS.muted });
  }).join('');
}

function qualityRow(p: ReviewPack, box: Box): string {
  const out = [sectionTitle(box, 'Call quality against target, last 6 months', 'Green bars within target, red above it; the dashed line is the target')];
  if (!p.quality.length) return out.join('') + text(box.x, box.y + 90, 'No call-quality data for this period: import a Call Quality Dashboard export on the findings board.', { size: 15, fill: COLORS.muted });
  const n = Math.min(p.quality.length, 3);
  const w = (box.w - (n - 1) * 30) / n;
  p.quality.slice(0, 3).forEach((s, i) => out.push(qualityChart({ x: box.x + i * (w + 30), y: box.y + 60, w, h: box.h - 60 }, s)));
  return out.join('');
}

function controlPanel(p: ReviewPack, box: Box): string {
  const out = [sectionTitle(box, 'Open problems and changes')];
  out.push(text(box.x, box.y + 70, `${p.problems.open}`, { size: 34, weight: 700 }), text(box.x + 56, box.y + 70, p.problems.open === 1 ? 'open problem' : 'open problems', { size: 15, fill: COLORS.muted }));
  out.push(text(box.x + 270, box.y + 70, `${p.changes.open}`, { size: 34, weight: 700 }), text(box.x + 326, box.y + 70, p.changes.open === 1 ? 'open change' : 'open changes', { size: 15, fill: COLORS.muted }));
  if (p.changes.emergencyAwaitingReview) out.push(text(box.x, box.y + 100, `${plural(p.changes.emergencyAwaitingReview, 'emergency change')} awaiting the steering committee's review`, { size: 13, fill: COLORS.bad }));
  p.problems.top.forEach((t, i) => out.push(text(box.x, box.y + 132 + i * 24, fit(`${t.id}  ${t.title} (${plural(t.incidents, 'linked incident')})`, 120), { size: 14 })));
  return out.join('');
}

/** The notes under the charts as lines (text, style), wrapped to the page. */
function noteLines(p: ReviewPack): { t: string; style: Parameters<typeof text>[3] }[] {
  const lines: { t: string; style: Parameters<typeof text>[3] }[] = [{ t: 'How to read this page', style: { size: 19, weight: 700 } }];
  const a = p.availability;
  lines.push({ t: a.kind === 'measured' ? `Availability: ${a.derivation}` : `Availability: ${a.reason}`, style: { size: 13 } });
  for (const m of p.missing) lines.push({ t: `Missing: ${m}`, style: { size: 13, fill: COLORS.bad } });
  return lines.flatMap((l) => wrap(l.t, 150).map((t) => ({ t, style: l.style })));
}

const NOTE_LINE = 22;

function notes(p: ReviewPack, y0: number): string {
  return noteLines(p).map((l, i) => text(M, y0 + 18 + i * NOTE_LINE, l.t, l.style)).join('');
}

/** Breaks text at spaces into lines of at most `width` characters. */
export function wrap(s: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of s.split(/\s+/)) {
    if (current && current.length + word.length + 1 > width) (out.push(current), (current = word));
    else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  return out;
}

function emptyBody(p: ReviewPack): string {
  const out = [text(M, 190, `Nothing to review for ${p.title.replace(/^.*· /, '')} yet`, { size: 26, weight: 700 })];
  p.missing.forEach((m, i) => out.push(text(M, 240 + i * 30, `• ${fit(m, 130)}`, { size: 16, fill: COLORS.muted })));
  return out.join('');
}

/** Section heights: a part without data is a line saying so, not an empty chart. */
function sections(p: ReviewPack): { quality: number; control: number; notes: number } {
  return { quality: p.quality.length ? 400 : 110, control: p.problems.top.length ? 130 + p.problems.top.length * 24 : (p.changes.emergencyAwaitingReview ? 120 : 96), notes: 30 + noteLines(p).length * NOTE_LINE };
}

/** The page's height in pixels (the PNG's, at scale 1). */
export function packHeight(p: ReviewPack): number {
  if (p.empty) return 420;
  const h = sections(p);
  return 600 + h.quality + 20 + h.control + 20 + h.notes;
}

export function packSvg(p: ReviewPack): string {
  const height = packHeight(p);
  const half = (PAGE.width - 2 * M - 40) / 2;
  const h = sections(p);
  const controlY = 600 + h.quality + 20;
  const notesY = controlY + h.control + 20;
  const body = p.empty ? emptyBody(p) : [
    tiles(p, 128),
    commitmentsChart({ x: M, y: 282, w: half, h: 280 }, p.commitments),
    teamRatesChart({ x: M + half + 40, y: 282, w: half, h: 280 }, p.tasks.teams),
    line(M, 580, PAGE.width - M, 580, COLORS.rule),
    qualityRow(p, { x: M, y: 600, w: PAGE.width - 2 * M, h: h.quality }),
    line(M, controlY - 10, PAGE.width - M, controlY - 10, COLORS.rule),
    controlPanel(p, { x: M, y: controlY, w: PAGE.width - 2 * M, h: h.control }),
    line(M, notesY - 10, PAGE.width - M, notesY - 10, COLORS.rule),
    notes(p, notesY),
  ].join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}" height="${height}" viewBox="0 0 ${PAGE.width} ${height}" role="img"><title>${esc(p.title)}</title>${rect(0, 0, PAGE.width, height, '#ffffff')}${header(p)}${body}</svg>`;
}
