// The quality trend as a picture: rate by month as a line, the target as a dashed line, each
// month's dot coloured by which side of the target it is on. Inline SVG, no chart library.
// Accessible: role="img" with <title>/<desc>, a one-sentence summary under the chart, and the
// figures as a table for screen readers. Colours come from CSS variables, so a theme change
// recolours it without re-rendering.
// The chart's shape is the tab API's own type (a type-only import: nothing of the server ships).
import type { TrendChart } from '../../bot/src/api/tab-views';

export type { TrendChart };

const SVG = 'http://www.w3.org/2000/svg';
const W = 640;
const H = 240;
const M = { top: 16, right: 24, bottom: 32, left: 52 };
let uid = 0;

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export function monthLabel(month: string, long = false): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const name = MONTHS[Number(m[2]) - 1] ?? m[2]!;
  return long ? `${name} ${m[1]}` : `${name} ’${m[1]!.slice(2)}`;
}

const pct = (n: number) => `${Number(n.toFixed(2))} %`;

/** A "nice" axis maximum above the data: 1, 2, 2.5, 5 × 10^n. */
function niceMax(v: number): number {
  if (v <= 0) return 1;
  const exp = Math.pow(10, Math.floor(Math.log10(v)));
  for (const f of [1, 2, 2.5, 5, 10]) if (f * exp >= v) return f * exp;
  return 10 * exp;
}

export function isGood(chart: TrendChart, rate: number): boolean {
  return chart.lowerIsBetter === false ? rate >= chart.target : rate <= chart.target;
}

export function summarize(chart: TrendChart): string {
  const pts = chart.points;
  const last = pts[pts.length - 1];
  if (!last) return `No ${chart.metric.toLowerCase()} figures yet.`;
  const side = isGood(chart, last.rate) ? 'within' : 'outside';
  let s = `${chart.metric} was ${pct(last.rate)} in ${monthLabel(last.month, true)}, ${side} the ${pct(chart.target)} target.`;
  const prev = pts[pts.length - 2];
  if (prev) {
    const better = chart.lowerIsBetter === false ? last.rate > prev.rate : last.rate < prev.rate;
    s += last.rate === prev.rate ? ` Same as ${monthLabel(prev.month, true)}.` : ` ${better ? 'Better' : 'Worse'} than ${monthLabel(prev.month, true)} (${pct(prev.rate)}).`;
  }
  const misses = pts.filter((p) => !isGood(chart, p.rate)).length;
  s += ` ${misses} of ${pts.length} months missed the target.`;
  return s;
}

export function renderTrendChart(chart: TrendChart): HTMLElement {
  const id = `trend-${++uid}`;
  const figure = document.createElement('figure');
  figure.className = 'trend-chart';
  const heading = document.createElement('figcaption');
  heading.className = 'trend-title';
  heading.textContent = chart.title;
  figure.append(heading);

  const pts = chart.points;
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': `${id}-t ${id}-d`, class: 'trend-svg' });
  svg.append(el('title', { id: `${id}-t` }, chart.title), el('desc', { id: `${id}-d` }, summarize(chart)));

  const max = niceMax(Math.max(chart.target, ...pts.map((p) => p.rate)) * 1.15);
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (i: number) => M.left + (pts.length <= 1 ? plotW / 2 : (i * plotW) / (pts.length - 1));
  const y = (v: number) => M.top + plotH - (Math.max(0, v) / max) * plotH;

  const grid = el('g', { class: 'trend-grid', 'aria-hidden': 'true' });
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    grid.append(el('line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v) }));
    grid.append(el('text', { x: M.left - 8, y: y(v) + 4, 'text-anchor': 'end', class: 'trend-axis' }, pct(v)));
  }
  const step = Math.max(1, Math.ceil(pts.length / 8));
  pts.forEach((p, i) => {
    if (i % step === 0 || i === pts.length - 1) grid.append(el('text', { x: x(i), y: H - 10, 'text-anchor': 'middle', class: 'trend-axis' }, monthLabel(p.month)));
  });
  svg.append(grid);

  if (pts.length) {
    const line = pts.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.rate).toFixed(1)}`).join(' ');
    const area = `${line} L${x(pts.length - 1).toFixed(1)},${y(0)} L${x(0).toFixed(1)},${y(0)} Z`;
    svg.append(el('path', { d: area, class: 'trend-area', 'aria-hidden': 'true' }));
    svg.append(el('path', { d: line, class: 'trend-line', 'aria-hidden': 'true' }));
  }
  const ty = y(chart.target);
  svg.append(el('line', { x1: M.left, x2: W - M.right, y1: ty, y2: ty, class: 'trend-target', 'aria-hidden': 'true' }));
  svg.append(el('text', { x: W - M.right, y: ty - 6, 'text-anchor': 'end', class: 'trend-target-label', 'aria-hidden': 'true' }, `Target ${pct(chart.target)}`));

  const dots = el('g', { 'aria-hidden': 'true' });
  pts.forEach((p, i) => {
    const dot = el('circle', { cx: x(i), cy: y(p.rate), r: 4.5, class: isGood(chart, p.rate) ? 'trend-dot good' : 'trend-dot bad' });
    dot.append(el('title', {}, `${monthLabel(p.month, true)}: ${pct(p.rate)}`));
    dots.append(dot);
  });
  svg.append(dots);
  figure.append(svg);

  const legend = document.createElement('div');
  legend.className = 'trend-legend';
  legend.setAttribute('aria-hidden', 'true');
  const key = (cls: string, label: string) => {
    const item = document.createElement('span');
    item.className = 'trend-key';
    item.append(Object.assign(document.createElement('span'), { className: `swatch ${cls}` }), label);
    return item;
  };
  legend.append(key('line', chart.metric), key('target', 'Target'), key('dot good', 'On target'), key('dot bad', 'Missed target'));
  figure.append(legend);

  const summary = document.createElement('p');
  summary.className = 'trend-summary';
  summary.textContent = summarize(chart);
  figure.append(summary);

  // The numbers, for screen readers (the picture is for eyes).
  const table = document.createElement('table');
  table.className = 'sr-only';
  const cap = table.createCaption();
  cap.textContent = `${chart.metric} by month, target ${pct(chart.target)}`;
  const head = table.createTHead().insertRow();
  for (const h of ['Month', chart.metric, 'Target met']) head.append(Object.assign(document.createElement('th'), { scope: 'col', textContent: h }));
  const body = table.createTBody();
  for (const p of pts) {
    const r = body.insertRow();
    r.insertCell().textContent = monthLabel(p.month, true);
    r.insertCell().textContent = pct(p.rate);
    r.insertCell().textContent = isGood(chart, p.rate) ? 'yes' : 'no';
  }
  figure.append(table);
  return figure;
}
