import { mkdirSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { packHeight, PAGE } from '../../bot/src/render/pack-layout';
import { packPdf, packPng, packSvg, packTextLines } from '../../bot/src/render/pack-render';
import { busyPack, emptyPack } from './sample-packs';

const ARTIFACTS = new URL('../artifacts/', import.meta.url);

/** Distinct colours in a sample of pixels: a blank or single-colour image has one or two. */
function colours(png: PNG): number {
  const seen = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4 * 97) seen.add(png.data.readUInt32BE(i));
  return seen.size;
}

/** The text of a PDF's content streams, inflated (pdfkit compresses them). */
function pdfStreams(pdf: Buffer): string {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    try { out.push(inflateSync(pdf.subarray(start, end)).toString('latin1')); } catch { /* an image or font stream */ }
  }
  return out.join('\n');
}

describe('the review pack one-pager', () => {
  it('draws the same figures in the SVG as the text lines give, with user text escaped', () => {
    const svg = packSvg(busyPack());
    expect(svg.startsWith('<svg')).toBe(true);
    for (const s of ['Monthly service review · November 2026', 'Vendor commitments: met and breached', 'Poor stream rate', 'Target 3 % or less', '6 met · 2 breached', '99.375 %']) expect(svg).toContain(s);
    expect(svg).toContain('Network &lt;Ops&gt; &amp; &quot;Edge&quot;');
    expect(svg).not.toContain('<Ops>');
    expect(packTextLines(busyPack())).toContain('Vendor commitments, severity A (response 1 h · updates every 2 h): 6 met, 2 breached');
  });

  it('renders a PNG of the page size that is not blank, and saves it to look at (review-pack-sample.png)', () => {
    const bytes = packPng(busyPack());
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([PAGE.width, packHeight(busyPack())]);
    expect(colours(png)).toBeGreaterThan(8);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(new URL('review-pack-sample.png', ARTIFACTS), bytes);
  });

  it('an empty month is a short page that says what is missing, not empty charts', () => {
    const svg = packSvg(emptyPack());
    expect(svg).toContain('Nothing to review for November 2026 yet');
    expect(svg).not.toContain('Vendor commitments: met and breached');
    const png = PNG.sync.read(packPng(emptyPack()));
    expect(png.height).toBeLessThan(packHeight(busyPack()) / 2);
    writeFileSync(new URL('review-pack-sample-empty.png', ARTIFACTS), packPng(emptyPack()));
  });

  it('renders a PDF with the month title in its metadata and as real text, and the page as a picture', async () => {
    const pdf = await packPdf(busyPack());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    // The document title (UTF-16 with its byte-order mark, as pdfkit writes a non-ASCII string).
    expect(pdf.includes(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(busyPack().title, 'utf16le').swap16()]))).toBe(true);
    expect(raw).toContain('/Subtype /Image');
    // The text layer: Helvetica strings in hex, one TJ array per line.
    const text = [...pdfStreams(pdf).matchAll(/<([0-9a-f]+)>/g)].map((m) => Buffer.from(m[1]!, 'hex').toString('latin1')).join('');
    expect(text).toContain('Monthly service review');
    expect(text).toContain('November 2026');
    expect(text).toContain('Availability: 99.375 %');
    writeFileSync(new URL('review-pack-sample.pdf', ARTIFACTS), pdf);
  });
});
