// Teams app package: manifest content, offline schema validation, placeholders, icons and zip.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync, inflateSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  PackageError,
  REPO_ROOT,
  buildAppPackage,
  bundledTeamsSchemaDir,
  checkIcons,
  createZip,
  decodePngRgba,
  fillPlaceholders,
  findPlaceholders,
  loadEnvFiles,
  parseDotenv,
  resolveVars,
  validateManifest,
} from "../../scripts/lib/app-package.mjs";

const APP_PACKAGE = join(REPO_ROOT, "appPackage");
const TEMPLATE: unknown = JSON.parse(readFileSync(join(APP_PACKAGE, "manifest.json"), "utf8"));

const SAMPLE: Record<string, string> = {
  TEAMS_APP_ID: "0f6a3c1e-8b2d-4e5f-9a7b-1c2d3e4f5a6b",
  BOT_ID: "7d9e1f20-3a4b-4c5d-8e6f-708192a3b4c5",
  AAD_APP_CLIENT_ID: "c5b4a392-8170-4f6e-9d5c-4b3a29180706",
  TAB_ENDPOINT: "https://serviceops.example.net",
  TAB_DOMAIN: "serviceops.example.net",
  APP_NAME_SUFFIX: "dev",
};
const PLACEHOLDER_KEYS = Object.keys(SAMPLE).sort();
const COMMANDS = ["help", "finding", "escalate", "findings", "incidents", "roles", "agenda", "checklists", "reminders"];
const BOT_SCOPES = ["personal", "team", "groupChat"];

function filledSample(): any {
  const { value, missing } = fillPlaceholders(TEMPLATE, SAMPLE);
  expect(missing).toEqual([]);
  return value;
}

// Independent CRC-32 (IEEE) so the zip and PNG checks do not trust the code under test.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  data: Buffer;
}
/** Reads a zip via its end-of-central-directory record and central directory. */
function readZip(zip: Buffer): ZipEntry[] {
  const eocd = zip.length - 22;
  expect(zip.readUInt32LE(eocd)).toBe(0x06054b50);
  const count = zip.readUInt16LE(eocd + 10);
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  expect(cdOffset + cdSize).toBe(eocd);
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compSize = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const name = zip.toString("utf8", p + 46, p + 46 + nameLen);
    // local header must agree with the central directory
    expect(zip.readUInt32LE(localOffset)).toBe(0x04034b50);
    expect(zip.readUInt16LE(localOffset + 8)).toBe(method);
    expect(zip.readUInt32LE(localOffset + 14)).toBe(crc);
    expect(zip.readUInt32LE(localOffset + 18)).toBe(compSize);
    expect(zip.readUInt32LE(localOffset + 22)).toBe(size);
    const localNameLen = zip.readUInt16LE(localOffset + 26);
    const localExtraLen = zip.readUInt16LE(localOffset + 28);
    expect(zip.toString("utf8", localOffset + 30, localOffset + 30 + localNameLen)).toBe(name);
    const start = localOffset + 30 + localNameLen + localExtraLen;
    const raw = zip.subarray(start, start + compSize);
    expect([0, 8]).toContain(method);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    entries.push({ name, method, crc, data });
    p += 46 + nameLen + extraLen + commentLen;
  }
  expect(p).toBe(cdOffset + cdSize);
  return entries;
}

/** PNG width/height from IHDR, after checking the signature and every chunk CRC. */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  let off = 8;
  const types: string[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const typeAndData = buf.subarray(off + 4, off + 8 + len);
    expect(crc32(typeAndData)).toBe(buf.readUInt32BE(off + 8 + len));
    types.push(buf.toString("latin1", off + 4, off + 8));
    off += 12 + len;
  }
  expect(types[0]).toBe("IHDR");
  expect(types.at(-1)).toBe("IEND");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe("appPackage/manifest.json", () => {
  it("uses exactly the expected placeholders", () => {
    expect(findPlaceholders(TEMPLATE)).toEqual(PLACEHOLDER_KEYS);
  });

  it("targets the newest manifest schema bundled in @microsoft/app-manifest", () => {
    const versions = readdirSync(bundledTeamsSchemaDir())
      .filter((d) => /^v\d+\.\d+$/.test(d))
      .map((d) => d.slice(1).split(".").map(Number) as [number, number])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const newest = versions.at(-1)!.join(".");
    const manifest = filledSample();
    expect(manifest.manifestVersion).toBe(newest);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${newest}/MicrosoftTeams.schema.json`,
    );
  });

  it("filled with sample values, validates against the bundled schema with zero errors", async () => {
    const manifest = filledSample();
    expect(JSON.stringify(manifest)).not.toContain("${{");
    expect(manifest.id).toBe(SAMPLE.TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(SAMPLE.BOT_ID);
    expect(manifest.name.short).toBe("Service Ops-dev");
    expect(await validateManifest(manifest)).toEqual([]);
  });

  it("validation reports schema violations one per line", async () => {
    const manifest = filledSample();
    manifest.bots[0].botId = "not-a-guid";
    manifest.configurableTabs[0].context.push("notAContext");
    manifest.unexpectedProperty = true;
    const errors = await validateManifest(manifest);
    expect(errors.some((e) => e.includes("/bots/0/botId"))).toBe(true);
    expect(errors.some((e) => e.includes("/configurableTabs/0/context/5"))).toBe(true);
    expect(errors.some((e) => e.includes("unexpectedProperty"))).toBe(true);
    for (const e of errors) expect(e).not.toMatch(/\n/);
  });

  it("rejects a $schema that does not match manifestVersion", async () => {
    const manifest = filledSample();
    manifest.$schema = "https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json";
    expect((await validateManifest(manifest)).join("\n")).toMatch(/\$schema.*does not match manifestVersion/);
  });

  describe("offline", () => {
    beforeEach(() => {
      vi.stubGlobal(
        "fetch",
        vi.fn(() => Promise.reject(new Error("network disabled in test"))),
      );
    });
    afterEach(() => {
      vi.unstubAllGlobals();
    });
    it("validates without any network access", async () => {
      const manifest = filledSample();
      expect(await validateManifest(manifest)).toEqual([]);
      manifest.accentColor = "teal";
      expect((await validateManifest(manifest)).join("\n")).toContain("/accentColor");
      expect(globalThis.fetch).not.toHaveBeenCalled();
    });
  });

  it("lists the nine commands, with descriptions, for every bot scope", () => {
    const bot = filledSample().bots[0];
    expect([...bot.scopes].sort()).toEqual([...BOT_SCOPES].sort());
    const scopesCovered: string[] = [];
    for (const list of bot.commandLists as { scopes: string[]; commands: { title: string; description?: string }[] }[]) {
      scopesCovered.push(...list.scopes);
      const titles = list.commands.map((c) => c.title);
      for (const t of titles) expect(COMMANDS).toContain(t);
      expect([...titles].sort()).toEqual([...COMMANDS].sort());
      for (const c of list.commands) expect(c.description?.length ?? 0).toBeGreaterThan(10);
    }
    expect([...scopesCovered].sort()).toEqual([...BOT_SCOPES].sort());
    expect(bot.supportsFiles).toBe(false);
    expect(bot.isNotificationOnly).toBe(false);
  });

  it("points the tab, SSO resource and valid domains at TAB_ENDPOINT / TAB_DOMAIN", () => {
    const manifest = filledSample();
    const tab = manifest.configurableTabs[0];
    expect(tab.configurationUrl.startsWith(`${SAMPLE.TAB_ENDPOINT}/`)).toBe(true);
    expect(tab.configurationUrl).toBe(`${SAMPLE.TAB_ENDPOINT}/tabs/config.html`);
    expect(tab.canUpdateConfiguration).toBe(true);
    expect([...tab.scopes].sort()).toEqual(["groupChat", "team"]);
    expect(manifest.validDomains).toEqual([SAMPLE.TAB_DOMAIN]);
    expect(manifest.webApplicationInfo).toEqual({
      id: SAMPLE.AAD_APP_CLIENT_ID,
      resource: `api://${SAMPLE.TAB_DOMAIN}/${SAMPLE.AAD_APP_CLIENT_ID}`,
    });
    for (const key of ["websiteUrl", "privacyUrl", "termsOfUseUrl"]) {
      expect(manifest.developer[key].startsWith(SAMPLE.TAB_ENDPOINT)).toBe(true);
    }
  });
});

describe("placeholders and env files", () => {
  it("reports unresolved and empty placeholders by name", () => {
    const vars = { ...SAMPLE, AAD_APP_CLIENT_ID: "" } as Record<string, string>;
    delete vars.BOT_ID;
    const { missing, value } = fillPlaceholders(TEMPLATE, vars);
    expect(missing).toEqual(["AAD_APP_CLIENT_ID", "BOT_ID"]);
    expect(value.bots[0].botId).toBe("${{BOT_ID}}");
  });

  it("reports malformed placeholders verbatim and keeps JSON-special characters intact", () => {
    const { value, missing } = fillPlaceholders({ a: 'x ${{NAME}} y', b: "${{ bad-name }}" }, { NAME: 'q"\\' });
    expect(value.a).toBe('x q"\\ y');
    expect(missing).toEqual(["${{ bad-name }}"]);
  });

  it("parses dotenv files: comments, quotes, export, inline comments", () => {
    const vars = parseDotenv(
      [
        "# comment",
        "",
        "A=plain value # trailing comment",
        'B="quoted # not a comment\\n"',
        "C='single $ {literal}'",
        "export D=exported",
        "E=abc#def",
        "F=",
      ].join("\n"),
    );
    expect(vars).toEqual({
      A: "plain value",
      B: "quoted # not a comment\n",
      C: "single $ {literal}",
      D: "exported",
      E: "abc#def",
      F: "",
    });
    expect(() => parseDotenv("OK=1\nthis is not a pair", ".env.x")).toThrow(/\.env\.x line 2/);
  });

  it("lets .env.<env>.user override .env.<env>, and non-empty process env override both", () => {
    const dir = mkdtempSync(join(tmpdir(), "svcops-env-"));
    try {
      writeFileSync(join(dir, ".env.t"), "A=1\nB=1\nC=1\n");
      writeFileSync(join(dir, ".env.t.user"), "B=2\nC=2\n");
      const { vars, files } = loadEnvFiles({ envDir: dir, envName: "t" });
      expect(vars).toEqual({ A: "1", B: "2", C: "2" });
      expect(files.map((f) => f.exists)).toEqual([true, true]);
      expect(resolveVars(vars, { C: "3", A: "" }, ["A", "B", "C"])).toEqual({ A: "1", B: "2", C: "3" });
      expect(() => loadEnvFiles({ envDir: dir, envName: "../t" })).toThrow(PackageError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("icons", () => {
  const color = readFileSync(join(APP_PACKAGE, "color.png"));
  const outline = readFileSync(join(APP_PACKAGE, "outline.png"));

  it("color.png is a 192x192 PNG and outline.png a 32x32 PNG", () => {
    expect(pngSize(color)).toEqual({ width: 192, height: 192 });
    expect(pngSize(outline)).toEqual({ width: 32, height: 32 });
    expect(checkIcons({ color, outline })).toEqual([]);
  });

  it("outline.png is white on transparent; color.png is opaque in the middle", () => {
    const o = decodePngRgba(outline)!;
    let transparent = 0;
    let drawn = 0;
    for (let i = 0; i < o.data.length; i += 4) {
      if (o.data[i + 3] === 0) transparent++;
      else {
        drawn++;
        expect([o.data[i], o.data[i + 1], o.data[i + 2]]).toEqual([255, 255, 255]);
      }
    }
    expect(transparent).toBeGreaterThan(100);
    expect(drawn).toBeGreaterThan(100);
    // cross-check the decoder against raw inflate of the (filter 0) scanlines
    const idatStart = 8 + 25 + 8;
    const idatLen = outline.readUInt32BE(33);
    const raw = inflateSync(outline.subarray(idatStart, idatStart + idatLen));
    expect(raw.length).toBe(32 * (32 * 4 + 1));
    const c = decodePngRgba(color)!;
    const mid = (96 * 192 + 96) * 4;
    expect(c.data[mid + 3]).toBe(255);
  });

  it("are exactly what npm run icons draws (pngjs encoding)", () => {
    const out = mkdtempSync(join(tmpdir(), "svcops-icons-"));
    try {
      const r = spawnSync(process.execPath, [join(REPO_ROOT, "scripts/make-icons.mjs"), "--out-dir", out], { encoding: "utf8" });
      expect(r.status).toBe(0);
      for (const [name, committed] of [["color.png", color], ["outline.png", outline]] as const) {
        const drawn = decodePngRgba(readFileSync(join(out, name)))!;
        const mine = decodePngRgba(committed)!;
        expect([drawn.width, drawn.height]).toEqual([mine.width, mine.height]);
        expect(drawn.data.equals(mine.data)).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("checkIcons reports wrong sizes and a non-white outline", () => {
    const errors = checkIcons({ color: outline, outline: color });
    expect(errors).toContain("color.png: is 32x32, Teams requires 192x192");
    expect(errors).toContain("outline.png: is 192x192, Teams requires 32x32");
    expect(errors.some((e) => e.startsWith("outline.png: must be white on transparent"))).toBe(true);
    expect(checkIcons({ color: Buffer.from("not a png"), outline })).toEqual(["color.png: not a PNG file"]);
  });
});

describe("zip package", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "svcops-pkg-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("builds appPackage.<env>.zip with manifest.json, color.png and outline.png at the root", async () => {
    const envDir = join(dir, "env");
    const outDir = join(dir, "out");
    const lines = Object.entries(SAMPLE).map(([k, v]) => `${k}=${v}`);
    // BOT_ID comes from the .user file, TAB_DOMAIN from the process env
    mkdirSync(envDir);
    writeFileSync(
      join(envDir, ".env.ci"),
      lines.filter((l) => !l.startsWith("BOT_ID=")).map((l) => (l.startsWith("TAB_DOMAIN=") ? "TAB_DOMAIN=" : l)).join("\n"),
    );
    writeFileSync(join(envDir, ".env.ci.user"), `BOT_ID="${SAMPLE.BOT_ID}"\n`);
    const result = await buildAppPackage({
      envName: "ci",
      envDir,
      outDir,
      processEnv: { TAB_DOMAIN: SAMPLE.TAB_DOMAIN },
    });
    expect(result.zipPath).toBe(join(outDir, "appPackage.ci.zip"));

    const entries = readZip(readFileSync(result.zipPath));
    expect(entries.map((e) => e.name)).toEqual(["manifest.json", "color.png", "outline.png"]);
    const manifest = JSON.parse(entries[0]!.data.toString("utf8"));
    expect(manifest).toEqual(filledSample());
    expect(entries[1]!.data.equals(readFileSync(join(APP_PACKAGE, "color.png")))).toBe(true);
    expect(entries[2]!.data.equals(readFileSync(join(APP_PACKAGE, "outline.png")))).toBe(true);
    expect(pngSize(entries[1]!.data)).toEqual({ width: 192, height: 192 });
    expect(pngSize(entries[2]!.data)).toEqual({ width: 32, height: 32 });
    expect(await validateManifest(manifest)).toEqual([]);
  });

  it("refuses to build when values are missing, naming them and the env file", async () => {
    const processEnv = { ...SAMPLE, BOT_ID: "", AAD_APP_CLIENT_ID: undefined };
    const error = await buildAppPackage({ envName: "nowhere", envDir: dir, outDir: dir, processEnv }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PackageError);
    const lines = (error as PackageError).lines;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("AAD_APP_CLIENT_ID, BOT_ID");
    expect(lines[0]).toContain(".env.nowhere");
    expect(existsSync(join(dir, "appPackage.nowhere.zip"))).toBe(false);
  });

  it("zip writer (yazl) deflates text, stores PNGs, and is readable by an independent reader", async () => {
    const text = "Service Ops ".repeat(200);
    const png = readFileSync(join(APP_PACKAGE, "outline.png"));
    const entries = readZip(await createZip([
      { name: "a.txt", data: text },
      { name: "dir/b.png", data: png },
    ]));
    expect(entries.map((e) => [e.name, e.method])).toEqual([
      ["a.txt", 8],
      ["dir/b.png", 0],
    ]);
    expect(entries[0]!.data.toString()).toBe(text);
    expect(entries[1]!.data.equals(png)).toBe(true);
    await expect(createZip([{ name: "../evil", data: "x" }])).rejects.toThrow(/invalid entry name/);
    await expect(createZip([{ name: "a", data: "x" }, { name: "a", data: "y" }])).rejects.toThrow(/duplicate entry/);
  });
});

describe("npm run package (CLI)", () => {
  const cleanEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !PLACEHOLDER_KEYS.includes(k)),
  ) as NodeJS.ProcessEnv;

  it("prints one clear line and exits 1 when values are missing", () => {
    const r = spawnSync(process.execPath, [join(REPO_ROOT, "scripts/package-app.mjs"), "--env", "vitest-absent"], {
      cwd: REPO_ROOT,
      env: cleanEnv,
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^package: Missing value for /);
    for (const k of PLACEHOLDER_KEYS) expect(lines[0]).toContain(k);
    expect(lines[0]).toContain("env/.env.vitest-absent");
    expect(r.stderr).not.toMatch(/\bat .*\.m?js:\d+/);
  });

  it("prints each schema error on its own line and exits 1", () => {
    const r = spawnSync(
      process.execPath,
      [join(REPO_ROOT, "scripts/package-app.mjs"), "--env", "vitest-absent", "--out-dir", join(tmpdir(), "unused")],
      {
        cwd: REPO_ROOT,
        env: { ...cleanEnv, ...SAMPLE, BOT_ID: "nope", TAB_ENDPOINT: "ftp://serviceops.example.net" },
        encoding: "utf8",
      },
    );
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines.some((l) => l.includes("/bots/0/botId"))).toBe(true);
    expect(lines.some((l) => l.includes("/configurableTabs/0/configurationUrl"))).toBe(true);
    for (const l of lines) expect(l).toMatch(/^package: manifest\.json /);
  });

  it("writes the zip and prints its path", () => {
    const out = mkdtempSync(join(tmpdir(), "svcops-cli-"));
    try {
      const r = spawnSync(
        process.execPath,
        [join(REPO_ROOT, "scripts/package-app.mjs"), "--env=vitest-absent", "--out-dir", out],
        { cwd: REPO_ROOT, env: { ...cleanEnv, ...SAMPLE }, encoding: "utf8" },
      );
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const zipPath = join(out, "appPackage.vitest-absent.zip");
      expect(r.stdout.trim()).toBe(zipPath);
      expect(readZip(readFileSync(zipPath)).map((e) => e.name)).toEqual(["manifest.json", "color.png", "outline.png"]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
