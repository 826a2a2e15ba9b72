// The charter, business case and timeline over HTTP, as Teams and the tab drive them: the
// `charter` command, the phase moved with "Move to the next phase" and its confirmation, a stale
// confirmation refused, a use case's KSI measured and shown on the agenda, refusals that change
// nothing, the charter tab and its actions, tenants apart, and the pinned Table budgets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOVERNANCE_VERBS as V } from '../../bot/src/cards/governance-verbs';
import type { StoreCall } from '../../bot/src/storage/table-store';
import { cardAction, conversation } from '../support/activities';
import { cardTexts } from '../support/card-inspect';
import { startConnector, type LocalConnector } from '../support/connector';
import { type Conv, WorkspaceSeeder, workspaceOf, workspaceParam } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let seed: WorkspaceSeeder;
const calls: StoreCall[] = [];

beforeAll(async () => {
  connector = await startConnector();
  bot = await startServiceOps({}, { observeStore: (c) => calls.push(c), startJobs: false, clock: () => new Date('2026-12-02T10:00:00Z') });
  seed = new WorkspaceSeeder(bot, connector);
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

const dev = { 'content-type': 'application/json', 'x-dev-identity': 'local' };
const text = (x: unknown) => cardTexts(x).join('\n');
const lastPosted = (conv: Conv) => connector.sent(conv.conversationId).flatMap((a: any) => (a.attachments ?? []).map((x: any) => x.content)).at(-1);

async function press(conv: Conv, verb: string, data: Record<string, unknown> = {}): Promise<{ card?: any; text: string }> {
  const res = await bot.send(cardAction(conv, verb, data));
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  const value = res.body?.value;
  return typeof value === 'string' ? { text: value } : { card: value, text: text(value) };
}

/** Every Action.Execute of a card, with its verb and data. */
function buttonsOf(card: unknown): { verb: string; data: Record<string, unknown> }[] {
  const out: { verb: string; data: Record<string, unknown> }[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'Action.Execute' && typeof o.verb === 'string') out.push({ verb: o.verb, data: (o.data ?? {}) as Record<string, unknown> });
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

/** The data of the button with this verb on the card (and, when given, matching `match`). */
function button(card: unknown, verb: string, match: Record<string, unknown> = {}): Record<string, unknown> {
  const b = buttonsOf(card).find((x) => x.verb === verb && Object.entries(match).every(([k, v]) => x.data[k] === v));
  expect(b, `no ${verb} on ${JSON.stringify(card).slice(0, 200)}`).toBeDefined();
  return b!.data;
}

describe('the charter', () => {
  it('answers `charter` with the seeded charter: purpose, members from the stakeholder matrix, cadence, the timeline not started', async () => {
    const conv = await seed.installedChannel();
    await bot.send(conv.message('charter'));
    const card = text(lastPosted(conv));
    expect(card).toContain('Steering committee charter');
    expect(card).toContain('what the project delivers to the business');
    expect(card).toContain('Executive sponsor');
    expect(card).toContain('Project Executive Sponsor');
    expect(card).toContain('The committee meets: monthly.');
    expect(card).toContain('Project phase: not started yet');
  });

  it('moves the phase from envision to onboard through the card, each time after a confirmation; a stale confirmation moves nothing', async () => {
    const conv = await seed.installedChannel();
    await bot.send(conv.message('charter'));
    const asked = await press(conv, V.phaseAsk, button(lastPosted(conv), V.phaseAsk));
    expect(asked.text).toContain("Start the project's Envision phase?");
    const started = await press(conv, V.phaseConfirm, button(asked.card, V.phaseConfirm));
    expect(started.text).toContain('Current phase: Envision');
    const ask2 = await press(conv, V.phaseAsk, button(started.card, V.phaseAsk));
    expect(ask2.text).toContain('Move the project from Envision to Onboard?');
    const confirm = button(ask2.card, V.phaseConfirm);
    const moved = await press(conv, V.phaseConfirm, confirm);
    expect(moved.text).toContain('Current phase: Onboard');
    expect(moved.text).toMatch(/moved the project to Onboard/);
    // The same confirmation pressed again, as a new click (not a redelivery): refused, still Onboard.
    const again = await press(conv, V.phaseConfirm, { ...confirm, etag: '' });
    expect(again.text).toContain('already in Onboard');
    expect(again.text).toContain('Current phase: Onboard');
  });

  it('adds a member from the stakeholder matrix, refuses a second executive sponsor, and saves the charter with validation', async () => {
    const conv = await seed.installedChannel();
    await bot.send(conv.message('charter'));
    const card = lastPosted(conv);
    const add = button(card, V.memberAdd);
    const added = await press(conv, V.memberAdd, { ...add, memberStakeholder: 'network-lead', memberRole: 'member' });
    expect(added.text).toContain('added Network Lead to the committee');
    const second = await press(conv, V.memberAdd, { ...button(added.card, V.memberAdd), memberStakeholder: 'security-lead', memberRole: 'executive-sponsor' });
    expect(second.text).toContain('The committee has one executive sponsor');
    const bad = await press(conv, V.charterSave, { ...button(added.card, V.charterSave), charterPurpose: 'Steer', charterObjectives: '', charterCadence: 'monthly' });
    expect(bad.text).toContain('Write at least one objective');
    const saved = await press(conv, V.charterSave, { ...button(added.card, V.charterSave), charterPurpose: 'Steer the rollout', charterObjectives: 'Keep the sponsor informed', charterCadence: 'quarterly' });
    expect(saved.text).toContain('The committee meets: quarterly.');
    // A card from before the change carries an older ETag: a conflict, nothing changed.
    const stale = await press(conv, V.charterSave, { ...button(added.card, V.charterSave), charterPurpose: 'Old card', charterObjectives: 'x', charterCadence: 'weekly' });
    expect(stale.text).toContain('Someone changed this');
    expect(stale.text).toContain('The committee meets: quarterly.');
  });

  it('puts an interim deliverable up for approval and approves it; raises and closes an escalation', async () => {
    const conv = await seed.installedChannel();
    await bot.send(conv.message('charter'));
    const added = await press(conv, V.deliverableAdd, { ...button(lastPosted(conv), V.deliverableAdd), deliverableTitle: 'Pilot report', deliverableOwner: 'Project Lead', deliverableDue: '2026-12-20' });
    expect(added.text).toContain('Interim deliverables for approval (1)');
    const approved = await press(conv, V.deliverableDecide, button(added.card, V.deliverableDecide, { decision: 'approved' }));
    expect(approved.text).toContain('Approved · owner Project Lead');
    const raised = await press(conv, V.noteAdd, { ...button(approved.card, V.noteAdd), noteKind: 'escalation', noteText: 'Headset budget is blocked' });
    expect(raised.text).toContain('Headset budget is blocked');
    const closed = await press(conv, V.noteClose, button(raised.card, V.noteClose));
    expect(closed.text).not.toContain('Headset budget is blocked');
  });
});

describe('the business case', () => {
  it('records a measured value for a use case, shows it against its target, and the agenda shows it under business outcomes', async () => {
    const conv = await seed.installedChannel();
    await bot.send(conv.message('charter business'));
    const card = lastPosted(conv);
    expect(text(card)).toContain('Reduction of monthly telephony spend: not measured yet; target at least 20 %');
    const measure = button(card, V.measure);
    const refused = await press(conv, V.measure, { ...measure, 'measured_example-retire-pbx': 'lots' });
    expect(refused.text).toContain('must be a number');
    const done = await press(conv, V.measure, { ...measure, 'measured_example-retire-pbx': 22, 'measuredOn_example-retire-pbx': '2026-11-30' });
    expect(done.text).toContain('measured 22 % on 2026-11-30 against a target of at least 20 %: met');
    await bot.send(conv.message('agenda'));
    const agenda = text(lastPosted(conv));
    expect(agenda).toContain('Business outcomes against KSIs (1)');
    expect(agenda).toContain('Measured 22 % on 2026-11-30 against a target of at least 20 %: met');
  });

  it('adds, edits and removes a use case, with Undo', async () => {
    const conv = await seed.installedChannel();
    await bot.send(conv.message('charter business'));
    const form = await press(conv, V.useCaseEdit, button(lastPosted(conv), V.useCaseEdit, { useCaseId: 'new' }));
    const fields = { ucName: 'Frontline shifts', ucCurrent: 'Paper rotas', ucChallenges: 'Missed swaps', ucHow: 'Shifts in Teams', ucOutcome: 'Fewer missed shifts', ucKsi: 'none', ucIndicator: 'Missed shifts a month', ucComparison: 'at-most', ucTarget: 5, ucUnit: 'shifts' };
    const missing = await press(conv, V.useCaseSave, { ...button(form.card, V.useCaseSave), ...fields, ucChallenges: '' });
    expect(missing.text).toContain('The challenges is required');
    const added = await press(conv, V.useCaseSave, { ...button(form.card, V.useCaseSave), ...fields });
    expect(added.text).toContain('Business use cases (2)');
    expect(added.text).toContain('Missed shifts a month: not measured yet; target at most 5 shifts');
    const id = buttonsOf(added.card).find((b) => b.verb === V.useCaseRemove && b.data.useCaseId !== 'example-retire-pbx')!.data.useCaseId;
    const removed = await press(conv, V.useCaseRemove, button(added.card, V.useCaseRemove, { useCaseId: id }));
    expect(removed.text).toContain('"Frontline shifts" was removed from the business case.');
    const back = await press(conv, V.useCaseUndo, button(removed.card, V.useCaseUndo));
    expect(back.text).toContain('Business use cases (2)');
    const scoped = await press(conv, V.scopeSave, { ...button(back.card, V.scopeSave), businessScope: 'The London and Paris offices' });
    expect(scoped.text).toContain('The London and Paris offices');
  });
});

describe('the charter tab', () => {
  it('shows the charter and the business case, plans the timeline through the tab API, and keeps tenants apart', async () => {
    const conv = await seed.installedChannel();
    const workspace = workspaceParam(workspaceOf(conv));
    const view = await (await fetch(`${bot.url}/api/tab/views/charter?${new URLSearchParams({ workspace })}`, { headers: dev })).json() as any;
    expect(view.cards).toHaveLength(2);
    const plan = button(view.cards[0], V.plansSave);
    const bad = await fetch(`${bot.url}/api/tab/actions`, { method: 'POST', headers: dev, body: JSON.stringify({ view: 'charter', workspace, params: {}, verb: V.plansSave, data: { ...plan, start_envision: '2026-12-10', end_envision: '2026-12-01' } }) });
    expect(JSON.stringify(await bad.json())).toContain('Envision would end (2026-12-01) before it starts (2026-12-10)');
    const ok = await fetch(`${bot.url}/api/tab/actions`, { method: 'POST', headers: dev, body: JSON.stringify({ view: 'charter', workspace, params: {}, verb: V.plansSave, data: { ...plan, start_envision: '2026-12-01', end_envision: '2026-12-31', start_onboard: '2027-01-01' } }) });
    expect(ok.status).toBe(200);
    expect(JSON.stringify(await ok.json())).toContain('Planned 2026-12-01 to 2026-12-31');
    // Another tenant with the same team id sees the defaults, not these dates.
    const other = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel', tenantId: '11111111-2222-3333-4444-555555555555', teamId: conv.teamId } as any);
    await bot.send(other.botAdded());
    await bot.send(other.message('charter'));
    expect(text(lastPosted(other))).toContain('No planned dates yet');
    expect(text(lastPosted(other))).not.toContain('2026-12-31');
  });
});

describe('replays', () => {
  it('a redelivered invoke of every state-changing verb gets the first answer and changes nothing', async () => {
    const conv = await seed.installedChannel();
    const workspace = workspaceParam(workspaceOf(conv));
    const record = async () => JSON.stringify(await (await fetch(`${bot.url}/api/tab/views/charter?${new URLSearchParams({ workspace })}`, { headers: dev })).json());
    await bot.send(conv.message('charter'));
    let charter = lastPosted(conv);
    await bot.send(conv.message('charter business'));
    let business = lastPosted(conv);
    const replay = async (verb: string, data: Record<string, unknown>) => {
      const id = `replay-${verb}-${Math.random()}`;
      const first = await bot.send(cardAction(conv, verb, data, { id }));
      expect(first.status, verb).toBe(200);
      const after = await record();
      expect((await bot.send(cardAction(conv, verb, data, { id }))).body, `${verb}: a replay gets the first answer`).toEqual(first.body);
      expect(await record(), `${verb}: a replay changes nothing`).toBe(after);
      return first.body.value;
    };
    charter = await replay(V.memberAdd, { ...button(charter, V.memberAdd), memberStakeholder: 'network-lead', memberRole: 'member' });
    charter = await replay(V.memberRemove, button(charter, V.memberRemove, { stakeholderId: 'network-lead' }));
    charter = await replay(V.charterSave, { ...button(charter, V.charterSave), charterPurpose: 'Steer', charterObjectives: 'One', charterCadence: 'weekly' });
    charter = await replay(V.plansSave, { ...button(charter, V.plansSave), start_envision: '2026-12-01' });
    const asked = (await bot.send(cardAction(conv, V.phaseAsk, button(charter, V.phaseAsk)))).body.value;
    charter = await replay(V.phaseConfirm, button(asked, V.phaseConfirm));
    charter = await replay(V.deliverableAdd, { ...button(charter, V.deliverableAdd), deliverableTitle: 'Pilot', deliverableOwner: 'Lead', deliverableDue: '2026-12-20' });
    charter = await replay(V.deliverableDecide, button(charter, V.deliverableDecide, { decision: 'rejected' }));
    charter = await replay(V.noteAdd, { ...button(charter, V.noteAdd), noteKind: 'feedback', noteText: 'Tell the CAB' });
    await replay(V.noteClose, button(charter, V.noteClose));
    business = await replay(V.scopeSave, { ...button(business, V.scopeSave), businessScope: 'Everyone' });
    business = await replay(V.measure, { ...button(business, V.measure), 'measured_example-retire-pbx': 21 });
    const form = (await bot.send(cardAction(conv, V.useCaseEdit, { useCaseId: 'example-retire-pbx' }))).body.value;
    business = await replay(V.useCaseSave, { ...button(form, V.useCaseSave), ucName: 'Renamed', ucCurrent: 'a', ucChallenges: 'b', ucHow: 'c', ucOutcome: 'd', ucKsi: 'none', ucIndicator: 'e', ucComparison: 'at-least', ucTarget: 1, ucUnit: '%' });
    business = await replay(V.useCaseRemove, button(business, V.useCaseRemove));
    business = await replay(V.useCaseUndo, button(business, V.useCaseUndo));
    expect(text(business)).toContain('Renamed');
  });
});

describe('Table budgets', () => {
  async function measure(run: () => Promise<unknown>) {
    calls.length = 0;
    await run();
    return { calls: calls.length, rows: calls.reduce((n, c) => n + c.rows, 0) };
  }

  it('the charter command, the business case and the charter view read the record once and the matrix or the KSIs once', async () => {
    const conv = await seed.installedChannel();
    await bot.send(conv.message('roles stakeholders'));
    await bot.send(conv.message('agenda okrs'));
    const workspace = workspaceParam(workspaceOf(conv));
    const measured = {
      charter: await measure(() => bot.send(conv.message('charter'))),
      'charter business': await measure(() => bot.send(conv.message('charter business'))),
      view: await measure(() => fetch(`${bot.url}/api/tab/views/charter?${new URLSearchParams({ workspace })}`, { headers: dev })),
    };
    expect(measured).toEqual(GOVERNANCE_BUDGETS);
  });
});

/** docs/governance.md lists these. */
const GOVERNANCE_BUDGETS = {
  charter: { calls: 3, rows: 17 },
  'charter business': { calls: 3, rows: 8 },
  view: { calls: 4, rows: 24 },
};
