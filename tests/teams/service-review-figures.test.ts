// The monthly service review over HTTP, as Teams drives it: escalations of both kinds filed
// through the escalate dialog, problems opened and closed and changes of each category raised from
// their cards, all counted on the `incidents figures` card (with its Table budget pinned); and
// the remediation time box per finding category edited on the quality settings card, deciding
// when a finding in remediation is overdue.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreCall } from '../../bot/src/storage/table-store';
import { cardAction } from '../support/activities';
import { cardTexts } from '../support/card-inspect';
import { launchBrowser } from '../support/chromium';
import { type CaptionedCard, showDialogCards } from '../support/dialog-cards-page';
import { startConnector, type LocalConnector } from '../support/connector';
import { type Conv, WorkspaceSeeder, workspaceOf, workspaceParam } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let seed: WorkspaceSeeder;
let now = new Date('2026-10-20T09:00:00Z');
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** Draws the cards as Teams shows them, to `tests/artifacts/<name>.png`. */
async function screenshot(name: string, cards: readonly CaptionedCard[]): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await launchBrowser({ viewport: { width: 600, height: 900 } });
  try {
    const page = await browser.newPage();
    await showDialogCards(page, cards);
    await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
  } finally {
    await browser.close();
  }
}
const calls: StoreCall[] = [];

beforeAll(async () => {
  connector = await startConnector();
  bot = await startServiceOps({}, { clock: () => now, startJobs: false, observeStore: (c) => calls.push(c) });
  seed = new WorkspaceSeeder(bot, connector);
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

const dev = { 'content-type': 'application/json', 'x-dev-identity': 'local' };
const text = (x: unknown) => cardTexts(x).join('\n');
const etagOf = (card: unknown) => /"etag":"(W\/\\"[^"\\]*\\")"/.exec(JSON.stringify(card))?.[1]?.replace(/\\"/g, '"');
const lastPosted = (conv: Conv) => connector.sent(conv.conversationId).flatMap((a: any) => (a.attachments ?? []).map((x: any) => x.content)).at(-1);

async function press(conv: Conv, verb: string, data: Record<string, unknown> = {}): Promise<{ card?: any; text: string }> {
  const res = await bot.send(cardAction(conv, verb, data));
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  const value = res.body?.value;
  return typeof value === 'string' ? { text: value } : { card: value, text: text(value) };
}

/** What the bot posted in answer to `words`, as text. */
async function say(conv: Conv, words: string): Promise<string> {
  const before = connector.sent(conv.conversationId).length;
  const res = await bot.send(conv.message(words));
  expect(res.status).toBe(200);
  return connector.sent(conv.conversationId).slice(before).map((a: any) => `${a.text ?? ''}\n${text(a.attachments ?? [])}`).join('\n');
}

/** The Action.Execute buttons of a card. */
function buttons(card: unknown): { verb: string; data: Record<string, unknown> }[] {
  const out: { verb: string; data: Record<string, unknown> }[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, any>;
      if (o.type === 'Action.Execute') out.push({ verb: o.verb, data: o.data ?? {} });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

const ANSWERS = ['Teams meetings', 'Meetings fail to start with error 500', 'No customer meetings can be held', 'all users', '20 minutes ago', 'B'];

/** Walks the escalate dialog to its confirmation card, with `scope` as the routing answer; the card as JSON. */
async function escalateTo(conv: Conv, scope: string): Promise<string> {
  await say(conv, 'escalate');
  for (const a of ANSWERS) await say(conv, a);
  await say(conv, scope);
  return JSON.stringify(lastPosted(conv));
}
const kindFact = (kind: string) => `{"title":"Escalation","value":"${kind}"}`;

async function confirmEscalation(conv: Conv): Promise<string> {
  const res = await press(conv, 'escalation.confirm');
  const sr = /SR-\d{6}-\d{4,}/.exec(JSON.stringify(res.card ?? res.text))?.[0];
  expect(sr, res.text.slice(0, 300)).toBeDefined();
  return sr!;
}

/** The figures card's facts (the incidents' and, after them, the problems' and changes'). */
function figuresOf(card: any): Record<string, string> {
  const column = card.body.find((b: any) => b.type === 'ColumnSet').columns[0];
  const facts = column.items.filter((i: any) => i.type === 'FactSet').flatMap((f: any) => f.facts) as { title: string; value: string }[];
  return Object.fromEntries(facts.map((f) => [f.title.trim(), f.value]));
}

async function figuresCard(conv: Conv, month: string): Promise<any> {
  const before = connector.sent(conv.conversationId).length;
  await bot.send(conv.message(`incidents figures ${month}`));
  return connector.sent(conv.conversationId).slice(before).flatMap((a: any) => (a.attachments ?? []).map((x: any) => x.content)).at(-1);
}

async function raiseChange(conv: Conv, title: string, category: string): Promise<any> {
  const raised = await press(conv, 'change.raise', { source: { kind: 'manual' }, changeTitle: title, changeReason: 'For the service review', changeRisk: 'low', changeUrgency: 'medium', changeImpact: 'medium', changeCategory: category });
  expect(raised.text).toContain('is raised');
  return lastPosted(conv);
}

async function changeStatus(conv: Conv, id: string, card: unknown, to: string, inputs: Record<string, string> = {}): Promise<unknown> {
  const r = await press(conv, 'change.status', { changeId: id, etag: etagOf(card), to, ...inputs });
  expect(r.text, r.text.slice(0, 300)).not.toMatch(/cannot|Say who|Give the planned|Record the outcome|Someone else/);
  return r.card ?? lastPosted(conv);
}

describe('the monthly service review figures', () => {
  it('counts technical and non-technical escalations, problems opened and closed and changes by category for the month, in a budget', async () => {
    const conv = await seed.installedChannel();
    // October: a problem is opened; it is closed in November.
    await press(conv, 'problem.create', { problemTitle: 'Meetings fail to start on Mondays' });
    now = new Date('2026-11-10T09:00:00Z');
    await press(conv, 'problem.create', { problemTitle: 'Calls drop in Building 6' });
    const closed = await press(conv, 'problem.status', { problemId: 'PRB-0001', etag: etagOf((await press(conv, 'problem.refresh', { problemId: 'PRB-0001' })).card), problemStatus: 'closed' });
    expect(closed.text).toContain('Closed');

    // To the vendor: suggested technical, kept.
    const toVendor = await escalateTo(conv, 'vendor');
    expect(toVendor).toContain(kindFact('Technical'));
    await confirmEscalation(conv);
    // Our operational procedures: suggested non-technical.
    const procedures = await escalateTo(conv, 'operating-procedures');
    expect(procedures).toContain(kindFact('Non-technical'));
    await confirmEscalation(conv);
    // To the vendor, but the escalation is about the handling: changed on the confirmation card.
    await escalateTo(conv, 'vendor');
    const edit = buttons(lastPosted(conv)).find((b) => b.verb === 'escalation.edit');
    expect(edit).toBeDefined();
    const asked = await press(conv, 'escalation.edit', { ...edit!.data, editStep: 'kind' });
    expect(JSON.stringify(asked.card ?? asked.text) + text(lastPosted(conv))).toContain('Is this a technical or a non-technical escalation?');
    expect(await say(conv, 'it depends')).toContain('Please answer "technical" or "non-technical".');
    await say(conv, 'non-technical');
    expect(JSON.stringify(lastPosted(conv))).toContain(kindFact('Non-technical'));
    const sr = await confirmEscalation(conv);
    expect(JSON.stringify((await press(conv, 'incident.refresh', { incidentId: sr })).card)).toContain(kindFact('Non-technical'));

    // Changes of each category; the emergency one reviewed after it was made.
    await raiseChange(conv, 'Rotate the meeting room certificates', 'standard');
    await raiseChange(conv, 'Add a second SIP trunk', 'normal');
    let emergency = await raiseChange(conv, 'Patch the mail relay now', 'emergency');
    emergency = await changeStatus(conv, 'RFC-0003', emergency, 'approved', { changeApprover: 'Head of IT' });
    emergency = await changeStatus(conv, 'RFC-0003', emergency, 'scheduled', { windowStartDate: '2026-11-10', windowStartTime: '12:00', windowEndDate: '2026-11-10', windowEndTime: '13:00' });
    emergency = await changeStatus(conv, 'RFC-0003', emergency, 'implemented', { changeOutcome: 'Patched; mail flows again' });
    await changeStatus(conv, 'RFC-0003', emergency, 'reviewed');

    calls.length = 0;
    const card = await figuresCard(conv, '2026-11');
    const budget = { calls: calls.length, rows: calls.reduce((n, c) => n + c.rows, 0) };
    expect(figuresOf(card)).toMatchObject({
      Recorded: '3',
      'Technical escalations': '1',
      'Non-technical escalations': '2',
      'Kind not recorded': '0',
      'Problems opened': '1',
      'Problems resolved or closed': '1',
      'Standard changes raised': '1',
      'Normal changes raised': '1',
      'Emergency changes raised': '1',
      'Emergency changes reviewed': '1',
    });
    // The conversation's row, the incident settings (read once by the command, which hands the
    // time zone to the figures: none saved, no row), the month's three incidents (each knows its
    // highest severity, so no timeline is read) and one point read of the problems-and-changes
    // summary: no scan of problems or changes.
    expect(calls.map((c) => c.table).sort()).toEqual(['Conversations', 'Incidents', 'Incidents', 'ProblemsChanges']);
    expect(budget).toEqual({ calls: 4, rows: 5 });

    const october = figuresOf(await figuresCard(conv, '2026-10'));
    expect(october).toMatchObject({ Recorded: '0', 'Problems opened': '1', 'Problems resolved or closed': '0', 'Standard changes raised': '0', 'Emergency changes reviewed': '0' });
    expect(await say(conv, 'incidents figures 2026-13')).toContain('is not a month');
    await screenshot('service-review-figures', [{ caption: 'incidents figures 2026-11', card }]);
  });

  it('keeps tenants apart: another team\'s month shows nothing of this one', async () => {
    const one = await seed.installedChannel();
    now = new Date('2026-11-12T09:00:00Z');
    await press(one, 'problem.create', { problemTitle: 'Only in the first tenant' });
    await raiseChange(one, 'Only in the first tenant too', 'emergency');
    const two = await seed.installedChannel();
    expect(figuresOf(await figuresCard(two, '2026-11'))).toMatchObject({ 'Problems opened': '0', 'Emergency changes raised': '0', 'Technical escalations': '0' });
  });
});

describe('remediation targets per category', () => {
  const tabAct = async (conv: Conv, verb: string, data: Record<string, unknown>) => {
    const r = await fetch(`${bot.url}/api/tab/actions`, { method: 'POST', headers: dev, body: JSON.stringify({ view: 'findings', workspace: workspaceParam(workspaceOf(conv)), params: {}, verb, data }) });
    expect(r.status).toBe(200);
    return ((await r.json()) as any).cards[0];
  };
  const inputs = (card: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    const walk = (n: unknown) => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const o = n as Record<string, any>;
        if (typeof o.type === 'string' && o.type.startsWith('Input.')) out[o.id] = o.value;
        Object.values(o).forEach(walk);
      }
    };
    walk(card);
    return out;
  };

  async function startRemediation(conv: Conv, shortcut: string): Promise<string> {
    const id = await seed.fileFinding(conv, shortcut);
    for (const verb of ['finding.accept', 'finding.start']) {
      const card = (await press(conv, 'finding.refresh', { findingId: id })).card;
      const r = await press(conv, verb, { findingId: id, etag: buttons(card).find((b) => b.verb === verb)!.data.etag });
      expect(r.text).not.toContain("Can't");
    }
    return id;
  }

  it('a category\'s own time box, edited on the settings card, decides when its findings in remediation are overdue', async () => {
    now = new Date('2026-11-02T09:00:00Z');
    const conv = await seed.installedChannel();
    const opened = await tabAct(conv, 'finding.settings.open', {});
    const typed = inputs(opened);
    expect(text(opened)).toContain('Remediation time box by category (days)');
    expect(typed.rem_vpn).toBe(''); // blank: the default of 30 days applies
    const bad = await tabAct(conv, 'finding.settings.save', { ...typed, rem_vpn: '400' });
    expect(text(bad)).toContain('Days to remediate, VPN: 400 is out of range; use 1 to 365 days.');
    const saved = await tabAct(conv, 'finding.settings.save', { ...typed, rem_vpn: '5' });
    expect(text(saved)).toContain('Saved.');
    expect(inputs(saved).rem_vpn).toBe('5');
    await screenshot('quality-settings-remediation', [{ caption: 'Quality settings after a refused and a valid save', card: saved }]);

    const vpn = await startRemediation(conv, 'finding VPN: poor audio in Building 6, PSR 4.1%');
    const wifi = await startRemediation(conv, 'finding Wi-Fi: poor audio in Building 2, PSR 5.2%');
    now = new Date('2026-11-08T09:00:00Z'); // six days on
    const overdue = await say(conv, 'findings overdue');
    expect(overdue).toContain(vpn);
    expect(overdue).not.toContain(wifi);
    now = new Date('2026-12-03T09:00:00Z'); // 31 days on: past the default too
    expect(await say(conv, 'findings overdue')).toContain(wifi);
  });
});
