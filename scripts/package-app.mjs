// Builds the Teams app package: npm run package [-- --env dev] [--out-dir <dir>]   (default env: local)
// Reads env/.env.<env>, then env/.env.<env>.user (later wins), then non-empty process env values
// for the placeholders the manifest uses; fills every ${{NAME}} in appPackage/manifest.json;
// validates it offline against the schema bundled in @microsoft/app-manifest; checks the icons;
// writes appPackage/build/appPackage.<env>.zip (manifest.json, color.png, outline.png at the root).
import { relative, resolve } from "node:path";
import { PackageError, REPO_ROOT, buildAppPackage } from "./lib/app-package.mjs";

const USAGE = "usage: npm run package [-- --env <name>] [--out-dir <dir>]   (default: --env local, appPackage/build)";

function parseArgs(argv) {
  let envName = "local";
  let outDir;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--env" || arg === "-e") {
      if (i + 1 >= argv.length) throw new PackageError(`${arg} needs a value, e.g. --env dev`);
      envName = argv[++i];
    } else if (arg.startsWith("--env=")) {
      envName = arg.slice("--env=".length);
    } else if (arg === "--out-dir") {
      if (i + 1 >= argv.length) throw new PackageError(`${arg} needs a directory`);
      outDir = resolve(argv[++i]);
    } else if (arg.startsWith("--out-dir=")) {
      outDir = resolve(arg.slice("--out-dir=".length));
    } else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else {
      throw new PackageError(`unknown argument "${arg}" (${USAGE})`);
    }
  }
  return { envName, outDir };
}

try {
  const { envName, outDir } = parseArgs(process.argv.slice(2));
  const { zipPath } = await buildAppPackage({ envName, ...(outDir ? { outDir } : {}) });
  const rel = relative(process.cwd(), zipPath);
  console.log(rel && !rel.startsWith("..") ? rel : zipPath);
} catch (e) {
  if (e instanceof PackageError) {
    for (const line of e.lines) console.error(`package: ${line}`);
  } else {
    const msg = e instanceof Error ? e.message : String(e);
    console.error(`package: unexpected error: ${msg.split("\n")[0]} (repo: ${REPO_ROOT})`);
  }
  process.exitCode = 1;
}
