// The findings lists by key design (open findings and each status have rows of their own), the
// summary kept with them, and the move of partitions stored before either existed. Rows read are
// counted at the store's pipeline, as the query budgets count them.
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { type TableClient, TableClient as Client } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readCqdCsv } from '../../bot/src/domain/findings/cqd-import';
import type { ConfirmedDraft } from '../../bot/src/domain/findings/draft';
import { type Finding, type FindingAction, type FindingStatus, formatFindingId, isOpen, newFinding, OPEN_STATUSES, STATUS_LABELS } from '../../bot/src/domain/findings/finding';
import { FindingService } from '../../bot/src/domain/findings/finding-service';
import { type FindingSummary, summaryBuilder } from '../../bot/src/domain/findings/finding-summary';
import type { Workspace } from '../../bot/src/domain/workspace';
import { historyEntity, pk, toEntity } from '../../bot/src/storage/findings/finding-entities';
import { FINDING_TABLES, TableFindingRepository } from '../../bot/src/storage/findings/table-finding-repository';
import { QUALITY_MEASURE_TABLES, TableQualityMeasureRepository } from '../../bot/src/storage/findings/table-quality-measure-repository';
import { TableCounterRepository } from '../../bot/src/storage/table-counter-repository';
import { createTableStore, type StoreCall, type TableStore } from '../../bot/src/storage/table-store';
import { uniqueTablePrefix } from '../support/service-ops';

const ALL = Object.keys(STATUS_LABELS) as FindingStatus[];
const prefix = uniqueTablePrefix();
const calls: StoreCall[] = [];
let store: TableStore;
const conn = () => inject('azuriteConnectionString');
/** A client of the same table whose entity-group transactions fail while `failing` says so (the store did not take the write). */
function flaky(name: string, failing: (n: number) => boolean): TableClient {
  const c = Client.fromConnectionString(conn(), prefix + name, { allowInsecureConnection: true });
  let batches = 0;
  c.pipeline.addPolicy({
    name: 'fail-batches',
    sendRequest: async (request, next) => {
      if (new URL(request.url).pathname.endsWith('$batch') && failing(++batches)) throw new Error('connection reset by the test');
      return next(request);
    },
  });
  return c;
}

beforeAll(async () => {
  store = createTableStore({ kind: 'connection-string', connectionString: conn() }, prefix, (c) => calls.push(c));
  await store.ensureTables([...FINDING_TABLES, ...QUALITY_MEASURE_TABLES, 'Counters']);
});

const actor = { id: 'aad-alice', name: 'Alice' };
const draft: ConfirmedDraft = { category: 'vpn', area: 'call-quality', building: 'Building 6', networkType: 'vpn', metric: 'poor-stream-rate', value: 4.1, unit: '%', description: 'poor audio in Building 6', owningRole: 'Network Operations' };
const newWs = (): Workspace => ({ tenantId: randomUUID(), scope: 'team', scopeId: `19:${randomUUID()}@thread.tacv2` });
let now = new Date('2026-03-02T09:00:00Z');
const service = (repo = new TableFindingRepository(store.client('Findings'))) =>
  new FindingService({ findings: repo, measures: new TableQualityMeasureRepository(store.client('QualityMeasures')), counters: new TableCounterRepository(store.client('Counters'), 500), clock: () => now });

async function measure<T>(run: () => Promise<T>): Promise<{ result: T; calls: number; rows: number }> {
  calls.length = 0;
  const result = await run();
  return { result, calls: calls.length, rows: calls.reduce((n, c) => n + c.rows, 0) };
}

async function file(svc: FindingService, ws: Workspace, n: number, over: Partial<ConfirmedDraft> = {}): Promise<Finding[]> {
  const out: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const r = await svc.create(ws, { ...draft, building: `Building ${i}`, ...over }, actor, { idempotencyKey: randomUUID() });
    if (!r.ok) throw new Error(r.error);
    out.push(r.finding);
  }
  return out;
}

async function everyPage(svc: FindingService, ws: Workspace, statuses: readonly FindingStatus[], pageSize = 7): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await svc.list(ws, { statuses }, { pageSize, ...(token ? { continuationToken: token } : {}) });
    ids.push(...page.items.map((f) => f.id));
    token = page.continuationToken;
  } while (token);
  return ids;
}

/** The summary as rebuilt from every stored finding, for comparison with the one kept. */
async function rebuilt(svc: FindingService, ws: Workspace): Promise<FindingSummary> {
  const b = summaryBuilder();
  let token: string | undefined;
  do {
    const page = await svc.list(ws, { statuses: ALL }, { pageSize: 1000, ...(token ? { continuationToken: token } : {}) });
    for (const f of page.items) b.add(f);
    token = page.continuationToken;
  } while (token);
  return b.result();
}
/** The parts of a summary that do not depend on when histograms were folded (these tests span weeks). */
const essence = (s: FindingSummary) => ({ counts: s.counts, due: s.due, recent: s.recent, createdDays: s.createdDays, reported: s.reported, dueOpen: s.duePast + Object.values(s.dueHours).reduce((a, n) => a + n, 0) });

describe('the findings lists', () => {
  it('read only open findings\' rows for a page of open findings, however many are closed, in order, page after page', async () => {
    const ws = newWs();
    const svc = service();
    const filed = await file(svc, ws, 130);
    // Close all but ten (every fifth stays open... and the last ten filed).
    const open = new Set(filed.filter((_, i) => i % 12 === 0).map((f) => f.id));
    for (const f of filed) {
      if (open.has(f.id)) continue;
      const r = await svc.act(ws, f.id, f.number % 2 ? { type: 'wontfix', reason: 'out of scope' } : { type: 'start' }, actor);
      expect(r.ok).toBe(true);
      if (f.number % 2 === 0) {
        for (const a of [{ type: 'remediated' }, { type: 'verify' }] as FindingAction[]) expect((await svc.act(ws, f.id, a, actor)).ok).toBe(true);
      }
    }
    expect(open.size).toBe(11);
    const first = await measure(() => svc.list(ws, {}, { pageSize: 5 }));
    expect(first.result.items.map((f) => f.id)).toEqual([...open].slice(0, 5));
    expect({ calls: first.calls, rows: first.rows }).toEqual({ calls: 1, rows: 5 });
    const second = await measure(() => svc.list(ws, {}, { pageSize: 5, continuationToken: first.result.continuationToken }));
    expect(second.result.items.map((f) => f.id)).toEqual([...open].slice(5, 10));
    expect(second.rows).toBe(5);
    const third = await measure(() => svc.list(ws, {}, { pageSize: 5, continuationToken: second.result.continuationToken }));
    expect(third.result.items.map((f) => f.id)).toEqual([...open].slice(10));
    expect(third.rows).toBe(1);
    // One status is one key range too.
    const verified = await measure(() => svc.list(ws, { statuses: ['verified'] }, { pageSize: 100 }));
    expect(verified.rows).toBe(verified.result.items.length);
    expect(verified.result.items.every((f) => f.status === 'verified')).toBe(true);
    expect(verified.result.items.length).toBe(filed.filter((f) => !open.has(f.id) && f.number % 2 === 0).length);
  });

  it('move a finding between lists on every change, nothing lost or doubled, also with changes at the same moment', async () => {
    const ws = newWs();
    const svc = service();
    const filed = await file(svc, ws, 24);
    const plan: FindingAction[][] = [[{ type: 'accept' }], [{ type: 'start' }, { type: 'remediated' }], [{ type: 'wontfix', reason: 'no' }, { type: 'reopen' }], [{ type: 'start' }, { type: 'remediated' }, { type: 'verify' }], [{ type: 'reassign', owningRole: 'Help Desk' }], [{ type: 'note', text: 'n' }]];
    // Every finding gets its plan, all findings at once: each change also changes the workspace's summary.
    await Promise.all(filed.map(async (f, i) => {
      for (const a of plan[i % plan.length]!) expect((await service(new TableFindingRepository(store.client('Findings'))).act(ws, f.id, a, actor)).ok).toBe(true);
    }));
    const byStatus = new Map<FindingStatus, string[]>();
    for (const s of ALL) byStatus.set(s, await everyPage(svc, ws, [s]));
    const listed = [...byStatus.values()].flat();
    expect(listed.sort()).toEqual(filed.map((f) => f.id).sort());
    for (const f of filed) {
      const stored = (await svc.get(ws, f.id))!;
      expect(byStatus.get(stored.status)).toContain(f.id);
    }
    const openIds = await everyPage(svc, ws, OPEN_STATUSES);
    expect(openIds).toEqual([...OPEN_STATUSES].flatMap((s) => byStatus.get(s)!).sort());
    expect(essence(await svc.summary(ws))).toEqual(essence(await rebuilt(svc, ws)));
  });

  it('keep a change that the store did not take out of every list and out of the summary', async () => {
    const ws = newWs();
    const svc = service();
    const [f] = await file(svc, ws, 1);
    const before = await svc.summary(ws);
    let fail = true;
    const broken = service(new TableFindingRepository(flaky('Findings', () => fail)));
    await expect(broken.act(ws, f!.id, { type: 'wontfix', reason: 'no' }, actor)).rejects.toThrow(/connection reset/);
    fail = false;
    expect((await svc.get(ws, f!.id))!.status).toBe('new');
    expect(await everyPage(svc, ws, OPEN_STATUSES)).toEqual([f!.id]);
    expect(await everyPage(svc, ws, ['wont-fix'])).toEqual([]);
    expect((await svc.summary(ws)).counts).toEqual(before.counts);
    // The same change, taken: it moves.
    expect((await broken.act(ws, f!.id, { type: 'wontfix', reason: 'no' }, actor)).ok).toBe(true);
    expect(await everyPage(svc, ws, OPEN_STATUSES)).toEqual([]);
    expect(await everyPage(svc, ws, ['wont-fix'])).toEqual([f!.id]);
  });
});

/** Writes findings the way the repository stored them before the lists had rows of their own: F|, H| and K| rows only. */
async function storeOldLayout(ws: Workspace, statuses: (n: number) => FindingStatus, count: number): Promise<Finding[]> {
  const table = store.client('Findings');
  const out: Finding[] = [];
  let batch: ['create', Record<string, unknown> & { partitionKey: string; rowKey: string }][] = [];
  for (let n = 1; n <= count; n++) {
    const made = newFinding({ workspace: ws, id: formatFindingId('QF', n), number: n, draft: { ...draft, building: `B${n}`, value: n % 7 }, actor, now: new Date(Date.parse('2025-11-01T00:00:00Z') + n * 3_600_000), source: 'chat' });
    const f: Finding = { ...made.finding, status: statuses(n) };
    if (!isOpen(f.status)) delete f.dueAt;
    out.push(f);
    batch.push(['create', toEntity(f)], ['create', historyEntity(ws, n, made.history)]);
    if (batch.length >= 100) {
      await table.submitTransaction(batch);
      batch = [];
    }
  }
  if (batch.length) await table.submitTransaction(batch);
  return out;
}

describe('findings stored before the lists had rows of their own', () => {
  it('are listed, counted and paged after a one-off move, and an old page token still resumes at its finding', async () => {
    const ws = newWs();
    const statusOf = (n: number): FindingStatus => (['new', 'accepted', 'verified', 'in-remediation', 'wont-fix', 'remediated', 'verified'] as const)[n % 7]!;
    const old = await storeOldLayout(ws, statusOf, 1_050);
    // A page token as the list handed it out before: the F| rows, resuming after QF-0003.
    const oldToken = (await store.client('Findings').listEntities({ queryOptions: { filter: `PartitionKey eq '${pk(ws)}' and RowKey ge 'F|' and RowKey lt 'F}'` } }).byPage({ maxPageSize: 3 }).next()).value!.continuationToken!;
    const svc = service();
    const expectedOpen = old.filter((f) => isOpen(f.status)).map((f) => f.id);
    expect(await everyPage(svc, ws, OPEN_STATUSES, 200)).toEqual(expectedOpen);
    for (const s of ALL) expect(await everyPage(svc, ws, [s], 500)).toEqual(old.filter((f) => f.status === s).map((f) => f.id));
    const summary = await svc.summary(ws);
    expect(essence(summary)).toEqual(essence(await rebuilt(svc, ws)));
    expect(summary.counts.verified).toBe(old.filter((f) => f.status === 'verified').length);
    const resumed = await svc.list(ws, {}, { pageSize: 2, continuationToken: oldToken });
    expect(resumed.items.map((f) => f.id)).toEqual(expectedOpen.filter((id) => id > 'QF-0003').slice(0, 2));
    // And they change like any other finding.
    const first = expectedOpen[0]!;
    expect((await svc.act(ws, first, { type: 'wontfix', reason: 'old' }, actor)).ok).toBe(true);
    expect((await everyPage(svc, ws, OPEN_STATUSES, 500))[0]).not.toBe(first);
    expect(await everyPage(svc, ws, ['wont-fix'], 500)).toContain(first);
  });

  it('a move that stops halfway is finished by the next read, with nothing listed twice', async () => {
    const ws = newWs();
    const old = await storeOldLayout(ws, (n) => (n % 3 ? 'new' : 'verified'), 120);
    // The second batch of the move fails: the first batch's rows are written, no summary is stored.
    const interrupted = service(new TableFindingRepository(flaky('Findings', (n) => n === 2)));
    await expect(interrupted.list(ws, {}, {})).rejects.toThrow(/connection reset/);
    const svc = service();
    expect(await everyPage(svc, ws, OPEN_STATUSES, 50)).toEqual(old.filter((f) => f.status === 'new').map((f) => f.id));
    expect(await everyPage(svc, ws, ['verified'], 50)).toEqual(old.filter((f) => f.status === 'verified').map((f) => f.id));
    expect((await svc.summary(ws)).counts).toMatchObject({ new: 80, verified: 40 });
  });
});

describe('the summary', () => {
  it('is right after filing, status changes and an import, and the agenda reads it in one call', async () => {
    now = new Date('2025-03-05T09:00:00Z');
    const ws = newWs();
    const svc = service();
    const filed = await file(svc, ws, 3);
    expect((await svc.act(ws, filed[0]!.id, { type: 'accept' }, actor)).ok).toBe(true);
    expect((await svc.act(ws, filed[1]!.id, { type: 'wontfix', reason: 'no' }, actor)).ok).toBe(true);
    const r = await readCqdCsv(createReadStream(fileURLToPath(new URL('../fixtures/cqd-sample.csv', import.meta.url))));
    if (!r.ok) throw new Error(r.error);
    const proposed = await svc.proposeImport(ws, r, actor, 'imp-1');
    const filedImport = await svc.fileImport(ws, 'imp-1', actor);
    if (!filedImport.ok) throw new Error(filedImport.error);
    const imported = filedImport.filed.length;
    expect(imported).toBe(proposed.batch.proposals.length);
    const summary = await svc.summary(ws);
    expect(summary.counts).toEqual({ new: 1 + imported, accepted: 1, 'in-remediation': 0, remediated: 0, verified: 0, 'wont-fix': 1 });
    expect(essence(summary)).toEqual(essence(await rebuilt(svc, ws)));
    const read = await measure(() => svc.agendaDigest(ws, now));
    expect({ calls: read.calls, rows: read.rows }).toEqual({ calls: 1, rows: 2 });
    expect(read.result.findings.total).toBe(2 + imported);
    const report = await svc.qualityReport(ws);
    expect(read.result.quality).toEqual({ latestMonth: report!.latestMonth, overall: report!.overall, aboveTarget: report!.aboveTarget.slice(0, 10), aboveCount: report!.aboveTarget.length });
  });

  it('an import that stopped after storing its months: the agenda computes the trend from the measurements until one is stored', async () => {
    now = new Date('2025-03-05T09:00:00Z');
    const ws = newWs();
    const repo = new TableFindingRepository(store.client('Findings'));
    const svc = service(repo);
    const r = await readCqdCsv(createReadStream(fileURLToPath(new URL('../fixtures/cqd-sample.csv', import.meta.url))));
    if (!r.ok) throw new Error(r.error);
    // What proposeImport does up to its last step, then nothing.
    await repo.markQualityPending(ws, 'imp-crashed', now.toISOString());
    const measures = new TableQualityMeasureRepository(store.client('QualityMeasures'));
    for (const month of r.months) await measures.upsertMonth(ws, month, r.aggregates.filter((a) => a.month === month));
    const report = await svc.qualityReport(ws);
    const expected = { latestMonth: report!.latestMonth, overall: report!.overall, aboveTarget: report!.aboveTarget.slice(0, 10), aboveCount: report!.aboveTarget.length };
    expect((await svc.agendaDigest(ws, now)).quality).toEqual(expected);
    // Still marked (the import might be at work): nothing stored yet. An hour later it counts as stopped, and the digest is stored.
    expect((await repo.summaries(ws)).quality?.pending?.token).toBe('imp-crashed');
    now = new Date('2025-03-05T10:30:00Z');
    expect((await svc.agendaDigest(ws, now)).quality).toEqual(expected);
    const stored = (await repo.summaries(ws)).quality;
    expect(stored?.pending).toBeUndefined();
    expect(stored?.digest?.latestMonth).toBe('2025-02');
    const again = await measure(() => svc.agendaDigest(ws, now));
    expect({ calls: again.calls, quality: again.result.quality }).toEqual({ calls: 1, quality: expected });
  });
});
