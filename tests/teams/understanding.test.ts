// Text that is no command, over HTTP the way Teams sends it: a typo is offered as a "did you
// mean" card whose button (command.run) runs the command exactly as if typed; an everyday
// phrasing of a list runs it; one that starts a dialog or changes data is offered; prose gets the
// short plain answer. Each press is recorded once, however often Teams delivers it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardAction, conversation } from '../support/activities';
import { actionData } from '../support/card-inspect';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

let connector: LocalConnector;
let bot: ServiceOpsUnderTest;

beforeAll(async () => {
  connector = await startConnector();
  bot = await startServiceOps();
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

type Conv = ReturnType<typeof conversation>;
const cardOf = (activity: any) => activity?.attachments?.[0]?.content;
const json = (x: unknown) => JSON.stringify(x ?? '');
/** What the bot posted in reply to one message. */
async function say(conv: Conv, text: string): Promise<any[]> {
  connector.clear();
  const res = await bot.send(conv.message(text));
  expect(res.status).toBeLessThan(300);
  return connector.sent(conv.conversationId);
}
/** A button press: the invoke response, and what the bot posted meanwhile. */
async function press(conv: Conv, data: Record<string, unknown>, id?: string): Promise<{ body: any; posted: any[] }> {
  connector.clear();
  const res = await bot.send(cardAction(conv, 'command.run', data, { ...(id ? { id } : {}), replyToId: 'offer-1' }));
  expect(res.status).toBe(200);
  return { body: res.body, posted: connector.sent(conv.conversationId) };
}
/** The card without what differs between two renderings of the same state (ids of its messages). */
const shape = (card: unknown) => json(card).replace(/"(?:id|replyToId)":"[^"]*"/g, '');

describe('did you mean', () => {
  it('offers a typo\'s command as a button, with what followed it, and shows the typed text literally', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const [reply] = await say(conv, 'finidngs wifi **b** ${x}');
    expect(reply.summary).toBe('Did you mean "findings wifi **b** ${x}"?');
    const card = cardOf(reply);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(json(card)).toContain('"text":"finidngs wifi **b** ${x}","italic":true');
    expect(actionData(card, 'command.run')).toEqual({ command: 'findings wifi **b** ${x}', typed: 'finidngs wifi **b** ${x}' });
    // Help is offered next to it.
    expect(card.actions.map((a: any) => a.data.command)).toEqual(['findings wifi **b** ${x}', 'help']);
  });

  it('pressing the button runs the command exactly as typing it does, once however often Teams delivers it', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const typed = (await say(conv, 'findings')).map(cardOf);
    expect(typed).toHaveLength(1);

    const offer = cardOf((await say(conv, 'finidngs'))[0]);
    const data = actionData(offer, 'command.run')!;
    expect(data.command).toBe('findings');
    const first = await press(conv, data, 'invoke-dym-1');
    // The same card as typing "findings", posted in the conversation.
    expect(first.posted.map(cardOf).map(shape)).toEqual(typed.map(shape));
    // The offer now says who ran what, for everyone, and has no buttons left.
    expect(first.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(json(first.body.value)).toContain('"text":"Alex Rivera ran "');
    expect(first.body.value.actions).toEqual([]);
    expect(connector.updated().some((u) => json(u).includes('Alex Rivera ran '))).toBe(true);

    // Teams redelivers the same invoke: the first answer, and nothing runs again.
    const again = await press(conv, data, 'invoke-dym-1');
    expect(again.body).toEqual(first.body);
    expect(again.posted).toEqual([]);
  });

  it('a button whose command is no command, or is missing, runs nothing', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl });
    for (const data of [{ command: 'rm -rf /' }, { command: 'constructor' }, {}, { command: 42 }, { command: 'x'.repeat(5_000) }]) {
      const r = await press(conv, data);
      expect(r.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'This button is out of date. Type help to see what I can do.' });
      expect(r.posted).toEqual([]);
    }
  });
});

describe('everyday phrasings', () => {
  it('"show me open incidents" shows the open incidents list, as `incidents open` does', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const typed = (await say(conv, 'incidents open')).map(cardOf);
    const phrased = await say(conv, 'Show me open incidents?');
    expect(phrased).toHaveLength(1);
    expect(json(cardOf(phrased[0]))).toContain('Open incidents');
    expect(phrased.map(cardOf).map(shape)).toEqual(typed.map(shape));
  });

  it('"what can you do?" answers with the help card', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl });
    const typed = (await say(conv, 'help')).map(cardOf);
    expect((await say(conv, 'What can you do?')).map(cardOf).map(shape)).toEqual(typed.map(shape));
  });

  it('"I want to report a problem" offers a new finding; pressing it starts the dialog', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl });
    const [reply] = await say(conv, 'I want to report a problem');
    const card = cardOf(reply);
    expect(json(card)).toContain('reads like this command');
    expect(card.actions.map((a: any) => [a.title, a.data.command])).toEqual([['File a finding', 'finding'], ['Show help', 'help']]);
    const r = await press(conv, actionData(card, 'command.run')!);
    expect(json(r.posted)).toContain('Which kind of problem is it?');
  });

  it('an outage is offered as an escalation, and several fitting commands as several buttons', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl });
    const outage = cardOf((await say(conv, 'Exchange is down'))[0]);
    expect(outage.actions[0]).toMatchObject({ title: 'Escalate an incident', data: { command: 'escalate' } });
    const both = cardOf((await say(conv, 'show findings and incidents'))[0]);
    expect(both.actions.map((a: any) => a.data.command).sort()).toEqual(['findings', 'help', 'incidents open']);
  });

  it('prose gets the short plain answer, shown literally', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl });
    const [reply] = await say(conv, 'The VPN drops calls in **B6** ${x}');
    expect(reply.attachments ?? []).toHaveLength(0);
    expect(reply.textFormat).toBe('plain');
    expect(reply.text).toBe('I don\'t know "The VPN drops calls in **B6** ${x}". Type help to see what I can do.');
  });
});
