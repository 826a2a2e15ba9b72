// What is mine: filed or owned findings, owned or raised incidents, due tasks of my roles; never
// someone else's record, never another workspace's; and the links from a card to the record.
import { describe, expect, it } from 'vitest';
import { MyWorkService, myRoles, selectMyWork } from '../../../bot/src/domain/people/my-work';
import { myWorkLink, parseSubEntityId, subEntityId } from '../../../bot/src/domain/people/tab-link';
import { ANA, BEN, finding, incident, OTHER_WS, role, schedules, WS } from '../../cards/people-fixtures';

const ana = { ids: [ANA.id, 'aad-ana'], name: 'Ana Owner' };
const roles = [role('Service Owner', ' ana  OWNER '), role('Network Operations', 'TBA'), role('Help Desk', 'Ben Desk')];

describe('selectMyWork', () => {
  it('keeps the findings I filed or my role owns, with why', () => {
    const mine = selectMyWork(WS, ana, {
      findings: [finding(1), finding(2, { by: BEN }), finding(3, { by: BEN, owningRole: 'service owner' }), finding(4, { owningRole: 'Service Owner' })],
      incidents: [], schedules: [], roles,
    });
    expect(mine.roles).toEqual(['Service Owner']);
    expect(mine.findings.map((f) => [f.finding.id, f.reasons])).toEqual([['QF-0001', ['filed']], ['QF-0003', ['owned']], ['QF-0004', ['filed', 'owned']]]);
  });

  it('keeps the incidents I own or raised, matching any of my ids', () => {
    const mine = selectMyWork(WS, ana, {
      findings: [], schedules: [], roles,
      incidents: [incident(1), incident(2, { owner: BEN }), incident(3, { owner: undefined, recordedBy: { id: 'aad-ana', name: 'Ana' } }), incident(4, { owner: ANA, recordedBy: ANA })],
    });
    expect(mine.incidents.map((i) => [i.incident.id, i.reasons])).toEqual([['SR-202603-0001', ['owner']], ['SR-202603-0003', ['raised']], ['SR-202603-0004', ['owner', 'raised']]]);
  });

  it('lists only due (open) tasks of my roles, oldest first', () => {
    const all = schedules(6);
    const mine = selectMyWork(WS, ana, { findings: [], incidents: [], schedules: all, roles });
    const expected = all.filter((s) => s.open && s.role === 'Service Owner').map((s) => s.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(mine.tasks.map((s) => s.id).sort()).toEqual(expected.sort());
    expect(mine.tasks.every((s) => s.open)).toBe(true);
    // A role whose contact is someone else gives me none of its tasks; "TBA" is nobody.
    expect(selectMyWork(WS, { ids: ['x'], name: 'TBA' }, { findings: [], incidents: [], schedules: all, roles }).tasks).toEqual([]);
  });

  it('matches the role map contact by exact name only, and never by an empty name', () => {
    expect(myRoles({ ids: [], name: 'Ana' }, roles)).toEqual([]);
    expect(myRoles({ ids: [], name: '' }, [role('X', '')])).toEqual([]);
    expect(myRoles({ ids: [], name: 'Ben Desk' }, roles).map((r) => r.name)).toEqual(['Help Desk']);
  });

  it('drops records of another workspace even if a source returned them', () => {
    const foreign = { ...finding(9), workspace: OTHER_WS };
    const mine = selectMyWork(WS, ana, { findings: [foreign, finding(1)], incidents: [{ ...incident(9), workspace: OTHER_WS }], schedules: schedules(3, OTHER_WS), roles });
    expect(mine.findings.map((f) => f.finding.id)).toEqual(['QF-0001']);
    expect(mine.incidents).toEqual([]);
    expect(mine.tasks).toEqual([]);
  });

  it('the service reads each source once for the workspace it was asked about', async () => {
    const asked: string[] = [];
    const service = new MyWorkService({
      openFindings: async (ws) => (asked.push(`findings ${ws.tenantId}`), [finding(1)]),
      openIncidents: async (ws) => (asked.push(`incidents ${ws.tenantId}`), [incident(1)]),
      schedules: async (ws) => (asked.push(`schedules ${ws.tenantId}`), []),
      roles: async (ws) => (asked.push(`roles ${ws.tenantId}`), roles),
    });
    const work = await service.forMe(WS, ana);
    expect(asked.sort()).toEqual(['findings', 'incidents', 'roles', 'schedules'].map((k) => `${k} ${WS.tenantId}`));
    expect([work.findings.length, work.incidents.length]).toEqual([1, 1]);
  });
});

describe('links to a record in the My work tab', () => {
  const opts = { tabEndpoint: 'https://serviceops.example.net/', teamsAppId: '0f6a3c1e-8b2d-4e5f-9a7b-1c2d3e4f5a6b' };

  it('is a Teams deep link to the personal tab with the workspace and record in subEntityId', () => {
    const url = new URL(myWorkLink(opts, WS, 'incident', 'SR-202603-0001', 'SR-202603-0001'));
    expect(`${url.origin}${url.pathname}`).toBe('https://teams.microsoft.com/l/entity/0f6a3c1e-8b2d-4e5f-9a7b-1c2d3e4f5a6b/my-work');
    const context = JSON.parse(url.searchParams.get('context')!) as { subEntityId: string };
    expect(parseSubEntityId(context.subEntityId)).toEqual({ workspace: `${WS.tenantId}|team|19:people@thread.tacv2`, record: 'incident:SR-202603-0001' });
  });

  it('without a Teams app id, opens the tab page on the tab endpoint', () => {
    const url = new URL(myWorkLink({ tabEndpoint: opts.tabEndpoint }, WS, 'finding', 'QF-0001', 'QF-0001'));
    expect(`${url.origin}${url.pathname}`).toBe('https://serviceops.example.net/tabs/index.html');
    expect(Object.fromEntries(url.searchParams)).toEqual({ view: 'my-work', workspace: `${WS.tenantId}|team|19:people@thread.tacv2`, record: 'finding:QF-0001' });
  });

  it('round-trips ids with separators, and refuses what is not a sub-entity', () => {
    const ws = { ...WS, scopeId: '19:a&r=b|c@thread.v2' };
    expect(parseSubEntityId(subEntityId(ws, 'task', 'usr-1&w=x'))).toEqual({ workspace: `${WS.tenantId}|team|19:a&r=b|c@thread.v2`, record: 'task:usr-1&w=x' });
    expect(parseSubEntityId('')).toBeUndefined();
    expect(parseSubEntityId(42)).toBeUndefined();
    expect(parseSubEntityId('r=finding:QF-1')).toBeUndefined();
  });
});
