// Issue 3 end to end over HTTP: the `finding` dialog and its one-line shortcut, the finding
// card's actions (ETag conflicts, redelivery), the `findings` list, storage outages and hostile
// text. Activities go in the way Teams sends them; replies are captured by the local connector;
// what was filed is read back from Azurite.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationTarget } from '../../bot/src/domain/conversation-target';
import type { Finding } from '../../bot/src/domain/findings/finding';
import { FindingService } from '../../bot/src/domain/findings/finding-service';
import type { OwningTeamChannels } from '../../bot/src/domain/findings/owning-team-channels';
import type { Workspace } from '../../bot/src/domain/workspace';
import { createFindingsFeature } from '../../bot/src/features/findings-feature';
import { TableFindingRepository } from '../../bot/src/storage/findings/table-finding-repository';
import { TableCounterRepository } from '../../bot/src/storage/table-counter-repository';
import type { TableStore } from '../../bot/src/storage/table-store';
import { CONFLICT_MESSAGE } from '../../bot/src/teams/findings/finding-actions';
import { startAzurite } from '../../scripts/lib/azurite.mjs';
import { conversation, cardAction } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';
import { actionData, cardTexts } from '../support/card-inspect';

type Conv = ReturnType<typeof conversation>;
const now = new Date('2026-03-02T09:00:00Z');

/** Owning-team channels the test controls: workspace key → the channel's conversation id. */
const owningChannels = new Map<string, string>();
let connector: LocalConnector;
const channels: OwningTeamChannels = {
  async channelFor(ws, role) {
    const id = owningChannels.get(`${ws.scopeId}|${role}`);
    if (!id) return undefined;
    const target: ConversationTarget = {
      workspace: ws, conversationId: id, kind: 'channel', serviceUrl: connector.serviceUrl, channelId: 'msteams', active: true,
      installedAt: now.toISOString(), lastSeenAt: now.toISOString(),
      reference: JSON.stringify({ serviceUrl: connector.serviceUrl, channelId: 'msteams', conversation: { id, isGroup: true, conversationType: 'channel' }, bot: { id: '28:service-ops-bot', name: 'Service Ops' } }),
    };
    return target;
  },
};

let bot: ServiceOpsUnderTest;
let repo: TableFindingRepository;
beforeAll(async () => {
  connector = await startConnector();
  bot = await startServiceOps({}, { features: [createFindingsFeature({ channels })], clock: () => now });
  repo = new TableFindingRepository(bot.app.store.client('Findings'));
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

// ---- helpers -------------------------------------------------------------------------------
const wsOf = (conv: Conv): Workspace => (conv.teamId ? { tenantId: conv.tenantId, scope: 'team', scopeId: conv.teamId } : { tenantId: conv.tenantId, scope: 'chat', scopeId: conv.conversationId });
const content = (a: any) => a?.attachments?.[0]?.content;
const replyText = (a: any) => JSON.stringify(content(a) ?? a?.text ?? '');
const lastReply = (c: LocalConnector = connector) => c.sent().at(-1);
const texts = cardTexts;
function actions(card: unknown): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, any>;
      if (typeof o.verb === 'string') out.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}
const button = (conv: Conv, value: string) => ({ ...conv.message(''), text: undefined, value: { dialog: 'finding', dialogAnswer: value } });
const invoke = (conv: Conv, verb: string, data: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => cardAction(conv, verb, data, { extra });
const as = (conv: Conv, user: { id: string; name: string }) => ({ ...conv, message: (t: string, e: Record<string, unknown> = {}) => ({ ...conv.message(t, e), from: user }) });

/** Sends a message (or button press) and returns the bot's reply text/card JSON. */
async function say(conv: Conv, text: string, c: LocalConnector = connector, target: ServiceOpsUnderTest = bot): Promise<string> {
  const before = c.sent().length;
  await target.send(conv.message(text));
  expect(c.sent().length).toBeGreaterThan(before);
  return c.sent().slice(before).map(replyText).join('\n');
}
async function press(conv: Conv, value: string): Promise<string> {
  const before = connector.sent().length;
  await bot.send(button(conv, value));
  return connector.sent().slice(before).map(replyText).join('\n');
}

const SHORTCUT = 'finding VPN: poor audio in Building 6, PSR 4.1%';
/** Fields that must match between two ways of filing the same finding (ids, times, etags excluded). */
const comparable = (f: Finding) => {
  const { id, number, createdAt, updatedAt, statusSince, dueAt, etag, createdBy, updatedBy, workspace, ...rest } = f;
  return rest;
};
async function fileByShortcut(conv: Conv, text = SHORTCUT): Promise<{ card: any; finding: Finding }> {
  expect(await say(conv, text)).toContain('Check the finding before I file it');
  const res = await bot.send(invoke(conv, 'finding.confirm', { draftId: 'x' }));
  const card = res.body.value;
  const id = /QF-\d{4}/.exec(JSON.stringify(card))![0];
  return { card, finding: (await repo.get(wsOf(conv), id))! };
}
async function allFindings(ws: Workspace, r: TableFindingRepository = repo): Promise<Finding[]> {
  return (await r.list(ws, { statuses: ['new', 'accepted', 'in-remediation', 'remediated', 'verified', 'wont-fix'] }, { pageSize: 1000 })).items;
}

// ---- (1) the whole dialog, cancel, and the shortcut -----------------------------------------
describe('the finding dialog', () => {
  it('walks every question, re-asks invalid answers with the reason, files to Azurite with history, and announces it to the owning team', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const ws = wsOf(conv);
    const owningChannel = `19:owning-${randomUUID()}@thread.tacv2`;
    owningChannels.set(`${ws.scopeId}|Network Operations`, owningChannel);

    let r = await say(conv, 'finding');
    expect(r).toContain('Which kind of problem is it?');
    expect(r).toContain('"type":"Input.ChoiceSet","id":"answer"');
    expect(r).toContain('{"title":"VPN","value":"vpn"}');
    r = await say(conv, 'printer');
    expect(r).toContain('I don\'t know the category \\"printer\\"');
    expect(r).toContain('Which kind of problem is it?');
    expect(await press(conv, 'vpn')).toContain('Which part of the quality review found it?');
    expect(await press(conv, 'skip')).toContain('Which building or site is affected?');
    expect(await say(conv, 'Building 6')).toContain('Which subnet, in CIDR form');
    r = await say(conv, '10.60.1.7/24');
    expect(r).toContain('host bits set');
    expect(await press(conv, 'skip')).toContain('Which network were the calls on?');
    expect(await press(conv, 'vpn')).toContain('Which metric shows the problem?');
    expect(await say(conv, 'PSR')).toContain('What poor stream rate did you see, in percent?');
    expect(await say(conv, 'lots')).toContain('\\"lots\\" is not a percentage');
    r = await say(conv, '4.1%');
    expect(r).toContain('What did you see? Describe the problem');
    expect(r).toContain('above the 2.0 % target');
    expect(await say(conv, 'poor audio in Building 6')).toContain('A link to the evidence');
    expect(await say(conv, 'javascript:alert(1)')).toContain('Links starting with javascript: can\'t be opened from a card');
    r = await press(conv, 'skip');
    expect(r).toContain('Which team must remediate it? The usual owner is Network Operations.');
    expect(await say(conv, 'Printers')).toContain('\\"Printers\\" is not a team in the role map');
    r = await press(conv, 'Network Operations');
    expect(r).toContain('Check the finding before I file it');
    expect(r).toContain('"verb":"finding.confirm"');

    const res = await bot.send(invoke(conv, 'finding.confirm', { draftId: 'x' }));
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const card = res.body.value;
    expect(texts(card)).toContain('QF-0001 · VPN');
    expect(connector.updated().some((a) => JSON.stringify(a).includes('QF-0001 · VPN'))).toBe(true);
    // The refresh block names the reporter so Teams keeps the card current for them.
    expect(card.refresh.userIds).toContain(conv.user.id);

    const stored = await repo.get(ws, 'QF-0001');
    expect(stored).toMatchObject({
      category: 'vpn', area: 'call-quality', building: 'Building 6', networkType: 'vpn', metric: 'poor-stream-rate', value: 4.1, unit: '%',
      description: 'poor audio in Building 6', owningRole: 'Network Operations', status: 'new', source: 'chat', version: 1, target: 2,
      createdBy: { id: conv.user.id, name: conv.user.name },
    });
    expect(stored!.subnet).toBeUndefined();
    const history = await repo.history(ws, 'QF-0001');
    expect(history).toEqual([expect.objectContaining({ version: 1, action: 'create', to: 'new', summary: 'filed for Network Operations', actor: { id: conv.user.id, name: conv.user.name } })]);
    // Announced once in the owning team's channel.
    expect(connector.sent(owningChannel).map(replyText).filter((t) => t.includes('QF-0001 · VPN'))).toHaveLength(1);

    // The same finding through the one-line shortcut matches field for field.
    const viaShortcut = await fileByShortcut(conv);
    expect(viaShortcut.finding.id).toBe('QF-0002');
    expect(comparable(viaShortcut.finding)).toEqual(comparable(stored!));
  });

  it('cancels at any step and files nothing', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'groupChat' });
    await say(conv, 'finding');
    await press(conv, 'wifi');
    await press(conv, 'skip');
    expect(await say(conv, 'Building 2')).toContain('Which subnet');
    const r = await say(conv, 'cancel');
    expect(r).toContain('Cancelled: the finding was not saved.');
    expect(await say(conv, 'skip')).toContain('I don\'t know');
    expect(await allFindings(wsOf(conv))).toEqual([]);
  });

  it('takes the shortcut to confirmation, and a message "confirm" files it', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl });
    expect(await say(conv, SHORTCUT)).toContain('Check the finding before I file it');
    expect(await say(conv, 'confirm')).toContain('QF-0001 · VPN');
    expect(await allFindings(wsOf(conv))).toHaveLength(1);
  });
});

// ---- commands typed mid-dialog, and confirmation cards of earlier drafts ----------------------
describe('the finding dialog and what else gets typed', () => {
  const words = (card: unknown) => texts(card).join('');
  const lastCard = () => content(lastReply());

  it('asks before leaving for a command, and takes prose that starts with a command word as the answer', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    expect(await say(conv, 'finding')).toContain('Which kind of problem is it?');
    await say(conv, 'findings');
    const ask = lastCard();
    expect(words(ask)).toContain('You\'re in the middle of a new finding (question: Which kind of problem is it?). Leave it and run findings?');
    expect(actionData(ask, 'dialog.answer')).toBeUndefined();
    const stay = await bot.send(invoke(conv, 'dialog.stay', actionData(ask, 'dialog.stay')!));
    expect(words(stay.body.value)).toContain('Which kind of problem is it?');

    await press(conv, 'vpn');
    await press(conv, 'skip');
    await say(conv, 'Building 6');
    await press(conv, 'skip');
    await press(conv, 'vpn');
    expect(await press(conv, 'skip')).toContain('What did you see?');
    // A one-line finding typed here is a command; the description question could take it too.
    await say(conv, 'finding Wi-Fi: no coverage in Building 2');
    const shortcutAsk = lastCard();
    expect(words(shortcutAsk)).toContain('Leave it and run finding Wi-Fi: no coverage in Building 2?');
    expect(actionData(shortcutAsk, 'dialog.answer')).toMatchObject({ step: 'description', answer: 'finding Wi-Fi: no coverage in Building 2' });
    // Prose that only starts with a command word is the description, as typed.
    expect(await say(conv, 'findings from last week\'s audit were bad')).toContain('A link to the evidence');
    // The earlier question's "It's my answer" no longer applies: nothing is overwritten.
    const late = await bot.send(invoke(conv, 'dialog.answer', actionData(shortcutAsk, 'dialog.answer')!));
    expect(words(late.body.value)).toContain('That was an answer to an earlier question, so I did not use it.');
    expect(words(late.body.value)).toContain('A link to the evidence');
    await press(conv, 'skip');
    expect(await press(conv, 'Network Operations')).toContain('Check the finding before I file it');
    const filed = await bot.send(invoke(conv, 'finding.confirm', actionData(lastCard(), 'finding.confirm')!));
    const id = /QF-\d{4}/.exec(JSON.stringify(filed.body.value))![0];
    expect(await repo.get(wsOf(conv), id)).toMatchObject({ description: 'findings from last week\'s audit were bad', building: 'Building 6' });
  });

  it('a confirmation card of an earlier draft files nothing and says so; the open draft files from its own card', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await say(conv, SHORTCUT);
    const first = actionData(lastCard(), 'finding.confirm')!;
    expect(first.draftId).toMatch(/^finding:/);
    await say(conv, 'cancel');
    await say(conv, 'finding Wi-Fi: no coverage in Building 2');
    const second = actionData(lastCard(), 'finding.confirm')!;

    const stale = await bot.send(invoke(conv, 'finding.confirm', first));
    expect(stale.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(words(stale.body.value)).toContain('This card is out of date, so nothing was filed.');
    expect(actions(stale.body.value)).toEqual([]);
    expect(await allFindings(wsOf(conv))).toEqual([]);

    await bot.send(invoke(conv, 'finding.confirm', second));
    const after = await allFindings(wsOf(conv));
    expect(after.map((f) => f.description)).toEqual(['no coverage in Building 2']);
    // Pressed again once nothing is open: a message, nothing more filed.
    const late = await bot.send(invoke(conv, 'finding.confirm', first));
    expect(late.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: 'This finding was already filed or discarded, so nothing more was filed.' });
    const discard = await bot.send(invoke(conv, 'finding.discard', second));
    expect(discard.body.value).toBe('Nothing to discard: this finding was already filed or discarded.');
    expect(await allFindings(wsOf(conv))).toHaveLength(1);
  });
});

// ---- (2) redelivery and concurrent card actions ---------------------------------------------
describe('filing exactly once, and two people on one card', () => {
  it('files one finding when the confirm invoke is delivered twice, at once and again later', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await say(conv, SHORTCUT);
    const confirm = invoke(conv, 'finding.confirm', { draftId: 'x' });
    const [a, b] = await Promise.all([bot.send(confirm), bot.send(confirm)]);
    for (const x of [a, b]) expect(x.status).toBe(200);
    // Every delivery gets the first answer: the filed card.
    const again = await bot.send(confirm);
    for (const x of [b, again]) expect(x.body).toEqual(a.body);
    expect(JSON.stringify(a.body)).toContain('QF-0001 · VPN');
    expect(await allFindings(wsOf(conv))).toHaveLength(1);
  });

  it('files one finding when the message "confirm" is delivered twice, at once and again later', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'groupChat' });
    await say(conv, SHORTCUT);
    const confirm = conv.message('confirm');
    await Promise.all([bot.send(confirm), bot.send(confirm)]);
    await bot.send(confirm);
    expect(await allFindings(wsOf(conv))).toHaveLength(1);
    expect(connector.sent().filter((a) => replyText(a).includes('QF-0001 · VPN') && a.conversation?.id === conv.conversationId).length).toBeGreaterThanOrEqual(1);
  });

  it('tells the second of two people acting on a stale card to retry, and loses neither of two notes', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const ws = wsOf(conv);
    const { card, finding } = await fileByShortcut(conv);
    const etag = actions(card).find((x) => x.verb === 'finding.accept')!.data.etag;
    expect(etag).toBe(finding.etag);
    const alice = { id: `29:alice-${randomUUID()}`, name: 'Alice Network' };
    const bob = { id: `29:bob-${randomUUID()}`, name: 'Bob Network' };

    // At the same moment: Alice accepts, Bob closes it as won't fix, both from the same card.
    const [ra, rb] = await Promise.all([
      bot.send(invoke(as(conv, alice), 'finding.accept', { findingId: finding.id, etag })),
      bot.send(invoke(as(conv, bob), 'finding.wontfix', { findingId: finding.id, etag, reason: 'Out of scope' })),
    ]);
    const bodies = [ra.body.value, rb.body.value].map((c) => JSON.stringify(c));
    expect(bodies.filter((b) => b.includes(CONFLICT_MESSAGE))).toHaveLength(1);
    const after = (await repo.get(ws, finding.id))!;
    expect(['accepted', 'wont-fix']).toContain(after.status);
    expect(after.version).toBe(2);
    // The loser's card shows the winner's change, with the same ETag as what is stored.
    const loser = [ra.body.value, rb.body.value].find((c) => JSON.stringify(c).includes(CONFLICT_MESSAGE));
    expect(texts(loser)).toContain(after.status === 'accepted' ? 'Accepted' : 'Won\'t fix');

    // A stale card, sequentially: the retry with the fresh card works.
    const stale = await bot.send(invoke(as(conv, bob), 'finding.note', { findingId: finding.id, etag, note: 'first note' }));
    expect(texts(stale.body.value)).toContain(': first note');

    // Two notes at once from stale cards: both land (notes are re-applied on the latest version).
    await Promise.all([
      bot.send(invoke(as(conv, alice), 'finding.note', { findingId: finding.id, etag, note: 'note from Alice' })),
      bot.send(invoke(as(conv, bob), 'finding.note', { findingId: finding.id, etag, note: 'note from Bob' })),
    ]);
    const notes = (await repo.history(ws, finding.id)).filter((h) => h.action === 'note').map((h) => h.text);
    expect(notes.sort()).toEqual(['first note', 'note from Alice', 'note from Bob']);

    // A decision from a card that is now stale is refused with the latest card and a retry request.
    const late = await bot.send(invoke(as(conv, bob), 'finding.start', { findingId: finding.id, etag }));
    expect(texts(late.body.value)).toContain(CONFLICT_MESSAGE);
    const fresh = (await repo.get(ws, finding.id))!;
    const retried = await bot.send(invoke(as(conv, bob), after.status === 'accepted' ? 'finding.start' : 'finding.reopen', { findingId: finding.id, etag: fresh.etag }));
    expect(JSON.stringify(retried.body.value)).not.toContain(CONFLICT_MESSAGE);
    expect((await repo.get(ws, finding.id))!.version).toBe(fresh.version + 1);
    // Everyone sees the change: the posted message was edited, and both actors get refreshes.
    expect(retried.body.value.refresh.userIds).toEqual(expect.arrayContaining([conv.user.id, alice.id, bob.id]));
  });

  it('refuses an illegal move with the reason, and card data that names no finding', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const { finding } = await fileByShortcut(conv);
    const r = await bot.send(invoke(conv, 'finding.verify', { findingId: finding.id, etag: finding.etag }));
    expect(texts(r.body.value).join(' ')).toContain('QF-0001 is new, so it can\'t be verified.');
    const bad = await bot.send(invoke(conv, 'finding.accept', { findingId: '../../etc', etag: 'x' }));
    expect(bad.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    const missing = await bot.send(invoke(conv, 'finding.accept', { findingId: 'QF-0999', etag: 'x' }));
    expect(missing.body.value).toBe('There is no finding QF-0999 here.');
  });
});

// ---- (4) hostile text -----------------------------------------------------------------------
describe('hostile text through the dialog', () => {
  const HOSTILE_LINES = [
    '[click me](https://evil.example/x) **not bold** # not a heading',
    '${finding.id} ${$root.title} {{x}} $when',
    '{"type":"Action.OpenUrl","url":"https://evil.example"} ]}',
    'שלום عليكم RTL \u202Ereversed\u202C',
    '🔥📞👩🏽‍💻 🇸🇪',
    '/ \\ # ? % < > & \' "',
  ];
  const HOSTILE = HOSTILE_LINES.join('\n');
  const BUILDING = 'Bldg ${x} / \\ # ? [a](b) 🇸🇪 שלום';

  it('stores it round-trip, shows it literally on every card, and refuses what cannot be kept with a clear message', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await say(conv, 'finding');
    await press(conv, 'other');
    await press(conv, 'skip');
    expect(await say(conv, `Building 1\u0007`)).toContain('invisible control character (U+0007)');
    expect(await say(conv, 'two\nlines')).toContain('must fit on one line');
    expect(await say(conv, BUILDING)).toContain('Which subnet');
    await press(conv, 'skip');
    await press(conv, 'skip');
    expect(await press(conv, 'skip')).toContain('What did you see?');
    expect(await say(conv, 'x'.repeat(40 * 1024))).toContain('40,960 characters; the most I can keep is 4,000');
    expect(await say(conv, `bell \u0007 in text`)).toContain('invisible control character (U+0007)');
    await say(conv, HOSTILE);
    await press(conv, 'skip');
    const before = connector.sent().length;
    await bot.send(button(conv, 'skip'));
    const confirmCard = content(connector.sent().slice(before).at(-1));
    expect(texts(confirmCard)).toContain(HOSTILE);
    expect(texts(confirmCard)).toContain(BUILDING);

    const res = await bot.send(invoke(conv, 'finding.confirm', {}));
    const card = res.body.value;
    expect(texts(card)).toContain(HOSTILE);
    expect(texts(card)).toContain(BUILDING);
    // Nothing in the card became an action or a link: the only actions are the card's own (and its link to a problem or change).
    for (const a of actions(card)) expect(a.verb).toMatch(/^(finding\.|problem\.(link|list)$|change\.draft$)/);
    expect(JSON.stringify(card)).not.toContain('"type":"Action.OpenUrl"');

    const stored = (await allFindings(wsOf(conv)))[0]!;
    expect(stored.description).toBe(HOSTILE);
    expect(stored.building).toBe(BUILDING);

    // A 40 KB note from the card is refused plainly; a hostile one is kept and shown literally.
    const big = await bot.send(invoke(conv, 'finding.note', { findingId: stored.id, etag: stored.etag, note: '📞'.repeat(20 * 1024) }));
    expect(texts(big.body.value).join(' ')).toMatch(/The note is 40,960 characters; the most I can keep is 2,000/);
    const noted = await bot.send(invoke(conv, 'finding.note', { findingId: stored.id, etag: stored.etag, note: HOSTILE_LINES[1]! }));
    expect(texts(noted.body.value)).toContain(`: ${HOSTILE_LINES[1]}`);
    expect((await repo.history(wsOf(conv), stored.id))[0]!.text).toBe(HOSTILE_LINES[1]);
  });
});

// ---- (6) the findings list --------------------------------------------------------------------
describe('findings', () => {
  it('lists open findings with filters and paging, and opens each as a finding card', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const ws = wsOf(conv);
    const service = new FindingService({ findings: repo, counters: new TableCounterRepository(bot.app.store.client('Counters')), clock: () => now });
    const actor = { id: conv.user.id, name: conv.user.name };
    for (let i = 1; i <= 12; i++) {
      const wifi = i % 4 === 0;
      const r = await service.create(ws, { category: wifi ? 'wifi' : 'vpn', building: `Building ${i}`, description: `Problem ${i}` }, actor, { idempotencyKey: `seed-${i}` });
      expect(r.ok).toBe(true);
    }
    // One closed finding, which the default (open) list leaves out.
    const closed = await service.act(ws, 'QF-0012', { type: 'wontfix', reason: 'duplicate' }, actor);
    expect(closed.ok).toBe(true);

    const list = async (text: string) => {
      const before = connector.sent().length;
      await bot.send(conv.message(text));
      return content(connector.sent().slice(before).at(-1));
    };
    const ids = (card: unknown) => actions(card).filter((a) => a.verb === 'finding.open').map((a) => a.data.findingId as string);

    const first = await list('findings');
    expect(ids(first)).toHaveLength(10);
    const next = actions(first).find((a) => a.title === 'Next page')!;
    expect(next.data.continuationToken).toBeTruthy();
    const page2 = await bot.send(invoke(conv, 'finding.list', next.data));
    expect(ids(page2.body.value)).toEqual(['QF-0011']);
    expect(actions(page2.body.value).some((a) => a.title === 'Next page')).toBe(false);
    expect([...ids(first), ...ids(page2.body.value)].sort()).toEqual(Array.from({ length: 11 }, (_, i) => `QF-${String(i + 1).padStart(4, '0')}`));

    expect(ids(await list('findings wifi'))).toEqual(['QF-0004', 'QF-0008']);
    expect(ids(await list('findings all wifi'))).toEqual(['QF-0004', 'QF-0008', 'QF-0012']);
    expect(ids(await list('findings won\'t fix'))).toEqual(['QF-0012']);
    // Filters from the card's inputs.
    const filtered = await bot.send(invoke(conv, 'finding.list', { category: 'wifi', status: 'all', owningRole: 'any', overdue: 'false' }));
    expect(ids(filtered.body.value)).toEqual(['QF-0004', 'QF-0008', 'QF-0012']);
    const overdue = await bot.send(invoke(conv, 'finding.list', { status: 'open', overdue: 'true' }));
    expect(ids(overdue.body.value)).toEqual([]);

    const bad = await list('findings bananas');
    expect(bad).toBeUndefined();
    expect(lastReply().text).toContain('I can\'t filter findings by "bananas"');

    // Each entry opens the finding card.
    for (const id of ['QF-0001', 'QF-0011']) {
      const before = connector.sent().length;
      const opened = await bot.send(invoke(conv, 'finding.open', { findingId: id }));
      expect(opened.body.value).toBe(`Opened ${id}.`);
      const posted = content(connector.sent().slice(before).at(-1));
      expect(texts(posted).some((t) => t.startsWith(`${id} · `))).toBe(true);
      expect(actions(posted).some((a) => a.verb === 'finding.accept' && a.data.findingId === id)).toBe(true);
    }
  });
});

// ---- (3) storage down at the confirmation step ----------------------------------------------
describe('storage down at the confirmation step', () => {
  it('tells the user plainly, keeps the draft, and files exactly once on retry when storage is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'azurite-findings-'));
    let azurite = await startAzurite({ location: dir });
    const own = await startServiceOps({ STORAGE_CONNECTION_STRING: azurite.connectionString }, { features: [createFindingsFeature()], clock: () => now });
    const ownConnector = await startConnector();
    try {
      const conv = conversation({ serviceUrl: ownConnector.serviceUrl, scope: 'channel' });
      expect(await say(conv, SHORTCUT, ownConnector, own)).toContain('Check the finding before I file it');
      await azurite.stop();
      const down = await say(conv, 'confirm', ownConnector, own);
      expect(down).toContain('I couldn\'t file your finding: storage is not answering.');
      expect(down).toContain('Your draft is kept');
      // A button press while it is still down says the same, and files nothing.
      const viaCard = await own.send(invoke(conv, 'finding.confirm', {}));
      expect(viaCard.body.value).toContain('Your draft is kept');

      azurite = await startAzurite({ location: dir, port: azurite.port });
      expect(await say(conv, 'retry', ownConnector, own)).toContain('QF-0001 · VPN');
      await say(conv, 'retry', ownConnector, own);
      // Counted from the raw rows: an in-process Azurite restarted on a persisted folder was seen
      // to ignore the repository's RowKey range filter (it returned the H| and K| rows too).
      const rows: string[] = [];
      for await (const e of (own.app.store as TableStore).client('Findings').listEntities()) rows.push(e.rowKey!);
      expect(rows.filter((k) => k.startsWith('F|'))).toEqual(['F|0000000001']);
      expect(rows.filter((k) => k.startsWith('K|'))).toHaveLength(1);
      const ownRepo = new TableFindingRepository((own.app.store as TableStore).client('Findings'));
      expect(await ownRepo.get(wsOf(conv), 'QF-0001')).toMatchObject({ description: 'poor audio in Building 6', building: 'Building 6', value: 4.1, version: 1 });
    } finally {
      await own.close();
      await ownConnector.close();
      await azurite.stop();
    }
  });
});
