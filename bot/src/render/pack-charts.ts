// The pack's charts, each drawn into a box of the page: the vendor commitments met and breached
// per severity, the on-time rate per team, and the call quality per metric against its target.
// Every bar carries its number, so nothing has to be read off an axis.
import type { CommitmentRow, QualitySeries, TeamRate } from '../domain/review-pack/review-pack';
import { COLORS, fit, line, rect, text } from './svg';

export interface Box { x: number; y: number; w: number; h: number }

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const shortMonth = (key: string) => `${MONTHS[Number(key.slice(5, 7)) - 1] ?? key} ’${key.slice(2, 4)}`;
export const pct = (n: number) => `${Number(n.toFixed(2))} %`;

export function sectionTitle(box: Box, title: string, note?: string): string {
  return text(box.x, box.y + 18, title, { size: 19, weight: 700 }) + (note ? text(box.x, box.y + 40, note, { size: 13, fill: COLORS.muted }) : '');
}

/** One row per severity: the goal in words, then met (green) and breached (red) as one bar. */
export function commitmentsChart(box: Box, rows: readonly CommitmentRow[]): string {
  const out: string[] = [sectionTitle(box, 'Vendor commitments: met and breached', 'Seed 003 goals per severity, as this team has them')];
  const max = Math.max(1, ...rows.map((r) => r.met + r.breached));
  if (rows.every((r) => r.met + r.breached === 0)) out.push(text(box.x, box.y + 280, 'No vendor commitment came due: no incident of the month went to the vendor.', { size: 13, fill: COLORS.muted }));
  const barX = box.x + 150;
  const barW = box.w - 150 - 130;
  rows.forEach((r, i) => {
    const y = box.y + 66 + i * 52;
    out.push(text(box.x, y + 15, `Severity ${r.level}`, { size: 15, weight: 600 }), text(box.x, y + 33, r.name, { size: 12, fill: COLORS.muted }));
    out.push(text(barX, y + 4, r.goal, { size: 12, fill: COLORS.muted }));
    const metW = (r.met / max) * barW;
    const badW = (r.breached / max) * barW;
    out.push(rect(barX, y + 12, barW, 20, COLORS.panel), rect(barX, y + 12, metW, 20, COLORS.good), rect(barX + metW, y + 12, badW, 20, COLORS.bad));
    out.push(text(barX + barW + 10, y + 28, `${r.met} met · ${r.breached} breached`, { size: 12, weight: 600 }));
  });
  return out.join('');
}

/** On-time completion per team, best-known first; at most `limit` teams (the reminders tab has all). */
export function teamRatesChart(box: Box, teams: readonly TeamRate[], limit = 6): string {
  const out: string[] = [sectionTitle(box, 'Operations tasks done on time, by team', 'Occurrences due in the month; skipped ones are left out')];
  const shown = [...teams].filter((t) => t.due > 0).sort((a, b) => b.due - a.due || a.team.localeCompare(b.team)).slice(0, limit);
  const barX = box.x + 190;
  const barW = box.w - 190 - 120;
  shown.forEach((t, i) => {
    const y = box.y + 66 + i * 34;
    const rate = t.rate ?? 0;
    out.push(text(box.x, y + 16, fit(t.team, 24), { size: 14 }));
    out.push(rect(barX, y + 2, barW, 20, COLORS.panel), rect(barX, y + 2, rate * barW, 20, rate >= 0.9 ? COLORS.good : COLORS.accent));
    out.push(text(barX + barW + 10, y + 18, `${Math.round(rate * 100)} % (${t.onTime}/${t.due})`, { size: 13, weight: 600 }));
  });
  if (!shown.length) out.push(text(box.x, box.y + 84, 'No task fell due in the month.', { size: 15, fill: COLORS.muted }));
  if (teams.length > shown.length && shown.length) out.push(text(box.x, box.y + 66 + shown.length * 34 + 16, `${teams.length - shown.length} more teams on the reminders tab`, { size: 12, fill: COLORS.muted }));
  return out.join('');
}

const niceMax = (v: number) => {
  if (v <= 0) return 1;
  const exp = Math.pow(10, Math.floor(Math.log10(v)));
  for (const f of [1, 2, 2.5, 5, 10]) if (f * exp >= v) return f * exp;
  return 10 * exp;
};

/** One metric: a bar per month (green within target, red above it) and the target as a dashed line. */
export function qualityChart(box: Box, s: QualitySeries): string {
  const plot = { x: box.x + 52, y: box.y + 58, w: box.w - 62, h: box.h - 100 };
  const max = niceMax(Math.max(s.target * 1.25, ...s.points.map((p) => p.rate)));
  const yOf = (v: number) => plot.y + plot.h - (v / max) * plot.h;
  const out: string[] = [text(box.x, box.y + 18, s.metric, { size: 16, weight: 700 }), text(box.x, box.y + 38, `Target ${pct(s.target)} or less`, { size: 12, fill: COLORS.muted })];
  for (const v of [0, max / 2, max]) {
    out.push(line(plot.x, yOf(v), plot.x + plot.w, yOf(v), COLORS.rule), text(plot.x - 6, yOf(v) + 4, pct(v), { size: 11, fill: COLORS.muted, anchor: 'end' }));
  }
  const target = line(plot.x, yOf(s.target), plot.x + plot.w, yOf(s.target), COLORS.target, 'stroke-width="2" stroke-dasharray="6 4"');
  const slot = plot.w / Math.max(s.points.length, 1);
  const labels: string[] = [];
  s.points.forEach((p, i) => {
    const bx = plot.x + i * slot + slot * 0.2;
    const bw = slot * 0.6;
    out.push(rect(bx, yOf(p.rate), bw, plot.y + plot.h - yOf(p.rate), p.above ? COLORS.bad : COLORS.good));
    labels.push(text(bx + bw / 2, yOf(p.rate) - 5, pct(p.rate), { size: 11, weight: 600, anchor: 'middle', halo: true }));
    out.push(text(bx + bw / 2, plot.y + plot.h + 18, shortMonth(p.month), { size: 11, fill: COLORS.muted, anchor: 'middle' }));
  });
  // The target over the bars, the figures over the target (with a white halo so both stay legible).
  return out.join('') + target + labels.join('');
}
