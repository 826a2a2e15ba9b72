// The ops content over HTTP, the way Teams drives it: `roles`, `agenda`, `checklists` and the
// card verbs (Action.Execute invokes), against the real server and Azurite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpsFeature } from '../../bot/src/features/ops-feature';
import { conversation, cardAction } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';
import { actionData } from '../support/card-inspect';

const now = new Date('2026-11-23T10:00:00Z');
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
beforeAll(async () => {
  connector = await startConnector();
  bot = await startServiceOps({}, { features: [createOpsFeature()], clock: () => now });
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

type Conv = ReturnType<typeof conversation>;
const lastReply = () => connector.sent().at(-1);
const cardOf = (a: any) => a?.attachments?.[0]?.content;
const json = (x: unknown) => JSON.stringify(x ?? '');
const invoke = (conv: Conv, verb: string, data: Record<string, unknown>, id?: string) => cardAction(conv, verb, data, { id });
async function act(conv: Conv, verb: string, data: Record<string, unknown>, id?: string): Promise<any> {
  const res = await bot.send(invoke(conv, verb, data, id));
  expect(res.status).toBe(200);
  return res.body;
}

describe('roles', () => {
  it('shows the pre-filled role map with the sign-off summary', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await bot.send(conv.message('roles'));
    const card = json(cardOf(lastReply()));
    expect(card).toContain('Operational role map');
    expect(card).toContain('0 of 11 roles signed off by their teams.');
    expect(card).toContain('Service Owner');
    expect(card).toContain('Not signed off yet: ');
    expect(card).toContain('"verb":"roles.show","data":{"offset":6}');
  });

  it('updates a role from the card, refuses a stale card, and records the team\'s sign-off with who and when', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    const edit = await act(conv, 'role.edit', { roleId: 'help-desk' });
    const save = actionData(edit.value, 'role.save')!;
    expect(save).toMatchObject({ roleId: 'help-desk', etag: expect.any(String) });

    const saved = await act(conv, 'role.save', { ...save, name: 'Help Desk', description: 'Where users get support.', team: 'Service Desk EMEA', contact: 'desk@contoso.example', useThisChannel: 'true' });
    expect(json(saved.value)).toContain('Service Desk EMEA');
    expect(json(saved.value)).toContain('Alex Rivera updated Help Desk.');
    expect(connector.updated().some((a) => json(a).includes('Service Desk EMEA'))).toBe(true);

    const stale = await act(conv, 'role.save', { ...save, team: 'Someone else' });
    expect(json(stale.value)).toContain('was changed by someone else');
    expect(json(stale.value)).toContain('"value":"Service Desk EMEA"');

    const invalid = await act(conv, 'role.save', { ...actionData(stale.value, 'role.save'), name: '' });
    expect(json(invalid.value)).toContain('Role name is required.');

    await bot.send(conv.message('roles'));
    const map = json(cardOf(lastReply()));
    expect(map).toContain('Service Desk EMEA');
    expect(map).toContain('desk@contoso.example');
    expect(map).toContain('Notifications go to: ');

    const signed = await act(conv, 'role.signoff', { roleId: 'help-desk' });
    expect(json(signed.value)).toContain('Signed off by Alex Rivera on 2026-11-23');
    expect(json(signed.value)).toContain('1 of 11 roles signed off by their teams.');
    const refused = await act(conv, 'role.signoff', { roleId: 'tenant-admin' });
    expect(json(refused.value)).toContain('Name the team that performs \\"Tenant Admin\\" first');
  });
});

describe('agenda', () => {
  it('adds an item from chat (once per message) and shows it on the agenda with empty sections saying so', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'groupChat' });
    const add = conv.message('agenda add Budget for Wi-Fi survey');
    await bot.send(add);
    expect(lastReply().text).toContain('Added to the next steering-committee agenda as #1: "Budget for Wi-Fi survey"');
    await bot.send(add); // redelivered by Teams
    await bot.send(conv.message('agenda'));
    const card = json(cardOf(lastReply()));
    expect(card).toContain('Steering committee agenda');
    expect(card).toContain('Budget for Wi-Fi survey');
    expect(card).toContain('Items added by people (1)');
    expect(card).toContain('#1 · added by Alex Rivera on 2026-11-23');
    expect(card).toContain('No high-severity incidents and no missed response or update goals.');
    expect(card).toContain('No new findings since the last meeting and no overdue remediation.');
    expect(card).toContain('No recurring operations tasks are overdue.');
    expect(card).toContain('Example: an upcoming merger adds up to 1,000 people');

    await bot.send(conv.message('agenda remove 5'));
    expect(lastReply().text).toContain('There is no item #5');
    await bot.send(conv.message('agenda remove 1'));
    expect(lastReply().text).toBe('Removed #1 from the agenda: "Budget for Wi-Fi survey".');
  });

  it('records a meeting from the card and carries its actions to the next agenda', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await bot.send(conv.message('agenda decision Approve the pilot extension'));
    const recorded = await act(conv, 'agenda.record', { decisions: 'Pilot extended to March', actions: 'Run the Wi-Fi survey | Network Operations | 2026-12-01' });
    const card = json(recorded.value);
    expect(card).toContain('Meeting recorded by Alex Rivera: 1 decision, 1 action.');
    expect(card).toContain('Run the Wi-Fi survey');
    expect(card).toContain('Pilot extended to March');
    expect(card).toContain('No decisions have been requested.');
  });
});

describe('checklists', () => {
  it('lists the templates and runs, and a redelivered tick changes the item once', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await bot.send(conv.message('checklists'));
    const list = json(cardOf(lastReply()));
    for (const title of ['Quality Experience Review', 'Operational Health management review', 'Release Readiness management review', 'Service-desk alignment: pilot phase', 'Support hand-over']) expect(list).toContain(title);
    expect(list).toContain('No checklist has been run yet.');
    expect(list).toContain('"value":"2026-11"');

    const started = await act(conv, 'checklist.start', { templateId: 'qer', period: '2026-11' });
    expect(json(started.value)).toContain('0 of 16 items done (0%)');
    const tick = actionData(started.value, 'checklist.tick')!;
    expect(tick).toMatchObject({ runId: 'qer.2026-11', itemId: 'reliability.setup', done: true });

    const first = await act(conv, 'checklist.tick', tick, 'tick-1');
    expect(json(first.value)).toContain('1 of 16 items done (6%)');
    expect(json(first.value)).toContain('Ticked by Alex Rivera on 2026-11-23');
    await act(conv, 'checklist.tick', { ...tick, done: false }, 'untick-1');
    // Teams redelivers tick-1: the first answer again, and the item stays unticked.
    const redelivered = await act(conv, 'checklist.tick', tick, 'tick-1');
    expect(json(redelivered.value)).toContain('1 of 16 items done (6%)');
    expect(json((await act(conv, 'checklist.open', { runId: 'qer.2026-11' })).value)).toContain('0 of 16 items done (0%)');

    await act(conv, 'checklist.tick', tick, 'tick-2');
    await bot.send(conv.message('checklists'));
    const after = json(cardOf(lastReply()));
    expect(after).toContain('1 of 16 done (6%)');
    expect(after).toContain('"verb":"checklist.open","data":{"runId":"qer.2026-11"}');

    const completed = await act(conv, 'checklist.complete', { runId: 'qer.2026-11', outcome: 'passed', outcomeNote: '' });
    expect(json(completed.value)).toContain('\\"Passed\\" needs every item ticked');
    const done = await act(conv, 'checklist.complete', { runId: 'qer.2026-11', outcome: 'not-passed', outcomeNote: 'Reliability data missing' });
    expect(json(done.value)).toContain('Not passed · completed by Alex Rivera on 2026-11-23');
  });
});
