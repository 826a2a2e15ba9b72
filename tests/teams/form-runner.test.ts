// The dialog machinery the finding and escalation dialogs stand on, driven over HTTP with a
// small demo form: one question at a time, re-asking invalid answers, cancel, resume after a
// pause, confirmation, idempotent submit, redelivery, and storage failures that lose nothing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature } from '../../bot/src/features/feature';
import type { FormDefinition } from '../../bot/src/teams/dialogs/form';
import { startAzurite } from '../../scripts/lib/azurite.mjs';
import { conversation, cardAction } from '../support/activities';
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
const invoke = (conv: ReturnType<typeof conversation>, verb: string, id?: string) => cardAction(conv, verb, {}, { id });
const answer = (conv: ReturnType<typeof conversation>, value: string) => ({ ...conv.message(''), text: undefined, value: { dialog: 'demo', dialogAnswer: value } });

describe('form dialogs', () => {
  it('asks one question at a time, re-asks invalid answers with the reason, confirms, and files once', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await bot.send(conv.message('finding'));
    expect(cardText(lastReply())).toContain('Which colour?');
    expect(cardText(lastReply())).toContain('"dialogAnswer":"red"');

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
    // Teams redelivers the same invoke: still one item, and a valid response.
    const again = await bot.send(confirm);
    expect(again.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
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
    await bot.send(conv.message('finding'));
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
