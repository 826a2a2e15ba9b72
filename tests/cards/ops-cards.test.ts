// Rules of the ops cards beyond the template checks: how many agenda lines each door shows, and
// which roles offer a sign-off.
import { describe, expect, it } from 'vitest';
import { renderAgendaCard } from '../../bot/src/cards/agenda-card';
import { cardBytes } from '../../bot/src/cards/ops-card-parts';
import { renderRoleMapCard } from '../../bot/src/cards/role-map-card';
import { buildAgenda, type AgendaInputs } from '../../bot/src/domain/ops/agenda';
import { DEFAULT_CADENCE } from '../../bot/src/domain/ops/cadence';
import { DEFAULT_ROLES, type OpsRole } from '../../bot/src/domain/ops/roles';

const now = new Date('2025-02-25T09:00:00Z');
const inputs = (text: string, n: number): AgendaInputs => ({
  now, meetingAt: new Date('2025-03-04T10:00:00Z'), timeZone: 'UTC',
  incidents: [], risks: [], objectives: [], ksis: [], overdueTasks: [], items: [], actions: [],
  findings: Array.from({ length: n }, (_, i) => ({ id: `QF-${String(i + 1).padStart(4, '0')}`, title: `${text} ${i + 1}`, status: 'New', createdAt: '2025-02-20T10:00:00Z', overdue: false })),
});
const json = (card: unknown) => JSON.stringify(card);

describe('agenda card', () => {
  it('in chat cuts a section at 5 lines and points to the tab; the tab shows them all', () => {
    const agenda = buildAgenda(inputs('Poor audio', 12));
    const chat = json(renderAgendaCard({ agenda, cadence: DEFAULT_CADENCE }));
    expect(chat).toContain('QF-0005');
    expect(chat).not.toContain('QF-0006');
    expect(chat).toContain('…and 7 more; open the agenda tab to see them all.');
    const tab = json(renderAgendaCard({ agenda, cadence: DEFAULT_CADENCE, maxLinesPerSection: 50 }));
    for (let i = 1; i <= 12; i++) expect(tab).toContain(`QF-${String(i).padStart(4, '0')}`);
    expect(tab).not.toContain('more');
  });

  it('in the tab still stays under 25 KB, and then says how many are not shown without pointing to itself', () => {
    const card = renderAgendaCard({ agenda: buildAgenda(inputs('W'.repeat(2000), 40)), cadence: DEFAULT_CADENCE, maxLinesPerSection: 50 });
    expect(cardBytes(card)).toBeLessThanOrEqual(24 * 1024);
    expect(json(card)).toMatch(/…and \d+ more, not shown to keep this card small\./);
    expect(json(card)).not.toContain('open the agenda tab');
  });
});

describe('role map card', () => {
  it('offers "Sign off" only on roles with a team named and not signed off yet', () => {
    const roles: OpsRole[] = DEFAULT_ROLES.slice(0, 3).map((r, i) => ({ ...r, team: ['TBA', 'Network Operations', 'Service Desk'][i]!, ...(i === 2 ? { signOff: { by: { id: 'u', name: 'Dana' }, at: now.toISOString() } } : {}) }));
    const card = json(renderRoleMapCard({ roles }));
    const signOffs = [...card.matchAll(/"title":"Sign off for our team","verb":"[^"]+","data":\{"roleId":"([^"]+)"\}/g)].map((m) => m[1]);
    expect(signOffs).toEqual([roles[1]!.id]);
    expect(card).toContain('No team named yet');
  });
});
