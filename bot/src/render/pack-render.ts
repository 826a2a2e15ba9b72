// The pack's files: the SVG layout (pack-layout.ts) rasterized to PNG with resvg (a prebuilt
// native binary per platform, no browser), and a PDF (pdfkit, pure JS) holding that PNG as the
// page's picture plus the title and key figures as real, selectable text for search and screen
// readers. Rendering takes a few hundred milliseconds, so it happens when the image or a
// download is asked for, never while answering a chat turn.
import { Resvg } from '@resvg/resvg-js';
import PDFDocument from 'pdfkit';
import type { ReviewPack } from '../domain/review-pack/review-pack';
import { PACK_FONT_FILES } from './fonts';
import { keyFigures, packSvg, PAGE } from './pack-layout';
import { FONT_FAMILY } from './svg';

export { packSvg } from './pack-layout';

/** The one-pager as PNG, `PAGE.width` pixels wide (`scale` 2 for print quality). */
export function packPng(pack: ReviewPack, scale = 1): Buffer {
  const resvg = new Resvg(packSvg(pack), {
    fitTo: { mode: 'width', value: Math.round(PAGE.width * scale) },
    font: { fontFiles: Object.values(PACK_FONT_FILES), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}

/** The figures as text lines: the PDF's text layer, and what a screen reader gets. */
export function packTextLines(pack: ReviewPack): string[] {
  const lines = keyFigures(pack).map((f) => `${f.label}: ${f.value} (${f.note})`);
  for (const c of pack.commitments) lines.push(`Vendor commitments, severity ${c.level} (${c.goal}): ${c.met} met, ${c.breached} breached`);
  for (const q of pack.quality) {
    const last = q.points[q.points.length - 1];
    if (last) lines.push(`${q.metric}: ${last.rate} % in ${last.month} against a target of ${q.target} %`);
  }
  lines.push(`Open problems: ${pack.problems.open}; open changes: ${pack.changes.open}`);
  if (pack.availability.kind === 'measured') lines.push(`Availability: ${pack.availability.derivation}`);
  for (const m of pack.missing) lines.push(`Missing: ${m}`);
  return lines;
}

/** A4 portrait: the one-pager picture on page 1, the title and figures as text on page 2. */
export async function packPdf(pack: ReviewPack): Promise<Buffer> {
  const png = packPng(pack, 2);
  const doc = new PDFDocument({ size: 'A4', margin: 36, info: { Title: pack.title, Author: 'Service Ops', Subject: `Monthly service review pack for ${pack.month}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => (doc.on('end', () => resolve()), doc.on('error', reject)));
  // Page 1 is the picture people look at; page 2 the same figures as text in the built-in
  // Helvetica, searchable and read by screen readers (pdfkit wraps the lines to the page).
  doc.image(png, 36, 36, { fit: [doc.page.width - 72, doc.page.height - 72], align: 'center' });
  doc.addPage();
  doc.font('Helvetica-Bold').fontSize(18).text(pack.title);
  doc.font('Helvetica').fontSize(10).moveDown(0.5);
  for (const l of packTextLines(pack)) doc.text(l, { paragraphGap: 3 });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
