// Builds the App Service deploy artefact: npm run package:deploy [-- --out-dir <dir>] [--no-zip]
//
// From the current build (dist/, made by `npm run build`) it lays out in <out>/deploy/ exactly
// what the web app runs, and zips it to <out>/service-ops-deploy.zip (default <out>: appPackage/build):
//   dist/ (without source maps), package.json (for "type": "module"), package-lock.json, and
//   node_modules/ from `npm ci --omit=dev`: production dependencies only, no build, test or
//   local-run tools (azurite, the Playground, vite, vitest, ...).
// What never runs on the server is pruned: TypeScript sources and declarations, source maps and
// Markdown (licence and notice files stay). The web app mounts the zip read-only and runs it as
// is (WEBSITE_RUN_FROM_PACKAGE=1, no build on the server), so nothing may be missing from it.
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { PackageError, buildDeployArtefact } from "./lib/app-package.mjs";

const USAGE = "usage: npm run package:deploy [-- --out-dir <dir>] [--no-zip]   (default: appPackage/build)";
const mib = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

try {
  const { values } = parseArgs({ options: { "out-dir": { type: "string" }, "no-zip": { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } } });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const r = await buildDeployArtefact({ ...(values["out-dir"] ? { outDir: resolve(values["out-dir"]) } : {}), zip: !values["no-zip"] });
  console.log(`deploy folder: ${relative(process.cwd(), r.stageDir) || "."} (${r.files} files, ${mib(r.bytes)} unpacked)`);
  if (r.zipPath) console.log(`deploy zip:    ${relative(process.cwd(), r.zipPath)} (${mib(r.zipBytes)})`);
} catch (e) {
  if (e instanceof PackageError) for (const line of e.lines) console.error(`package:deploy: ${line}`);
  else console.error(`package:deploy: ${e instanceof Error ? e.message.split("\n")[0] : String(e)} (${USAGE})`);
  process.exitCode = 1;
}
