// The vendor case, outage details and requester answers round-trip through real Azurite inside
// the incident record, at the largest size the limits allow; and an incident stored before any
// of them existed still loads, acts and renders.
import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { renderIncidentCard } from '../../../bot/src/cards/incident-card';
import { IncidentService } from '../../../bot/src/domain/incidents/incident-service';
import { TEXT_LIMITS, type Person } from '../../../bot/src/domain/incidents/incident';
import { DEFAULT_SEVERITY_POLICY } from '../../../bot/src/domain/incidents/severity';
import { TROUBLESHOOTING_CHECKLIST } from '../../../bot/src/domain/incidents/vendor-case';
import type { Workspace } from '../../../bot/src/domain/workspace';
import { encodeKey } from '../../../bot/src/storage/keys';
import { TableCounterRepository } from '../../../bot/src/storage/table-counter-repository';
import { INCIDENT_TABLES, TableIncidentRepository } from '../../../bot/src/storage/table-incident-repository';
import { workspaceKey } from '../../../bot/src/domain/workspace';
import { uniqueTablePrefix } from '../../support/service-ops';

const prefix = uniqueTablePrefix();
const client = (name: string) => TableClient.fromConnectionString(inject('azuriteConnectionString'), prefix + name, { allowInsecureConnection: true });
const ana: Person = { id: 'aad-ana', name: 'Ana Owner' };
const ben: Person = { id: 'aad-ben', name: 'Ben Desk' };
const newWs = (): Workspace => ({ tenantId: randomUUID(), scope: 'team', scopeId: '19:vendor@thread.tacv2' });
let now = new Date('2024-06-03T08:00:00Z');
const repo = new TableIncidentRepository(client('Incidents'));
const service = new IncidentService({ incidents: repo, numbers: new TableCounterRepository(client('Counters')), clock: () => now, defaultTimeZone: 'UTC' });
const key = () => randomUUID();
const ALL = TROUBLESHOOTING_CHECKLIST.map((c) => c.id);

beforeAll(async () => {
  for (const name of INCIDENT_TABLES) await client(name).createTable();
});

async function fileA(ws: Workspace, route: 'vendor' | 'internal' = 'vendor'): Promise<string> {
  const scope = route === 'vendor' ? { route, reason: 'confirmed', matched: [] } : { route, category: 'network', owningRole: 'Network Operations', reason: 'r', matched: [] };
  const r = await service.file(ws, { service: 'Teams meetings', problem: 'Meetings fail to start for everyone', impact: 'Nobody can hold customer calls', affected: 'all users', startedAt: now.toISOString(), severity: 'A', scope }, ben, key());
  if (r.kind !== 'filed') throw new Error(JSON.stringify(r));
  return r.incident.id;
}

describe('the vendor case in storage', () => {
  it('round-trips the vendor case, outage details and requester answers, with every text at its limit', async () => {
    const ws = newWs();
    const id = await fileA(ws);
    const act = async (action: Parameters<IncidentService['act']>[2], who = ana) => {
      const r = await service.act(ws, id, action, who, { idempotencyKey: key() });
      expect(r.kind, JSON.stringify(r).slice(0, 300)).toBe('updated');
    };
    await act({ type: 'acknowledge' });
    await act({ type: 'vendor-escalate', checklist: ALL });
    await act({ type: 'vendor-accept', srNumber: 'V'.repeat(40) });
    for (let k = 0; k < 6; k++) await act({ type: 'vendor-update', text: `${k}`.repeat(TEXT_LIMITS.update) });
    await act({ type: 'outage-details', etaTime: '23:00', bridge: 'B'.repeat(TEXT_LIMITS.bridge) });
    await act({ type: 'update', text: 'U'.repeat(TEXT_LIMITS.update) });
    await act({ type: 'resolve', kind: 'resolution', text: 'R'.repeat(TEXT_LIMITS.resolution) });
    await act({ type: 'confirm-resolved' }, ben);
    await act({ type: 'satisfaction', rating: 5 }, ben);
    const stored = (await new TableIncidentRepository(client('Incidents')).get(ws, id))!.incident;
    expect(stored.vendorCase).toMatchObject({ srNumber: 'V'.repeat(40), updatesOnTime: 6, updatesLate: 0 });
    expect(stored.vendorCase!.recentUpdates).toHaveLength(3);
    expect(stored.outage).toEqual({ expectedResolutionAt: '2024-06-03T23:00:00.000Z', bridge: 'B'.repeat(TEXT_LIMITS.bridge) });
    expect(stored).toMatchObject({ state: 'closed', validation: { confirmedAt: now.toISOString() }, satisfaction: { rating: 5 } });
    const kinds = (await repo.timeline(ws, id, { limit: 50 })).items.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'vendor-update')).toHaveLength(6);
    expect(kinds).toContain('validated');
  });

  it('an internally routed case keeps its internal reference and never gets a vendor SR number', async () => {
    const ws = newWs();
    const id = await fileA(ws, 'internal');
    expect(id).toMatch(/^SR-202406-\d{4}$/);
    await service.act(ws, id, { type: 'acknowledge' }, ana, { idempotencyKey: key() });
    const r = await service.act(ws, id, { type: 'vendor-escalate', checklist: ALL }, ana, { idempotencyKey: key() });
    expect(r.kind).toBe('refused');
    expect((await repo.get(ws, id))!.incident.vendorCase).toBeUndefined();
  });

  it('an incident stored before the two clocks (no vendor case, validation or outage fields) loads, acts and renders', async () => {
    const ws = newWs();
    const legacy = {
      id: 'SR-202401-0007', number: 7, workspace: ws, service: 'Exchange', problem: 'Mail delayed', impact: 'Mail arrives an hour late', affected: 'all',
      startedAt: '2024-01-05T08:00:00.000Z', severity: 'B', scope: { route: 'vendor', reason: 'x', matched: [] }, state: 'classified',
      recordedAt: '2024-01-05T08:00:00.000Z', recordedBy: ben, owner: ana, acknowledgedAt: '2024-01-05T08:10:00.000Z', escalationLevel: 0,
      nextUpdateDueAt: '2024-01-06T08:10:00.000Z', updatesTotal: 0, updatesOnTime: 0, remindersSent: [], timelineCount: 2, version: 2, updatedAt: '2024-01-05T08:10:00.000Z',
    };
    await client('Incidents').createEntity({
      partitionKey: encodeKey(workspaceKey(ws)), rowKey: `I|${String(9_999_999_999 - 7).padStart(10, '0')}`, kind: 'incident', id: legacy.id, state: legacy.state,
      open: true, severity: 'B', recordedAt: legacy.recordedAt, nextUpdateDueAt: legacy.nextUpdateDueAt, data: JSON.stringify(legacy),
    });
    const loaded = (await repo.get(ws, legacy.id))!;
    const card = JSON.stringify(renderIncidentCard({ incident: loaded.incident, etag: loaded.etag, policy: DEFAULT_SEVERITY_POLICY, timeZone: 'UTC', now }));
    expect(card).toContain('SR-202401-0007 (our own number, not a vendor SR number)');
    expect(card).toContain('Not escalated to the vendor yet');
    expect(card).toContain('incident.vendor.escalate');
    const r = await service.act(ws, legacy.id, { type: 'vendor-escalate', checklist: ALL }, ana, { idempotencyKey: key() });
    expect(r.kind === 'updated' && r.incident.vendorCase?.responseDueAt).toBe(new Date(now.getTime() + 3_600_000).toISOString());
  });
});
