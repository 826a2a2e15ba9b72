// Generates the Teams app icons (pixels drawn here, PNG encoding by pngjs):
//   appPackage/color.png   192x192, deep-teal rounded square with a white gear + check mark
//   appPackage/outline.png  32x32, the same mark in white on a transparent background
// Usage: npm run icons [-- --out-dir <dir>]   (default: appPackage/)
// Shapes are drawn with signed distance functions and 4x4 supersampling for smooth edges.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { encodePngRgba } from "./lib/app-package.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { "out-dir": { type: "string" } } });
const outDir = values["out-dir"] ? resolve(values["out-dir"]) : join(root, "appPackage");

const TEAL_TOP = [0x12, 0x8a, 0x8c];
const TEAL_BOTTOM = [0x0b, 0x5f, 0x63];

/** Signed distance to a rounded box centred at 0 with half-size h and corner radius r. */
function sdRoundBox(x, y, h, r) {
  const qx = Math.abs(x) - h + r;
  const qy = Math.abs(y) - h + r;
  const ox = Math.max(qx, 0);
  const oy = Math.max(qy, 0);
  return Math.hypot(ox, oy) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance from point to segment a-b. */
function distSegment(px, py, ax, ay, bx, by) {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - ax - t * vx, py - ay - t * vy);
}

/**
 * The mark, in a unit space where the gear's tooth tips reach radius ~1.
 * Returns true when (x, y) is inside the white mark.
 */
function insideMark(x, y) {
  const r = Math.hypot(x, y);
  const teeth = 8;
  const step = (2 * Math.PI) / teeth;
  const a = Math.atan2(y, x) + step / 4; // rotate so a tooth is not straight up
  const offset = Math.abs((((a % step) + step) % step) - step / 2); // angle from the nearest tooth axis
  const inTooth = r * Math.sin(offset) <= 0.17 && Math.cos(offset) > 0 && r <= 1.0;
  const gear = r >= 0.6 && (r <= 0.8 || inTooth);
  // check mark inside the ring
  const stroke = 0.125;
  const d = Math.min(
    distSegment(x, y, -0.3, 0.02, -0.08, 0.24),
    distSegment(x, y, -0.08, 0.24, 0.32, -0.2),
  );
  return gear || d <= stroke;
}

function render(size, { background, markScale }) {
  const px = Buffer.alloc(size * size * 4);
  const ss = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let bg = 0;
      let mark = 0;
      for (let sj = 0; sj < ss; sj++) {
        for (let si = 0; si < ss; si++) {
          // coordinates in [-1, 1], y down
          const x = ((i + (si + 0.5) / ss) / size) * 2 - 1;
          const y = ((j + (sj + 0.5) / ss) / size) * 2 - 1;
          const inBg = !background || sdRoundBox(x, y, 1, 0.36) <= 0;
          if (inBg) bg++;
          if (inBg && insideMark(x / markScale, y / markScale)) mark++;
        }
      }
      const n = ss * ss;
      const o = (j * size + i) * 4;
      if (background) {
        const t = j / (size - 1);
        const base = TEAL_TOP.map((c, k) => c + (TEAL_BOTTOM[k] - c) * t);
        const m = mark / Math.max(bg, 1);
        for (let k = 0; k < 3; k++) px[o + k] = Math.round(base[k] * (1 - m) + 255 * m);
        px[o + 3] = Math.round((255 * bg) / n);
      } else {
        px[o] = px[o + 1] = px[o + 2] = 255;
        px[o + 3] = Math.round((255 * mark) / n);
      }
    }
  }
  return px;
}

mkdirSync(outDir, { recursive: true });
const color = encodePngRgba(192, 192, render(192, { background: true, markScale: 0.62 }));
const outline = encodePngRgba(32, 32, render(32, { background: false, markScale: 0.94 }));
writeFileSync(join(outDir, "color.png"), color);
writeFileSync(join(outDir, "outline.png"), outline);
console.log(`wrote ${join(outDir, "color.png")} (${color.length} bytes)`);
console.log(`wrote ${join(outDir, "outline.png")} (${outline.length} bytes)`);
