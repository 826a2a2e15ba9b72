// The search over one workspace's findings and incidents, against in-memory sources that page
// the way the repositories do.
import { describe, expect, it } from 'vitest';
import type { Finding, FindingStatus } from '../../../bot/src/domain/findings/finding';
import type { StoredIncident } from '../../../bot/src/domain/incidents/incident-repository';
import { parseRecordQuery } from '../../../bot/src/domain/message-extension/record-query';
import { type FindingSource, type IncidentSource, RecordSearch, SCAN_LIMIT } from '../../../bot/src/domain/message-extension/record-search';
import { type Workspace, workspaceKey } from '../../../bot/src/domain/workspace';

const wsA: Workspace = { tenantId: 'a', scope: 'team', scopeId: '19:a' };
const wsB: Workspace = { tenantId: 'b', scope: 'team', scopeId: '19:a' };

const finding = (ws: Workspace, n: number, status: FindingStatus, description: string, category: Finding['category'] = 'bandwidth'): Finding => ({
  workspace: ws, id: `QF-${String(n).padStart(4, '0')}`, number: n, status, category, area: 'call-quality', description, owningRole: 'Network Operations',
  building: `Building ${n}`, createdAt: new Date(Date.UTC(2026, 10, n)).toISOString(), createdBy: { id: 'u', name: 'U' }, updatedAt: '', updatedBy: { id: 'u', name: 'U' },
  statusSince: '', source: 'chat', version: 1,
});
const incident = (ws: Workspace, n: number, state: StoredIncident['incident']['state'], problem: string): StoredIncident => ({
  etag: 'e',
  incident: { workspace: ws, id: `SR-202611-${String(n).padStart(4, '0')}`, number: n, state, service: 'Exchange Online', problem, impact: 'Mail is late.', affected: 'all', startedAt: '', severity: 'B', scope: { route: 'vendor', reason: '', matched: [] }, recordedAt: new Date(Date.UTC(2026, 10, n, 12)).toISOString(), recordedBy: { id: 'u', name: 'U' }, escalationLevel: 0, updatesTotal: 0, updatesOnTime: 0, remindersSent: [], timelineCount: 1, version: 1, updatedAt: '' } as StoredIncident['incident'],
});

function sources(findings: Finding[], incidents: StoredIncident[]) {
  const reads = { findings: 0, incidents: 0 };
  const f: FindingSource = {
    get: async (ws, id) => findings.find((x) => workspaceKey(x.workspace) === workspaceKey(ws) && x.id === id),
    async list(ws, filter, page) {
      const statuses = filter.statuses ?? ['new', 'accepted', 'in-remediation', 'remediated'];
      const all = findings.filter((x) => workspaceKey(x.workspace) === workspaceKey(ws) && statuses.includes(x.status));
      const start = Number(page.continuationToken ?? 0);
      const items = all.slice(start, start + (page.pageSize ?? 50));
      reads.findings += items.length;
      return { items, ...(start + items.length < all.length ? { continuationToken: String(start + items.length) } : {}) };
    },
  };
  const i: IncidentSource = {
    get: async (ws, id) => incidents.find((x) => workspaceKey(x.incident.workspace) === workspaceKey(ws) && x.incident.id === id),
    async list(ws, filter, page) {
      const open = ['recorded', 'classified', 'investigating'];
      const all = incidents.filter((x) => workspaceKey(x.incident.workspace) === workspaceKey(ws) && (filter.state !== 'open' || open.includes(x.incident.state)));
      const start = Number(page.continuation ?? 0);
      const items = all.slice(start, start + page.limit);
      reads.incidents += items.length;
      return { items, ...(start + items.length < all.length ? { continuation: String(start + items.length) } : {}) };
    },
  };
  return { search: new RecordSearch(f, i), reads };
}

const ids = (hits: Awaited<ReturnType<RecordSearch['search']>>) => hits.map((h) => (h.kind === 'finding' ? h.finding.id : h.stored.incident.id));

describe('RecordSearch', () => {
  const { search } = sources(
    [finding(wsA, 1, 'new', 'Poor audio on VPN'), finding(wsA, 2, 'verified', 'VPN split tunnel fixed'), finding(wsA, 3, 'accepted', 'Headsets crackle', 'audio-devices'), finding(wsB, 4, 'new', 'Poor audio on VPN in tenant B')],
    [incident(wsA, 1, 'investigating', 'Mail queues on the VPN gateway'), incident(wsA, 2, 'resolved', 'Calendar sync broken'), incident(wsB, 3, 'recorded', 'VPN down for tenant B')],
  );

  it('finds a record by number, only in its own workspace', async () => {
    expect(ids(await search.search(wsA, parseRecordQuery('qf-1')))).toEqual(['QF-0001']);
    expect(ids(await search.search(wsA, parseRecordQuery('QF-0004')))).toEqual([]);
    expect(ids(await search.search(wsB, parseRecordQuery('QF-0004')))).toEqual(['QF-0004']);
    expect(ids(await search.search(wsA, parseRecordQuery('SR-202611-0001')))).toEqual(['SR-202611-0001']);
    expect(ids(await search.search(wsA, parseRecordQuery('SR-202611-0003')))).toEqual([]);
  });

  it('text matches findings and incidents of every status, newest first', async () => {
    expect(ids(await search.search(wsA, parseRecordQuery('vpn')))).toEqual(['QF-0002', 'SR-202611-0001', 'QF-0001']);
    expect(ids(await search.search(wsB, parseRecordQuery('vpn')))).toEqual(['QF-0004', 'SR-202611-0003']);
  });

  it('a status filters each kind by its own statuses', async () => {
    expect(ids(await search.search(wsA, parseRecordQuery('accepted')))).toEqual(['QF-0003']);
    expect(ids(await search.search(wsA, parseRecordQuery('resolved')))).toEqual(['SR-202611-0002']);
    expect(ids(await search.search(wsA, parseRecordQuery('status:open vpn')))).toEqual(['SR-202611-0001', 'QF-0001']);
  });

  it('an empty box lists the open records', async () => {
    expect(ids(await search.search(wsA, parseRecordQuery('')))).toEqual(['QF-0003', 'SR-202611-0001', 'QF-0001']);
  });

  it('pages with skip and count', async () => {
    expect(ids(await search.search(wsA, parseRecordQuery('vpn'), { skip: 1, count: 1 }))).toEqual(['SR-202611-0001']);
  });

  it('reads a bounded number of records for a text search', async () => {
    const many = Array.from({ length: SCAN_LIMIT * 2 }, (_, n) => finding(wsA, n + 1, 'new', 'nothing to see'));
    const s = sources(many, []);
    expect(await s.search.search(wsA, parseRecordQuery('zebra'))).toEqual([]);
    expect(s.reads.findings).toBe(SCAN_LIMIT);
  });
});
