// Every card verb the features declare is pressed at least once on the product as `npm start`
// runs it, the way a person reaches it: from the cards the bot shows, with the card's inputs
// filled in, through /api/messages as Teams sends an Action.Execute. A verb that no card in
// these journeys offers fails the last test, so a new verb needs a journey.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checklistInputId } from '../../bot/src/cards/incident-verbs';
import { TROUBLESHOOTING_CHECKLIST } from '../../bot/src/domain/incidents/vendor-case';
import { ALL_VERBS } from '../../bot/src/cards/verbs';
import { type LocalConnector, startConnector } from '../support/connector';
import { endJourney, type LaunchedProduct, launchProduct } from './support/product';
import { brokenIn, buttons, type CardButton, type Conv, inputValues, TeamsClient, tenant } from './support/teams';

let connector: LocalConnector;
let product: LaunchedProduct;
let teams: TeamsClient;
let conv: Conv;
const pressed = new Map<string, number>();
/** Verbs that got a 200 answer somewhere: what coverage counts. */
const answered = new Set<string>();
const problems: string[] = [];

beforeAll(async () => {
  connector = await startConnector();
  product = await launchProduct();
  teams = new TeamsClient(product, connector);
  conv = tenant(connector, 'vera').channel;
  await teams.install(conv);
  ({ digest: digestDue } = await addTaskDueNextMinute());
  digestDue.catch(() => {}); // awaited by the digest journey; not an unhandled rejection meanwhile
});

let digestDue: Promise<any>;

/**
 * The digest buttons exist only on the card the scheduler sends when a task falls due, so a task
 * is added for the coming minute (UTC, the default zone) and the product's own job sends it while
 * the other journeys run.
 */
async function addTaskDueNextMinute(): Promise<{ digest: Promise<any> }> {
  // `reminders` in chat sets the reminders up here and links to the tab, where the settings form is.
  const summary = (await teams.say(conv, 'reminders')).cards;
  expect(JSON.stringify(summary)).toContain('Action.OpenUrl');
  const workspace = `${conv.tenantId}|team|${conv.teamId}`;
  const settings = (await product.tab(`/api/tab/views/reminders?${new URLSearchParams({ workspace })}`)).body.cards as any[];
  const add = settings.flatMap((c) => buttons(c)).find((b) => b.verb === 'reminder.add')!;
  const due = new Date(Math.ceil((Date.now() + 15_000) / 60_000) * 60_000);
  const time = due.toISOString().slice(11, 16);
  const r = await product.tab('/api/tab/actions', { body: { view: 'reminders', workspace, params: {}, verb: add.verb, data: { ...add.data, newTitle: 'Journey digest task', newTime: time, newCadence: 'daily' } } });
  expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
  // The tab shows its view again, the new task on it.
  expect(JSON.stringify(r.body)).toContain('Journey digest task');
  answered.add(add.verb);
  const isDigest = (a: any) => JSON.stringify(a ?? '').includes('Journey digest task') && JSON.stringify(a).includes('reminder.done');
  // Wrapped: an async function would otherwise flatten the promise and wait for the digest here.
  return {
    digest: connector.waitFor((calls) => calls.some((c) => c.method === 'POST' && isDigest(c.body)), 150_000)
      .then(() => connector.calls.find((c) => c.method === 'POST' && isDigest(c.body))!.body),
  };
}

afterAll(async () => {
  expect(await endJourney(product, connector)).toEqual([]);
});

type Press = (button: CardButton) => Promise<{ cards: any[]; text: string }>;
const inChat: Press = async (b) => {
  const r = await teams.press(conv, b.verb, b.data); // asserts a valid invoke response
  answered.add(b.verb);
  return r;
};

/** Presses buttons breadth-first from the given cards, at most `perVerb` times each verb. */
async function crawl(start: any[], perVerb = 2, press: Press = inChat, budget = 300): Promise<void> {
  const queue: CardButton[] = start.flatMap((c) => buttons(c));
  const seen = new Set<string>();
  while (queue.length && budget-- > 0) {
    const button = queue.shift()!;
    const key = `${button.verb} ${JSON.stringify(button.data)}`;
    if (seen.has(key) || (pressed.get(button.verb) ?? 0) >= perVerb) continue;
    seen.add(key);
    const r = await press(button);
    pressed.set(button.verb, (pressed.get(button.verb) ?? 0) + 1);
    const broken = brokenIn(r.text);
    if (broken) problems.push(`${button.verb} (${button.title}) showed "${broken}": ${r.text.slice(0, 200)}`);
    for (const card of r.cards) queue.push(...buttons(card));
  }
}

/** "Change an answer" on a confirmation card: choose the step, answer it again, back at the confirmation. */
async function changeAnswer(cards: any[], verb: string, step: string, answer: string): Promise<any[]> {
  const edit = cards.flatMap((c) => buttons(c)).find((b) => b.verb === verb);
  expect(edit, `no ${verb} on the confirmation card`).toBeDefined();
  const asked = await inChat({ ...edit!, data: { ...edit!.data, editStep: step } });
  expect(asked.text).toContain('changing an answer');
  const back = await teams.say(conv, answer);
  expect(back.text, `after changing ${step}`).toMatch(/confirm/i);
  return back.cards;
}

/** Follows one path through a lifecycle: each step pressed on the card the previous one returned. */
async function follow(cards: any[], verbs: readonly string[], fill: Record<string, Record<string, unknown>> = {}): Promise<any[]> {
  let current = cards;
  for (const verb of verbs) {
    const button = current.flatMap((c) => buttons(c)).find((b) => b.verb === verb);
    expect(button, `no ${verb} button on ${JSON.stringify(current).slice(0, 300)}`).toBeDefined();
    const r = await inChat({ ...button!, data: { ...button!.data, ...fill[verb] } });
    pressed.set(verb, (pressed.get(verb) ?? 0) + 1);
    expect(brokenIn(r.text), `${verb}: ${r.text.slice(0, 300)}`).toBeUndefined();
    current = r.cards;
  }
  return current;
}

/** The cards the bot posted in the conversation since `before`: a Start posts its card below. */
const postedSince = (before: number): any[] => connector.calls.slice(before).filter((c) => c.method === 'POST' && c.conversationId === conv.conversationId)
  .flatMap((c) => (c.body?.attachments ?? []).map((a: any) => a.content));

describe('every card verb, pressed as a person would', () => {
  it('the finding cards: draft, filed finding, list, actions', async () => {
    const draft = await teams.say(conv, 'finding VPN: verbs poor audio in Building 6, PSR 4.1%');
    // Change the building before filing, then confirm (the draft's discard is pressed on a second draft below).
    const [changed] = await changeAnswer(draft.cards, 'finding.edit', 'building', 'Warehouse 2');
    expect(JSON.stringify(changed)).toContain('Warehouse 2');
    const confirm = buttons(changed).find((b) => b.verb === 'finding.confirm')!;
    const filed = await teams.press(conv, confirm.verb, confirm.data);
    answered.add(confirm.verb);
    const second = await teams.say(conv, 'finding Wi-Fi: verbs poor audio in Building 7, PSR 3.1%');
    const discard = second.cards.flatMap((c) => buttons(c)).find((b) => b.verb === 'finding.discard')!;
    expect((await teams.press(conv, discard.verb, discard.data)).text).not.toMatch(/QF-\d{4}/);
    answered.add(discard.verb);
    // Verification fails once (reopen), then passes.
    await follow(filed.cards, ['finding.accept', 'finding.start', 'finding.remediated', 'finding.reopen', 'finding.remediated', 'finding.verify']);
    const refresh = buttons(filed.cards[0]?.refresh ?? {}).find((b) => b.verb === 'finding.refresh');
    expect(refresh, 'a finding card refreshes itself for the people it names').toBeDefined();
    await inChat(refresh!);
    await crawl([...filed.cards, ...(await teams.say(conv, 'findings all')).cards], 3);
    expect(problems).toEqual([]);
  });

  it('the call-quality import cards: proposals filed from chat', async () => {
    // More places above target than one card lists, so the card offers "File all".
    const csv = ['Month,Building,Network type,Streams,Poor streams', ...Array.from({ length: 40 }, (_, i) => `2026-10,Building ${i + 10},Wired,1000,${60 + i}`)].join('\n');
    const workspace = `${conv.tenantId}|team|${conv.teamId}`;
    const upload = await product.tab(`/api/tab/import/cqd?workspace=${encodeURIComponent(workspace)}`, { body: csv, contentType: 'text/csv' });
    expect(upload.status, JSON.stringify(upload.body)).toBe(200);
    const cards = [upload.body.card].filter(Boolean) as any[];
    expect(cards.flatMap((c) => buttons(c)).map((b) => b.verb)).toEqual(expect.arrayContaining(['finding.import.confirm']));
    // Discard last: it ends the import the other two act on.
    const order = ['finding.import.confirm', 'finding.import.all', 'finding.import.discard'];
    const importButtons = cards.flatMap((c) => buttons(c)).filter((b) => order.includes(b.verb)).sort((x, y) => order.indexOf(x.verb) - order.indexOf(y.verb));
    for (const b of importButtons) {
      const r = await teams.press(conv, b.verb, b.data);
      answered.add(b.verb);
      expect(brokenIn(r.text), `${b.verb}: ${r.text.slice(0, 300)}`).toBeUndefined();
    }
  });

  it('the call-quality import proposes "verified" for a remediated finding; it is verified only when pressed', async () => {
    const workspace = `${conv.tenantId}|team|${conv.teamId}`;
    const header = 'Month Year,Is Server Pair,Second Building Name,Second Network Connection Detail,Second Inside Corp,Audio Stream Count,Audio Poor Stream Count';
    const month = (m: string, poor: number) => `${header}\n${m},Client : Server,Verify Hall,Wired,Inside,1000,${poor}\n`;
    const first = await product.tab(`/api/tab/import/cqd?workspace=${encodeURIComponent(workspace)}`, { body: month('2029-12', 30), contentType: 'text/csv' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const fileAll = buttons(first.body.card).find((b) => b.verb === 'finding.import.confirm')!;
    const filed = await teams.press(conv, fileAll.verb, fileAll.data);
    const id = /QF-\d+/.exec(filed.text)![0];
    for (const verb of ['finding.start', 'finding.remediated']) await teams.press(conv, verb, { findingId: id });
    // A month measured after the remediation, back within the conferencing wired internal 1.0 % (5 / 1,000 = 0.5 %).
    const next = await product.tab(`/api/tab/import/cqd?workspace=${encodeURIComponent(workspace)}`, { body: month('2099-01', 5), contentType: 'text/csv' });
    const verify = buttons(next.body.card).find((b) => b.verb === 'finding.import.verify' && b.data.findingId === id)!;
    expect(verify, JSON.stringify(next.body.verifications)).toBeDefined();
    const r = await teams.press(conv, verify.verb, verify.data);
    answered.add(verify.verb);
    expect(brokenIn(r.text), r.text.slice(0, 300)).toBeUndefined();
    expect(JSON.stringify(r.cards)).toContain('Verified');
  });

  it('the incident cards: confirmation, filed incident, list, lifecycle', async () => {
    await teams.say(conv, 'escalate');
    for (const answer of ['Teams calling', 'Calls drop every few minutes in Lyon', 'Sales calls drop mid-conversation', 'the Lyon site', '30 minutes ago', 'B']) await teams.say(conv, answer);
    const draft = await teams.say(conv, 'vendor');
    const [changed] = await changeAnswer(draft.cards, 'escalation.edit', 'affected', 'about 300 users in HQ Building 2');
    expect(JSON.stringify(changed)).toContain('HQ Building 2');
    const confirm = buttons(changed).find((b) => b.verb === 'escalation.confirm')!;
    const filed = await teams.press(conv, confirm.verb, confirm.data);
    answered.add(confirm.verb);
    await teams.say(conv, 'escalate');
    for (const answer of ['Exchange', 'Mail is slow', 'Some delay', 'HQ Building 2', '1 hour ago', 'C']) await teams.say(conv, answer);
    const second = await teams.say(conv, 'vendor');
    const discard = second.cards.flatMap((c) => buttons(c)).find((b) => b.verb === 'escalation.discard')!;
    await teams.press(conv, discard.verb, discard.data);
    answered.add(discard.verb);
    await follow(filed.cards, ['incident.acknowledge', 'incident.update', 'incident.escalate', 'incident.deescalate', 'incident.resolve', 'incident.reopen', 'incident.resolve', 'incident.close']);
    await crawl([...filed.cards, ...(await teams.say(conv, 'incidents all')).cards], 3);
    expect(problems).toEqual([]);
  });

  it('the incident cards of the vendor case and the requester: escalate to vendor, its SR number and update, outage details, confirm, survey', async () => {
    await teams.say(conv, 'escalate');
    for (const answer of ['Teams meetings', 'Meetings fail to start for everyone', 'No customer meetings can be held', 'all users', 'now', 'A']) await teams.say(conv, answer);
    const draft = await teams.say(conv, 'vendor');
    const confirm = draft.cards.flatMap((c) => buttons(c)).find((b) => b.verb === 'escalation.confirm')!;
    const filed = await teams.press(conv, confirm.verb, confirm.data);
    const checks = Object.fromEntries(TROUBLESHOOTING_CHECKLIST.map((c) => [checklistInputId(c.id), 'true']));
    const now = { vendorRespondedDate: '', vendorRespondedTime: '', vendorUpdateDate: '', vendorUpdateTime: '' };
    const open = await follow(filed.cards, ['incident.acknowledge', 'incident.vendor.escalate', 'incident.vendor.accept', 'incident.vendor.update', 'incident.outage.details'], {
      'incident.vendor.escalate': checks, 'incident.vendor.accept': { vendorSr: 'VND-2612-1', ...now }, 'incident.vendor.update': now, 'incident.outage.details': { etaDate: '2099-01-01', etaTime: '10:00' },
    });
    // The requester's cards arrive proactively; their buttons carry the incident, as pressed here.
    const incidentId = /SR-\d{6}-\d{4}/.exec(JSON.stringify(filed.cards))![0];
    const reopened = await follow(open, ['incident.resolve']).then(() => inChat({ verb: 'incident.not-fixed', title: 'Reopen', data: { incidentId, notFixedReason: 'Still failing' } }));
    await follow(reopened.cards, ['incident.resolve']);
    for (const [verb, data] of [['incident.confirm-resolved', {}], ['incident.satisfaction', { rating: '4' }]] as const) {
      const r = await inChat({ verb, title: verb, data: { incidentId, ...data } });
      expect(brokenIn(r.text), `${verb}: ${r.text.slice(0, 300)}`).toBeUndefined();
    }
    expect(problems).toEqual([]);
  });

  it('the operations cards: role map, stakeholders, agenda, checklists, risks and OKRs', async () => {
    const start: any[] = [];
    for (const command of ['roles', 'roles stakeholders', 'agenda', 'checklists']) start.push(...(await teams.say(conv, command)).cards);
    await crawl(start, 3);
    // A role whose team is named can be signed off; an empty edit card adds a role.
    const edit = await follow(start, ['role.edit']);
    const saved = await follow(edit, ['role.save'], { 'role.save': { team: 'Network Operations' } });
    const map = saved.some((c) => buttons(c).some((b) => b.verb === 'role.signoff')) ? saved : (await teams.say(conv, 'roles')).cards;
    await follow(map, ['role.signoff']);
    const add = (await teams.press(conv, 'role.edit', {})).cards;
    await follow(add, ['role.add'], { 'role.add': { name: 'Journey role', description: 'Looks after journeys', team: 'Help Desk', contact: 'helpdesk@contoso.example' } });
    expect(problems).toEqual([]);
  });

  it('the tab views\' cards, pressed through the tab API', async () => {
    const workspace = `${conv.tenantId}|team|${conv.teamId}`;
    for (const [view, params] of [['roles', {}], ['agenda', {}], ['checklist', { checklist: 'qer' }], ['findings', {}], ['incidents', {}], ['reminders', {}], ['problems', {}], ['changes', {}]] as const) {
      const query = new URLSearchParams({ workspace, ...params });
      const shown = await product.tab(`/api/tab/views/${view}?${query}`);
      expect(shown.status, `${view}: ${JSON.stringify(shown.body).slice(0, 200)}`).toBe(200);
      const inTab: Press = async (b) => {
        const r = await product.tab('/api/tab/actions', { body: { view, workspace, params, verb: b.verb, data: b.data } });
        // 400 is a refused action with its reason (a stale card, a step out of order): still an answer.
        expect([200, 400], `${view} ${b.verb}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`).toContain(r.status);
        if (r.status === 200) answered.add(b.verb);
        return { cards: r.body.cards ?? [], text: JSON.stringify(r.body) };
      };
      if (view === 'agenda') {
        // More risks than one card lists, so the risk register pages.
        for (let i = 0; i < 12; i++) await inTab({ verb: 'risk.add', title: 'Add', data: { newRiskTitle: `Journey risk ${i}`, newRiskLikelihood: 'medium', newRiskImpact: 'high', newRiskMitigation: 'Watch it' } });
        shown.body = (await product.tab(`/api/tab/views/${view}?${query}`)).body;
      }
      if (view === 'reminders') {
        // No card offers the switch on its own (the settings form carries it): press it as its data is documented.
        const scheduleId = /"scheduleId":"([^"]+)"/.exec(JSON.stringify(shown.body))?.[1] ?? /"(cat-[\w-]+)"/.exec(JSON.stringify(shown.body))?.[1];
        expect(scheduleId, 'a schedule id on the reminders view').toBeDefined();
        await inTab({ verb: 'reminder.toggle', title: 'Toggle', data: { scheduleId, enabled: false } });
      }
      await crawl(shown.body.cards, 6, inTab);
    }
    expect(problems).toEqual([]);
  });

  it('the problem and change cards: record, link and unlink, the lifecycle, a change raised and approved', async () => {
    const list = (await teams.say(conv, 'problems')).cards;
    const create = list.flatMap((c) => buttons(c)).find((b) => b.verb === 'problem.create')!;
    const made = await inChat({ ...create, data: { ...create.data, problemTitle: 'Journey problem behind the drops' } });
    const prb = /PRB-\d{4}/.exec(made.text)![0];
    const shown = (await teams.say(conv, `problems ${prb}`)).cards;
    const noWindow = { windowStartDate: '', windowStartTime: '', windowEndDate: '', windowEndTime: '' };
    const after = await follow(shown, ['problem.link', 'problem.unlink', 'problem.link', 'problem.owner', 'problem.rca', 'problem.knownError', 'problem.status', 'problem.refresh'], {
      'problem.link': { linkRef: 'QF-0001' }, 'problem.rca': { rootCause: 'Journey root cause' }, 'problem.knownError': { knownError: 'Journey known error', workaround: 'Journey workaround' },
    });
    const form = await follow(after, ['change.draft']);
    const raised = await inChat({ verb: 'change.raise', title: 'Raise', data: { ...buttons(form[0]).find((b) => b.verb === 'change.raise')!.data, ...noWindow, changeCategory: 'emergency' } });
    const rfc = /RFC-\d{4}/.exec(raised.text)![0];
    await follow((await teams.say(conv, `changes ${rfc}`)).cards, ['change.status', 'change.refresh']);
    await crawl([...(await teams.say(conv, 'problems all')).cards, ...(await teams.say(conv, 'changes all')).cards], 3);
    expect(problems).toEqual([]);
  });

  it('a "did you mean" card: its button runs the command it offers', async () => {
    const offer = await teams.say(conv, 'finidngs');
    const [ran] = await follow(offer.cards, ['command.run']);
    expect(JSON.stringify(ran)).toContain(' ran ');
    expect(problems).toEqual([]);
  });

  it('the reminder cards: settings and the digest a due task sends', async () => {
    await crawl((await teams.say(conv, 'reminders')).cards, 3);
    const digest = await digestDue;
    const cards = (digest.attachments ?? []).map((a: any) => a.content);
    // Snoozes and skip first: done ends the occurrence the others act on.
    const order = ['reminder.snoozeHour', 'reminder.snoozeTomorrow', 'reminder.reassign', 'reminder.skip', 'reminder.done'];
    for (const verb of order) {
      const b = cards.flatMap((c: any) => buttons(c)).find((x: any) => x.verb === verb);
      expect(b, `the digest has no ${verb} button`).toBeDefined();
      const r = await inChat(b!);
      expect(brokenIn(r.text), `${verb}: ${r.text.slice(0, 300)}`).toBeUndefined();
    }
    expect(problems).toEqual([]);
  }, 180_000);

  // Last of the chat journeys: leaving sets the finding aside, and the next dialog would offer it back.
  it('a command typed while a dialog waits: keep answering, take it as the answer, or leave and run it', async () => {
    await teams.say(conv, 'finding');
    const ask = await teams.say(conv, 'findings');
    expect(ask.text).toContain('Leave it and run');
    const [stay] = await follow(ask.cards, ['dialog.stay']);
    expect(JSON.stringify(stay)).toContain('Which kind of problem is it?');
    for (const answer of ['vpn', 'skip', 'Building 6', 'skip', 'vpn', 'PSR', '4.1%']) await teams.say(conv, answer);
    // The description is free text, so the command word may be the answer itself.
    const asked = await teams.say(conv, 'findings');
    expect(asked.cards.flatMap((c) => buttons(c)).map((b) => b.verb)).toContain('dialog.answer');
    const next = await follow(asked.cards, ['dialog.answer']);
    expect(JSON.stringify(next)).toContain('A link to the evidence');
    const leaving = await teams.say(conv, 'help');
    await follow(leaving.cards, ['dialog.leave']);
    expect(problems).toEqual([]);
  });

  it('the meeting side panel: record a decision and an action, undo, refresh, close', async () => {
    const workspace = `${conv.tenantId}|team|${conv.teamId}`;
    const panel = (await product.tab(`/api/tab/views/meeting?${new URLSearchParams({ workspace })}`)).body.cards as any[];
    const decided = await follow(panel, ['meeting.record'], { 'meeting.record': { kind: 'decision', decisionText: 'Journey decision' } });
    expect(JSON.stringify(decided)).toContain('Journey decision');
    const acted = await follow(decided, ['meeting.record'], { 'meeting.record': { kind: 'action', actionText: 'Journey action', actionOwner: 'Vera', actionDue: '2027-01-08' } });
    expect(JSON.stringify(acted)).toContain('Journey action');
    const closed = await follow(acted, ['meeting.undo', 'meeting.refresh', 'meeting.close']);
    expect(JSON.stringify(closed)).toContain('Meeting closed');
    expect(problems).toEqual([]);
  });

  it('the charter and business case cards: the charter, committee, timeline, phases, deliverables, points, scope, use cases and KSIs', async () => {
    const charter = (await teams.say(conv, 'charter')).cards;
    const business = await follow(charter, [
      'governance.charter.save', 'governance.timeline.save', 'governance.member.add', 'governance.member.remove', 'governance.deliverable.add', 'governance.deliverable.decide',
      'governance.note.add', 'governance.note.close', 'governance.phase.ask', 'governance.charter.show', 'governance.phase.ask', 'governance.phase.confirm', 'governance.business.show',
    ], {
      'governance.charter.save': { charterPurpose: 'Adopt Teams across the company', charterObjectives: 'Retire the PBX\nFewer poor calls' },
      'governance.deliverable.add': { deliverableTitle: 'Journey pilot report', deliverableOwner: 'Project Lead', deliverableDue: '2099-01-15' },
      'governance.note.add': { noteKind: 'feedback', noteText: 'Journey feedback for the committee' },
    });
    await follow(business, ['governance.scope.save', 'governance.usecase.edit', 'governance.usecase.save', 'governance.ksi.measure', 'governance.usecase.remove', 'governance.usecase.undo', 'governance.charter.show'], {
      'governance.scope.save': { businessScope: 'Sales and the branch offices' },
      'governance.usecase.save': { ucName: 'Journey use case', ucCurrent: 'Calls over the PBX', ucChallenges: 'Choppy audio', ucHow: 'Teams calling', ucOutcome: 'Under 5 % poor calls', ucComparison: 'at-most', ucTarget: '5', ucUnit: '%' },
    });
    expect(problems).toEqual([]);
  });

  it('the management review cards: a run answered, decided and closed; the next run settles its decision', async () => {
    const started = (await teams.say(conv, 'review release readiness')).cards;
    const list = await follow(started, ['review.answer', 'review.decide', 'review.output', 'review.close', 'review.list'], {
      'review.answer': { 'answer.go': 'Go, once the drops are fixed' },
      'review.decide': { decisionText: 'Journey decision to follow up', decisionOwner: 'Telephony Operations', decisionDue: '2099-01-15' },
      'review.output': { outputKind: 'go-no-go', outputText: 'Go, on condition' },
      'review.close': { outcomeSummary: 'Conditional go' },
    });
    // The next Release Readiness run, started from the list, carries the open decision.
    const start = list.flatMap((c) => buttons(c)).find((b) => b.verb === 'review.start' && b.data.templateId === 'release-readiness');
    expect(start, 'the list offers the next Release Readiness run').toBeDefined();
    const before = connector.calls.length;
    expect(brokenIn((await inChat(start!)).text)).toBeUndefined();
    const next = postedSince(before).filter((c) => buttons(c).some((b) => b.verb === 'review.settle'));
    expect(next, 'the new run is posted with its carried decision').toHaveLength(1);
    await follow(next, ['review.settle', 'review.refresh', 'review.list', 'review.open']);
    expect(problems).toEqual([]);
  });

  it('the OLA and runbook cards: a team signs its OLA, a runbook started and ticked to the end', async () => {
    // The role map names the team; its OLA is signed, then the overview and the OLA again.
    const editDesk = (await teams.say(conv, 'roles')).cards.flatMap((c) => buttons(c)).find((b) => b.verb === 'role.edit' && b.data.roleId === 'help-desk')!;
    await follow((await inChat(editDesk)).cards, ['role.save'], { 'role.save': { team: 'Journey Service Desk', contact: 'desk@contoso.example' } });
    await follow((await teams.say(conv, 'ola Journey Service Desk')).cards, ['ola.signoff', 'ola.list', 'ola.show']);
    const runbook = await follow((await teams.say(conv, 'runbook')).cards, ['runbook.open']);
    const before = connector.calls.length;
    await follow(runbook, ['runbook.start']);
    const run = postedSince(before).filter((c) => buttons(c).some((b) => b.verb === 'runbook.tick'));
    expect(run, 'the run checklist is posted').toHaveLength(1);
    // Every step's toggle ticked and saved: the last tick completes the run.
    const ticks = Object.fromEntries(Object.keys(inputValues(run[0])).filter((id) => id.startsWith('step.')).map((id) => [id, 'true']));
    const done = await follow(run, ['runbook.tick'], { 'runbook.tick': ticks });
    expect(JSON.stringify(done)).toMatch(/recorded as done/);
    await follow(done, ['runbook.list']);
    expect(problems).toEqual([]);
  });

  it('covers every verb the features declare', () => {
    const missing = ALL_VERBS.filter((v) => !answered.has(v));
    expect(missing, `verbs no journey pressed: ${missing.join(', ')}`).toEqual([]);
  });
});
