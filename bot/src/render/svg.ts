// A few SVG primitives for the pack's layout: text is always escaped, so user text (a problem's
// title, a team's name) is drawn literally and can never become markup.
export const FONT_FAMILY = 'Inter';

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Cuts text to about `max` characters (the layout's columns are sized by characters). */
export const fit = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

export interface TextStyle {
  size?: number;
  weight?: 400 | 600 | 700;
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
  /** A white outline under the glyphs, for a figure drawn across a line. */
  halo?: boolean;
}

export function text(x: number, y: number, content: string, style: TextStyle = {}): string {
  const { size = 14, weight = 400, fill = '#1b1b1f', anchor = 'start', halo = false } = style;
  const outline = halo ? ' stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke"' : '';
  return `<text x="${x}" y="${y}" font-family="${FONT_FAMILY}" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="${anchor}"${outline}>${esc(content)}</text>`;
}

export function rect(x: number, y: number, w: number, h: number, fill: string, extra = ''): string {
  return `<rect x="${x}" y="${y}" width="${Math.max(0, w)}" height="${Math.max(0, h)}" fill="${fill}"${extra ? ` ${extra}` : ''}/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, extra = ''): string {
  return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${stroke}"${extra ? ` ${extra}` : ''}/>`;
}

export const COLORS = {
  ink: '#1b1b1f',
  muted: '#5c5f66',
  rule: '#d6d8dc',
  panel: '#f4f5f7',
  good: '#1e7b34',
  bad: '#b3261e',
  accent: '#3b4fc4',
  target: '#1b1b1f',
} as const;
