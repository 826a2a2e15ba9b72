/**
 * Start/stop the Microsoft 365 Agents Playground (@microsoft/m365agentsplayground,
 * the successor of "Teams App Test Tool") as a child process, headless and offline.
 *
 * What the bundled CLI (dist/index.js, v0.2.28) does, and how we tame it:
 *  - Opens the system browser via the `open` package unless
 *    `TEAMSAPPTESTER_BROWSER=none` (the only switch; there is no CLI flag).
 *  - Telemetry (Application Insights) is off for events with `--disable-telemetry`,
 *    but the AI SDK is still started; its "statsbeat" probes Azure IMDS
 *    (169.254.169.254) and resolves Azure host names unless
 *    `APPLICATION_INSIGHTS_NO_STATSBEAT=true`. We set both.
 *  - Logs go to `./devTools/m365agentsplayground.log` relative to its cwd (the
 *    file is deleted first) unless `M365_AGENTS_PLAYGROUND_LOGFILE` is set; the
 *    console only gets output when stdout is a TTY. With a pipe it writes exactly
 *    one line, `Listening on <port>`, to stdout.
 *  - Reads `.m365agentsplayground.yml` (or legacy `.teamsapptesttool.yml`) from its
 *    cwd, or `M365_AGENTS_PLAYGROUND_CONFIG_PATH`. We run it in a temp dir so a
 *    stray config file does not change the tests, unless `configFile` is given.
 *  - `-p PORT` falls back to a random port if PORT is taken; we parse the real one.
 */
// Shared by `npm start` (scripts/start.mjs) and the browser tests (tests/support/playground.ts).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
const require2 = createRequire(import.meta.url);
function playgroundCliPath() {
  return require2.resolve("@microsoft/m365agentsplayground/cli.js");
}
function getFreePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      if (addr && typeof addr === "object") {
        const { port } = addr;
        srv.close(() => resolve(port));
      } else {
        srv.close(() => reject(new Error("could not get a free port")));
      }
    });
  });
}
function playgroundEnv(logFile, extra = {}) {
  return {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: "none",
    APPLICATION_INSIGHTS_NO_STATSBEAT: "true",
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    ...extra
  };
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function waitForExit(child, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off("exit", onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once("exit", onExit);
  });
}
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
    }
  }
}
async function startPlayground(options) {
  const startTimeoutMs = options.startTimeoutMs ?? 6e4;
  const requestedPort = options.port ?? await getFreePort();
  const workDir = mkdtempSync(join(tmpdir(), "service-ops-playground-"));
  const logFile = join(workDir, "m365agentsplayground.log");
  const args = [
    playgroundCliPath(),
    "--app-endpoint",
    options.botEndpoint,
    "--channel-id",
    options.channelId ?? "msteams",
    "--port",
    String(requestedPort),
    "--disable-telemetry"
  ];
  if (options.serviceUrl) args.push("--service-url", options.serviceUrl);
  const extraEnv = { ...options.env ?? {} };
  if (options.configFile) extraEnv.M365_AGENTS_PLAYGROUND_CONFIG_PATH = options.configFile;
  const startedAt = Date.now();
  const child = spawn(process.execPath, args, {
    cwd: workDir,
    env: playgroundEnv(logFile, extraEnv),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true
    // own process group, so stop() can take everything down
  });
  const pid = child.pid;
  if (pid === void 0) {
    rmSync(workDir, { recursive: true, force: true });
    throw new Error("failed to spawn the Agents Playground");
  }
  let output = "";
  let listeningPort;
  const onData = (chunk) => {
    output += chunk.toString();
    const m = /Listening on (\d+)/.exec(output);
    if (m) listeningPort = Number(m[1]);
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const onParentExit = () => killGroup(pid, "SIGKILL");
  process.once("exit", onParentExit);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", onParentExit);
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(pid, "SIGTERM");
      if (!await waitForExit(child, 5e3)) {
        killGroup(pid, "SIGKILL");
        await waitForExit(child, 5e3);
      }
    }
    rmSync(workDir, { recursive: true, force: true });
  };
  const deadline = startedAt + startTimeoutMs;
  let lastError = "no attempt yet";
  try {
    for (; ; ) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `Agents Playground exited early (code ${child.exitCode}, signal ${child.signalCode})`
        );
      }
      if (Date.now() > deadline) {
        throw new Error(`Agents Playground did not answer within ${startTimeoutMs} ms (last: ${lastError})`);
      }
      const port = listeningPort ?? requestedPort;
      const base = `http://127.0.0.1:${port}`;
      try {
        const [ui, ping] = await Promise.all([
          fetch(`${base}/`, { signal: AbortSignal.timeout(2e3) }),
          fetch(`${base}/_debug/ping`, { signal: AbortSignal.timeout(2e3) })
        ]);
        await Promise.all([ui.arrayBuffer(), ping.arrayBuffer()]);
        if (ui.ok && ping.ok) {
          return {
            url: base,
            port,
            serviceUrl: options.serviceUrl ?? `http://localhost:${port}/_connector`,
            logFile,
            pid,
            startupMs: Date.now() - startedAt,
            output: () => output,
            stop
          };
        }
        lastError = `HTTP ${ui.status} / ping ${ping.status}`;
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
      }
      await sleep(100);
    }
  } catch (err) {
    await stop();
    const e = err instanceof Error ? err : new Error(String(err));
    e.message += `
--- playground output ---
${output}`;
    throw e;
  }
}
export {
  getFreePort,
  playgroundCliPath,
  playgroundEnv,
  startPlayground
};
