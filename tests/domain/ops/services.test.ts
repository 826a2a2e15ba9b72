import { describe, expect, inject, it } from 'vitest';
import { agendaSources, type ActionItem, type AgendaItem } from '../../../bot/src/domain/ops/agenda';
import { CHECKLIST_TEMPLATES, templateItemIds } from '../../../bot/src/domain/ops/checklist-templates';
import { type ChecklistRun, progressOf } from '../../../bot/src/domain/ops/checklists';
import { DEFAULT_KSIS, DEFAULT_OBJECTIVES, type Ksi, type Objective } from '../../../bot/src/domain/ops/okrs';
import { createOpsServices } from '../../../bot/src/domain/ops/ops-services';
import { DEFAULT_RISKS, overallRisk, RISK_LEVELS, type Risk } from '../../../bot/src/domain/ops/risks';
import { DEFAULT_ROLES, type OpsRole } from '../../../bot/src/domain/ops/roles';
import { DEFAULT_STAKEHOLDERS, type Stakeholder } from '../../../bot/src/domain/ops/stakeholders';
import type { Meeting, SteeringSettings } from '../../../bot/src/domain/ops/steering';
import type { Workspace } from '../../../bot/src/domain/workspace';
import { createOpsRepositories, OPS_TABLES } from '../../../bot/src/storage/ops/table-ops-repositories';
import { createTableStore, type TableStore } from '../../../bot/src/storage/table-store';
import { uniqueTablePrefix } from '../../support/service-ops';

// The services over the real Table repositories (Azurite); each setup() gets fresh tables.
async function freshStore(): Promise<TableStore> {
  const store = createTableStore({ kind: 'connection-string', connectionString: inject('azuriteConnectionString') }, uniqueTablePrefix());
  await store.ensureTables([...OPS_TABLES, 'Seeds']);
  return store;
}

let now = new Date('2025-03-03T09:00:00Z');
let n = 0;
const ws: Workspace = { tenantId: 't', scope: 'team', scopeId: 'team-1' };
const ana = { id: 'ana', name: 'Ana' };
const bo = { id: 'bo', name: 'Bo' };

async function setup(sources = agendaSources()) {
  const store = await freshStore();
  return createOpsServices(createOpsRepositories((table) => store.client(table)), { clock: () => now, newId: () => `id${++n}`, sources });
}

describe('risk rating', () => {
  it('never rates above both inputs and is symmetric', () => {
    const rank = { low: 1, medium: 2, high: 3 };
    for (const l of RISK_LEVELS) for (const i of RISK_LEVELS) {
      expect(overallRisk(l, i)).toBe(overallRisk(i, l));
      expect(rank[overallRisk(l, i)]).toBeLessThanOrEqual(Math.max(rank[l], rank[i]));
      expect(rank[overallRisk(l, i)]).toBeGreaterThanOrEqual(Math.min(rank[l], rank[i]));
    }
  });
});

describe('role map', () => {
  it('is pre-filled with the operational roles, team and contact TBA, nobody signed off', async () => {
    const ops = await setup();
    const s = await ops.roles.summary(ws);
    expect(s.total).toBe(11);
    expect(s.signed).toEqual([]);
    expect(s.pending.map((r) => r.name)).toContain('Quality Champion');
    expect(s.pending.every((r) => r.team === 'TBA' && r.contact === 'TBA')).toBe(true);
  });

  it('signs off only with a named team, records who/when once, and a new team must sign again', async () => {
    const ops = await setup();
    expect(await ops.roles.signOff(ws, 'help-desk', ana)).toMatchObject({ ok: false, error: 'invalid', message: expect.stringContaining('Name the team') });
    const role = (await ops.roles.get(ws, 'help-desk'))!;
    expect(await ops.roles.update(ws, 'help-desk', { team: 'Service Desk EMEA' }, ana, role.etag)).toMatchObject({ ok: true });
    const signed = await ops.roles.signOff(ws, 'help-desk', bo);
    expect(signed).toMatchObject({ ok: true, value: { signOff: { by: bo, at: now.toISOString() } } });
    now = new Date(now.getTime() + 60_000);
    expect(await ops.roles.signOff(ws, 'help-desk', ana)).toMatchObject({ ok: true, value: { signOff: { by: bo } } });
    expect((await ops.roles.summary(ws)).signed.map((r) => r.id)).toEqual(['help-desk']);
    await ops.roles.update(ws, 'help-desk', { team: 'Service Desk Global' }, ana);
    expect((await ops.roles.get(ws, 'help-desk'))!.signOff).toBeUndefined();
  });

  it('reports a conflict when the card was based on an older version', async () => {
    const ops = await setup();
    const old = (await ops.roles.get(ws, 'tenant-admin'))!;
    await ops.roles.update(ws, 'tenant-admin', { contact: 'admins@contoso.example' }, ana, old.etag);
    const stale = await ops.roles.update(ws, 'tenant-admin', { contact: 'other' }, bo, old.etag);
    expect(stale).toMatchObject({ ok: false, error: 'conflict', current: { contact: 'admins@contoso.example' } });
  });

  it('validates with clear messages, adds and removes roles', async () => {
    const ops = await setup();
    expect(await ops.roles.add(ws, { name: '' }, ana)).toMatchObject({ ok: false, message: 'Role name is required.' });
    expect(await ops.roles.add(ws, { name: 'x'.repeat(81) }, ana)).toMatchObject({ ok: false, message: 'Role name is 81 characters; the most I can keep is 80. Shorten it.' });
    expect(await ops.roles.add(ws, { name: 'help desk' }, ana)).toMatchObject({ ok: false, message: 'There is already a role called "help desk".' });
    const added = await ops.roles.add(ws, { name: 'Security Operations', team: 'SOC' }, ana);
    expect(added).toMatchObject({ ok: true, value: { name: 'Security Operations', team: 'SOC', contact: 'TBA', order: 11 } });
    expect(await ops.roles.remove(ws, added.ok ? added.value.id : '')).toMatchObject({ ok: true });
    expect((await ops.roles.list(ws)).length).toBe(11);
  });
});

describe('steering committee', () => {
  it('generates the agenda before findings and incidents exist, with seeded examples only in risks and OKRs', async () => {
    const agenda = await (await setup()).steering.agenda(ws);
    const byId = Object.fromEntries(agenda.sections.map((s) => [s.id, s]));
    expect(byId.incidents!.lines).toEqual([]);
    expect(byId.findings!.lines).toEqual([]);
    expect(byId.tasks!.lines).toEqual([]);
    expect(byId.risks!.lines.map((l) => l.ref?.id)).toEqual(['example-merger', 'example-number-porting', 'example-network-redesign']);
    expect(byId.okrs!.lines.length).toBe(DEFAULT_OBJECTIVES.length + DEFAULT_KSIS.length);
  });

  it('takes incidents and findings from the sources, and marks a failing source instead of failing', async () => {
    const ops = await setup(agendaSources({
      incidents: async () => [{ srNumber: 'SR-7', title: 'Outage', severity: '1', responseGoalMissed: false, updateOverdue: false }],
      findings: async () => { throw new Error('storage down'); },
    }));
    const agenda = await ops.steering.agenda(ws);
    expect(agenda.sections.find((s) => s.id === 'incidents')!.lines.map((l) => l.text)).toEqual(['Outage']);
    expect(agenda.sections.find((s) => s.id === 'findings')!.unavailable).toContain('could not be loaded');
  });

  it('takes findings from a summary with the last meeting\'s time, counts what it could not list, and marks both its sections when it fails', async () => {
    const asked: (string | undefined)[] = [];
    const ops = await setup(agendaSources({
      findingDigest: async (_ws, _now, since) => {
        asked.push(since);
        return { findings: [{ id: 'QF-1', title: 'Overdue', status: 'New', createdAt: '2024-01-01T00:00:00Z', overdue: true }], total: 75 };
      },
      findings: async () => { throw new Error('not read: the summary is'); },
    }));
    expect((await ops.steering.recordMeeting(ws, { decisions: 'Fund the survey' }, ana, 'm-1')).ok).toBe(true);
    const agenda = await ops.steering.agenda(ws);
    const findings = agenda.sections.find((s) => s.id === 'findings')!;
    expect({ lines: findings.lines.map((l) => l.text), total: findings.total, unavailable: findings.unavailable }).toEqual({ lines: ['Overdue'], total: 75, unavailable: undefined });
    expect(asked).toEqual([now.toISOString()]);
    // The last meeting's decisions are carried over (kept with the settings since it was recorded).
    expect(agenda.sections.find((s) => s.id === 'carried')!.lines.map((l) => l.text)).toEqual(['Fund the survey']);

    const failing = await setup(agendaSources({ findingDigest: async () => { throw new Error('storage down'); } }));
    const broken = await failing.steering.agenda(ws);
    for (const id of ['findings', 'quality']) expect(broken.sections.find((s) => s.id === id)!.unavailable).toContain('could not be loaded');
  });

  it('adds chat items idempotently, removes by number, records a meeting and carries open actions', async () => {
    const ops = await setup();
    const a = await ops.steering.addItem(ws, 'Budget for Wi-Fi survey', ana, { idempotencyKey: 'msg-1' });
    const again = await ops.steering.addItem(ws, 'Budget for Wi-Fi survey', ana, { idempotencyKey: 'msg-1' });
    expect(a.ok && again.ok && again.value.id === a.value.id).toBe(true);
    const tick = () => { now = new Date(now.getTime() + 60_000); };
    tick();
    await ops.steering.addItem(ws, 'Approve pilot extension', bo, { kind: 'decision' });
    tick();
    await ops.steering.addItem(ws, 'Drop me', bo);
    expect((await ops.steering.items(ws)).map((i) => i.text)).toEqual(['Approve pilot extension', 'Budget for Wi-Fi survey', 'Drop me']);
    expect(await ops.steering.removeItemByNumber(ws, 3)).toMatchObject({ ok: true, value: { text: 'Drop me' } });
    expect(await ops.steering.removeItemByNumber(ws, 9)).toMatchObject({ ok: false, message: expect.stringContaining('numbered 1 to 2') });
    expect(await ops.steering.addItem(ws, '   ', ana)).toMatchObject({ ok: false, message: 'The agenda item is required.' });

    expect(await ops.steering.recordMeeting(ws, { actions: 'Survey | Network | 2025-13-01' }, ana, 'm1')).toMatchObject({ ok: false, message: expect.stringContaining('YYYY-MM-DD') });
    const meeting = await ops.steering.recordMeeting(ws, { decisions: 'Fund the survey\nExtend the pilot', actions: 'Run the Wi-Fi survey | Network Operations | 2025-03-20\nDraft comms' }, ana, 'm1');
    expect(meeting).toMatchObject({ ok: true, value: { decisions: ['Fund the survey', 'Extend the pilot'], actionIds: ['m1-a1', 'm1-a2'] } });
    expect(await ops.steering.recordMeeting(ws, { decisions: 'again' }, ana, 'm1')).toMatchObject({ ok: true, value: { decisions: ['Fund the survey', 'Extend the pilot'] } });

    now = new Date('2025-03-25T09:00:00Z');
    const next = await ops.steering.agenda(ws);
    const section = (id: string) => next.sections.find((s) => s.id === id)!;
    expect(section('items').lines).toEqual([]);
    expect(section('decisions').lines).toEqual([]);
    // The last meeting's actions with their status; its decisions are carried.
    expect(section('lastActions').lines.map((l) => [l.text, l.tone, l.detail.split(' · ')[0]])).toEqual([
      ['Run the Wi-Fi survey', 'attention', 'Overdue since 2025-03-20'], ['Draft comms', 'default', 'Open'],
    ]);
    expect(section('carried').lines.map((l) => [l.text, l.tone])).toEqual([['Fund the survey', 'default'], ['Extend the pilot', 'default']]);
    await ops.steering.completeAction(ws, 'm1-a1', bo);
    const after = await ops.steering.agenda(ws);
    expect(after.sections[0]!.lines.map((l) => [l.text, l.detail.split(' · ')[0]])).toEqual([['Draft comms', 'Open'], ['Run the Wi-Fi survey', 'Done (Bo, 2025-03-25)']]);
    // A done action offers nothing to press any more.
    expect(after.sections[0]!.lines[1]!.ref).toBeUndefined();
  });

  it('saves the cadence with ETag checks and computes the next meeting from it', async () => {
    const ops = await setup();
    now = new Date('2025-03-03T09:00:00Z');
    const saved = await ops.steering.saveCadence(ws, { everyWeeks: 1, weekday: 'thursday', time: '15:00', timeZone: 'Europe/Berlin' }, ana);
    expect(saved.ok).toBe(true);
    expect((await ops.steering.nextMeeting(ws)).at.toISOString()).toBe('2025-03-06T14:00:00.000Z');
    expect(await ops.steering.saveCadence(ws, { time: '16:00' }, bo, 'stale-etag')).toMatchObject({ ok: false, error: 'conflict' });
  });
});

describe('checklists', () => {
  it('have stable, unique item ids in every template, and the six management reviews in four parts', () => {
    const ids = CHECKLIST_TEMPLATES.flatMap((t) => templateItemIds(t).map((i) => `${t.id}/${i}`));
    expect(new Set(ids).size).toBe(ids.length);
    const reviews = CHECKLIST_TEMPLATES.filter((t) => t.family === 'management-review');
    expect(reviews.map((t) => t.title)).toEqual([
      'Operational Health management review', 'Service Alignment management review', 'Policy and Control management review',
      'Portfolio management review', 'Project Plan Approved management review', 'Release Readiness management review',
    ]);
    for (const r of reviews) expect(r.sections.map((s) => s.title)).toEqual(['Inputs', 'Analysis', 'Decisions', 'Outputs']);
    expect(CHECKLIST_TEMPLATES.map((t) => t.id)).toEqual(expect.arrayContaining(['qer', 'sda-deployment', 'sda-pilot', 'sda-operate', 'support-handover']));
  });

  it('run per period, tick with who/when and notes, show progress, and complete with an outcome', async () => {
    const ops = await setup();
    const started = await ops.checklists.start(ws, 'sda-operate', '2025-03', ana);
    expect(started).toMatchObject({ ok: true, value: { created: true } });
    expect(await ops.checklists.start(ws, 'sda-operate', '2025-03', bo)).toMatchObject({ ok: true, value: { created: false, run: { started: { by: ana } } } });
    expect(await ops.checklists.start(ws, 'sda-operate', '', bo)).toMatchObject({ ok: false, message: expect.stringContaining('Period is required') });
    const runId = started.ok ? started.value.run.id : '';
    const template = ops.checklists.template('sda-operate')!;
    const [first, second] = templateItemIds(template);

    const t1 = await ops.checklists.tick(ws, runId, first!, true, ana, { opId: 'inv-1', note: 'SLA met' });
    expect(t1).toMatchObject({ ok: true, value: { items: { [first!]: { done: true, by: ana, note: 'SLA met' } } } });
    // The same click redelivered, and a second tick by someone else, change nothing.
    now = new Date(now.getTime() + 1000);
    await ops.checklists.tick(ws, runId, first!, false, bo, { opId: 'inv-1' });
    await ops.checklists.tick(ws, runId, first!, true, bo, { opId: 'inv-2' });
    const run = (await ops.checklists.get(ws, runId))!;
    expect(run.items[first!]).toMatchObject({ done: true, by: ana });
    expect(progressOf(run, template)).toMatchObject({ done: 1, total: 4, percent: 25 });
    expect(await ops.checklists.tick(ws, runId, 'nope', true, ana)).toMatchObject({ ok: false, message: 'That item is not part of this checklist.' });

    expect(await ops.checklists.complete(ws, runId, 'passed', '', ana)).toMatchObject({ ok: false, message: expect.stringContaining('3 of 4 are still open') });
    expect(await ops.checklists.complete(ws, runId, 'great', '', ana)).toMatchObject({ ok: false, message: expect.stringContaining('Outcome must be one of') });
    const done = await ops.checklists.complete(ws, runId, 'passed-with-actions', 'Escalations to follow up', bo);
    expect(done).toMatchObject({ ok: true, value: { status: 'completed', completed: { outcome: 'passed-with-actions', by: bo, note: 'Escalations to follow up' } } });
    expect(await ops.checklists.tick(ws, runId, second!, true, ana)).toMatchObject({ ok: false, message: expect.stringContaining('was completed') });
  });
});
