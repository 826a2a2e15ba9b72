// Reusable parts of the Teams app packaging: env loading, placeholder filling, offline schema
// validation, PNG checks and a tiny zip writer. Used by scripts/package-app.mjs,
// scripts/make-icons.mjs and tests/app-package/. Node built-ins + @microsoft/app-manifest only.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const require = createRequire(import.meta.url);

/** Repository root (scripts/lib/../..). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** An expected failure: `lines` are printed one per line, without a stack trace. */
export class PackageError extends Error {
  /** @param {string | string[]} lines */
  constructor(lines) {
    const list = Array.isArray(lines) ? lines : [lines];
    super(list.join("\n"));
    this.name = "PackageError";
    this.lines = list;
  }
}

// ---------------------------------------------------------------------------------------------
// env files

const KEY_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses a dotenv file: `KEY=VALUE` lines, blank lines and `#` comment lines, an optional
 * `export ` prefix, values optionally in single quotes (literal) or double quotes (\n, \r, \t,
 * \" and \\ escapes). In an unquoted value, ` #` starts a trailing comment; a `#` with no space
 * before it is part of the value. Throws PackageError naming the line on anything else.
 * @param {string} text
 * @param {string} [label] file name used in error messages
 * @returns {Record<string, string>}
 */
export function parseDotenv(text, label = "env file") {
  /** @type {Record<string, string>} */
  const vars = {};
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const body = line.startsWith("export ") ? line.slice(7).trimStart() : line;
    const eq = body.indexOf("=");
    const key = eq < 0 ? "" : body.slice(0, eq).trim();
    if (eq < 0 || !KEY_RE.test(key)) {
      throw new PackageError(`${label} line ${index + 1}: expected KEY=VALUE, got "${line}"`);
    }
    let value = body.slice(eq + 1).trim();
    const quote = value[0];
    if (quote === '"' || quote === "'") {
      const end = findClosingQuote(value, quote);
      if (end < 0) throw new PackageError(`${label} line ${index + 1}: missing closing ${quote} for ${key}`);
      const rest = value.slice(end + 1).trim();
      if (rest !== "" && !rest.startsWith("#")) {
        throw new PackageError(`${label} line ${index + 1}: unexpected text after the quoted value of ${key}`);
      }
      value = value.slice(1, end);
      if (quote === '"') {
        value = value.replace(/\\([nrt"\\])/g, (_, c) => ({ n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" })[c]);
      }
    } else {
      const comment = value.search(/\s#/);
      if (comment >= 0) value = value.slice(0, comment).trim();
    }
    vars[key] = value;
  });
  return vars;
}

function findClosingQuote(value, quote) {
  for (let i = 1; i < value.length; i++) {
    if (quote === '"' && value[i] === "\\") {
      i++;
      continue;
    }
    if (value[i] === quote) return i;
  }
  return -1;
}

/** @param {string} name */
export function assertEnvName(name) {
  if (typeof name !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) {
    throw new PackageError(`invalid environment name "${name}": use letters, digits, "-" or "_" (e.g. local, dev)`);
  }
  return name;
}

/**
 * Reads env/.env.<envName> then env/.env.<envName>.user (later wins). Missing files are skipped.
 * @param {{ envDir: string, envName: string }} opts
 * @returns {{ vars: Record<string, string>, files: { path: string, exists: boolean }[] }}
 */
export function loadEnvFiles({ envDir, envName }) {
  assertEnvName(envName);
  /** @type {Record<string, string>} */
  const vars = {};
  const files = [];
  for (const name of [`.env.${envName}`, `.env.${envName}.user`]) {
    const path = join(envDir, name);
    const exists = existsSync(path);
    files.push({ path, exists });
    if (exists) Object.assign(vars, parseDotenv(readFileSync(path, "utf8"), name));
  }
  return { vars, files };
}

/**
 * The value for each name: process environment (when set and non-empty) over the file values.
 * @param {Record<string, string>} fileVars
 * @param {Record<string, string | undefined>} processEnv
 * @param {Iterable<string>} names
 * @returns {Record<string, string>}
 */
export function resolveVars(fileVars, processEnv, names) {
  /** @type {Record<string, string>} */
  const out = { ...fileVars };
  for (const name of names) {
    const fromProcess = processEnv[name];
    if (typeof fromProcess === "string" && fromProcess !== "") out[name] = fromProcess;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// placeholders

const PLACEHOLDER_RE = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Names of all ${{NAME}} placeholders in the string values of a JSON value (sorted, unique).
 * @param {unknown} value
 * @returns {string[]}
 */
export function findPlaceholders(value) {
  const names = new Set();
  walkStrings(value, (s) => {
    for (const m of s.matchAll(PLACEHOLDER_RE)) names.add(m[1]);
    return s;
  });
  return [...names].sort();
}

/**
 * Replaces every ${{NAME}} in the string values of a JSON value (works on the parsed object,
 * so values with quotes or backslashes cannot break the JSON). Names with no value or an empty
 * value are reported in `missing`; malformed placeholders (e.g. "${{ bad-name }}") too, verbatim.
 * @param {unknown} value
 * @param {Record<string, string | undefined>} vars
 * @returns {{ value: any, missing: string[] }}
 */
export function fillPlaceholders(value, vars) {
  const missing = new Set();
  const filled = walkStrings(value, (s) => {
    const out = s.replace(PLACEHOLDER_RE, (whole, name) => {
      const v = Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
      if (typeof v !== "string" || v === "") {
        missing.add(name);
        return whole;
      }
      return v;
    });
    // anything still looking like a placeholder that the regex did not accept
    for (const m of s.replace(PLACEHOLDER_RE, "").matchAll(/\$\{\{[^}]*\}?\}?/g)) missing.add(m[0]);
    return out;
  });
  return { value: filled, missing: [...missing].sort() };
}

function walkStrings(value, fn) {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) return value.map((v) => walkStrings(v, fn));
  if (value && typeof value === "object") {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = walkStrings(v, fn);
    return out;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// schema validation (offline: the schema is read from the @microsoft/app-manifest package)

/** Directory holding the bundled Teams manifest schemas (…/build/json-schemas/teams). */
export function bundledTeamsSchemaDir() {
  const pkgMain = require.resolve("@microsoft/app-manifest"); // …/build/index.js
  return join(dirname(pkgMain), "json-schemas", "teams");
}

/**
 * Loads the bundled JSON schema for a Teams manifest version ("1.30"). Never touches the network.
 * @param {string} manifestVersion
 */
export function loadBundledTeamsSchema(manifestVersion) {
  if (typeof manifestVersion !== "string" || !/^(\d+\.\d+|devPreview)$/.test(manifestVersion)) {
    throw new PackageError(`manifest.json: manifestVersion "${manifestVersion}" is not a Teams manifest version`);
  }
  const file = join(bundledTeamsSchemaDir(), `v${manifestVersion}`, "MicrosoftTeams.schema.json");
  if (!existsSync(file)) {
    throw new PackageError(
      `manifest.json: no bundled schema for manifestVersion ${manifestVersion} in @microsoft/app-manifest (${file})`,
    );
  }
  // Same clean-up as the package does for the official schema files (invalid \a and \v escapes).
  const raw = readFileSync(file, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b");
  return JSON.parse(raw);
}

/**
 * Validates a filled Teams manifest against the bundled schema for its manifestVersion using
 * AppManifestUtils.validateAgainstSchema(manifest, schema) from @microsoft/app-manifest. The
 * schema is passed explicitly, so the package never fetches it. Returns one line per error.
 * @param {any} manifest
 * @returns {Promise<string[]>}
 */
export async function validateManifest(manifest) {
  if (!manifest || typeof manifest !== "object" || Array.isArray(manifest)) {
    return ["manifest.json: must be a JSON object"];
  }
  const version = manifest.manifestVersion;
  const schema = loadBundledTeamsSchema(version);
  const errors = [];
  if (typeof manifest.$schema === "string") {
    const m = /\/teams\/v([^/]+)\/MicrosoftTeams\.schema\.json$/.exec(manifest.$schema);
    if (!m || m[1] !== version) {
      errors.push(`manifest.json /$schema: "${manifest.$schema}" does not match manifestVersion ${version}`);
    }
  }
  const { AppManifestUtils } = require("@microsoft/app-manifest");
  const found = await AppManifestUtils.validateAgainstSchema(manifest, schema);
  for (const e of found) errors.push(`manifest.json ${String(e).replace(/\s+/g, " ").trim()}`);
  return errors;
}

// ---------------------------------------------------------------------------------------------
// PNG

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Width, height and format of a PNG (from its IHDR chunk); null when it is not a PNG.
 * @param {Buffer} buf
 */
export function readPngInfo(buf) {
  if (!Buffer.isBuffer(buf) || buf.length < 33) return null;
  if (!buf.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (buf.toString("latin1", 12, 16) !== "IHDR") return null;
  return {
    width: buf.readUInt32BE(16),
    height: buf.readUInt32BE(20),
    bitDepth: buf[24],
    colorType: buf[25],
    interlace: buf[28],
  };
}

function pngChunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Encodes 8-bit RGBA pixels (row-major, width*height*4 bytes) as a PNG.
 * @param {number} width
 * @param {number} height
 * @param {Buffer} rgba
 */
export function encodePngRgba(width, height, rgba) {
  if (rgba.length !== width * height * 4) throw new Error("encodePngRgba: pixel buffer has the wrong size");
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * Decodes a non-interlaced 8-bit RGB or RGBA PNG to RGBA pixels; null for other formats.
 * @param {Buffer} buf
 * @returns {{ width: number, height: number, data: Buffer } | null}
 */
export function decodePngRgba(buf) {
  const info = readPngInfo(buf);
  if (!info || info.bitDepth !== 8 || info.interlace !== 0) return null;
  const channels = info.colorType === 6 ? 4 : info.colorType === 2 ? 3 : 0;
  if (!channels) return null;
  const idat = [];
  for (let off = 8; off + 8 <= buf.length; ) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString("latin1", off + 4, off + 8);
    if (type === "IDAT") idat.push(buf.subarray(off + 8, off + 8 + len));
    if (type === "IEND") break;
    off += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const { width, height } = info;
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) return null;
  const cur = Buffer.alloc(stride);
  let prev = Buffer.alloc(stride);
  const out = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) return null;
      cur[i] = (line[i] + pred) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = cur[x * channels];
      out[o + 1] = cur[x * channels + 1];
      out[o + 2] = cur[x * channels + 2];
      out[o + 3] = channels === 4 ? cur[x * channels + 3] : 255;
    }
    prev = Buffer.from(cur);
  }
  return { width, height, data: out };
}

/**
 * Checks the Teams icon rules: color 192x192 PNG; outline 32x32 PNG, white on transparent.
 * @param {{ color: Buffer, outline: Buffer, colorName?: string, outlineName?: string }} icons
 * @returns {string[]} one line per problem
 */
export function checkIcons({ color, outline, colorName = "color.png", outlineName = "outline.png" }) {
  const errors = [];
  const expect = [
    [colorName, color, 192],
    [outlineName, outline, 32],
  ];
  for (const [name, buf, size] of expect) {
    const info = readPngInfo(buf);
    if (!info) errors.push(`${name}: not a PNG file`);
    else if (info.width !== size || info.height !== size) {
      errors.push(`${name}: is ${info.width}x${info.height}, Teams requires ${size}x${size}`);
    }
  }
  const decoded = readPngInfo(outline) ? decodePngRgba(outline) : null;
  if (decoded) {
    let nonWhite = 0;
    let transparent = 0;
    for (let o = 0; o < decoded.data.length; o += 4) {
      const [r, g, b, a] = decoded.data.subarray(o, o + 4);
      if (a === 0) transparent++;
      else if (r < 245 || g < 245 || b < 245) nonWhite++;
    }
    if (nonWhite > 0) errors.push(`${outlineName}: must be white on transparent (${nonWhite} non-white pixels)`);
    if (transparent === 0) errors.push(`${outlineName}: must have a transparent background (no transparent pixel)`);
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// zip

function dosDateTime(date) {
  const year = Math.max(1980, date.getFullYear());
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/**
 * Builds a zip archive (deflate, or store when deflate does not help). No zip64: every entry
 * and the archive must stay below 4 GiB and 65535 entries, plenty for an app package.
 * @param {{ name: string, data: Buffer | string }[]} entries
 * @param {{ date?: Date }} [opts]
 * @returns {Buffer}
 */
export function createZip(entries, { date = new Date() } = {}) {
  const { time, date: dosDate } = dosDateTime(date);
  const locals = [];
  const centrals = [];
  let offset = 0;
  const seen = new Set();
  for (const entry of entries) {
    const name = entry.name;
    if (!name || name.startsWith("/") || name.includes("\\") || name.split("/").includes("..")) {
      throw new Error(`createZip: invalid entry name "${name}"`);
    }
    if (seen.has(name)) throw new Error(`createZip: duplicate entry "${name}"`);
    seen.add(name);
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, "utf8");
    const nameBuf = Buffer.from(name, "utf8");
    const crc = zlib.crc32(data) >>> 0;
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? 8 : 0;
    const body = method === 8 ? deflated : data;
    const flags = /^[\x20-\x7e]*$/.test(name) ? 0 : 0x0800; // bit 11: UTF-8 name

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by (MS-DOS, 2.0)
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42);

    locals.push(local, nameBuf, body);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20);
  return Buffer.concat([...locals, cd, end]);
}

// ---------------------------------------------------------------------------------------------
// the whole build

function display(path, rootDir) {
  const rel = relative(rootDir, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : path;
}

/**
 * Fills appPackage/manifest.json from the env files and process env, validates it offline,
 * checks the icons and writes <outDir>/appPackage.<envName>.zip. Throws PackageError (with
 * printable lines) on any problem the user must fix.
 * @param {{ envName?: string, rootDir?: string, envDir?: string, appPackageDir?: string,
 *           outDir?: string, processEnv?: Record<string, string | undefined>, date?: Date }} [opts]
 */
export async function buildAppPackage(opts = {}) {
  const rootDir = opts.rootDir ?? REPO_ROOT;
  const envName = assertEnvName(opts.envName ?? "local");
  const envDir = opts.envDir ?? join(rootDir, "env");
  const appPackageDir = opts.appPackageDir ?? join(rootDir, "appPackage");
  const outDir = opts.outDir ?? join(appPackageDir, "build");
  const processEnv = opts.processEnv ?? process.env;

  const manifestPath = join(appPackageDir, "manifest.json");
  if (!existsSync(manifestPath)) throw new PackageError(`${display(manifestPath, rootDir)} not found`);
  let template;
  try {
    template = JSON.parse(readFileSync(manifestPath, "utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new PackageError(`${display(manifestPath, rootDir)} is not valid JSON: ${/** @type {Error} */ (e).message}`);
  }

  const { vars: fileVars, files } = loadEnvFiles({ envDir, envName });
  const vars = resolveVars(fileVars, processEnv, findPlaceholders(template));
  const { value: manifest, missing } = fillPlaceholders(template, vars);
  if (missing.length) {
    const [main, user] = files.map((f) => display(f.path, rootDir));
    const absent = files.filter((f) => !f.exists).map((f) => display(f.path, rootDir));
    const note = absent.length ? ` (${absent.join(" and ")} not found)` : "";
    throw new PackageError(
      `Missing value for ${missing.join(", ")} in ${display(manifestPath, rootDir)}: ` +
        `set ${missing.length > 1 ? "them" : "it"} in ${main}, or in ${user} for values not to commit${note}`,
    );
  }

  const errors = await validateManifest(manifest);
  if (errors.length) throw new PackageError(errors);

  const iconFile = (name) => {
    const p = normalize(join(appPackageDir, name));
    if (typeof name !== "string" || isAbsolute(name) || relative(appPackageDir, p).startsWith("..")) {
      throw new PackageError(`manifest.json: icon path "${name}" must be a relative path inside appPackage/`);
    }
    if (!existsSync(p)) throw new PackageError(`${display(p, rootDir)} not found (named in manifest.json icons)`);
    return readFileSync(p);
  };
  const colorName = manifest.icons.color;
  const outlineName = manifest.icons.outline;
  const color = iconFile(colorName);
  const outline = iconFile(outlineName);
  const iconErrors = checkIcons({ color, outline, colorName, outlineName });
  if (iconErrors.length) throw new PackageError(iconErrors);

  const zip = createZip(
    [
      { name: "manifest.json", data: JSON.stringify(manifest, null, 2) + "\n" },
      { name: colorName, data: color },
      { name: outlineName, data: outline },
    ],
    { date: opts.date },
  );
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${envName}.zip`);
  writeFileSync(zipPath, zip);
  return { zipPath, manifest, entries: ["manifest.json", colorName, outlineName] };
}
