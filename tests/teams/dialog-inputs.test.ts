// The finding and escalation dialogs answered on their cards in a channel: after the start
// command nothing is typed (so nothing needs an @mention); every answer is an input's value sent
// with Action.Execute as Teams sends it. An invalid answer comes back on the same card with the
// reason and the value as sent; the confirmation card edits any answer, all checked at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../bot/src/domain/workspace';
import { createFindingsFeature } from '../../bot/src/features/findings-feature';
import { type BuiltIncidents, createIncidentsFeature } from '../../bot/src/features/incidents-feature';
import { parseSubnet } from '../../bot/src/domain/findings/cidr';
import { TableFindingRepository } from '../../bot/src/storage/findings/table-finding-repository';
import { TableIncidentRepository } from '../../bot/src/storage/table-incident-repository';
import { cardAction, conversation } from '../support/activities';
import { cardTexts } from '../support/card-inspect';
import { cardInputs, pressData } from '../support/card-inputs';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

const now = new Date('2026-11-22T10:00:00Z');
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let incidents: BuiltIncidents;
beforeAll(async () => {
  connector = await startConnector();
  const feature = createIncidentsFeature();
  bot = await startServiceOps({}, { features: [createFindingsFeature(), feature], clock: () => now });
  incidents = bot.app.servicesOf(feature);
});
afterAll(async () => {
  await incidents?.rhythm.stop();
  await bot?.close();
  await connector?.close();
});

type Conv = ReturnType<typeof conversation>;
/** A card's words as read (TextRuns joined), and its facts. */
const words = (card: unknown) => `${cardTexts(card).join('')} ${JSON.stringify(facts(card))}`;
const facts = (card: any): unknown[] => (card?.body ?? []).filter((b: any) => b.type === 'FactSet').flatMap((b: any) => b.facts);
const wsOf = (conv: Conv): Workspace => ({ tenantId: conv.tenantId, scope: 'team', scopeId: conv.teamId! });

/** Starts a dialog with the one message that is typed (with its @mention, in a channel); its first card. */
async function start(conv: Conv, command: string): Promise<any> {
  const before = connector.sent(conv.conversationId).length;
  await bot.send(conv.message(command));
  const replies = connector.sent(conv.conversationId).slice(before);
  expect(replies).toHaveLength(1);
  return replies[0].attachments[0].content;
}

/** Presses `title` on `card` after filling `typed` in; the card the invoke answers with. */
async function press(conv: Conv, card: unknown, title: string, typed: Record<string, string> = {}): Promise<any> {
  const { verb, data } = pressData(card, title, typed);
  const res = await bot.send(cardAction(conv, verb, data));
  expect(res.status).toBe(200);
  expect(res.body?.type, JSON.stringify(res.body).slice(0, 300)).toBe('application/vnd.microsoft.card.adaptive');
  return res.body.value;
}

/** Answers the question on `card` with its input; the next card. */
const next = (conv: Conv, card: unknown, value?: string) => press(conv, card, 'Next', value === undefined ? {} : { answer: value });

function expectQuestion(card: unknown, question: string, input: string): void {
  expect(words(card)).toContain(question);
  expect(cardInputs(card).get('answer')?.type).toBe(input);
}

describe('a finding answered only on its cards in a channel', () => {
  it('asks each question with its input, re-asks an invalid answer with the value kept, and files what the inputs said', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const typedBefore = connector.sent(conv.conversationId).length;
    let card = await start(conv, 'finding');
    expectQuestion(card, 'Which kind of problem is it?', 'Input.ChoiceSet');
    expect(cardInputs(card).get('answer')).toMatchObject({ style: 'compact', isRequired: true });
    card = await next(conv, card, 'vpn');
    // The usual review area is already picked: Next takes it.
    expectQuestion(card, 'Which part of the quality review found it?', 'Input.ChoiceSet');
    expect(cardInputs(card).get('answer')?.value).toBe('call-quality');
    card = await next(conv, card);
    expectQuestion(card, 'Which building or site is affected?', 'Input.Text');
    expect(cardInputs(card).get('answer')).toMatchObject({ maxLength: 200, placeholder: expect.any(String) });
    card = await next(conv, card, 'Building 6');
    expectQuestion(card, 'Which subnet', 'Input.Text');

    // Invalid: the same question, the reason, and what was sent still in the input.
    const refused = await next(conv, card, '10.20.300.0/24');
    expectQuestion(refused, 'Which subnet', 'Input.Text');
    const reason = parseSubnet('10.20.300.0/24');
    expect(reason.ok).toBe(false);
    expect(words(refused)).toContain(!reason.ok ? reason.error : 'unreachable');
    expect(cardInputs(refused).get('answer')?.value).toBe('10.20.300.0/24');
    card = await next(conv, refused, '10.20.30.0/24');

    expectQuestion(card, 'Which network were the calls on?', 'Input.ChoiceSet');
    expect(cardInputs(card).get('answer')?.style).toBe('expanded');
    card = await next(conv, card, 'vpn');
    expectQuestion(card, 'Which metric shows the problem?', 'Input.ChoiceSet');
    card = await next(conv, card, 'poor-stream-rate');
    expectQuestion(card, 'in percent?', 'Input.Number');
    card = await next(conv, card, '4.1');
    expectQuestion(card, 'What did you see?', 'Input.Text');
    expect(cardInputs(card).get('answer')).toMatchObject({ isMultiline: true, maxLength: 4000 });
    // Next with the input left empty: the step's own reason.
    const empty = await next(conv, card);
    expectQuestion(empty, 'What did you see?', 'Input.Text');
    expect(words(empty)).toMatch(/description/i);
    card = await next(conv, empty, 'Poor audio in Building 6 since Monday.\nWorse in the afternoon.');
    expectQuestion(card, 'A link to the evidence', 'Input.Text');
    card = await press(conv, card, 'Skip', { answer: 'half typed' });
    expectQuestion(card, 'Which team must remediate it?', 'Input.ChoiceSet');
    card = await next(conv, card);
    expect(words(card)).toContain('Check the finding before I file it');

    const filed = await press(conv, card, 'File it');
    const id = /QF-\d{4}/.exec(JSON.stringify(filed))![0];
    const finding = await new TableFindingRepository(bot.app.store.client('Findings')).get(wsOf(conv), id);
    expect(finding).toMatchObject({
      category: 'vpn', area: 'call-quality', building: 'Building 6', subnet: '10.20.30.0/24', networkType: 'vpn', metric: 'poor-stream-rate', value: 4.1,
      description: 'Poor audio in Building 6 since Monday.\nWorse in the afternoon.', owningRole: 'Network Operations',
    });
    expect(finding?.evidence).toBeUndefined();
    // Only the start command was a message: every answer was an invoke.
    const messagesFromBot = connector.sent(conv.conversationId).slice(typedBefore);
    expect(messagesFromBot).toHaveLength(1);
  });

  it('a card answered by someone else in the channel, or a question already answered, changes nothing', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const first = await start(conv, 'finding');
    const other = { ...conv, message: (t: string) => ({ ...conv.message(t), from: { id: '29:someone-else', name: 'Sam' } }) };
    const { verb, data } = pressData(first, 'Next', { answer: 'wifi' });
    const res = await bot.send(cardAction(other, verb, data));
    expect(JSON.stringify(res.body)).toContain('This question is for someone else');
    const second = await next(conv, first, 'wifi');
    expect(words(second)).toContain('Which part of the quality review found it?');
    const again = await next(conv, first, 'vpn');
    expect(words(again)).toContain('That was an answer to an earlier question, so I did not use it.');
    expect(words(again)).toContain('Which part of the quality review found it?');
  });
});

describe('an escalation answered only on its cards in a channel', () => {
  it('takes text, long text, a date and time, and choices, and files the incident', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    let card = await start(conv, 'escalate');
    expectQuestion(card, 'Which service is affected?', 'Input.Text');
    card = await next(conv, card, 'Teams meetings');
    expectQuestion(card, 'What is broken?', 'Input.Text');
    expect(cardInputs(card).get('answer')).toMatchObject({ isMultiline: true, maxLength: 2000 });
    card = await next(conv, card, 'Meetings fail to start for everyone with error 500');
    card = await next(conv, card, 'Sales cannot hold customer calls');
    expectQuestion(card, 'Who is affected', 'Input.Text');
    card = await next(conv, card, 'all users');
    expectQuestion(card, 'When did it start?', 'Input.Date');
    // Prefilled with now in the workspace's zone; a time in the future is refused with the value kept.
    expect(cardInputs(card).get('answer')?.value).toBe('2026-11-22');
    expect(cardInputs(card).get('answerTime')).toMatchObject({ type: 'Input.Time', value: '10:00' });
    const future = await press(conv, card, 'Next', { answer: '2026-11-23', answerTime: '09:00' });
    expect(words(future)).toContain('That time is in the future');
    expect(cardInputs(future).get('answer')?.value).toBe('2026-11-23');
    card = await press(conv, future, 'Next', { answer: '2026-11-22', answerTime: '09:15' });
    expectQuestion(card, 'Which severity?', 'Input.ChoiceSet');
    expect(cardInputs(card).get('answer')?.value).toBe('A');
    card = await next(conv, card);
    expectQuestion(card, 'Is the problem in one of the areas the vendor does not accept?', 'Input.ChoiceSet');
    card = await next(conv, card, 'vendor');
    expect(words(card)).toContain('Confirm the escalation');
    expect(words(card)).toContain('2026-11-22 09:15');

    const filed = await press(conv, card, 'File the escalation');
    expect(JSON.stringify(filed)).toMatch(/SR-\d{6}-\d{4}/);
    const list = await new TableIncidentRepository(bot.app.store.client('Incidents')).list(wsOf(conv), { state: 'all' }, { limit: 10 });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.incident).toMatchObject({ service: 'Teams meetings', severity: 'A', startedAt: '2026-11-22T09:15:00.000Z', scope: { route: 'vendor' } });
  });
});

describe('the confirmation card edits answers', () => {
  async function findingConfirmation(conv: Conv): Promise<any> {
    const card = await start(conv, 'finding VPN: poor audio in Building 6, PSR 4.1%');
    expect(words(card)).toContain('Check the finding before I file it');
    return card;
  }

  it('shows every refusal at once and changes nothing; then saves valid edits and files them', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const card = await findingConfirmation(conv);
    const inputs = cardInputs(card);
    expect(inputs.get('field.building')?.value).toBe('Building 6');
    expect(inputs.get('field.value')).toMatchObject({ type: 'Input.Number', value: 4.1 });
    expect(inputs.get('field.category')).toMatchObject({ type: 'Input.ChoiceSet', value: 'vpn' });

    const refused = await press(conv, card, 'Save changes', { 'field.building': 'Building 7', 'field.subnet': 'not a subnet', 'field.evidence': 'no link here', 'field.value': '140' });
    const text = words(refused);
    expect(text).toContain('Nothing was changed');
    expect(text).toContain('more than 100 %');
    expect(text).toContain('not a link I can open');
    expect(text).toMatch(/not a subnet/);
    // The values as sent stay in the inputs; the draft is as it was.
    expect(cardInputs(refused).get('field.subnet')?.value).toBe('not a subnet');
    expect(cardInputs(refused).get('field.building')?.value).toBe('Building 7');
    expect(words(refused)).toContain('Building / site: Building 6');

    const saved = await press(conv, refused, 'Save changes', { 'field.building': 'Building 7', 'field.subnet': '10.1.2.0/24', 'field.evidence': '', 'field.value': '3.5' });
    expect(words(saved)).toContain('Check the finding before I file it');
    expect(words(saved)).toContain('Building / site: Building 7');
    expect(words(saved)).toContain('Subnet: 10.1.2.0/24');
    const filed = await press(conv, saved, 'File it');
    const id = /QF-\d{4}/.exec(JSON.stringify(filed))![0];
    expect(await new TableFindingRepository(bot.app.store.client('Findings')).get(wsOf(conv), id)).toMatchObject({ building: 'Building 7', subnet: '10.1.2.0/24', value: 3.5 });
  });

  it('an edit that makes another question apply asks it, then comes back to the confirmation', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const card = await findingConfirmation(conv);
    let next = await press(conv, card, 'Save changes', { 'field.metric': 'named' });
    expectQuestion(next, 'What is the metric called?', 'Input.Text');
    next = await press(conv, next, 'Next', { answer: 'Jitter' });
    expectQuestion(next, 'What value did you see for Jitter?', 'Input.Text');
    next = await press(conv, next, 'Next', { answer: '45 ms' });
    expect(words(next)).toContain('Jitter: 45 ms');
  });

  it('a confirmation card of an earlier draft saves nothing', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const old = await findingConfirmation(conv);
    await press(conv, old, 'Discard');
    const open = await findingConfirmation(conv);
    const stale = await press(conv, old, 'Save changes', { 'field.building': 'Building 9' });
    expect(words(stale)).toContain('This card is out of date, so nothing was changed.');
    const filed = await press(conv, open, 'File it');
    const id = /QF-\d{4}/.exec(JSON.stringify(filed))![0];
    expect(await new TableFindingRepository(bot.app.store.client('Findings')).get(wsOf(conv), id)).toMatchObject({ building: 'Building 6' });
  });

  it('edits an escalation: text and the start time, checked by the same rules', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const card = await start(conv, 'escalate sev B outage for Exchange Online');
    let c = card;
    // The shortcut answered some questions; the rest are answered on the cards.
    for (let i = 0; i < 8 && !words(c).includes('Confirm the escalation'); i++) {
      const input = cardInputs(c).get('answer');
      const value = input?.type === 'Input.Text' ? 'Mail does not arrive for the Berlin office' : undefined;
      c = await next(conv, c, value);
    }
    expect(words(c)).toContain('Confirm the escalation');
    expect(cardInputs(c).get('field.service')?.value).toBe('Exchange Online');
    const refused = await press(conv, c, 'Save changes', { 'field.service': 'X', 'field.started': '2026-12-01', 'field.startedTime': '08:00' });
    expect(words(refused)).toContain('Nothing was changed');
    expect(words(refused)).toContain('That time is in the future');
    expect(words(refused)).toMatch(/affected service/);
    const saved = await press(conv, refused, 'Save changes', { 'field.service': 'Exchange Online (EU)', 'field.started': '2026-11-22', 'field.startedTime': '07:30' });
    expect(words(saved)).toContain('Exchange Online (EU)');
    expect(words(saved)).toContain('2026-11-22 07:30');
  });
});

describe('edits checked across answers', () => {
  it('emptying the building of a network finding with no subnet is refused by the subnet rule', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const card = await start(conv, 'finding VPN: poor audio in Building 6, PSR 4.1%');
    expect(cardInputs(card).get('field.subnet')?.value).toBeUndefined();
    const refused = await press(conv, card, 'Save changes', { 'field.building': '' });
    expect(words(refused)).toContain('Nothing was changed');
    expect(words(refused)).toContain('I need a building or a subnet');
    expect(words(refused)).toContain('Building / site: Building 6');
  });
});
