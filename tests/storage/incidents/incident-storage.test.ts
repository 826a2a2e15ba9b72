import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { IncidentService } from '../../../bot/src/domain/incidents/incident-service';
import type { Person } from '../../../bot/src/domain/incidents/incident';
import type { Workspace } from '../../../bot/src/domain/workspace';
import { TableCounterRepository } from '../../../bot/src/storage/table-counter-repository';
import { INCIDENT_TABLES, TableIncidentRepository } from '../../../bot/src/storage/table-incident-repository';
import { RepositoryIncidentRouting } from '../../../bot/src/jobs/incident-rhythm';
import { uniqueTablePrefix } from '../../support/service-ops';

const prefix = uniqueTablePrefix();
const client = (name: string) => TableClient.fromConnectionString(inject('azuriteConnectionString'), prefix + name, { allowInsecureConnection: true });
const ana: Person = { id: 'aad-ana', name: 'Ana Owner' };
const ben: Person = { id: 'aad-ben', name: 'Ben Desk' };
const newWs = (): Workspace => ({ tenantId: randomUUID(), scope: 'team', scopeId: '19:x/y#z?@thread.tacv2' });

let now = new Date('2024-06-03T08:00:00Z');
const clock = () => now;

/** A separate "bot instance": its own clients, repository, allocator and service. */
function instance(): IncidentService {
  return new IncidentService({ incidents: new TableIncidentRepository(client('Incidents')), numbers: new TableCounterRepository(client('Counters')), clock, defaultTimeZone: 'Europe/London' });
}

const escalation = (severity = 'A', problem = 'Meetings fail to start for everyone') => ({
  service: 'Teams meetings',
  problem,
  impact: 'Nobody can hold customer calls; sales is stopped',
  affected: 'all users',
  startedAt: '2024-06-03T07:30:00.000Z',
  severity,
  scope: { route: 'vendor', reason: 'confirmed', matched: [] },
});

beforeAll(async () => {
  for (const name of INCIDENT_TABLES) await client(name).createTable();
});

async function fileOne(service: IncidentService, ws: Workspace, severity = 'A', startedAt?: string) {
  const r = await service.file(ws, { ...escalation(severity), ...(startedAt ? { startedAt } : {}) }, ben, randomUUID());
  if (r.kind !== 'filed') throw new Error(JSON.stringify(r));
  return r;
}

describe('incident storage', () => {
  it('200 escalations filed concurrently (three instances) get 200 distinct SR numbers', async () => {
    const ws = newWs();
    const services = [instance(), instance(), instance()];
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => services[i % 3]!.file(ws, escalation('B', `Problem number ${i} in detail`), ben, `file-${i}`)));
    const ids = results.map((r) => (r.kind === 'filed' ? r.incident.id : r.kind));
    expect(new Set(ids).size).toBe(200);
    expect(ids.every((id) => /^SR-202406-\d{4}$/.test(id))).toBe(true);
    const numbers = results.map((r) => (r.kind === 'filed' ? r.incident.number : 0)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 1)); // and no gaps when nothing failed
    // A restarted instance continues after the last number.
    expect((await fileOne(instance(), ws)).incident.number).toBe(201);
    // Every incident is stored and listed.
    let listed = 0;
    let continuation: string | undefined;
    do {
      const page = await services[0]!.list(ws, { state: 'all' }, { limit: 50, continuation });
      listed += page.items.length;
      continuation = page.continuation;
    } while (continuation);
    expect(listed).toBe(201);
  });

  it('the same escalation delivered three times is filed once', async () => {
    const ws = newWs();
    const s = instance();
    const rs = await Promise.all([0, 1, 2].map(() => s.file(ws, escalation(), ben, 'activity-1')));
    const filed = rs.filter((r) => r.kind === 'filed');
    expect(filed).toHaveLength(1);
    expect(new Set(rs.map((r) => (r.kind === 'invalid' ? '' : r.incident.id))).size).toBe(1);
    expect((await s.list(ws, { state: 'all' }, { limit: 10 })).items).toHaveLength(1);
  });

  it('the same card action delivered three times changes state once and returns the same result', async () => {
    const ws = newWs();
    const s = instance();
    const { incident } = await fileOne(s, ws);
    await s.act(ws, incident.id, { type: 'acknowledge' }, ana, { idempotencyKey: 'ack-1' });
    const rs = await Promise.all([0, 1, 2].map(() => s.act(ws, incident.id, { type: 'update', text: 'We are on it' }, ana, { idempotencyKey: 'invoke-7' })));
    expect(rs.filter((r) => r.kind === 'updated')).toHaveLength(1);
    expect(rs.filter((r) => r.kind === 'duplicate')).toHaveLength(2);
    const results = rs.map((r) => (r.kind === 'updated' || r.kind === 'duplicate' ? r.incident : undefined));
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    // And later, sequentially:
    const again = await s.act(ws, incident.id, { type: 'update', text: 'We are on it' }, ana, { idempotencyKey: 'invoke-7' });
    expect(again.kind === 'duplicate' && again.incident).toEqual(results[0]);
    const stored = (await s.get(ws, incident.id))!.incident;
    expect(stored.updatesTotal).toBe(1);
    const timeline = await s.timeline(ws, incident.id, { limit: 50 });
    expect(timeline.items.map((e) => e.kind)).toEqual(['recorded', 'acknowledged', 'update']);
  });

  it('two people acting on the same incident at once lose no change', async () => {
    const ws = newWs();
    const [s1, s2] = [instance(), instance()];
    const { incident } = await fileOne(s1, ws);
    await s1.act(ws, incident.id, { type: 'acknowledge' }, ana, { idempotencyKey: randomUUID() });
    const rs = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? s1 : s2).act(ws, incident.id, { type: 'update', text: `Update ${i}` }, i % 2 ? ana : ben, { idempotencyKey: randomUUID() })),
    );
    expect(rs.every((r) => r.kind === 'updated')).toBe(true);
    const stored = (await s1.get(ws, incident.id))!.incident;
    expect(stored.updatesTotal).toBe(10);
    const timeline = await s1.timeline(ws, incident.id, { limit: 50 });
    expect(timeline.items.filter((e) => e.kind === 'update').map((e) => e.text).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Update ${i}`).sort());
    expect(timeline.items.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('a view-sensitive action on a stale card is a conflict and changes nothing; illegal steps are refused', async () => {
    const ws = newWs();
    const s = instance();
    const filed = await fileOne(s, ws);
    const seen = filed.etag;
    const ack = await s.act(ws, filed.incident.id, { type: 'acknowledge' }, ana, { idempotencyKey: randomUUID(), expectedEtag: seen });
    expect(ack.kind).toBe('updated'); // acknowledge is not view-sensitive
    const stale = await s.act(ws, filed.incident.id, { type: 'severity', severity: 'B', impact: 'Only some users are affected now' }, ben, { idempotencyKey: randomUUID(), expectedEtag: seen });
    expect(stale.kind).toBe('conflict');
    expect((await s.get(ws, filed.incident.id))!.incident.severity).toBe('A');
    const closed = await s.act(ws, filed.incident.id, { type: 'close' }, ben, { idempotencyKey: randomUUID() });
    expect(closed.kind === 'refused' && closed.reason).toMatch(/resolve it/);
    expect((await s.act(ws, 'SR-202406-9999', { type: 'acknowledge' }, ana, { idempotencyKey: randomUUID() })).kind).toBe('not-found');
  });

  it('lists open incidents by severity and overdue updates, with paging; claims reminders once', async () => {
    const ws = newWs();
    const s = instance();
    now = new Date('2024-06-03T08:00:00Z');
    for (const sev of ['A', 'A', 'B', 'C', 'D', 'A']) await fileOne(s, ws, sev);
    const page1 = await s.list(ws, { severity: 'A' }, { limit: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.continuation).toBeDefined();
    const page2 = await s.list(ws, { severity: 'A' }, { limit: 2, continuation: page1.continuation });
    expect(page2.items).toHaveLength(1);
    expect(page2.continuation).toBeUndefined();
    expect([...page1.items, ...page2.items].map((i) => i.incident.number)).toEqual([6, 2, 1]); // newest first
    const overdue = await s.list(ws, { updateOverdueAt: new Date('2024-06-03T10:30:00Z') }, { limit: 10 });
    expect(overdue.items.map((i) => i.incident.severity).sort()).toEqual(['A', 'A', 'A']);

    now = new Date('2024-06-03T10:01:00Z');
    const pending = await s.pendingReminders(ws);
    const aIncidents = pending.filter((p) => p.stored.incident.severity === 'A');
    expect(aIncidents).toHaveLength(3);
    const first = aIncidents[0]!;
    const key = first.send.find((d) => d.kind === 'update-overdue')!.key;
    const claims = await Promise.all([instance(), instance(), s].map((x) => x.claimReminder(ws, first.stored.incident.id, key)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    const after = await s.pendingReminders(ws);
    expect(after.find((p) => p.stored.incident.id === first.stored.incident.id)?.send.map((d) => d.key) ?? []).not.toContain(key);
  });

  it('keeps per-workspace settings and computes monthly figures', async () => {
    const ws = newWs();
    const s = instance();
    const bad = await s.configure(ws, { timeZone: 'Nowhere/Land', overrides: { levels: { A: { updateEveryMinutes: 0 } } } });
    expect(bad.ok).toBe(false);
    const ok = await s.configure(ws, { timeZone: 'Asia/Kolkata', overrides: { levels: { A: { updateEveryMinutes: 60 } } } });
    expect(ok.ok).toBe(true);
    now = new Date('2024-06-30T19:00:00Z'); // 1 July 00:30 in Kolkata
    // Started as it was filed: response and resolution clocks run from the start.
    const { incident } = await fileOne(s, ws, 'A', now.toISOString());
    expect(incident.id).toMatch(/^SR-202407-0001$/);
    expect(incident.nextUpdateDueAt).toBe('2024-06-30T20:00:00.000Z');
    now = new Date('2024-06-30T19:20:00Z');
    await s.act(ws, incident.id, { type: 'acknowledge' }, ana, { idempotencyKey: randomUUID() });
    await s.act(ws, incident.id, { type: 'update', text: 'Restarting the bridge' }, ana, { idempotencyKey: randomUUID() });
    await s.act(ws, incident.id, { type: 'resolve', kind: 'resolution', text: 'Bridge restarted' }, ana, { idempotencyKey: randomUUID() });
    const f = await s.figures(ws, 2024, 7);
    expect(f).toMatchObject({ total: 1, countBySeverity: { A: 1 }, firstResponse: { share: 1 }, updates: { share: 1 }, meanTimeToResolveMinutes: 20 });
    expect((await s.figures(ws, 2024, 6)).total).toBe(0);
  });
});

describe('incident settings', () => {
  it('keep the audience channel when the time zone or targets change', async () => {
    const ws = newWs();
    const repo = new TableIncidentRepository(client('Incidents'));
    const routing = new RepositoryIncidentRouting(repo, 'Europe/London');
    await routing.setAudience(ws, '19:audience@thread.tacv2');
    const service = instance();
    expect(await service.configure(ws, { timeZone: 'America/New_York' })).toMatchObject({ ok: true });
    expect(await routing.audienceOf(ws)).toBe('19:audience@thread.tacv2');
    expect((await service.settings(ws)).timeZone).toBe('America/New_York');
    await routing.setAudience(ws, undefined);
    expect(await routing.audienceOf(ws)).toBeUndefined();
    expect((await service.settings(ws)).timeZone).toBe('America/New_York');
  });
});
