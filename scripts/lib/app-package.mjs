// Reusable parts of the packaging (Teams app package and App Service deploy artefact): env loading, placeholder filling, offline schema
// validation (@microsoft/app-manifest), PNG checks (pngjs) and zips (yazl). Used by
// scripts/package-app.mjs, scripts/package-deploy.mjs, scripts/make-icons.mjs and tests/app-package/.
import { spawnSync } from "node:child_process";
import { DotenvError, parseDotenv as parseDotenvShared } from "../../bot/src/platform/dotenv.mjs";
import { cpSync, createWriteStream, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import yazl from "yazl";

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


/**
 * Parses a dotenv file (the one reader, shared with the bot's config); a line it can't take is a
 * PackageError naming the line.
 * @param {string} text
 * @param {string} [label] file name used in error messages
 * @returns {Record<string, string>}
 */
export function parseDotenv(text, label = "env file") {
  try {
    return parseDotenvShared(text, label);
  } catch (e) {
    if (e instanceof DotenvError) throw new PackageError(e.message);
    throw e;
  }
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
// PNG (pngjs)

/**
 * Width, height and format of a PNG; null when it is not a PNG pngjs can read.
 * @param {Buffer} buf
 */
export function readPngInfo(buf) {
  const png = readPng(buf);
  return png && { width: png.width, height: png.height, bitDepth: png.depth, colorType: png.colorType, interlace: png.interlace ? 1 : 0 };
}

function readPng(buf) {
  if (!Buffer.isBuffer(buf)) return null;
  try {
    return PNG.sync.read(buf);
  } catch {
    return null;
  }
}

/**
 * Encodes 8-bit RGBA pixels (row-major, width*height*4 bytes) as a PNG.
 * @param {number} width
 * @param {number} height
 * @param {Buffer} rgba
 */
export function encodePngRgba(width, height, rgba) {
  if (rgba.length !== width * height * 4) throw new Error("encodePngRgba: pixel buffer has the wrong size");
  // No row filter and zlib's default strategy: for flat icon art this is far smaller than
  // pngjs's defaults (adaptive filters, run-length strategy).
  return PNG.sync.write(
    { width, height, data: rgba },
    { colorType: 6, inputColorType: 6, bitDepth: 8, deflateLevel: 9, deflateStrategy: 0, filterType: 0 },
  );
}

/**
 * Decodes any PNG to 8-bit RGBA pixels; null when it is not a PNG.
 * @param {Buffer} buf
 * @returns {{ width: number, height: number, data: Buffer } | null}
 */
export function decodePngRgba(buf) {
  const png = readPng(buf);
  return png && { width: png.width, height: png.height, data: png.data };
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
  const decoded = decodePngRgba(outline);
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
// zip (yazl)

// Already compressed: deflating them again only costs time.
const STORED = /\.(png|jpe?g|gif|webp|woff2?|zip|gz|br)$/i;

/**
 * Adds the entries to a new yazl archive. Names are checked first so a bad one fails with our
 * message, before anything is written.
 * @param {{ name: string, data?: Buffer | string, path?: string }[]} entries data in memory, or a file on disk
 * @param {Date} date modification time of every entry (reproducible archives)
 */
function newZip(entries, date) {
  const zip = new yazl.ZipFile();
  const seen = new Set();
  for (const entry of entries) {
    const name = entry.name;
    if (!name || name.startsWith("/") || name.includes("\\") || name.split("/").includes("..")) {
      throw new Error(`createZip: invalid entry name "${name}"`);
    }
    if (seen.has(name)) throw new Error(`createZip: duplicate entry "${name}"`);
    seen.add(name);
    const options = { mtime: date, compress: !STORED.test(name) };
    if (entry.path !== undefined) zip.addFile(entry.path, name, options);
    else zip.addBuffer(Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data ?? "", "utf8"), name, options);
  }
  zip.end();
  return zip;
}

/**
 * Builds a zip archive in memory (deflate; PNGs and other compressed formats stored).
 * @param {{ name: string, data: Buffer | string }[]} entries
 * @param {{ date?: Date }} [opts]
 * @returns {Promise<Buffer>}
 */
export async function createZip(entries, { date = new Date() } = {}) {
  const zip = newZip(entries, date);
  const chunks = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * Streams a zip of files on disk to `zipPath` (for archives too big to hold in memory).
 * @param {{ name: string, path: string }[]} entries
 * @param {string} zipPath
 * @param {{ date?: Date }} [opts]
 */
export async function writeZipFile(entries, zipPath, { date = new Date() } = {}) {
  const zip = newZip(entries, date);
  mkdirSync(dirname(zipPath), { recursive: true });
  await pipeline(zip.outputStream, createWriteStream(zipPath));
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

  const zip = await createZip(
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

// ---------------------------------------------------------------------------------------------
// the App Service deploy artefact (scripts/package-deploy.mjs)

export const DEPLOY_ZIP_NAME = "service-ops-deploy.zip";

/** Files that do not run: sources, declarations, maps, docs (licences excepted). */
function prunable(name) {
  if (/^(licen[cs]e|notice|copying)/i.test(name)) return false;
  return /\.(ts|mts|cts|map|md|markdown)$/i.test(name) || name === ".DS_Store";
}

function walk(dir, onFile, onDir = () => true) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (onDir(path, entry.name)) walk(path, onFile, onDir);
    } else {
      onFile(path, entry);
    }
  }
}

function run(cmd, args, cwd) {
  // Windows runs npm.cmd only through a shell.
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", shell: process.platform === "win32", env: { ...process.env, npm_config_update_notifier: "false" } });
  if (r.status !== 0) {
    const detail = `${r.stderr ?? ""}${r.stdout ?? ""}`.trim().split("\n").slice(-5);
    throw new PackageError([`\`${cmd} ${args.join(" ")}\` failed (exit ${r.status ?? r.signal ?? r.error?.message})`, ...detail]);
  }
}

/**
 * Lays out (and zips) the deploy artefact. Returns what it holds.
 * @param {{ rootDir?: string, outDir?: string, zip?: boolean }} [opts]
 */
export async function buildDeployArtefact(opts = {}) {
  const rootDir = opts.rootDir ?? REPO_ROOT;
  const outDir = opts.outDir ?? join(rootDir, "appPackage", "build");
  const stage = join(outDir, "deploy");
  for (const f of ["dist/bot/index.js", "dist/tabs/index.html", "package.json", "package-lock.json"]) {
    if (!existsSync(join(rootDir, f))) throw new PackageError(`${f} is missing: run \`npm run build\` first (the artefact is made from the build).`);
  }
  rmSync(stage, { recursive: true, force: true });
  cpSync(join(rootDir, "dist"), join(stage, "dist"), {
    recursive: true,
    filter: (src) => !src.endsWith(".map") && !src.endsWith(`${sep}.build-stamp`),
  });
  for (const f of ["package.json", "package-lock.json"]) cpSync(join(rootDir, f), join(stage, f));

  // The lock file decides the versions; --omit=dev leaves out every devDependency and what only
  // they need. No install scripts: no production dependency needs one to run.
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  run(npm, ["ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], stage);

  const modules = join(stage, "node_modules");
  // Command shims are symlinks and nothing on the server runs them.
  rmSync(join(modules, ".bin"), { recursive: true, force: true });
  walk(modules, (path, entry) => {
    if (entry.isSymbolicLink()) throw new PackageError(`${relative(stage, path)} is a symbolic link: the artefact must hold real files only`);
    if (prunable(entry.name)) rmSync(path);
  }, (path, name) => {
    if (name === ".bin") {
      rmSync(path, { recursive: true, force: true });
      return false;
    }
    return true;
  });

  const files = [];
  let bytes = 0;
  walk(stage, (path) => {
    const size = statSync(path).size;
    bytes += size;
    files.push({ name: relative(stage, path).split(sep).join("/"), path });
  });
  files.sort((a, b) => a.name.localeCompare(b.name));
  const result = { stageDir: stage, files: files.length, bytes, zipPath: undefined, zipBytes: undefined };
  if (opts.zip !== false) {
    const zipPath = join(outDir, DEPLOY_ZIP_NAME);
    rmSync(zipPath, { force: true });
    await writeZipFile(files, zipPath);
    result.zipPath = zipPath;
    result.zipBytes = lstatSync(zipPath).size;
  }
  return result;
}

