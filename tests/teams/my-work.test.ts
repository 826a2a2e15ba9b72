// `my work` over HTTP the way Teams sends it: what a person filed, owns or raised, and the due
// tasks of the roles the role map names them for; nothing of a colleague's, nothing of another
// tenant's (even for the same user ids); the tab view from the same service; and the command's
// Table budget (docs/my-work.md).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { myWorkView } from '../../bot/src/api/views/my-work-view';
import type { Workspace } from '../../bot/src/domain/workspace';
import { type BuiltProduct, createProductFeature } from '../../bot/src/features/wiring';
import type { StoreCall } from '../../bot/src/storage/table-store';
import { conversation } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';
import { WorkspaceSeeder, workspaceOf } from '../support/seed-workspace';

type Conv = ReturnType<typeof conversation>;
let now = new Date('2026-06-03T10:00:00Z');
const calls: StoreCall[] = [];
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let product: BuiltProduct;
let ana: Conv;
let ben: Conv;
let anaInB: Conv;
const ids: { anaFinding?: string; benFinding?: string; anaIncident?: string } = {};

const ANA = { id: `29:ana-${randomUUID()}`, name: 'Ana Owner', aadObjectId: randomUUID() };
const BEN = { id: `29:ben-${randomUUID()}`, name: 'Ben Desk', aadObjectId: randomUUID() };
const cardOf = (a: any) => a?.attachments?.[0]?.content as Record<string, any> | undefined;
const asText = (a: unknown) => JSON.stringify(a ?? '');

async function myWork(conv: Conv, text = 'my work'): Promise<Record<string, any>> {
  const before = connector.sent(conv.conversationId).length;
  const res = await bot.send(conv.message(text));
  expect(res.status).toBeLessThan(300);
  const replies = connector.sent(conv.conversationId).slice(before);
  expect(replies).toHaveLength(1);
  const card = cardOf(replies[0]);
  expect(card?.type, asText(replies[0]).slice(0, 300)).toBe('AdaptiveCard');
  return card!;
}

beforeAll(async () => {
  connector = await startConnector();
  const feature = createProductFeature();
  bot = await startServiceOps({}, { features: [feature], clock: () => now, observeStore: (c) => calls.push(c) });
  product = bot.app.servicesOf(feature);
  const seed = new WorkspaceSeeder(bot, connector);
  ana = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel', user: ANA });
  await bot.send(ana.botAdded());
  ben = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel', tenantId: ana.tenantId, teamId: ana.teamId, conversationId: ana.conversationId, user: BEN });
  // Tenant B: another organization whose user happens to have the same ids.
  anaInB = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel', user: ANA });
  await bot.send(anaInB.botAdded());

  ids.anaFinding = await seed.fileFinding(ana, 'finding Wi-Fi: poor audio in Building 2, PSR 5.2%');
  ids.benFinding = await seed.fileFinding(ben, 'finding VPN: poor audio in Building 7, PSR 3.4%');
  ids.anaIncident = await seed.fileIncident(ana, { service: 'Teams meetings', problem: 'my-work meetings fail', impact: 'No customer meetings', affected: 'all users', started: '20 minutes ago', severity: 'B' });
  await seed.fileFinding(anaInB, 'finding VPN: other tenant poor audio in Building 9, PSR 3.9%');

  // The role map names Ana as the Service Owner's contact; the reminders catalog is seeded, and the
  // next morning's tick reminds the Service Owner's daily task, which stays open (due).
  for (const c of ['roles', 'reminders']) await bot.send(ana.message(c));
  const ws = workspaceOf(ana);
  const owner = (await product.ops.services.roles.list(ws)).find((r) => r.name === 'Service Owner')!;
  const saved = await product.ops.services.roles.update(ws, owner.id, { contact: 'Ana Owner' }, { id: ANA.id, name: ANA.name });
  expect(saved.ok).toBe(true);
  now = new Date('2026-06-04T09:01:00Z');
  await product.reminders.scheduler.tick();
});
afterAll(async () => {
  await product?.reminders.scheduler.stop();
  await product?.incidents.rhythm.stop();
  await bot?.close();
  await connector?.close();
});

describe('my work in chat', () => {
  it('lists what Ana filed, raised and her role\'s due task, each linked to the My work tab', async () => {
    const card = await myWork(ana);
    const text = asText(card);
    expect(text).toContain(ids.anaFinding);
    expect(text).toContain(ids.anaIncident);
    expect(text).toContain('you filed it');
    expect(text).toContain('you raised it');
    expect(text).toContain('Your roles: ');
    expect(text).toContain('Service Owner');
    expect(text).toMatch(/My due tasks \([1-9]\d*\)/);
    expect(text).toContain('Watch the health of the service');
    expect(text).not.toContain(ids.benFinding);
    const urls = [...text.matchAll(/"url":"([^"]+)"/g)].map((m) => new URL(m[1]!));
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const u of urls) {
      expect(u.searchParams.get('view')).toBe('my-work');
      expect(u.searchParams.get('workspace')).toBe(`${ana.tenantId}|team|${ana.teamId}`);
    }
    expect(urls.map((u) => u.searchParams.get('record'))).toEqual(expect.arrayContaining([`finding:${ids.anaFinding}`, `incident:${ids.anaIncident}`]));
  });

  it('shows Ben only his own finding: no role of his, nothing of Ana\'s', async () => {
    const text = asText(await myWork(ben));
    expect(text).toContain(ids.benFinding);
    expect(text).not.toContain(ids.anaFinding);
    expect(text).not.toContain(ids.anaIncident);
    expect(text).toContain('My due tasks (0)');
  });

  it('never shows another tenant\'s records, even to a user with the same ids', async () => {
    const text = asText(await myWork(anaInB, 'My Work'));
    expect(text).not.toContain(ids.anaIncident);
    expect(text).not.toContain('my-work meetings fail');
    expect(text).not.toContain('Building 2');
    expect(text).toContain('QF-0001'); // tenant B's own finding, numbered in its own workspace
    expect(text).toContain('other tenant poor audio');
    expect(text).toContain('My incidents (0)');
  });

  it('"my" alone is the same command; other words after it are answered plainly', async () => {
    expect(asText(await myWork(ana, 'my'))).toContain(ids.anaIncident);
    const before = connector.sent(ana.conversationId).length;
    await bot.send(ana.message('my dog ate the router'));
    const reply = connector.sent(ana.conversationId).slice(before);
    expect(reply.at(-1)?.text).toContain('I know "my work"');
  });

  it('costs the documented Table calls and rows (docs/my-work.md)', async () => {
    // Warm: the findings layout check is once per process, and the turn before refreshed the
    // conversation reference, so the measured turn pays only for the command.
    await myWork(ana);
    calls.length = 0;
    await myWork(ana);
    const byTable = calls.reduce<Record<string, number>>((m, c) => ({ ...m, [c.table]: (m[c.table] ?? 0) + 1 }), {});
    expect({ calls: calls.length, rows: calls.reduce((n, c) => n + c.rows, 0), byTable }).toEqual(MY_WORK_BUDGET);
    // Reads only: `my work` changes nothing.
    expect(calls.every((c) => c.method === 'GET'), JSON.stringify(calls)).toBe(true);
  });
});

describe('the My work tab view', () => {
  it('shows the signed-in person\'s role work in the workspace the page names, and only there', async () => {
    const view = myWorkView(product.myWork.service, product.myWork.links);
    const render = async (ws: Workspace, userId: string, name: string) =>
      asText(await view.render({ identity: { kind: 'sso', tenantId: ws.tenantId, userId, name }, workspace: ws, params: { record: 'task:cat-health-watch' }, clock: () => now }));
    // A tab knows the user by their AAD object id, which the role's contact name stands for here.
    const inA = await render(workspaceOf(ana), ANA.aadObjectId, 'Ana Owner');
    expect(inA).toContain('Watch the health of the service');
    expect(inA).toContain('"style":"emphasis"');
    const inB = await render(workspaceOf(anaInB), ANA.aadObjectId, 'Ana Owner');
    expect(inB).not.toContain(ids.anaIncident);
    expect(inB).not.toContain('Watch the health of the service');
  });
});

// Measured on the workspace above: see docs/my-work.md for what each call is.
// rows: the conversation row, 1 open incident, 13 schedules, 2 open findings, 11 roles.
const MY_WORK_BUDGET = {
  calls: 5,
  rows: 28,
  byTable: { Conversations: 1, Incidents: 1, ReminderSchedules: 1, Findings: 1, OpsRoles: 1 },
};
