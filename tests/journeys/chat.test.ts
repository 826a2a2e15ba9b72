// Journeys in chat, on the product as `npm start` runs it: every help-card command in a personal
// chat, a group chat and a team channel of two tenants; the finding and escalation dialogs walked
// to a filed record; lists whose filters and pages hold exactly what they say; nothing of one
// tenant visible to the other; everything still there after Ctrl-C and a new start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../bot/src/domain/commands';
import { type LocalConnector, startConnector } from '../support/connector';
import { endJourney, type LaunchedProduct, launchProduct } from './support/product';
import { brokenIn, buttons, type Conv, SCOPES, TeamsClient, tenant, type Tenant } from './support/teams';

let connector: LocalConnector;
let product: LaunchedProduct;
let teams: TeamsClient;
let a: Tenant;
let b: Tenant;
const errorLines: string[] = [];

beforeAll(async () => {
  connector = await startConnector();
  product = await launchProduct();
  teams = new TeamsClient(product, connector);
  a = tenant(connector, 'ana');
  b = tenant(connector, 'ben');
  for (const t of [a, b]) for (const s of SCOPES) await teams.install(t[s]);
});

afterAll(async () => {
  errorLines.push(...(await endJourney(product, connector)));
  // The run fails on any error the app logged, whatever test caused it.
  expect(errorLines).toEqual([]);
});

const ids = (text: string, re: RegExp) => [...new Set(text.match(re) ?? [])].sort();
const QF = /QF-\d{4}/g;
const SR = /SR-\d{6}-\d{4,}/g;

async function expectCard(conv: Conv, text: string) {
  const r = await teams.say(conv, text);
  expect(r.cards.length, `"${text}" in a ${conv.conversationId.slice(0, 3)} conversation answered without a card: ${r.text.slice(0, 300)}`).toBeGreaterThan(0);
  expect(brokenIn(r.text), `"${text}": ${r.text.slice(0, 400)}`).toBeUndefined();
  return r;
}

async function confirmFrom(conv: Conv, cards: any[], verb: string) {
  const confirm = cards.flatMap((c) => buttons(c)).find((x) => x.verb === verb);
  expect(confirm, `no ${verb} button`).toBeDefined();
  const r = await teams.press(conv, confirm!.verb, confirm!.data);
  expect(brokenIn(r.text), r.text.slice(0, 400)).toBeUndefined();
  return r;
}

describe('every command of the help card', () => {
  const commands = [...COMMANDS.map((c) => c.example), 'roles stakeholders'];
  for (const scope of SCOPES) {
    it(`answers with a card in a ${scope} conversation of both tenants`, async () => {
      for (const t of [a, b]) {
        for (const command of commands) {
          await expectCard(t[scope], command);
          // The two dialogs wait for an answer: leave them so the next command is a command.
          if (command === 'finding' || command === 'escalate') expect((await teams.say(t[scope], 'cancel')).text).toMatch(/Cancelled/);
        }
      }
    });
  }

  it('answers words of Object.prototype typed as commands like any unknown word', async () => {
    for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const r = await teams.say(a.personal, word);
      expect(r.activities.length, word).toBeGreaterThan(0);
      expect(brokenIn(r.text), `${word}: ${r.text.slice(0, 300)}`).toBeUndefined();
    }
  });

  it('answers the sub-commands the help card names without an error', async () => {
    for (const text of ['reminders rates', `incidents figures ${new Date().toISOString().slice(0, 7)}`, 'agenda add Budget for a Wi-Fi survey']) {
      const r = await teams.say(a.channel, text);
      expect(r.activities.length, text).toBeGreaterThan(0);
      expect(brokenIn(r.text), `${text}: ${r.text.slice(0, 300)}`).toBeUndefined();
    }
  });
});

describe('the finding dialog', () => {
  it('walks every question in a channel, re-asks a bad answer with the reason, and files the finding', async () => {
    const conv = a.channel;
    expect((await teams.say(conv, 'finding')).text).toContain('Which kind of problem is it?');
    expect((await teams.say(conv, 'printer')).text).toContain('I don\'t know the category');
    expect((await teams.say(conv, 'vpn')).text).toContain('Which part of the quality review found it?');
    expect((await teams.say(conv, 'skip')).text).toContain('Which building or site is affected?');
    expect((await teams.say(conv, 'Building 6')).text).toContain('Which subnet');
    expect((await teams.say(conv, 'skip')).text).toContain('Which network were the calls on?');
    expect((await teams.say(conv, 'vpn')).text).toContain('Which metric shows the problem?');
    expect((await teams.say(conv, 'PSR')).text).toContain('What poor stream rate did you see');
    expect((await teams.say(conv, 'lots')).text).toContain('is not a percentage');
    expect((await teams.say(conv, '4.1%')).text).toContain('What did you see?');
    expect((await teams.say(conv, 'journey-walked poor audio in Building 6')).text).toContain('A link to the evidence');
    expect((await teams.say(conv, 'skip')).text).toContain('Which team must remediate it?');
    const draft = await teams.say(conv, 'Network Operations');
    expect(draft.text).toContain('Check the finding before I file it');
    const filed = await confirmFrom(conv, draft.cards, 'finding.confirm');
    expect(filed.text).toMatch(/QF-\d{4} · VPN/);
  });

  it('recognises a command typed while a question waits, with the arguments it takes', async () => {
    const conv = b.personal;
    await teams.say(conv, 'finding');
    for (const text of ['findings vpn', 'incidents all', 'roles stakeholders', 'agenda add Budget for a Wi-Fi survey', 'reminders rates', 'escalate sev A outage for Exchange']) {
      expect((await teams.say(conv, text)).text, text).toContain('Leave it and run');
    }
    expect((await teams.say(conv, 'cancel')).text).toContain('Cancelled');
  });

  it('cancels at any step and files nothing; the one-line shortcut files in one turn and a confirmation', async () => {
    const conv = a.group;
    await teams.say(conv, 'finding');
    await teams.say(conv, 'wifi');
    expect((await teams.say(conv, 'cancel')).text).toContain('Cancelled: the finding was not saved.');
    expect(ids((await teams.say(conv, 'findings')).text, QF)).toEqual([]);

    const draft = await teams.say(conv, 'finding VPN: journey-shortcut poor audio in HQ Building 2, PSR 4.1%');
    expect(draft.text).toContain('Check the finding before I file it');
    const filed = await confirmFrom(conv, draft.cards, 'finding.confirm');
    expect(ids(filed.text, QF)).toEqual(['QF-0001']);
    expect(ids((await teams.say(conv, 'findings')).text, QF)).toEqual(['QF-0001']);
  });
});

describe('the escalation dialog', () => {
  it('walks every question, re-asks a bad severity, and files an incident with an SR number', async () => {
    const conv = a.personal;
    await teams.say(conv, 'escalate');
    for (const answer of ['Teams meetings', 'Meetings fail to start with error 500', 'No customer meetings can be held', 'all users', '20 minutes ago']) {
      const r = await teams.say(conv, answer);
      expect(brokenIn(r.text), `${answer}: ${r.text.slice(0, 300)}`).toBeUndefined();
    }
    expect((await teams.say(conv, 'Z')).text).toMatch(/severity/i);
    await teams.say(conv, 'B');
    const draft = await teams.say(conv, 'vendor');
    const filed = await confirmFrom(conv, draft.cards, 'escalation.confirm');
    expect(ids(filed.text, SR)).toHaveLength(1);
    expect(ids((await teams.say(conv, 'incidents')).text, SR)).toEqual(ids(filed.text, SR));
  });
});

describe('lists, tenants and restarts', () => {
  it('filters and pages return exactly what they say', async () => {
    const conv = a.personal;
    const vpn: string[] = [];
    const wifi: string[] = [];
    for (let i = 0; i < 8; i++) {
      const draft = await teams.say(conv, `finding VPN: paging-${i} poor audio in Building ${i + 1}, PSR 4.${i}%`);
      vpn.push(...ids((await confirmFrom(conv, draft.cards, 'finding.confirm')).text, QF));
    }
    for (let i = 0; i < 4; i++) {
      const draft = await teams.say(conv, `finding Wi-Fi: paging-${i} poor audio in Building ${i + 20}, PSR 3.${i}%`);
      wifi.push(...ids((await confirmFrom(conv, draft.cards, 'finding.confirm')).text, QF));
    }
    expect(vpn).toHaveLength(8);
    expect(wifi).toHaveLength(4);

    const first = await teams.say(conv, 'findings');
    const page1 = ids(first.text, QF);
    expect(page1).toHaveLength(10);
    const more = first.cards.flatMap((c) => buttons(c)).find((x) => x.verb === 'finding.list' && x.data.continuationToken);
    expect(more, 'a button to the next page').toBeDefined();
    const page2 = ids((await teams.press(conv, more!.verb, more!.data)).text, QF);
    expect([...page1, ...page2].sort()).toEqual([...vpn, ...wifi].sort());
    expect(page1.filter((id) => page2.includes(id))).toEqual([]);

    expect(ids((await teams.say(conv, 'findings vpn')).text, QF)).toEqual([...vpn].sort());
    expect(ids((await teams.say(conv, 'findings wifi')).text, QF)).toEqual([...wifi].sort());
  });

  it('shows nothing of tenant A to tenant B, in any conversation', async () => {
    for (const scope of SCOPES) {
      const mine = await teams.say(a[scope], 'findings');
      const theirs = await teams.say(b[scope], 'findings');
      expect(theirs.text).not.toMatch(/journey-|paging-/);
      expect(ids(theirs.text, QF), `tenant B's ${scope} findings`).toEqual([]);
      expect(ids((await teams.say(b[scope], 'incidents')).text, SR)).toEqual([]);
      if (scope !== 'personal') expect(mine.text).not.toMatch(/paging-/); // a's personal chat is its own workspace
    }
  });

  it('keeps everything filed across Ctrl-C and a new npm start on the same data folder', async () => {
    const before = { findings: ids((await teams.say(a.personal, 'findings all')).text, QF), incidents: ids((await teams.say(a.personal, 'incidents all')).text, SR) };
    expect(before.findings.length).toBeGreaterThan(0);
    expect(before.incidents.length).toBeGreaterThan(0);
    errorLines.push(...product.errorLines());
    expect(await product.stop()).toBe(0);
    product = await launchProduct({ dataDir: product.dataDir });
    teams = new TeamsClient(product, connector);
    expect(ids((await teams.say(a.personal, 'findings all')).text, QF)).toEqual(before.findings);
    expect(ids((await teams.say(a.personal, 'incidents all')).text, SR)).toEqual(before.incidents);
  });
});
