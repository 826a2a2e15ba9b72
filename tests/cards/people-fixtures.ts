// Records for the people cards (mentions, My work): two workspaces, a person known by id and one
// known only by name, and user text that would be markdown or a tag.
import { newFinding, type Finding } from '../../bot/src/domain/findings/finding';
import type { ConfirmedDraft } from '../../bot/src/domain/findings/draft';
import type { Incident } from '../../bot/src/domain/incidents/incident';
import type { OpsRole } from '../../bot/src/domain/ops/roles';
import { seedSchedules, type ReminderSchedule } from '../../bot/src/domain/reminders/schedule';
import type { Workspace } from '../../bot/src/domain/workspace';

export const WS: Workspace = { tenantId: '11111111-1111-4111-8111-111111111111', scope: 'team', scopeId: '19:people@thread.tacv2' };
export const OTHER_WS: Workspace = { tenantId: '22222222-2222-4222-8222-222222222222', scope: 'team', scopeId: '19:people@thread.tacv2' };
export const ANA = { id: '29:ana', name: 'Ana Owner' };
export const BEN = { id: '29:ben', name: 'Ben Desk' };
export const MARKDOWN_NAME = 'Zoë *Bold* [x](http://evil.example) <b>_y_</b> ${name}';

const draft: ConfirmedDraft = { category: 'vpn', area: 'call-quality', building: 'Building 6', networkType: 'vpn', metric: 'poor-stream-rate', value: 4.1, unit: '%', description: 'Poor audio in Building 6 since the VPN concentrator upgrade.', owningRole: 'Network Operations' };

export function finding(n: number, patch: Partial<Finding> & { by?: { id: string; name: string } } = {}): Finding {
  const { by, ...rest } = patch;
  const f = newFinding({ workspace: WS, id: `QF-${String(n).padStart(4, '0')}`, number: n, draft, target: 2, actor: by ?? ANA, now: new Date('2026-03-01T09:00:00Z'), source: 'chat' }).finding;
  return { ...f, etag: 'W/"1"', ...rest };
}

export function incident(n: number, patch: Partial<Incident> = {}): Incident {
  return {
    id: `SR-202603-${String(n).padStart(4, '0')}`, number: n, workspace: WS, service: 'Teams meetings', problem: 'Meetings fail to start with error 500.',
    impact: 'Sales cannot hold customer calls.', affected: 'All users', startedAt: '2026-03-10T08:40:00.000Z', severity: 'A',
    scope: { route: 'vendor', reason: 'confirmed', matched: [] }, state: 'classified', recordedAt: '2026-03-10T09:00:00.000Z', recordedBy: BEN,
    owner: ANA, escalationLevel: 0, nextUpdateDueAt: '2026-03-10T11:00:00.000Z', updatesTotal: 0, updatesOnTime: 0, remindersSent: [], timelineCount: 1, version: 2,
    updatedAt: '2026-03-10T09:10:00.000Z', ...patch,
  };
}

export function role(name: string, contact: string): OpsRole {
  return { id: name.toLowerCase().replace(/\W+/g, '-'), name, description: '', team: `${name} team`, contact, order: 0, etag: 'W/"r"' } as OpsRole;
}

/** The catalog's schedules of `ws`, the first `open` of them reminded and not done. */
export function schedules(open: number, ws: Workspace = WS): ReminderSchedule[] {
  const all = seedSchedules(ws, { routeForRole: () => undefined, fallbackConversationId: '19:setup@thread.tacv2', timeZone: 'Europe/Berlin', now: new Date('2026-03-01T00:00:00Z'), ctx: { deploymentMode: false } });
  return all.map((s, i) => (i < open ? { ...s, open: { firstDueAt: s.nextDueAt!, missed: i % 2, lastOccurrenceId: `${s.id}@${s.nextDueAt}` } } : s));
}
