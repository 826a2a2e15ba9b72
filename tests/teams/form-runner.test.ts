// The dialog machinery the finding and escalation dialogs stand on, driven over HTTP with a
// small demo form: one question at a time, re-asking invalid answers, cancel, resume after a
// pause, confirmation, idempotent submit, redelivery, and storage failures that lose nothing;
// a command typed while a question waits (asked about, never stored as the answer), and
// confirmation cards of earlier drafts (they file nothing), also with the real dialogs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../bot/src/domain/workspace';
import type { Feature } from '../../bot/src/features/feature';
import { createFindingsFeature } from '../../bot/src/features/findings-feature';
import { type BuiltIncidents, createIncidentsFeature } from '../../bot/src/features/incidents-feature';
import { TableFindingRepository } from '../../bot/src/storage/findings/table-finding-repository';
import { TableIncidentRepository } from '../../bot/src/storage/table-incident-repository';
import type { FormDefinition } from '../../bot/src/teams/dialogs/form';
import { startAzurite } from '../../scripts/lib/azurite.mjs';
import { conversation, cardAction } from '../support/activities';
import { actionData, cardTexts } from '../support/card-inspect';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

interface Demo { color?: string; size?: number; note?: string }
const filed = new Map<string, Demo>();
let failNextSubmit = false;
let now = new Date('2026-11-22T10:00:00Z');

const demoForm: FormDefinition<Demo> = {
  id: 'demo',
  noun: 'demo item',
  begin(args) {
    const m = /^(red|green)\s+(\d+)$/.exec(args.trim());
    if (args.trim() && !m) return { error: 'Shortcut not understood: try "finding red 5".' };
    return { draft: m ? { color: m[1], size: Number(m[2]), note: '' } : {} };
  },
  startedBy: { command: 'finding', takes: (args) => /^(red|green)\s+\d+$/.test(args.trim()) },
  steps: [
    {
      key: 'color',
      ask: () => ({ text: 'Which colour?', choices: [{ title: 'Red', value: 'red' }, { title: 'Green', value: 'green' }] }),
      answer: (input, d) => (['red', 'green'].includes(input.toLowerCase()) ? { ok: true, draft: { ...d, color: input.toLowerCase() } } : { ok: false, message: `"${input}" is not one of the colours: choose Red or Green.` }),
      skip: (d) => d.color !== undefined,
    },
    {
      key: 'size',
      ask: () => ({ text: 'What size, 1 to 10?' }),
      answer: (input, d) => {
        const n = Number(input);
        return Number.isInteger(n) && n >= 1 && n <= 10 ? { ok: true, draft: { ...d, size: n } } : { ok: false, message: 'The size is a whole number from 1 to 10.' };
      },
      skip: (d) => d.size !== undefined,
    },
    {
      key: 'note',
      ask: () => ({ text: 'Anything to add?', allowSkip: true }),
      answer: (input, d) => ({ ok: true, draft: { ...d, note: input === 'skip' ? '' : input } }),
      skip: (d) => d.note !== undefined,
    },
  ],
  confirmCard: (d) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `Confirm ${d.color} ${d.size}` }], actions: [{ type: 'Action.Execute', title: 'Confirm', verb: 'demo.confirm' }, { type: 'Action.Execute', title: 'Discard', verb: 'demo.discard' }] }),
  async submit(d, { idempotencyKey }) {
    if (failNextSubmit) {
      failNextSubmit = false;
      return { ok: false, retryable: true, message: 'I couldn\'t file your demo item: storage is not answering.' };
    }
    if (!filed.has(idempotencyKey)) filed.set(idempotencyKey, d);
    return { ok: true, card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `Filed ${d.color} ${d.size}` }] }, text: 'Filed' };
  },
};

const demoFeature: Feature = {
  name: 'demo',
  tables: [],
  register: ({ commands, verbs, forms }) => {
    forms.register(demoForm, verbs);
    commands.register('finding', (context, args) => forms.start(context, 'demo', args));
  },
};

let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
beforeAll(async () => {
  connector = await startConnector();
  bot = await startServiceOps({}, { features: [demoFeature], clock: () => now });
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

const lastReply = () => connector.sent().at(-1);
const cardText = (a: any) => JSON.stringify(a?.attachments?.[0]?.content ?? a?.text ?? '');
const lastCard = () => lastReply()?.attachments?.[0]?.content;
/** A card's words as read, one string (TextRuns joined). */
const words = (card: unknown) => cardTexts(card).join('');
const WELCOME = 'Service Ops: what I do and the commands I know';
/** The data of the Action.Submit titled `title` (answer buttons). */
function submitData(card: unknown, title: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (n: unknown) => {
    if (found || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const o = n as Record<string, unknown>;
    if (o.type === 'Action.Submit' && o.title === title) found = o.data as Record<string, unknown>;
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}
const invoke = (conv: ReturnType<typeof conversation>, verb: string, id?: string) => cardAction(conv, verb, {}, { id });
const answer = (conv: ReturnType<typeof conversation>, value: string) => ({ ...conv.message(''), text: undefined, value: { dialog: 'demo', dialogAnswer: value } });

describe('form dialogs', () => {
  it('changes an answer named by a confirmation card (a field too long to edit there): asks that question again, then confirms the changed draft', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'personal' });
    await bot.send(conv.message('finding red 5'));
    const confirmation = lastCard();
    expect(words(confirmation)).toContain('Confirm red 5');
    const edit = actionData(confirmation, 'demo.edit');
    expect(edit?.draftId).toEqual(actionData(confirmation, 'demo.confirm')?.draftId);
    // Every answer is a field of "Edit answers", labelled from its key.
    expect(JSON.stringify(confirmation)).toContain('"id":"field.color","label":"Color"');
    expect(JSON.stringify(confirmation)).toContain('"id":"field.size","label":"Size"');
    expect(JSON.stringify(confirmation)).toContain('"id":"field.note","label":"Note"');

    const asked = await bot.send(cardAction(conv, 'demo.edit', { ...edit, editStep: 'size' }));
    expect(words(asked.body.value)).toContain('What size, 1 to 10?');
    expect(words(asked.body.value)).toContain('changing an answer, then back to the confirmation');
    await bot.send(conv.message('11'));
    expect(cardText(lastReply())).toContain('The size is a whole number from 1 to 10.');
    await bot.send(conv.message('8'));
    // Straight back to the confirmation: the other answers are kept, nothing asked twice.
    expect(words(lastCard())).toContain('Confirm red 8');
    const res = await bot.send(cardAction(conv, 'demo.confirm', actionData(lastCard(), 'demo.confirm')!));
    expect(JSON.stringify(res.body.value)).toContain('Filed red 8');
  });

  it('changes nothing from a stale confirmation card, or after filing', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'personal' });
    await bot.send(conv.message('finding green 4'));
    const old = actionData(lastCard(), 'demo.edit')!;
    await bot.send(cardAction(conv, 'demo.confirm', actionData(lastCard(), 'demo.confirm')!));
    const after = await bot.send(cardAction(conv, 'demo.edit', { ...old, editStep: 'size' }));
    expect(JSON.stringify(after.body)).toContain('already filed or discarded, so nothing more was changed');
    await bot.send(conv.message('finding red 6'));
    const stale = await bot.send(cardAction(conv, 'demo.edit', { ...old, editStep: 'size' }));
    expect(words(stale.body.value)).toContain('This card is out of date, so nothing was changed.');
    expect(words(lastCard())).toContain('Confirm red 6');
  });

  it('asks one question at a time, re-asks invalid answers with the reason, confirms, and files once', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await bot.send(conv.message('finding'));
    expect(cardText(lastReply())).toContain('Which colour?');
    // The choices are a choice list on the card, answered with Next.
    expect(cardText(lastReply())).toContain('"type":"Input.ChoiceSet","id":"answer"');
    expect(cardText(lastReply())).toContain('"choices":[{"title":"Red","value":"red"},{"title":"Green","value":"green"}]');

    await bot.send(conv.message('blue'));
    expect(cardText(lastReply())).toContain('\\"blue\\" is not one of the colours');
    expect(cardText(lastReply())).toContain('Which colour?');

    await bot.send(answer(conv, 'red')); // a button press (Action.Submit) in a channel
    expect(cardText(lastReply())).toContain('What size, 1 to 10?');
    await bot.send(conv.message('eleven'));
    expect(cardText(lastReply())).toContain('The size is a whole number from 1 to 10.');
    await bot.send(conv.message('7'));
    expect(cardText(lastReply())).toContain('Anything to add?');
    await bot.send(answer(conv, 'skip'));
    expect(cardText(lastReply())).toContain('Confirm red 7');

    const confirm = invoke(conv, 'demo.confirm', 'confirm-1');
    const first = await bot.send(confirm);
    expect(first.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(first.body.value)).toContain('Filed red 7');
    // Teams redelivers the same invoke: still one item, and the first answer again.
    const again = await bot.send(confirm);
    expect(again.body).toEqual(first.body);
    expect([...filed.values()].filter((d) => d.color === 'red' && d.size === 7)).toHaveLength(1);
    // The confirmation card was updated in place for everyone.
    expect(connector.updated().some((a) => JSON.stringify(a).includes('Filed red 7'))).toBe(true);
  });

  it('cancels at any step and leaves nothing behind', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl });
    await bot.send(conv.message('finding'));
    await bot.send(conv.message('green'));
    await bot.send(conv.message('cancel'));
    expect(lastReply().text).toBe('Cancelled: the demo item was not saved.');
    await bot.send(conv.message('5'));
    expect(lastReply().text).toContain('I don\'t know "5"');
  });

  it('takes a one-line shortcut straight to confirmation', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'groupChat' });
    await bot.send(conv.message('finding green 3'));
    expect(cardText(lastReply())).toContain('Confirm green 3');
    await bot.send(conv.message('confirm'));
    expect(cardText(lastReply())).toContain('Filed green 3');
    await bot.send(conv.message('finding purple'));
    expect(lastReply().text).toBe('Shortcut not understood: try "finding red 5".');
  });

  it('applies a redelivered answer once', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl });
    await bot.send(conv.message('finding'));
    const red = conv.message('red');
    await bot.send(red);
    const count = connector.sent().length;
    await bot.send(red);
    expect(connector.sent().length).toBe(count);
    await bot.send(conv.message('cancel'));
  });

  it('offers resume or discard after a pause, and resumes where it stopped', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl });
    await bot.send(conv.message('finding'));
    await bot.send(conv.message('red'));
    now = new Date(now.getTime() + 45 * 60_000);
    await bot.send(conv.message('4'));
    expect(cardText(lastReply())).toContain('You have an unfinished demo item');
    await bot.send(answer(conv, 'resume'));
    expect(cardText(lastReply())).toContain('What size, 1 to 10?');
    await bot.send(conv.message('4'));
    expect(cardText(lastReply())).toContain('Anything to add?');
    // The dialog's own command is asked about first; leaving for it offers resume or discard.
    await bot.send(conv.message('finding'));
    expect(cardText(lastReply())).toContain('Leave it and run ');
    await bot.send(cardAction(conv, 'dialog.leave', actionData(lastCard(), 'dialog.leave')!));
    expect(cardText(lastReply())).toContain('You already have an unfinished demo item');
    await bot.send(answer(conv, 'discard'));
    expect(lastReply().text).toBe('Discarded: the demo item was not saved.');
  });

  it('keeps the draft when filing fails, and files exactly once on retry', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl });
    await bot.send(conv.message('finding red 9'));
    failNextSubmit = true;
    await bot.send(conv.message('confirm'));
    expect(lastReply().text).toContain('Your draft is kept');
    await bot.send(conv.message('retry'));
    expect(cardText(lastReply())).toContain('Filed red 9');
    await bot.send(conv.message('retry'));
    expect([...filed.values()].filter((d) => d.size === 9)).toHaveLength(1);
  });
});

describe('form dialogs when storage goes down mid-conversation', () => {
  it('holds the answers, says so plainly, and saves them when storage is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'azurite-'));
    let azurite = await startAzurite({ location: dir });
    const own = await startServiceOps({ STORAGE_CONNECTION_STRING: azurite.connectionString }, { features: [demoFeature], clock: () => now });
    const ownConnector = await startConnector();
    try {
      const conv = conversation({ serviceUrl: ownConnector.serviceUrl });
      const last = () => ownConnector.sent().at(-1);
      await own.send(conv.message('finding'));
      await own.send(conv.message('green'));
      await azurite.stop();
      await own.send(conv.message('6'));
      const texts = ownConnector.sent().slice(-2).map(cardText).join(' ');
      expect(texts).toContain('can\'t reach storage right now');
      expect(texts).toContain('Anything to add?');
      azurite = await startAzurite({ location: dir, port: azurite.port });
      await own.send(conv.message('all good'));
      expect(cardText(last())).toContain('Confirm green 6');
      await own.send(conv.message('confirm'));
      expect(cardText(last())).toContain('Filed green 6');
    } finally {
      await own.close();
      await ownConnector.close();
      await azurite.stop();
    }
  });
});

describe('a command typed while a question waits', () => {
  it('is asked about, not stored: keeping on answering shows the same question again', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await bot.send(conv.message('finding'));
    await bot.send(conv.message('help'));
    const ask = lastCard();
    expect(words(ask)).toContain('You\'re in the middle of a new demo item (question: Which colour?). Leave it and run help?');
    expect(actionData(ask, 'dialog.leave')).toMatchObject({ dialog: 'demo', command: 'help', userId: conv.user.id, draftId: expect.stringMatching(/^demo:/) });
    // "help" is no colour, so it is not offered as the answer.
    expect(actionData(ask, 'dialog.answer')).toBeUndefined();
    expect(connector.sent().some((a) => a.summary === WELCOME && a.conversation?.id === conv.conversationId)).toBe(false);

    const updates = connector.updated().length;
    const stay = await bot.send(cardAction(conv, 'dialog.stay', actionData(ask, 'dialog.stay')!));
    expect(stay.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(words(stay.body.value)).toContain('Which colour?');
    // The asking card became the question for everyone.
    expect(connector.updated().slice(updates).some((a) => JSON.stringify(a).includes('Which colour?'))).toBe(true);
    await bot.send(conv.message('red'));
    expect(cardText(lastReply())).toContain('What size, 1 to 10?');
    await bot.send(conv.message('cancel'));
  });

  it('leaving keeps the answers: the command runs once, later text is not an answer, and resume picks the dialog up', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl });
    const welcomes = () => connector.sent(conv.conversationId).filter((a) => a.summary === WELCOME).length;
    await bot.send(conv.message('finding'));
    await bot.send(conv.message('green'));
    await bot.send(conv.message('help'));
    expect(words(lastCard())).toContain('(question: What size, 1 to 10?)');
    const leave = cardAction(conv, 'dialog.leave', actionData(lastCard(), 'dialog.leave')!, { id: 'leave-invoke-1' });
    const first = await bot.send(leave);
    expect(words(first.body.value)).toContain('You left the demo item to run the command.');
    expect(welcomes()).toBe(1);
    // Teams delivers the same invoke again: the command does not run twice.
    const again = await bot.send(leave);
    expect(words(again.body.value)).toContain('You left the demo item');
    expect(welcomes()).toBe(1);

    // Set aside: another command simply runs, and an answer is not taken without resuming.
    await bot.send(conv.message('help'));
    expect(welcomes()).toBe(2);
    await bot.send(conv.message('4'));
    expect(cardText(lastReply())).toContain('You have an unfinished demo item');
    await bot.send(answer(conv, 'resume'));
    expect(cardText(lastReply())).toContain('What size, 1 to 10?');
    await bot.send(conv.message('4'));
    await bot.send(answer(conv, 'skip'));
    expect(cardText(lastReply())).toContain('Confirm green 4');
    await bot.send(conv.message('cancel'));
  });

  it('a free-text question offers the text as the answer; text that merely starts with a command word is the answer', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'groupChat' });
    await bot.send(conv.message('finding'));
    await bot.send(conv.message('red'));
    await bot.send(conv.message('3'));
    expect(cardText(lastReply())).toContain('Anything to add?');
    // The demo form's one-line shortcut after its command word is a command too.
    await bot.send(conv.message('finding green 8'));
    expect(words(lastCard())).toContain('Leave it and run finding green 8?');
    await bot.send(conv.message('help'));
    const ask = lastCard();
    expect(actionData(ask, 'dialog.answer')).toMatchObject({ step: 'note', answer: 'help' });
    const mine = await bot.send(cardAction(conv, 'dialog.answer', actionData(ask, 'dialog.answer')!, { id: 'answer-invoke-1' }));
    expect(words(mine.body.value)).toContain('Confirm red 3');
    // Delivered again: applied once, and the card still shows where the dialog is.
    const again = await bot.send(cardAction(conv, 'dialog.answer', actionData(ask, 'dialog.answer')!, { id: 'answer-invoke-1' }));
    expect(words(again.body.value)).toContain('Confirm red 3');
    await bot.send(conv.message('confirm'));
    expect([...filed.values()].filter((d) => d.color === 'red' && d.size === 3)).toEqual([{ color: 'red', size: 3, note: 'help' }]);

    // Prose that starts with a command word, or with the shortcut's word, is an answer as typed.
    await bot.send(conv.message('finding'));
    await bot.send(conv.message('green'));
    await bot.send(conv.message('10'));
    await bot.send(conv.message('help desk says the finding reproduces on every floor'));
    expect(cardText(lastReply())).toContain('Confirm green 10');
    await bot.send(conv.message('confirm'));
    expect([...filed.values()].filter((d) => d.color === 'green' && d.size === 10)).toEqual([{ color: 'green', size: 10, note: 'help desk says the finding reproduces on every floor' }]);
  });

  it('the asking card does nothing for someone else, nor after the dialog ended', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const colleague = { ...conv, message: (t: string) => ({ ...conv.message(t), from: { id: '29:colleague', name: 'Sam Colleague' } }) };
    await bot.send(conv.message('finding'));
    await bot.send(conv.message('help'));
    const leave = actionData(lastCard(), 'dialog.leave')!;
    const other = await bot.send(cardAction(colleague, 'dialog.leave', leave));
    expect(other.body.value).toBe('This question is for someone else: your own conversations are unchanged.');
    await bot.send(conv.message('cancel'));
    const before = connector.sent().length;
    const late = await bot.send(cardAction(conv, 'dialog.leave', leave));
    expect(words(late.body.value)).toContain('This question is out of date');
    expect(connector.sent().length).toBe(before);
  });
});

describe('a confirmation card of an earlier draft', () => {
  it('files and discards nothing, says so on the card, and leaves the open draft alone', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await bot.send(conv.message('finding red 1'));
    const cardA = lastCard();
    const confirmA = actionData(cardA, 'demo.confirm')!;
    expect(confirmA.draftId).toMatch(/^demo:/);
    expect(actionData(cardA, 'demo.discard')).toEqual(confirmA);
    await bot.send(conv.message('cancel'));
    await bot.send(conv.message('finding green 2'));
    const confirmB = actionData(lastCard(), 'demo.confirm')!;
    expect(confirmB.draftId).not.toBe(confirmA.draftId);

    const stale = await bot.send(cardAction(conv, 'demo.confirm', confirmA));
    expect(stale.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(words(stale.body.value)).toContain('This card is out of date, so nothing was filed.');
    expect(words(stale.body.value)).toContain('Your open demo item is kept');
    const staleDiscard = await bot.send(cardAction(conv, 'demo.discard', confirmA));
    expect(words(staleDiscard.body.value)).toContain('This card is out of date, so nothing was discarded.');
    expect([...filed.values()].filter((d) => d.size === 1 || d.size === 2)).toEqual([]);

    // The open draft's own card still files it.
    const filedB = await bot.send(cardAction(conv, 'demo.confirm', confirmB));
    expect(JSON.stringify(filedB.body.value)).toContain('Filed green 2');
    // Nothing is open now: the old card says so in a message and files nothing.
    const late = await bot.send(cardAction(conv, 'demo.confirm', confirmA));
    expect(late.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: 'This demo item was already filed or discarded, so nothing more was filed.' });
    expect([...filed.values()].filter((d) => d.size === 1 || d.size === 2)).toEqual([{ color: 'green', size: 2, note: '' }]);
  });
});

describe('the finding and escalation dialogs', () => {
  const ESCALATION = ['Teams meetings', 'Meetings fail to start for everyone with error 500', 'Sales cannot hold customer calls', 'all users', '40 minutes ago', 'A', 'vendor'];
  let incidents: BuiltIncidents;
  let app: ServiceOpsUnderTest;
  beforeAll(async () => {
    const feature = createIncidentsFeature();
    app = await startServiceOps({}, { features: [createFindingsFeature(), feature], clock: () => now });
    incidents = app.app.servicesOf(feature);
  });
  afterAll(async () => {
    await incidents?.rhythm.stop();
    await app?.close();
  });

  it.each(['findings vpn', 'findings all team Help Desk', 'incidents all', 'incidents SR-202406-0001', 'incidents A'])(
    '"%s" typed while a question waits is recognised as the command it is',
    async (text) => {
      const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'personal' });
      await app.send(conv.message('escalate'));
      await app.send(conv.message(text));
      const card = connector.sent(conv.conversationId).at(-1)?.attachments?.[0]?.content;
      expect(words(card)).toContain(`Leave it and run ${text}?`);
    },
  );

  it('text that only starts with a command word is still an answer', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'personal' });
    await app.send(conv.message('escalate'));
    await app.send(conv.message('Teams meetings'));
    await app.send(conv.message('findings from the audit show every meeting fails to start'));
    const card = connector.sent(conv.conversationId).at(-1)?.attachments?.[0]?.content;
    expect(words(card)).not.toContain('Leave it and run');
  });

  it('a finding typed at the escalation\'s confirmation is asked about, and the escalation card of an earlier draft files nothing', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const ws: Workspace = { tenantId: conv.tenantId, scope: 'team', scopeId: conv.teamId! };
    const last = () => connector.sent(conv.conversationId).at(-1)?.attachments?.[0]?.content;
    await app.send(conv.message('escalate'));
    for (const a of ESCALATION) await app.send(conv.message(a));
    const escalationCard = last();
    const confirmEscalation = actionData(escalationCard, 'escalation.confirm')!;
    // The runner puts the draft's id on the form's card, next to what the card carries itself.
    expect(confirmEscalation).toMatchObject({ draftId: expect.stringMatching(/^escalation:/) });

    const shortcut = 'finding VPN: poor audio in Building 6, PSR 4.1%';
    await app.send(conv.message(shortcut));
    expect(words(last())).toContain(`You're in the middle of a new escalation (waiting for you to confirm or discard it). Leave it and run ${shortcut}?`);
    await app.send(cardAction(conv, 'dialog.leave', actionData(last(), 'dialog.leave')!));
    // Leaving for another dialog: one draft at a time, so the escalation is offered to discard.
    expect(words(last())).toContain('You already have an unfinished escalation');
    const startInstead = submitData(last(), 'Discard it, start a new finding')!;
    expect(startInstead).toMatchObject({ dialogAnswer: 'discard', startForm: 'finding', startArgs: 'VPN: poor audio in Building 6, PSR 4.1%' });
    await app.send({ ...conv.message(''), text: undefined, value: startInstead });
    const replies = connector.sent(conv.conversationId).slice(-2);
    expect(replies[0].text).toBe('Discarded: the escalation was not saved.');
    expect(words(replies[1].attachments[0].content)).toContain('Check the finding before I file it');
    const confirmFinding = actionData(last(), 'finding.confirm')!;
    expect(confirmFinding.draftId).toMatch(/^finding:/);

    // The escalation card is now out of date: it files nothing, and the finding is untouched.
    const stale = await app.send(cardAction(conv, 'escalation.confirm', confirmEscalation));
    expect(words(stale.body.value)).toContain('This card is out of date, so nothing was filed.');
    expect(words(stale.body.value)).toContain('Your open finding is kept');
    const incidentRepo = new TableIncidentRepository(app.app.store.client('Incidents'));
    expect((await incidentRepo.list(ws, { state: 'all' }, { limit: 10 })).items).toEqual([]);
    const filedFinding = await app.send(cardAction(conv, 'finding.confirm', confirmFinding));
    expect(JSON.stringify(filedFinding.body.value)).toContain('QF-0001');
    expect(await new TableFindingRepository(app.app.store.client('Findings')).get(ws, 'QF-0001')).toMatchObject({ description: 'poor audio in Building 6' });
  });
});
