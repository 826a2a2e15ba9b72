// `npm run import:cqd -- file.csv [--tenant T --team ID | --tenant T --chat ID] [--month YYYY-MM] [--file-all | --file 1,3]`
//
// Reads a Call Quality Dashboard CSV export, checks every line first (a bad file changes
// nothing and names its bad lines), and prints a finding proposal for every building or subnet
// above target in the reviewed month, grouped by category. With a workspace it also removes
// proposals an open finding already covers, and files them only when asked (--file-all, or
// --file with the numbers or keys printed). Filing is idempotent: running the same file again
// never files a proposal twice.
//
// Runs the TypeScript sources through tsx (a devDependency), so it needs no build step and
// always matches the code in bot/src. Storage settings come from the app's config (env/ files
// and the environment, bot/src/config.ts); with the default embedded storage it talks to the
// Azurite that `npm start` runs on AZURITE_PORT, so `npm start` must be running.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';
import { azuriteConnectionString } from './lib/azurite.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const USAGE = `Usage: npm run import:cqd -- <file.csv> [--tenant <tenant id> (--team <team id> | --chat <chat id>)] [--month YYYY-MM] [--file-all | --file <n,n,...>]

  Prints the findings proposed for every building or subnet above target in the month
  (default: the latest month in the file), grouped by category. Nothing is filed unless
  you pass --file-all, or --file with the numbers (or keys) of the proposals to file.
  --tenant with --team or --chat names the workspace the findings belong to; it is needed
  to file, and to leave out what open findings already cover.`;

const EXIT = { ok: 0, badInput: 1, storage: 2 };
const fail = (code, ...lines) => {
  for (const l of lines) process.stderr.write(`${l}\n`);
  process.exit(code);
};

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      tenant: { type: 'string' }, team: { type: 'string' }, chat: { type: 'string' }, month: { type: 'string' },
      'file-all': { type: 'boolean', default: false }, file: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (e) {
  fail(EXIT.badInput, `import-cqd: ${e.message}`, '', USAGE);
}
const { values: opt, positionals } = args;
if (opt.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) fail(EXIT.badInput, `import-cqd: name exactly one CSV file${positionals.length ? ` (got ${positionals.length})` : ''}.`, '', USAGE);
const file = positionals[0];
if (!existsSync(file) || !statSync(file).isFile()) fail(EXIT.badInput, `import-cqd: ${file} does not exist or is not a file.`);
if (opt.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(opt.month)) fail(EXIT.badInput, `import-cqd: --month ${opt.month} is not a month like 2025-02.`);
if (opt.team && opt.chat) fail(EXIT.badInput, 'import-cqd: give --team or --chat, not both.');
if ((opt.team || opt.chat) && !opt.tenant) fail(EXIT.badInput, 'import-cqd: --team and --chat need --tenant (the tenant id the team or chat belongs to).');
if (opt.tenant && !opt.team && !opt.chat) fail(EXIT.badInput, 'import-cqd: --tenant needs --team <team id> or --chat <chat id>.');
if (opt['file-all'] && opt.file) fail(EXIT.badInput, 'import-cqd: give --file-all or --file, not both.');
const filing = opt['file-all'] || opt.file !== undefined;
if (filing && !opt.tenant) fail(EXIT.badInput, 'import-cqd: to file findings, name the workspace with --tenant and --team (or --chat).');
const workspace = opt.tenant ? { tenantId: opt.tenant, scope: opt.team ? 'team' : 'chat', scopeId: opt.team ?? opt.chat } : undefined;

// Load the TypeScript sources (one shared module graph) only once the arguments are known good.
register();
const load = (p) => import(new URL(`../${p}`, import.meta.url).href);
const [
  { readCqdCsv, proposeFindings }, { FindingService }, config, { createTableStore, CORE_TABLES }, { FINDING_TABLES, TableFindingRepository }, { TableCounterRepository },
  { QUALITY_MEASURE_TABLES, TableQualityMeasureRepository }, { QUALITY_SETTINGS_TABLES, TableQualitySettingsRepository }, { QualitySettingsService }, { reviewLines, lineText, isUnmanagedLine },
] = await Promise.all([
  load('bot/src/domain/findings/cqd-import.ts'),
  load('bot/src/domain/findings/finding-service.ts'),
  load('bot/src/config.ts'),
  load('bot/src/storage/table-store.ts'),
  load('bot/src/storage/findings/table-finding-repository.ts'),
  load('bot/src/storage/table-counter-repository.ts'),
  load('bot/src/storage/findings/table-quality-measure-repository.ts'),
  load('bot/src/storage/findings/table-quality-settings-repository.ts'),
  load('bot/src/domain/findings/quality-settings-service.ts'),
  load('bot/src/domain/findings/review-lines.ts'),
]);

// ---- read and check the whole file before anything else --------------------------------------
const size = statSync(file).size;
const progress = progressBar(size);
const hash = createHash('sha256');
async function* hashed(stream) {
  for await (const chunk of stream) {
    hash.update(chunk);
    yield chunk;
  }
}
const read = await readCqdCsv(hashed(createReadStream(file)), { onProgress: (p) => progress.update(p), maxProblems: 50 });
progress.done();
if (!read.ok) {
  const lines = [`import-cqd: ${basename(file)}: ${read.error}`];
  for (const p of read.problems) lines.push(`  line ${p.line}: ${p.message}`);
  if (read.problemCount > read.problems.length) lines.push(`  … and ${read.problemCount - read.problems.length} more.`);
  lines.push('Nothing was imported.');
  fail(EXIT.badInput, ...lines);
}
const month = opt.month ?? read.months.at(-1);
if (!read.months.includes(month)) fail(EXIT.badInput, `import-cqd: the file has no rows for ${month}. Months in the file: ${read.months.join(', ')}. Nothing was imported.`);

// ---- propose (against the workspace's open findings when there is one) ------------------------
const actor = { id: `cli:${safeUser()}`, name: `${safeUser()} (CSV import)` };
let set;
let service;
let importId;
let storedMonths = [];
if (workspace) {
  const store = await openStore();
  service = new FindingService({
    findings: new TableFindingRepository(store.client('Findings')),
    // The monthly measurements are stored for the trend (board, agenda) whether or not anything is filed.
    measures: new TableQualityMeasureRepository(store.client('QualityMeasures')),
    counters: new TableCounterRepository(store.client('Counters')),
    clock: () => new Date(),
    // The workspace's own targets (edited on the findings board), else the review's defaults.
    settingsOf: (ws) => new QualitySettingsService(new TableQualitySettingsRepository(store.client('QualitySettings')), () => new Date()).settingsOf(ws),
  });
  // Same file + workspace + month → same import id → the same proposals are never filed twice.
  importId = `cqd-${hash.copy().update(`|${JSON.stringify(workspace)}|${month}`).digest('hex').slice(0, 24)}`;
  ({ set, storedMonths } = await storageStep('store the measurements and read the open findings', () => service.proposeImport(workspace, read, actor, importId, { month })));
} else {
  set = proposeFindings(read, [], { month });
  set.lines = reviewLines(read.aggregates, month);
}

const proposals = set.groups.flatMap((g) => g.proposals);
const out = [];
out.push(`${basename(file)}: ${read.rows.toLocaleString('en-US')} rows read; reviewing ${month}${read.months.length > 1 ? ` (file covers ${read.months[0]} to ${read.months.at(-1)})` : ''}.`);
out.push(proposals.length ? `${proposals.length} proposal${proposals.length === 1 ? '' : 's'} above target:` : 'Nothing new is above target.');
let n = 0;
for (const g of set.groups) {
  out.push('', `${g.label} (${g.proposals.length})`);
  for (const p of g.proposals) out.push(`  ${String(++n).padStart(3)}. ${p.description}`, `       key ${p.key} · owner ${p.owningRole}`);
}
if (set.duplicates.length) {
  out.push('', `Already covered by open findings (${set.duplicates.length}):`);
  for (const p of set.duplicates) out.push(`       ${p.duplicateOf}: ${p.description}`);
}
if (set.withinTarget) out.push('', `${set.withinTarget} measurement${set.withinTarget === 1 ? ' is' : 's are'} within target.`);
for (const s of set.skippedSubnets) out.push(`Left out ${s.subnet}: it overlaps ${s.common}, a subnet home and hotel routers use too, so it can't be tied to a building.`);
if (read.externalRows) out.push(`${read.externalRows.toLocaleString('en-US')} row${read.externalRows === 1 ? ' is' : 's are'} outside the corporate network (external): reported apart, not proposed.`);
if (read.serverPairRows) out.push(`Left out ${read.serverPairRows.toLocaleString('en-US')} row${read.serverPairRows === 1 ? '' : 's'} between two servers (Is Server Pair = Server : Server).`);
const lines = set.lines ?? [];
if (lines.some((l) => !isUnmanagedLine(l))) out.push('', `Against the review's targets in ${month}:`, ...lines.filter((l) => !isUnmanagedLine(l)).map((l) => `  ${lineText(l)}`));
// Unmanaged networks (home, hotel, airport) are their own line, never a building's.
if (lines.some(isUnmanagedLine)) out.push('', 'Unmanaged networks (reported apart, never filed against a building):', ...lines.filter(isUnmanagedLine).map((l) => `  ${lineText(l)}`));
const checks = set.verifications ?? [];
if (checks.length) out.push('', 'Remediated findings checked against this month (confirm "verified" on the findings board):', ...checks.map((v) => `  ${v.summary}`));
if (read.unplacedRows) out.push(`Left out ${read.unplacedRows.toLocaleString('en-US')} row${read.unplacedRows === 1 ? '' : 's'} that named neither a building nor a subnet.`);
// Every column the file has but the import did not read is named, never dropped silently.
if (read.ignoredColumns.length) out.push('', `Columns not read: ${read.ignoredColumns.map((c) => JSON.stringify(c)).join(', ')}.`);
if (storedMonths.length) out.push('', `Stored the measurements of ${storedMonths.join(', ')} for the quality trend (importing a month again replaces it).`);
else if (!workspace) out.push('', 'The measurements were not stored: name the workspace (--tenant with --team or --chat) to keep them for the quality trend.');
console.log(out.join('\n'));

// ---- file, only when asked --------------------------------------------------------------------
if (!filing) {
  console.log(`\nNothing was filed. ${workspace ? 'To file, run again with --file-all, or --file 1,3 for chosen proposals.' : 'To file, name the workspace (--tenant with --team or --chat) and add --file-all or --file 1,3.'}`);
  process.exit(EXIT.ok);
}
let keys;
if (opt.file !== undefined) {
  keys = [];
  for (const part of opt.file.split(',').map((s) => s.trim()).filter(Boolean)) {
    const byNumber = /^\d+$/.test(part) ? proposals[Number(part) - 1] : proposals.find((p) => p.key === part);
    if (!byNumber) fail(EXIT.badInput, `import-cqd: --file ${part} is not one of the proposals above (1 to ${proposals.length}, or a key). Nothing was filed.`);
    keys.push(byNumber.key);
  }
  keys = [...new Set(keys)];
}
if (!proposals.length) {
  console.log('\nNothing to file.');
  process.exit(EXIT.ok);
}
const filed = await storageStep('file the findings', () => service.fileImport(workspace, importId, actor, keys ? { keys } : {}));
if (!filed.ok) fail(EXIT.badInput, `import-cqd: ${filed.error}`);
const ids = (fs) => fs.map((f) => f.id).join(', ');
console.log(`\nFiled ${filed.filed.length}${filed.filed.length ? `: ${ids(filed.filed)}` : ''}.${filed.alreadyFiled.length ? ` Already filed before: ${ids(filed.alreadyFiled)}.` : ''}`);
process.exit(EXIT.ok);

// ---- helpers ------------------------------------------------------------------------------------
function safeUser() {
  try {
    return userInfo().username || 'someone';
  } catch {
    return 'someone';
  }
}

async function openStore() {
  let cfg;
  try {
    cfg = config.loadConfig(config.readEnvironment({ envDir: join(root, 'env') }));
  } catch (e) {
    fail(EXIT.badInput, `import-cqd: configuration error: ${e.message}`);
  }
  let storage = cfg.storage;
  let where;
  if (storage.kind === 'embedded') {
    // The embedded Azurite lives inside `npm start`; this CLI talks to it over its port.
    const endpoint = `http://127.0.0.1:${cfg.azuritePort}`;
    storage = { kind: 'connection-string', connectionString: azuriteConnectionString(endpoint) };
    where = `the embedded Azurite at ${endpoint} (AZURITE_PORT). It runs inside \`npm start\`: start that in another terminal first, or set STORAGE_CONNECTION_STRING.`;
  } else {
    where = storage.kind === 'connection-string' ? 'the storage account in STORAGE_CONNECTION_STRING' : `${storage.tableEndpoint} (managed identity)`;
  }
  const store = createTableStore(storage, cfg.tablePrefix);
  try {
    await store.ping();
    await store.ensureTables([...CORE_TABLES, ...FINDING_TABLES, ...QUALITY_MEASURE_TABLES, ...QUALITY_SETTINGS_TABLES]);
  } catch (e) {
    fail(EXIT.storage, `import-cqd: can't reach ${where}`, `  (${firstLine(e)}) Nothing was imported.`);
  }
  return store;
}

async function storageStep(what, fn) {
  try {
    return await fn();
  } catch (e) {
    // fileImport is idempotent per proposal: running the same command again completes the rest.
    fail(EXIT.storage, `import-cqd: storage failed while trying to ${what} (${firstLine(e)}). Run the same command again: what was filed stays filed once.`);
  }
}

function firstLine(e) {
  return String(e?.message ?? e).split('\n')[0].slice(0, 200);
}

/** A progress bar on stderr for files over 1 MiB: redrawn in place on a terminal, a line per 25 % otherwise. */
function progressBar(total) {
  const enabled = total >= 1024 * 1024;
  const tty = process.stderr.isTTY;
  let lastQuarter = -1;
  let last = 0;
  const draw = (bytes, rows, final) => {
    const pct = Math.min(100, Math.floor((bytes / total) * 100));
    const line = `reading ${basename(file)} [${'#'.repeat(Math.floor(pct / 5)).padEnd(20, '-')}] ${String(pct).padStart(3)}% ${rows.toLocaleString('en-US')} rows`;
    if (tty) process.stderr.write(`\r${line}${final ? '\n' : ''}`);
    else if (Math.floor(pct / 25) > lastQuarter || final) {
      lastQuarter = Math.floor(pct / 25);
      process.stderr.write(`${line}\n`);
    }
  };
  let state = { bytes: 0, rows: 0 };
  return {
    update(p) {
      if (!enabled) return;
      state = p;
      const t = Date.now();
      if (tty && t - last < 100) return;
      last = t;
      draw(p.bytes, p.rows, false);
    },
    done() {
      if (enabled) draw(total, state.rows, true);
    },
  };
}
