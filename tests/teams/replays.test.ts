// Teams resends invokes. Every state-changing verb, pressed from the cards a person sees, is
// delivered twice with the same id and then 20 times at once with a fresh one: every delivery
// gets the same answer, and after the first nothing in storage changes (every row of every table,
// compared by ETag). Notes and updates, which would pile up, are counted too.
import { TableServiceClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { measureInputIds } from '../../bot/src/cards/governance-verbs';
import { checklistInputId } from '../../bot/src/cards/incident-verbs';
import { stepInputId } from '../../bot/src/cards/runbook-verbs';
import { ALL_VERBS, VIEW_VERBS } from '../../bot/src/cards/verbs';
import { TROUBLESHOOTING_CHECKLIST } from '../../bot/src/domain/incidents/vendor-case';
import type { BuiltReminders } from '../../bot/src/features/reminders-feature';
import { createProductFeature } from '../../bot/src/features/wiring';
import { TableFindingRepository } from '../../bot/src/storage/findings/table-finding-repository';
import { TableIncidentRepository } from '../../bot/src/storage/table-incident-repository';
import { IDEMPOTENCY_TABLE } from '../../bot/src/storage/table-idempotency-ledger';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buttons, type CardButton } from '../journeys/support/teams';
import { cardInputs, pressData } from '../support/card-inputs';
import { cardAction, conversation } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

// Monday 1 June 2026, 07:00 UTC; the catalog's Monday tasks fall due at 09:00.
let nowMs = Date.parse('2026-06-01T07:00:00Z');
const clock = () => new Date(nowMs);

let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let reminders: BuiltReminders;
let product: ReturnType<typeof createProductFeature>;
let conv: ReturnType<typeof conversation>;
const exercised = new Set<string>();

beforeAll(async () => {
  connector = await startConnector();
  product = createProductFeature();
  bot = await startServiceOps({}, { features: [product], clock, startJobs: false });
  reminders = bot.app.servicesOf(product).reminders;
  conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
  await bot.send(conv.botAdded());
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

/** Every row of every table of this app but the ledger itself, with its ETag. */
async function snapshot(): Promise<string[]> {
  const service = TableServiceClient.fromConnectionString(inject('azuriteConnectionString'), { allowInsecureConnection: true });
  const rows: string[] = [];
  for await (const t of service.listTables()) {
    const name = t.name!;
    if (!name.startsWith(bot.config.tablePrefix) || name.startsWith(bot.config.tablePrefix + IDEMPOTENCY_TABLE)) continue;
    for await (const e of bot.app.store.client(name.slice(bot.config.tablePrefix.length)).listEntities()) rows.push(`${name}|${e.partitionKey}|${e.rowKey}|${e.etag}`);
  }
  return rows.sort();
}

let n = 0;
const press = (b: CardButton, id: string) => bot.send(cardAction(conv, b.verb, b.data, { id }));

/** Replays one button: the same id twice, then a fresh id 20 times at once. */
async function replay(button: CardButton): Promise<any[]> {
  const id = `replay-${++n}`;
  const first = await press(button, id);
  expect(first.status, button.verb).toBe(200);
  const after = await snapshot();
  const again = await press(button, id);
  expect(again.body, `${button.verb}: a replay gets the first answer`).toEqual(first.body);
  const now = await snapshot();
  expect(now.filter((r) => !after.includes(r)), `${button.verb}: a replay changes nothing`).toEqual([]);

  const burst = `burst-${n}`;
  const answers = await Promise.all(Array.from({ length: 20 }, () => press(button, burst)));
  for (const a of answers) expect(a.body, `${button.verb}: 20 deliveries, one answer`).toEqual(answers[0]!.body);
  const settled = await snapshot();
  expect((await press(button, burst)).body).toEqual(answers[0]!.body);
  expect(await snapshot(), `${button.verb}: nothing changes after the burst`).toEqual(settled);
  exercised.add(button.verb);
  // The burst is a second press: where it answered with a card, that card shows the state now.
  const latest = answers[0]!.body?.type === 'application/vnd.microsoft.card.adaptive' ? answers[0]!.body : first.body;
  const body = latest;
  return body?.type === 'application/vnd.microsoft.card.adaptive' ? [body.value] : [];
}

const workspaceParam = () => encodeURIComponent(`${conv.tenantId}|team|${conv.teamId}`);
const cardsIn = (body: any) => (body?.type === 'application/vnd.microsoft.card.adaptive' ? [body.value] : []);

/** One lifecycle path, each step replayed on the card the step before returned. */
async function follow(cards: any[], verbs: readonly string[]): Promise<any[]> {
  let current = cards;
  for (const verb of verbs) {
    const b = current.flatMap((c) => buttons(c)).find((x) => x.verb === verb);
    expect(b, `no ${verb} button on ${JSON.stringify(current).replace(/"(type|id|style|size|weight|wrap|spacing|color|isSubtle|separator)":("[^"]*"|true|false),?/g, '').slice(0, 1500)}`).toBeDefined();
    current = await replay(b!);
  }
  return current;
}

/** Breadth-first over the buttons, each state-changing verb replayed up to twice. */
async function crawl(cards: any[]): Promise<void> {
  const queue = cards.flatMap((c) => buttons(c));
  const times = new Map<string, number>();
  for (let budget = 200; queue.length && budget > 0; budget--) {
    const b = queue.shift()!;
    if ((times.get(b.verb) ?? 0) >= 2) continue;
    times.set(b.verb, (times.get(b.verb) ?? 0) + 1);
    // A view is only shown (its replay shows it again); it leads to the cards behind it.
    const next = VIEW_VERBS.has(b.verb) ? cardsIn((await press(b, `view-${++n}`)).body) : await replay(b);
    queue.push(...next.flatMap((c) => buttons(c)));
  }
}

const cardsOf = async (text: string) => {
  const before = connector.sent(conv.conversationId).length;
  await bot.send(conv.message(text));
  return connector.sent(conv.conversationId).slice(before).flatMap((a: any) => (a.attachments ?? []).map((x: any) => x.content));
};

/** Replays the button titled `title` as Teams sends it: its data and the card's inputs, `typed` filled in. */
const replayTyped = (card: unknown, title: string, typed: Record<string, string> = {}) => {
  const p = pressData(card, title, typed);
  return replay({ verb: p.verb, title, data: p.data });
};
/** The button of `verb` on the cards whose data has `match`. */
const buttonOn = (cards: any[], verb: string, match: Record<string, unknown> = {}) => {
  const b = cards.flatMap((c) => buttons(c)).find((x) => x.verb === verb && Object.entries(match).every(([k, v]) => x.data[k] === v));
  expect(b, `no ${verb} button`).toBeDefined();
  return b!;
};
const showView = async (b: CardButton) => cardsIn((await press(b, `view-${++n}`)).body);
const lastPostedWith = (verb: string) => connector.sent(conv.conversationId).flatMap((a: any) => (a.attachments ?? []).map((x: any) => x.content)).filter((c: unknown) => JSON.stringify(c).includes(`"${verb}"`)).at(-1);
const wsOf = () => ({ tenantId: conv.tenantId, scope: 'team' as const, scopeId: conv.teamId! });

describe('replayed card actions', () => {
  it('finding cards: a note from 20 deliveries is one note', async () => {
    const draft = await cardsOf('finding VPN: poor audio in Building 6, PSR 4.1%');
    const [filed] = await replay(draft.flatMap((c) => buttons(c)).find((b) => b.verb === 'finding.confirm')!);
    const note = buttons(filed).find((b) => b.verb === 'finding.note')!;
    await replay({ ...note, data: { ...note.data, note: 'Checked the VPN concentrator' } });
    await follow([filed], ['finding.accept', 'finding.start', 'finding.remediated', 'finding.reopen', 'finding.remediated', 'finding.verify']);
    const ws = { tenantId: conv.tenantId, scope: 'team' as const, scopeId: conv.teamId! };
    const notes = (await new TableFindingRepository(bot.app.store.client('Findings')).history(ws, 'QF-0001')).filter((h) => h.text === 'Checked the VPN concentrator');
    expect(notes).toHaveLength(2); // one from the pair with one id, one from the burst of 20
    await crawl([filed, ...(await cardsOf('findings all'))]);
  });

  it('incident cards: an update from 20 deliveries is one update', async () => {
    await cardsOf('escalate');
    for (const a of ['Teams meetings', 'Meetings fail to start with error 500', 'No customer meetings can be held', 'all users', '20 minutes ago', 'B']) await cardsOf(a);
    const draft = await cardsOf('vendor');
    const [filed] = await replay(draft.flatMap((c) => buttons(c)).find((b) => b.verb === 'escalation.confirm')!);
    const [acknowledged] = await follow([filed], ['incident.acknowledge', 'incident.severity']);
    const update = buttons(acknowledged).find((b) => b.verb === 'incident.update')!;
    const [updated] = await replay({ ...update, data: { ...update.data, updateText: 'Bridge restarted once' } });
    const ws = { tenantId: conv.tenantId, scope: 'team' as const, scopeId: conv.teamId! };
    const id = /SR-\d{6}-\d+/.exec(JSON.stringify(filed))![0];
    const timeline = await new TableIncidentRepository(bot.app.store.client('Incidents')).timeline(ws, id, { limit: 100 });
    expect(timeline.items.filter((e) => e.text === 'Bridge restarted once')).toHaveLength(2); // the pair, and the burst of 20
    await follow([updated!], ['incident.escalate', 'incident.deescalate', 'incident.resolve', 'incident.reopen', 'incident.resolve', 'incident.close']);
    await crawl(await cardsOf('incidents all'));
  });

  it('incident vendor cards: escalate to the vendor, its SR number and update, outage details, the requester\'s answers', async () => {
    await cardsOf('escalate');
    for (const a of ['Teams meetings', 'Meetings fail to start with error 500', 'No customer meetings can be held', 'all users', '20 minutes ago', 'A']) await cardsOf(a);
    const draft = await cardsOf('vendor');
    const [filed] = await replay(draft.flatMap((c) => buttons(c)).find((b) => b.verb === 'escalation.confirm')!);
    const step = async (cards: any[], verb: string, inputs: Record<string, unknown>) => {
      const b = cards.flatMap((c) => buttons(c)).find((x) => x.verb === verb);
      expect(b, `no ${verb} button`).toBeDefined();
      return replay({ ...b!, data: { ...b!.data, ...inputs } });
    };
    const checks = Object.fromEntries(TROUBLESHOOTING_CHECKLIST.map((c) => [checklistInputId(c.id), 'true']));
    let cards = await follow([filed], ['incident.acknowledge']);
    cards = await step(cards, 'incident.vendor.escalate', checks);
    cards = await step(cards, 'incident.vendor.accept', { vendorSr: 'VND-2606-1', vendorRespondedDate: '', vendorRespondedTime: '' });
    cards = await step(cards, 'incident.vendor.update', { vendorUpdateText: 'Failing over', vendorUpdateDate: '', vendorUpdateTime: '' });
    cards = await step(cards, 'incident.outage.details', { etaDate: '2099-01-01', etaTime: '10:00', bridge: 'https://meet.example/j/1' });
    const asked = async (verb: string) => {
      await bot.app.servicesOf(product).incidents.rhythm.idle();
      const found = connector.sent().map((a: any) => a.attachments?.[0]?.content).filter((c: unknown) => JSON.stringify(c ?? '').includes(verb));
      expect(found.length, `a card with ${verb} was sent`).toBeGreaterThan(0);
      return [found.at(-1)];
    };
    await follow(cards, ['incident.resolve']);
    const reopened = await step(await asked('incident.not-fixed'), 'incident.not-fixed', { notFixedReason: 'Still failing in Lyon' });
    await follow(reopened, ['incident.resolve']);
    await step(await asked('incident.confirm-resolved'), 'incident.confirm-resolved', {});
    await step(await asked('incident.satisfaction'), 'incident.satisfaction', { rating: '5' });
  });

  it('the call-quality import card, from the tab\'s upload', async () => {
    const csv = ['Month,Building,Network type,Streams,Poor streams', ...Array.from({ length: 40 }, (_, i) => `2026-05,Building ${i + 10},Wired,1000,${60 + i}`)].join('\n');
    const workspace = encodeURIComponent(`${conv.tenantId}|team|${conv.teamId}`);
    const upload = await fetch(`${bot.url}/api/tab/import/cqd?workspace=${workspace}`, { method: 'POST', headers: { 'x-dev-identity': 'local', 'content-type': 'text/csv' }, body: csv });
    expect(upload.status).toBe(200);
    const card = (await upload.json()).card;
    const order = ['finding.import.confirm', 'finding.import.all', 'finding.import.discard'];
    for (const verb of order) await replay(buttons(card).find((b) => b.verb === verb)!);
  });

  it('operations and reminder settings cards', async () => {
    const start: any[] = [];
    for (const command of ['roles', 'roles stakeholders', 'agenda', 'checklists', 'reminders']) start.push(...(await cardsOf(command)));
    // The risk register and the OKRs, as the agenda's sections open them.
    for (const verb of ['risks.show', 'okrs.show']) start.push(...cardsIn((await press({ verb, title: verb, data: {} }, `view-${++n}`)).body));
    // The full reminder settings form is the tab's (chat shows a summary linking there).
    start.push(await reminders.views.settingsCard({ tenantId: conv.tenantId, scope: 'team', scopeId: conv.teamId! }));
    await crawl(start);
    // A role whose team is named can be signed off; an empty edit card adds a role.
    const edit = cardsIn((await press(buttons(start[0]).find((b) => b.verb === 'role.edit')!, `view-${++n}`)).body);
    const save = buttons(edit[0]).find((b) => b.verb === 'role.save')!;
    await replay({ ...save, data: { ...save.data, team: 'Network Operations' } });
    await follow(await cardsOf('roles'), ['role.signoff']);
    const add = cardsIn((await press({ verb: 'role.edit', title: 'Add role', data: {} }, `view-${++n}`)).body);
    const addButton = buttons(add[0]).find((b) => b.verb === 'role.add')!;
    await replay({ ...addButton, data: { ...addButton.data, name: 'Journey role', team: 'Help Desk' } });
  });

  it('a suggested command\'s button runs the command once per press', async () => {
    const offered = await cardsOf('add Budget for a replayed survey to the agenda');
    const button = offered.flatMap((c) => buttons(c)).find((b) => b.verb === 'command.run');
    expect(button?.data.command).toBe('agenda add Budget for a replayed survey');
    const [ran] = await replay(button!);
    expect(JSON.stringify(ran)).toContain(' ran ');
  });

  it('the digest a due task sends: done, snooze, skip, reassign', async () => {
    nowMs = Date.parse('2026-06-01T09:00:00Z');
    connector.clear();
    await reminders.scheduler.tick();
    const digest = connector.sent().map((a: any) => a.attachments?.[0]?.content).find((c: unknown) => JSON.stringify(c ?? '').includes('reminder.done'));
    expect(digest, 'a digest was sent').toBeDefined();
    const all = buttons(digest);
    for (const verb of ['reminder.snoozeHour', 'reminder.snoozeTomorrow', 'reminder.reassign', 'reminder.skip', 'reminder.done']) {
      await replay(all.find((b) => b.verb === verb)!);
    }
  });

  it('problem and change cards: a link from 20 deliveries is one link, a change raised once', async () => {
    const draftFinding = await cardsOf('finding Wi-Fi: poor audio in Building 8, PSR 3.9%');
    const filed = await press(draftFinding.flatMap((c) => buttons(c)).find((b) => b.verb === 'finding.confirm')!, `file-${++n}`);
    const qf = /QF-\d{4}/.exec(JSON.stringify(filed.body))![0];
    const list = await cardsOf('problems');
    const create = list.flatMap((c) => buttons(c)).find((b) => b.verb === 'problem.create')!;
    // A new problem's card is posted as a message of its own; the press answers with where it is.
    const posted = () => connector.sent(conv.conversationId).flatMap((a: any) => (a.attachments ?? []).map((x: any) => x.content)).slice(-1);
    await replay({ ...create, data: { ...create.data, problemTitle: 'Meetings fail to start on Mondays' } });
    // The pair with one id files one problem, the burst of 20 a second: its card is the last posted.
    const problem = posted()[0];
    const prb = /PRB-\d{4}/.exec(JSON.stringify(problem))![0];
    const step = async (cards: any[], verb: string, inputs: Record<string, unknown>) => {
      const b = cards.flatMap((c) => buttons(c)).find((x) => x.verb === verb);
      expect(b, `no ${verb} button`).toBeDefined();
      return replay({ ...b!, data: { ...b!.data, ...inputs } });
    };
    let cards = await step([problem], 'problem.link', { linkRef: qf });
    const ws = { tenantId: conv.tenantId, scope: 'team' as const, scopeId: conv.teamId! };
    expect((await bot.app.servicesOf(product).problems.problems.get(ws, prb))!.findings).toEqual([qf]);
    cards = await step(cards, 'problem.owner', { problemOwner: 'Help Desk' });
    cards = await step(cards, 'problem.rca', { rootCause: 'The media relay runs out of ports' });
    cards = await step(cards, 'problem.knownError', { knownError: 'Port exhaustion', workaround: 'Restart the relay' });
    cards = await step(cards, 'problem.unlink', { unlinkRef: qf });
    cards = await step(cards, 'problem.status', { problemStatus: 'resolved' });
    const draft = cardsIn((await press({ verb: 'change.draft', title: 'Raise', data: { source: { kind: 'problem', id: prb } } }, `view-${++n}`)).body);
    const noWindow = { windowStartDate: '', windowStartTime: '', windowEndDate: '', windowEndTime: '' };
    await step(draft, 'change.raise', { changeTitle: 'Widen the relay port range', changeReason: 'Port exhaustion', changeRisk: 'low', changeUrgency: 'medium', changeImpact: 'high', changeCategory: 'emergency', ...noWindow });
    const rfc = /RFC-\d{4}/.exec(JSON.stringify(posted()))![0];
    await step(posted(), 'change.status', { changeApprover: 'Change Manager' });
    const changes = await bot.app.servicesOf(product).problems.changes.list(ws, 'all', { limit: 10 });
    expect(changes.items.map((c) => c.id)).toContain(rfc);
    expect(changes.items).toHaveLength(2); // the pair with one id, and the burst of 20
  });

  it('meeting panel cards: a decision from 20 deliveries is one decision; undo and close happen once per press', async () => {
    const panel = async () => (await (await fetch(`${bot.url}/api/tab/views/meeting?workspace=${workspaceParam()}`, { headers: { 'x-dev-identity': 'local' } })).json()).cards as any[];
    const recordButton = (cards: any[], kind: string) => cards.flatMap((c) => buttons(c)).find((b) => b.verb === 'meeting.record' && b.data.kind === kind)!;
    const decision = recordButton(await panel(), 'decision');
    await replay({ ...decision, data: { ...decision.data, decisionText: 'Extend the pilot to Lyon' } });
    const action = recordButton(await panel(), 'action');
    await replay({ ...action, data: { ...action.data, actionText: 'Send the pilot plan', actionOwner: 'Ana Lead', actionDue: '2026-06-15' } });
    // Two presses (the first delivery, then the burst under a fresh id), each recorded once.
    const recorded = JSON.stringify(await panel());
    expect(recorded).toContain('Decisions (2)');
    expect(recorded).toContain('Actions (2)');
    await replay((await panel()).flatMap((c) => buttons(c)).find((b) => b.verb === 'meeting.undo')!);
    await replay((await panel()).flatMap((c) => buttons(c)).find((b) => b.verb === 'meeting.close')!);
    // One minutes card, however often the close was delivered.
    expect(connector.sent().filter((a) => JSON.stringify(a).includes('Send the pilot plan') && /minutes/i.test(JSON.stringify(a)))).toHaveLength(1);
  });

  it('the quality settings and the import\'s "verified" proposal', async () => {
    const opened = cardsIn((await press({ verb: 'finding.settings.open', title: 'Quality settings', data: {} }, `view-${++n}`)).body);
    const save = pressData(opened[0], 'Save', { t3_psr: '1.5' });
    await replay({ verb: save.verb, title: 'Save', data: save.data });
    await replay(buttons(cardsIn((await press({ verb: 'finding.settings.open', title: 'Quality settings', data: {} }, `view-${++n}`)).body)[0]).find((b) => b.verb === 'finding.settings.reset')!);
    // October's import files a finding; it is remediated; November's shows the place back within target.
    const upload = async (file: string) => {
      const csv = readFileSync(fileURLToPath(new URL(`../fixtures/cqd/${file}`, import.meta.url)), 'utf8');
      const r = await fetch(`${bot.url}/api/tab/import/cqd?workspace=${workspaceParam()}`, { method: 'POST', headers: { 'x-dev-identity': 'local', 'content-type': 'text/csv' }, body: csv });
      expect(r.status).toBe(200);
      return (await r.json()) as any;
    };
    const oct = await upload('qer-scope-2026-10.csv');
    const key = 'building|building 1|wired|poor-stream-rate|conferencing';
    const filed = await fetch(`${bot.url}/api/tab/import/cqd/confirm`, { method: 'POST', headers: { 'x-dev-identity': 'local', 'content-type': 'application/json' }, body: JSON.stringify({ workspace: decodeURIComponent(workspaceParam()), importId: oct.importId, keys: [key] }) });
    const id = ((await filed.json()) as { filed: { id: string }[] }).filed[0]!.id;
    for (const verb of ['finding.start', 'finding.remediated']) expect((await press({ verb, title: verb, data: { findingId: id } }, `step-${++n}`)).status).toBe(200);
    const nov = await upload('qer-scope-2026-11.csv');
    const verify = buttons(nov.card).find((b) => b.verb === 'finding.import.verify' && b.data.findingId === id)!;
    await replay(verify);
    const stored = await new TableFindingRepository(bot.app.store.client('Findings')).get({ tenantId: conv.tenantId, scope: 'team', scopeId: conv.teamId! }, id);
    expect(stored?.status).toBe('verified');
  });

  it('charter cards: the committee, the charter, the timeline and phase, a deliverable decided once, a note raised and closed', async () => {
    let [card] = await cardsOf('charter');
    const stakeholder = String(cardInputs(card).get('memberStakeholder')!.choices[0].value);
    [card] = await replayTyped(card, 'Add to the committee', { memberStakeholder: stakeholder, memberRole: 'member' });
    [card] = await replay(buttonOn([card], 'governance.member.remove', { stakeholderId: stakeholder }));
    [card] = await replayTyped(card, 'Save the charter', { charterPurpose: 'Steer the Teams rollout', charterObjectives: 'Keep the sponsor informed', charterCadence: 'quarterly' });
    [card] = await replayTyped(card, 'Save the dates', { start_envision: '2026-06-01', end_envision: '2026-06-30' });
    const [asked] = await showView(buttonOn([card], 'governance.phase.ask'));
    [card] = await replay(buttonOn([asked], 'governance.phase.confirm'));
    [card] = await replayTyped(card, 'Put up for approval', { deliverableTitle: 'Pilot report', deliverableOwner: 'Project Lead', deliverableDue: '2026-06-20' });
    [card] = await replay(buttonOn([card], 'governance.deliverable.decide', { decision: 'approved' }));
    [card] = await replayTyped(card, 'Raise it', { noteKind: 'escalation', noteText: 'Headset budget is blocked' });
    const governance = bot.app.servicesOf(product).governance.service;
    // The pair with one id and the burst of 20 (a second press of a card now out of date): one note.
    expect((await governance.get(wsOf())).notes.filter((x) => x.text === 'Headset budget is blocked')).toHaveLength(1);
    await replay(buttonOn([card], 'governance.note.close'));
    const g = await governance.get(wsOf());
    expect(g.notes.filter((x) => x.text === 'Headset budget is blocked')).toEqual([]);
    expect(g.deliverables.map((d) => [d.title, d.status])).toEqual([['Pilot report', 'approved']]);
    expect(g.charter.members.map((m) => m.stakeholderId)).not.toContain(stakeholder);
    expect([g.charter.purpose, g.timeline.current, g.timeline.plans.envision]).toEqual(['Steer the Teams rollout', 'envision', { start: '2026-06-01', end: '2026-06-30' }]);
  });

  it('business case cards: the scope, a KSI measured, a use case saved once, removed and brought back', async () => {
    let [card] = await cardsOf('charter business');
    [card] = await replayTyped(card, 'Save the scope', { businessScope: 'The London and Paris offices' });
    const ids = measureInputIds('example-retire-pbx');
    [card] = await replayTyped(card, 'Record', { [ids.value]: '22', [ids.on]: '2026-05-29' });
    expect(JSON.stringify(card)).toContain('measured 22 % on 2026-05-29');
    const [form] = await showView(buttonOn([card], 'governance.usecase.edit', { useCaseId: 'new' }));
    const fields = { ucName: 'Frontline shifts', ucCurrent: 'Paper rotas', ucChallenges: 'Missed swaps', ucHow: 'Shifts in Teams', ucOutcome: 'Fewer missed shifts', ucKsi: 'none', ucIndicator: 'Missed shifts a month', ucComparison: 'at-most', ucTarget: '5', ucUnit: 'shifts' };
    [card] = await replayTyped(form, 'Add the use case', fields);
    const saved = (await bot.app.servicesOf(product).governance.service.get(wsOf())).businessCase.useCases;
    expect(saved.filter((u) => u.name === 'Frontline shifts')).toHaveLength(1);
    const id = saved.find((u) => u.name === 'Frontline shifts')!.id;
    const remove = buttonOn([card], 'governance.usecase.remove', { useCaseId: id });
    await replay(remove);
    // Undo is on the first press's answer (its id redelivered gets it again); the burst's, a conflict, has none.
    const [removed] = cardsIn((await press(remove, `replay-${n}`)).body);
    [card] = await replay(buttonOn([removed], 'governance.usecase.undo'));
    const after = (await bot.app.servicesOf(product).governance.service.get(wsOf())).businessCase;
    expect(after.useCases.filter((u) => u.name === 'Frontline shifts')).toHaveLength(1);
    expect(after.scope).toBe('The London and Paris offices');
  });

  it('review cards: a run started once, its answers, a decision and an output recorded once, closed; the next run settles the decision', async () => {
    const [list] = await cardsOf('reviews');
    const start = buttonOn([list], 'review.start');
    await replay(start);
    let [run] = [lastPostedWith('review.decide')];
    const runId = /MR-\d{4}/.exec(JSON.stringify(run))![0];
    const answers = Object.fromEntries([...cardInputs(run).keys()].filter((k) => k.startsWith('answer.')).map((k) => [k, `Answered ${k}`]));
    [run] = await replayTyped(run, 'Save answers', answers);
    [run] = await replayTyped(run, 'Record decision', { decisionText: 'Fund the Lyon pilot', decisionOwner: 'Ana Lead', decisionDue: '2026-07-15' });
    [run] = await replayTyped(run, 'Record output', { outputText: 'Budget for Q3' });
    await replayTyped(run, 'Close review', { outcomeSummary: 'Go' });
    const service = bot.app.servicesOf(product).reviews.service;
    const closed = (await service.get(wsOf(), runId))!;
    expect([closed.status, closed.decisions.map((d) => d.text), closed.outputs.length]).toEqual(['closed', ['Fund the Lyon pilot'], 1]);
    expect(Object.values(closed.answers).map((a) => a.text).sort()).toEqual(Object.values(answers).sort());
    await replay(buttonOn(await cardsOf('reviews'), 'review.start', { templateId: start.data.templateId }));
    const next = lastPostedWith('review.settle');
    const nextId = /MR-\d{4}/.exec(JSON.stringify(next))![0];
    expect(nextId).not.toBe(runId);
    await replayTyped(next, 'Mark done');
    expect((await service.get(wsOf(), nextId))!.carried.filter((d) => d.done)).toHaveLength(1);
  });

  it('OLA and runbook cards: a team signs its OLA once; a runbook started and ticked to the end counts once', async () => {
    const [edit] = await showView({ verb: 'role.edit', title: 'Edit', data: { roleId: 'help-desk' } });
    const save = pressData(edit, 'Save', { team: 'Service Desk' });
    expect((await press({ verb: save.verb, title: 'Save', data: save.data }, `step-${++n}`)).status).toBe(200);
    const [ola] = await cardsOf('ola Service Desk');
    const [signed] = await replayTyped(ola, 'Sign this OLA for our team');
    expect(JSON.stringify(signed)).toMatch(/Signed by .+ on 2026-06-01/);
    const role = (await bot.app.servicesOf(product).ops.services.roles.get(wsOf(), 'help-desk'))!;
    expect(role.olaSignOff?.version).toBe(buttonOn([ola], 'ola.signoff').data.version);

    const [runbook] = await cardsOf('runbook endpoint troubleshooting');
    await replayTyped(runbook, 'Start');
    let [run] = [lastPostedWith('runbook.tick')];
    [run] = await replayTyped(run, 'Save ticks', { [stepInputId('service-health')]: 'true' });
    expect(JSON.stringify(run)).toContain('1 of 5 steps ticked');
    const all = Object.fromEntries([...cardInputs(run).keys()].map((k) => [k, 'true']));
    [run] = await replayTyped(run, 'Save ticks', all);
    expect(JSON.stringify(run)).toContain('recorded as done for Service Desk');
    const rates = await bot.app.servicesOf(product).reminders.service.rates(wsOf());
    expect(rates.filter((r) => r.scheduleId === 'rbk-endpoint-troubleshoot')).toHaveLength(1);
  });

  it('covered every state-changing verb a card offers', () => {
    // The dialog's own verbs ask about a typed command; they have their own replay tests.
    const dialog = ['dialog.leave', 'dialog.stay', 'dialog.answer', 'finding.discard', 'escalation.discard', 'finding.edit', 'escalation.edit'];
    const expected = ALL_VERBS.filter((v) => !VIEW_VERBS.has(v) && !dialog.includes(v) && v !== 'reminder.toggle');
    expect(expected.filter((v) => !exercised.has(v))).toEqual([]);
  });
});
