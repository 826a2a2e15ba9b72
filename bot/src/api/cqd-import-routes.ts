// The call-quality (CQD) CSV import through the tab API, the second door next to the
// CLI (scripts/import-cqd.mjs) into the same FindingService.proposeImport / fileImport:
//
//   POST /api/tab/import/cqd?workspace=…[&month=YYYY-MM][&fileName=…]   body: the CSV itself (text/csv)
//        → 200 { importId, month, months, storedMonths, rows, groups: [{ category, label, proposals }], duplicates,
//                withinTarget, skippedSubnets, ignoredColumns, unplacedRows, externalRows, serverPairRows,
//                lines: [...] (every target row; unmanaged networks as lines of their own), unmanaged: [...],
//                verifications: [{ findingId, outcome, month, summary }], problems: [], card }   nothing is filed
//        → 400 { error, problems: [{ line, message }], problemCount }  a malformed file; nothing stored
//        → 413 when the file is larger than MAX_CSV_BYTES
//   POST /api/tab/import/cqd/confirm { workspace, importId, keys: [...] | all: true }
//        → 200 { filed: [...], alreadyFiled: [...] }   (idempotent: confirming again files nothing twice)
//
// The CSV is streamed straight into the reader: the server's JSON body parser (1 MiB) skips this
// path (STREAMED_BODY_PATHS in server.ts), and the size is limited here instead. Authentication and the workspace check
// come before a byte of the body is read. The FindingService is provided by the findings feature
// (CqdImportRegistry), so this module imports no storage.
import { createHash, type Hash } from 'node:crypto';
import type restify from 'restify';
import { renderFindingImportCard } from '../cards/finding-import-card';
import { type Proposal, readCqdCsv } from '../domain/findings/cqd-import';
import type { Finding } from '../domain/findings/finding';
import { isUnmanagedLine, type ReviewLine } from '../domain/findings/review-lines';
import type { FindingService } from '../domain/findings/finding-service';
import { HttpError } from './http-error';
import type { RouteDeps } from './route-support';
import type { TabIdentity } from './tab-auth';

/** Largest CSV accepted (a year of a large tenant's building/subnet export is a few MB). */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;
export const IMPORT_PATH = '/api/tab/import/cqd';
const MAX_KEYS = 5000;

export type CqdImportService = Pick<FindingService, 'proposeImport' | 'fileImport'>;

/** Filled by the findings feature; empty when it is not installed (the routes then answer 404). */
export class CqdImportRegistry {
  private service: CqdImportService | undefined;

  provide(service: CqdImportService): this {
    this.service = service;
    return this;
  }

  get(): CqdImportService | undefined {
    return this.service;
  }
}

export interface CqdImportRouteDeps extends RouteDeps {
  registry: CqdImportRegistry;
}

const lineView = (l: ReviewLine) => ({ key: l.key, scope: l.scope, traffic: l.traffic, label: l.label, targetRow: l.targetLabel, streams: l.streams, measures: l.measures });
const proposalView = (p: Proposal) => ({
  key: p.key, category: p.category, level: p.level, month: p.month, ...(p.scope ? { scope: p.scope } : {}),
  ...(p.building ? { building: p.building } : {}), ...(p.subnet ? { subnet: p.subnet } : {}), ...(p.networkType ? { networkType: p.networkType } : {}),
  metric: p.metric, value: p.value, target: p.target, streams: p.streams, description: p.description, owningRole: p.owningRole,
  ...(p.duplicateOf ? { duplicateOf: p.duplicateOf } : {}),
});
const findingView = (f: Finding) => ({ id: f.id, status: f.status, category: f.category, description: f.description, owningRole: f.owningRole, ...(f.building ? { building: f.building } : {}), ...(f.subnet ? { subnet: f.subnet } : {}) });
const actorOf = (identity: TabIdentity) => ({ id: identity.userId, name: identity.name });

class TooLarge extends Error {}

const TOO_LARGE = `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB. Export a shorter period (one or two months) and import that.`;

export function registerCqdImportRoutes(server: restify.Server, deps: CqdImportRouteDeps): void {
  const service = (): CqdImportService => {
    const s = deps.registry.get();
    if (!s) throw new HttpError(404, 'Findings are not part of this Service Ops installation, so there is nothing to import into.');
    return s;
  };
  server.post(IMPORT_PATH, deps.handle((req, res) => upload(deps, service, req, res)));
  server.post(`${IMPORT_PATH}/confirm`, deps.handle((req, res) => confirm(deps, service, req, res)));
}

async function upload(deps: CqdImportRouteDeps, service: () => CqdImportService, req: restify.Request, res: restify.Response): Promise<void> {
  const identity = await deps.authenticate(req);
  const query = new URL(req.url ?? '/', 'http://x').searchParams;
  const workspace = await deps.authorize(identity, query.get('workspace') ?? undefined);
  const imports = service();
  const month = query.get('month') ?? undefined;
  if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new HttpError(400, `The month ${JSON.stringify(month.slice(0, 20))} is not a month like 2025-02.`);
  const fileName = (query.get('fileName') ?? '').slice(0, 200) || undefined;
  if (/^multipart\//i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'Send the CSV file itself as the request body (Content-Type: text/csv), not a form.');
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > MAX_CSV_BYTES) throw new HttpError(413, TOO_LARGE);

  const { read, hash } = await readBody(req);
  if (!read.ok) throw new HttpError(400, `${read.error} Nothing was imported.`, { problems: read.problems, problemCount: read.problemCount });
  const reviewed = month ?? read.months.at(-1)!;
  if (!read.months.includes(reviewed)) throw new HttpError(400, `The file has no rows for ${reviewed}. Months in the file: ${read.months.join(', ')}. Nothing was imported.`);
  // Same file + workspace + month → same import id (as the CLI): confirming it again never files twice.
  const importId = `cqd-${hash.update(`|${JSON.stringify(workspace)}|${reviewed}`).digest('hex').slice(0, 24)}`;
  // proposeImport also stores the file's monthly measurements (the quality trend), replacing earlier imports of those months.
  const { set, storedMonths } = await imports.proposeImport(workspace, read, actorOf(identity), importId, { month: reviewed });
  res.send(200, {
    importId,
    month: set.month,
    months: read.months,
    storedMonths,
    rows: read.rows,
    groups: set.groups.map((g) => ({ category: g.category, label: g.label, proposals: g.proposals.map(proposalView) })),
    duplicates: set.duplicates.map(proposalView),
    withinTarget: set.withinTarget,
    skippedSubnets: set.skippedSubnets,
    // Columns the file has but the import did not read: never dropped without saying so.
    ignoredColumns: read.ignoredColumns,
    unplacedRows: read.unplacedRows,
    externalRows: read.externalRows,
    serverPairRows: read.serverPairRows,
    lines: (set.lines ?? []).filter((l) => !isUnmanagedLine(l)).map(lineView),
    // Unmanaged networks: their own lines, never a building's.
    unmanaged: (set.lines ?? []).filter(isUnmanagedLine).map(lineView),
    verifications: (set.verifications ?? []).map(({ findingId, outcome, month, summary }) => ({ findingId, outcome, month, summary })),
    problems: [],
    card: renderFindingImportCard({
      importId, set, rows: read.rows, ignoredColumns: read.ignoredColumns, unplacedRows: read.unplacedRows, externalRows: read.externalRows,
      serverPairRows: read.serverPairRows, lines: set.lines ?? [], ...(fileName ? { fileName } : {}),
    }),
  });
}

/** Streams the body into the CSV reader, counting bytes against the limit and hashing them (the import id). */
async function readBody(req: restify.Request): Promise<{ read: Awaited<ReturnType<typeof readCqdCsv>>; hash: Hash }> {
  const hash = createHash('sha256');
  let bytes = 0;
  async function* body(): AsyncIterable<Uint8Array> {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > MAX_CSV_BYTES) throw new TooLarge();
      hash.update(chunk);
      yield chunk;
    }
  }
  try {
    return { read: await readCqdCsv(body(), { maxProblems: 50 }), hash };
  } catch (e) {
    if (e instanceof TooLarge) throw new HttpError(413, TOO_LARGE);
    throw e;
  }
}

async function confirm(deps: CqdImportRouteDeps, service: () => CqdImportService, req: restify.Request, res: restify.Response): Promise<void> {
  const identity = await deps.authenticate(req);
  const body = req.body as unknown;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'Send a JSON object { workspace, importId, keys } or { workspace, importId, all: true }.');
  const { workspace: rawWs, importId, keys, all } = body as Record<string, unknown>;
  const workspace = await deps.authorize(identity, rawWs);
  if (typeof importId !== 'string' || !/^cqd-[0-9a-f]{24}$/.test(importId)) throw new HttpError(400, 'The import id is not valid: use the importId the upload answered with.');
  const chosen = Array.isArray(keys) && keys.length <= MAX_KEYS && keys.every((k) => typeof k === 'string' && k.length <= 300) ? (keys as string[]) : undefined;
  if ((all === true) === (keys !== undefined)) throw new HttpError(400, 'Say which proposals to file: keys (a list of proposal keys) or all: true.');
  if (keys !== undefined && (!chosen || !chosen.length)) throw new HttpError(400, 'keys must be a non-empty list of the proposal keys the upload answered with.');
  const out = await service().fileImport(workspace, importId, actorOf(identity), chosen ? { keys: chosen } : {});
  if (!out.ok) throw new HttpError(400, out.error);
  res.send(200, { filed: out.filed.map(findingView), alreadyFiled: out.alreadyFiled.map(findingView) });
}
