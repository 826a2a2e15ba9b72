// The rhythm finds its work in the incident due index: a tick reads the due rows and the
// incidents they point at, and nothing of a workspace with nothing due. Calls are counted at the
// store's own pipeline (createTableStore's `observe`), as the query budgets are.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../bot/src/domain/incidents/incident';
import { IncidentService } from '../../bot/src/domain/incidents/incident-service';
import type { Workspace } from '../../bot/src/domain/workspace';
import { type BuiltIncidents, createIncidentsFeature } from '../../bot/src/features/incidents-feature';
import { TableCounterRepository } from '../../bot/src/storage/table-counter-repository';
import { INCIDENT_DUE_TABLE, TableIncidentDueIndex } from '../../bot/src/storage/table-incident-due-index';
import { TableIncidentRepository } from '../../bot/src/storage/table-incident-repository';
import type { StoreCall } from '../../bot/src/storage/table-store';
import { conversation } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

const MIN = 60_000;
let nowMs = Date.parse('2026-07-01T08:00:00Z');
const clock = () => new Date(nowMs);
const ana: Person = { id: '29:owner-ana', name: 'Ana Owner' };
let connector: LocalConnector;

interface Instance { bot: ServiceOpsUnderTest; feature: BuiltIncidents }
const running: Instance[] = [];

/** Two bot instances on the same tables; only the first one's store calls are counted. */
async function startPair(observe?: (c: StoreCall) => void): Promise<[Instance, Instance]> {
  const f1 = createIncidentsFeature();
  const b1 = await startServiceOps({}, { features: [f1], clock, ...(observe ? { observeStore: observe } : {}) });
  const f2 = createIncidentsFeature();
  const b2 = await startServiceOps({ TABLE_PREFIX: b1.config.tablePrefix }, { features: [f2], clock });
  const pair: [Instance, Instance] = [{ bot: b1, feature: b1.app.servicesOf(f1) }, { bot: b2, feature: b2.app.servicesOf(f2) }];
  running.push(...pair);
  return pair;
}

beforeAll(async () => {
  connector = await startConnector();
});
afterAll(async () => {
  for (const x of running) {
    await x.feature.rhythm.stop();
    await x.bot.close();
  }
  await connector?.close();
});

type Conv = ReturnType<typeof conversation>;
const workspaceOf = (conv: Conv): Workspace => (conv.teamId ? { tenantId: conv.tenantId, scope: 'team', scopeId: conv.teamId } : { tenantId: conv.tenantId, scope: 'chat', scopeId: conv.conversationId });

async function install(bot: ServiceOpsUnderTest, scope: 'channel' | 'personal' = 'channel'): Promise<Conv> {
  const conv = conversation({ serviceUrl: connector.serviceUrl, scope });
  expect((await bot.send(conv.botAdded())).status).toBeLessThan(300);
  return conv;
}

const escalation = (severity: string) => ({
  service: 'Teams meetings',
  problem: 'Meetings fail to start for everyone with error 500',
  impact: 'Nobody can hold customer calls; sales is stopped',
  affected: 'all users',
  startedAt: new Date(nowMs).toISOString(),
  severity,
  scope: { route: 'vendor', reason: 'confirmed', matched: [] },
});

/** Files an incident and acknowledges it (so only its update cadence is pending); returns its id. */
async function fileAcknowledged(service: IncidentService, ws: Workspace, severity = 'A'): Promise<string> {
  const filed = await service.file(ws, escalation(severity), ana, randomUUID());
  if (filed.kind !== 'filed') throw new Error(JSON.stringify(filed));
  const ack = await service.act(ws, filed.incident.id, { type: 'acknowledge' }, ana, { idempotencyKey: randomUUID() });
  if (ack.kind !== 'updated') throw new Error(JSON.stringify(ack));
  return filed.incident.id;
}

const reminderCards = (conv: Conv, id: string) => connector.sent(conv.targetId).filter((a) => {
  const text = JSON.stringify(a?.attachments?.[0]?.content ?? '');
  return text.includes(id) && /Status update (due|overdue)|No first response/.test(text);
});
const kindOf = (a: any) => (JSON.stringify(a.attachments[0].content).includes('Status update overdue') ? 'overdue' : 'due');

/** Every due row of the pair's index up to a far instant, for looking at what is filed. */
const indexOf = (x: Instance) => new TableIncidentDueIndex(x.bot.app.store.client(INCIDENT_DUE_TABLE));
const filedRows = async (x: Instance, ws: Workspace, id: string) =>
  (await indexOf(x).listDue(new Date('2099-01-01T00:00:00Z'))).filter((e) => e.incidentId === id && e.workspace.tenantId === ws.tenantId && e.workspace.scopeId === ws.scopeId);

describe('a rhythm tick costs what is due, not what is installed', () => {
  const calls: StoreCall[] = [];
  let counting = false;
  let one: Instance;
  const measure = async () => {
    calls.length = 0;
    counting = true;
    const report = await one.feature.rhythm.tick();
    counting = false;
    const byTable: Record<string, number> = {};
    for (const c of calls) byTable[`${c.method} ${c.table}`] = (byTable[`${c.method} ${c.table}`] ?? 0) + 1;
    return { report, cost: { calls: calls.length, rows: calls.reduce((n, c) => n + c.rows, 0), byTable } };
  };

  beforeAll(async () => {
    [one] = await startPair((c) => counting && calls.push(c));
  });

  it('reads only the due rows and the incidents they name; 30 more installed workspaces add nothing', async () => {
    nowMs = Date.parse('2026-07-01T08:00:00Z');
    const t0 = nowMs;
    const service = one.feature.service;
    // Four installed teams: two severity-A incidents in the first, one in the second, a
    // severity-B one (next update in 24 hours) in the third, nothing in the fourth.
    const [a, b, c] = [await install(one.bot), await install(one.bot), await install(one.bot), await install(one.bot)];
    const ids = [await fileAcknowledged(service, workspaceOf(a!)), await fileAcknowledged(service, workspaceOf(a!)), await fileAcknowledged(service, workspaceOf(b!))];
    await fileAcknowledged(service, workspaceOf(c!), 'B');

    nowMs = t0 + 6 * MIN;
    await one.feature.rhythm.tick(); // the first tick reads everything due: nothing yet
    nowMs = t0 + 60 * MIN;
    const idle = await measure();
    expect(idle.cost).toEqual({ calls: 1, rows: 0, byTable: { 'GET IncidentDue': 1 } });

    // 15 minutes before the 2-hour update cadence of the three severity-A incidents.
    nowMs = t0 + 106 * MIN;
    const due = await measure();
    expect(due.report).toMatchObject({ due: 3, workspaces: 2, takenByOthers: 0, failed: 0, stale: 0 });
    expect(due.report.sent.map((s) => s.kind)).toEqual(['update-due', 'update-due', 'update-due']);

    // K = 3 incidents due in W = 2 workspaces: 1 index query (K rows), W settings reads, and per
    // incident its read, the claim, the conversation reference, the new index row, the confirm
    // and the old row's removal (each write a one-partition transaction).
    expect(due.cost).toEqual({
      calls: 1 + 2 + 3 * 6,
      rows: 3 + 3 + 3, // index rows, incidents, conversation references (no settings stored)
      byTable: { 'GET IncidentDue': 1, 'GET Incidents': 2 + 3, 'GET Conversations': 3, 'POST $batch': 3 * 4 },
    });

    // The owners post updates (a new 2-hour cycle); then 20 more teams and 10 personal chats are
    // installed, each with an open incident that is not due.
    nowMs = t0 + 110 * MIN;
    for (const [conv, id] of [[a, ids[0]], [a, ids[1]], [b, ids[2]]] as const) {
      const r = await service.act(workspaceOf(conv!), id!, { type: 'update', text: 'The vendor is engaged' }, ana, { idempotencyKey: randomUUID() });
      expect(r.kind).toBe('updated');
    }
    for (let i = 0; i < 30; i++) {
      const conv = await install(one.bot, i < 20 ? 'channel' : 'personal');
      await fileAcknowledged(service, workspaceOf(conv), 'B');
    }
    nowMs = t0 + (110 + 106) * MIN;
    const again = await measure();
    expect(again.report.sent.map((s) => s.kind)).toEqual(['update-due', 'update-due', 'update-due']);
    expect(again.cost).toEqual(due.cost);
    for (const id of ids.slice(0, 2)) expect(reminderCards(a!, id).map(kindOf)).toEqual(['due', 'due']);
    expect(reminderCards(b!, ids[2]!).map(kindOf)).toEqual(['due', 'due']);

    // Nothing due in between: one empty index query, whatever is installed.
    nowMs = t0 + (110 + 110) * MIN;
    expect((await measure()).cost).toEqual({ calls: 1, rows: 0, byTable: { 'GET IncidentDue': 1 } });
  });
});

describe('the rhythm on the due index', () => {
  let one: Instance;
  let two: Instance;
  beforeAll(async () => {
    [one, two] = await startPair();
  });

  it('sends each reminder exactly once while two instances tick together', async () => {
    nowMs = Date.parse('2026-07-02T08:00:00Z');
    const t0 = nowMs;
    const filed: { conv: Conv; id: string }[] = [];
    for (let w = 0; w < 4; w++) {
      const conv = await install(w % 2 ? two.bot : one.bot, w < 3 ? 'channel' : 'personal');
      for (let i = 0; i < 2; i++) filed.push({ conv, id: await fileAcknowledged((w % 2 ? two : one).feature.service, workspaceOf(conv)) });
    }
    const reports = [];
    for (let m = 100; m <= 130; m++) {
      nowMs = t0 + m * MIN;
      reports.push(...(await Promise.all([one.feature.rhythm.tick(), two.feature.rhythm.tick()])));
    }
    for (const { conv, id } of filed) expect(reminderCards(conv, id).map(kindOf)).toEqual(['due', 'overdue']);
    expect(reports.flatMap((r) => r.sent).length).toBe(filed.length * 2);
    expect(reports.reduce((n, r) => n + r.failed, 0)).toBe(0);
  });

  it('a resolved incident leaves the index, and a closed one stays out', async () => {
    nowMs = Date.parse('2026-07-03T08:00:00Z');
    const conv = await install(one.bot);
    const ws = workspaceOf(conv);
    const service = one.feature.service;
    const id = await fileAcknowledged(service, ws);
    expect((await filedRows(one, ws, id)).map((r) => r.dueAt)).toEqual([new Date(nowMs + 105 * MIN).toISOString()]);
    nowMs += 20 * MIN;
    const resolved = await service.act(ws, id, { type: 'resolve', kind: 'resolution', text: 'The meeting service was restarted' }, ana, { idempotencyKey: randomUUID() });
    expect(resolved.kind).toBe('updated');
    expect(await filedRows(one, ws, id)).toEqual([]);
    await service.act(ws, id, { type: 'close' }, ana, { idempotencyKey: randomUUID() });
    expect(await filedRows(one, ws, id)).toEqual([]);
    nowMs += 200 * MIN;
    await one.feature.rhythm.tick();
    expect(reminderCards(conv, id)).toEqual([]);
  });

  it('a stale row is dropped without a send; a missing row comes back with the next write', async () => {
    nowMs = Date.parse('2026-07-04T08:00:00Z');
    const t0 = nowMs;
    const conv = await install(one.bot);
    const ws = workspaceOf(conv);
    const service = one.feature.service;
    const id = await fileAcknowledged(service, ws);
    const [live] = await filedRows(one, ws, id);
    // A row left over from an interrupted write: an older pointer, due now.
    await indexOf(one).put([{ workspace: ws, incidentId: id, dueAt: new Date(t0 + 30 * MIN).toISOString(), seq: live!.seq - 1 }]);
    nowMs = t0 + 31 * MIN;
    const report = await one.feature.rhythm.tick();
    expect(report).toMatchObject({ due: 1, stale: 1, sent: [] });
    expect(await filedRows(one, ws, id)).toEqual([live]);

    // A filed incident whose row went missing (acknowledged later, so its next write re-files it).
    nowMs = t0 + 40 * MIN;
    const lost = await service.file(ws, escalation('A'), ana, randomUUID());
    if (lost.kind !== 'filed') throw new Error(lost.kind);
    await indexOf(one).remove(await filedRows(one, ws, lost.incident.id));
    nowMs = t0 + 45 * MIN;
    await service.act(ws, lost.incident.id, { type: 'acknowledge' }, ana, { idempotencyKey: randomUUID() });
    expect((await filedRows(one, ws, lost.incident.id)).map((r) => r.dueAt)).toEqual([new Date(t0 + (40 + 105) * MIN).toISOString()]);
    nowMs = t0 + (40 + 106) * MIN;
    await one.feature.rhythm.tick();
    expect(reminderCards(conv, lost.incident.id).map(kindOf)).toEqual(['due']);
  });

  it('a new reminder lead time re-files the open incidents of that workspace only', async () => {
    nowMs = Date.parse('2026-07-06T08:00:00Z');
    const t0 = nowMs;
    const [mine, other] = [await install(one.bot), await install(one.bot)];
    const service = one.feature.service;
    const id = await fileAcknowledged(service, workspaceOf(mine));
    const otherId = await fileAcknowledged(service, workspaceOf(other));
    const configured = await service.configure(workspaceOf(mine), { overrides: { reminderLeadMinutes: 30 } });
    expect(configured.ok).toBe(true);
    expect((await filedRows(one, workspaceOf(mine), id)).map((r) => r.dueAt)).toEqual([new Date(t0 + 90 * MIN).toISOString()]);
    expect((await filedRows(one, workspaceOf(other), otherId)).map((r) => r.dueAt)).toEqual([new Date(t0 + 105 * MIN).toISOString()]);
    nowMs = t0 + 91 * MIN;
    await one.feature.rhythm.tick();
    expect(reminderCards(mine, id).map(kindOf)).toEqual(['due']);
    expect(reminderCards(other, otherId)).toEqual([]);
  });

  it('open incidents stored before the index existed are filed once by the backfill', async () => {
    nowMs = Date.parse('2026-07-05T08:00:00Z');
    const t0 = nowMs;
    const conv = await install(one.bot);
    const ws = workspaceOf(conv);
    // Written as the release before the due index did: no index, no pointer.
    const store = one.bot.app.store;
    const before = new IncidentService({ incidents: new TableIncidentRepository(store.client('Incidents')), numbers: new TableCounterRepository(store.client('Counters')), clock });
    const id = await fileAcknowledged(before, ws);
    expect(await filedRows(one, ws, id)).toEqual([]);
    nowMs = t0 + 106 * MIN;
    await one.feature.rhythm.tick();
    expect(reminderCards(conv, id)).toEqual([]);

    expect(await one.feature.rhythm.backfill()).toBeGreaterThanOrEqual(1);
    expect((await filedRows(one, ws, id)).map((r) => r.dueAt)).toEqual([new Date(nowMs).toISOString()]);
    // Once: the marker holds for this process and for the other instance.
    expect(await one.feature.rhythm.backfill()).toBe(0);
    expect(await two.feature.rhythm.backfill()).toBe(0);
    nowMs += MIN;
    await one.feature.rhythm.tick();
    expect(reminderCards(conv, id).map(kindOf)).toEqual(['due']);
  });
});
