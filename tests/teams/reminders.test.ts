// Recurring operations reminders over HTTP, the way Teams drives them: `reminders` seeds the
// workspace through the role map and shows a summary linking to the reminders tab; edits and own
// tasks from the tab's settings card; the scheduler (ticked on a fake clock) sends one digest per channel; done / snooze /
// skip / reassign from the digest, each invoke delivered three times, change state once and
// update the card for everyone. Two app instances on the same storage offer the same teams to
// reassign to (read from the role map), also on a card made before a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../bot/src/domain/workspace';
import { createOpsFeature } from '../../bot/src/features/ops-feature';
import { type BuiltReminders, createRemindersFeature } from '../../bot/src/features/reminders-feature';
import { conversation, cardAction } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest, uniqueTablePrefix } from '../support/service-ops';
import { actionData } from '../support/card-inspect';

// Monday 1 June 2026, 07:00 UTC: every daily, weekly (Monday) and first-weekday task is due at 09:00 (UTC, the default zone).
const T0 = Date.parse('2026-06-01T07:00:00Z');
const DUE = Date.parse('2026-06-01T09:00:00Z');
let nowMs = T0;
const clock = () => new Date(nowMs);

let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let feature: BuiltReminders;
let a: ReturnType<typeof conversation>;
let b: ReturnType<typeof inChannel>;
let ws: Workspace;
/** The digest the tick posted to channel B. */
let digestB: unknown;

const CHANNEL_B = '19:network-ops@thread.tacv2';

/** The same team as `conv`, another channel (Teams puts the channel in conversation id and channelData). */
function inChannel(conv: ReturnType<typeof conversation>, channelId: string, name: string) {
  const where = (activity: Record<string, any>) => ({
    ...activity,
    conversation: { ...activity.conversation, id: `${channelId};messageid=${Math.floor(Math.random() * 1e9)}` },
    channelData: { ...activity.channelData, channel: { id: channelId, name } },
  });
  return { targetId: channelId, message: (text: string, extra: Record<string, unknown> = {}) => where(conv.message(text, extra)) };
}

type Conv = { message: (text: string, extra?: Record<string, unknown>) => Record<string, any> };
const cardOf = (act: any) => act?.attachments?.[0]?.content;
const json = (x: unknown) => JSON.stringify(x ?? '');
const invoke = (conv: Conv, verb: string, data: Record<string, unknown>, id?: string) => cardAction(conv, verb, data, { id, replyToId: 'digest-1' });
async function act(conv: Conv, verb: string, data: Record<string, unknown>, id?: string): Promise<any> {
  const res = await bot.send(invoke(conv, verb, data, id));
  expect(res.status).toBe(200);
  return res.body;
}
/** A valid card response (what every delivery of a card action must get). */
function expectCard(body: any): Record<string, any> {
  expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  expect(body.value).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  return body.value;
}
/** Occurrence ids of the digest's open lines (their Done buttons), in card order. */
function occurrencesOn(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const o = n as Record<string, unknown>;
    if (o.type === 'Action.Execute' && o.verb === 'reminder.done') out.push(String((o.data as any).occurrenceId));
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}
const schedule = async (id: string) => (await feature.service.list(ws)).find((s) => s.id === id)!;
/** The teams a digest offers in "Reassign" (its `reassignTo` choices); undefined when it offers none. */
function reassignChoicesOn(card: unknown): { title: string; value: string }[] | undefined {
  let found: { title: string; value: string }[] | undefined;
  const walk = (n: unknown) => {
    if (found || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const o = n as Record<string, unknown>;
    if (o.type === 'Input.ChoiceSet' && o.id === 'reassignTo') found = o.choices as { title: string; value: string }[];
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}
const isDigest = (activity: any) => json(cardOf(activity)).includes('operations task');

beforeAll(async () => {
  connector = await startConnector();
  const reminders = createRemindersFeature();
  bot = await startServiceOps({}, { features: [createOpsFeature(), reminders], clock, startJobs: false });
  feature = bot.app.servicesOf(reminders);
  a = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
  b = inChannel(a, CHANNEL_B, 'Network');
  ws = { tenantId: a.tenantId, scope: 'team', scopeId: a.teamId! };
});
afterAll(async () => {
  await feature?.scheduler.stop();
  await bot?.close();
  await connector?.close();
});

describe('reminders', () => {
  it('the app installs the reminders job and a route for every reminder verb', () => {
    expect(bot.app.jobs).toEqual(['reminders']);
    for (const verb of ['reminder.done', 'reminder.snoozeHour', 'reminder.snoozeTomorrow', 'reminder.skip', 'reminder.reassign', 'reminder.refresh', 'reminder.toggle', 'reminder.edit', 'reminder.add']) {
      expect(bot.app.verbs).toContain(verb);
    }
  });

  it('`reminders` seeds the catalog on first use, routed through the role map, and shows a summary linking to the full settings', async () => {
    // Network Operations is handled in its own channel (set from the role map's edit card there).
    const edit = expectCard(await act(b, 'role.edit', { roleId: 'network-operations' }));
    const save = actionData(edit, 'role.save')!;
    expectCard(await act(b, 'role.save', { ...save, name: 'Network Operations', description: 'Runs the LAN, WAN, Wi-Fi and internet access.', team: 'Network Team', contact: 'net@contoso.example', useThisChannel: 'true' }));

    connector.clear();
    await bot.send(a.message('reminders'));
    const card = cardOf(connector.sent().at(-1));
    expect(card.version).toBe('1.5');
    expect(json(card)).toContain('Recurring operations reminders');
    expect(json(card)).toContain('Set up 13 reminders from the operations guide.');
    expect(json(card)).toContain('13 of 13 reminders on');
    // Compact in chat: what comes next, and a link to the reminders tab view with the full form.
    expect(json(card)).toContain('Coming up');
    expect(json(card)).toContain('Monday 2026-06-01 09:00 (UTC)');
    const link = card.actions.find((x: any) => x.type === 'Action.OpenUrl');
    const url = new URL(link.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${bot.config.tabEndpoint}/tabs/index.html`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ view: 'reminders', workspace: `${a.tenantId}|team|${a.teamId}` });
    expect(actionData(card, 'reminder.edit')).toBeUndefined();
    expect(json(card).length).toBeLessThan(json(await feature.views.settingsCard(ws)).length / 2);
    const form = await feature.views.settingsCard(ws);
    expect(actionData(form, 'reminder.edit')).toMatchObject({ ids: expect.any(Array), offset: 0 });
    expect(actionData(form, 'reminder.add')).toBeDefined();

    const all = await feature.service.list(ws);
    expect(all).toHaveLength(13);
    const network = all.filter((s) => s.role === 'Network Operations');
    expect(network.map((s) => s.id).sort()).toEqual(['cat-endpoints-watch', 'cat-network-ha-test', 'cat-network-report']);
    for (const s of network) expect(s).toMatchObject({ targetConversationId: CHANNEL_B, team: 'Network Team', timeZone: 'UTC', time: '09:00' });
    for (const s of all.filter((x) => x.role !== 'Network Operations')) expect(s.targetConversationId).toBe(a.targetId);

    // Typing it again shows the card and seeds nothing more.
    await bot.send(a.message('reminders'));
    expect(json(cardOf(connector.sent().at(-1)))).not.toContain('Set up 13');
    expect(await feature.service.list(ws)).toHaveLength(13);
  });

  it('edits from the card persist; a bad time is refused with a message and nothing changes', async () => {
    // The settings card as the reminders tab shows it (chat links there).
    const save = actionData(await feature.views.settingsCard(ws), 'reminder.edit')!;
    const before = await feature.service.list(ws);

    const bad = expectCard(await act(a, 'reminder.edit', { ...save, 'enabled.cat-device-catalog': 'false', 'time.cat-roadmap-watch': '25:99' }));
    expect(json(bad)).toContain('\\"25:99\\" is not a time of day');
    expect(json(bad)).toContain('Nothing was saved.');
    const unknownCadence = expectCard(await act(a, 'reminder.edit', { ...save, 'cadence.cat-qer': 'fortnightly-ish' }));
    expect(json(unknownCadence)).toContain('is not a cadence I know');
    expect((await feature.service.list(ws)).map((s) => ({ ...s, etag: undefined }))).toEqual(before.map((s) => ({ ...s, etag: undefined })));

    const saved = expectCard(await act(a, 'reminder.edit', { ...save, 'enabled.cat-device-catalog': 'false', 'time.cat-roadmap-watch': '10:30', 'cadence.cat-client-requirements': 'weekly:3', deploymentMode: 'false' }));
    expect(json(saved)).toContain('Alex Rivera saved 3 changes.');
    expect(json(saved)).toContain('12 of 13 reminders on');
    expect(connector.updated().some((x) => json(x).includes('Alex Rivera saved 3 changes.'))).toBe(true);
    expect(await schedule('cat-device-catalog')).toMatchObject({ enabled: false });
    expect((await schedule('cat-device-catalog')).nextDueAt).toBeUndefined();
    expect(await schedule('cat-roadmap-watch')).toMatchObject({ time: '10:30', nextDueAt: '2026-06-01T10:30:00.000Z' });
    expect(await schedule('cat-client-requirements')).toMatchObject({ cadence: { kind: 'weekly', weekday: 3 }, nextDueAt: '2026-06-03T09:00:00.000Z' });

    // The deployment switch: "monthly, weekly during deployments" runs weekly.
    const deploy = expectCard(await act(a, 'reminder.edit', { ids: [], offset: 0, deploymentMode: 'true' }));
    expect(json(deploy)).toContain('saved 1 change');
    expect((await feature.service.settings(ws)).deploymentMode).toBe(true);
    expectCard(await act(a, 'reminder.edit', { ids: [], offset: 0, deploymentMode: 'false' }));
    expect((await feature.service.settings(ws)).deploymentMode).toBe(false);
  });

  it('adds an own task from the card, once however often the invoke is delivered', async () => {
    const data = { newTitle: 'Review the *backup* report ${x}', newTime: '09:00', newCadence: 'daily' };
    const bodies = [];
    for (let i = 0; i < 3; i++) bodies.push(await act(a, 'reminder.add', data, 'add-invoke-1'));
    for (const body of bodies) expect(json(expectCard(body))).toContain('Alex Rivera added \\"Review the *backup* report ${x}\\".');
    const own = (await feature.service.list(ws)).filter((s) => s.id.startsWith('usr-'));
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ title: 'Review the *backup* report ${x}', time: '09:00', cadence: { kind: 'daily' }, targetConversationId: a.targetId, nextDueAt: '2026-06-01T09:00:00.000Z' });

    const empty = expectCard(await act(a, 'reminder.add', { newTitle: '  ', newTime: '09:00', newCadence: 'daily' }));
    expect(json(empty)).toContain('The task needs a title');
    const badTime = expectCard(await act(a, 'reminder.add', { newTitle: 'Something', newTime: '7 pm', newCadence: 'daily' }));
    expect(json(badTime)).toContain('is not a time of day');
    expect((await feature.service.list(ws)).filter((s) => s.id.startsWith('usr-'))).toHaveLength(1);
  });

  it('a tick at the due time sends one digest per channel, and a second tick nothing more', async () => {
    connector.clear();
    nowMs = DUE;
    const report = await feature.scheduler.tick();
    expect(report.digestsSent).toBe(2);
    const inA = connector.sent(a.targetId).filter(isDigest);
    const inB = connector.sent(CHANNEL_B).filter(isDigest);
    expect(inA).toHaveLength(1);
    expect(inB).toHaveLength(1);
    const cardB = cardOf(inB[0]);
    digestB = cardB;
    expect(json(cardB)).toContain('3 operations tasks are due');
    expect(occurrencesOn(cardB)).toHaveLength(3);
    // "Reassign" lists the teams once pressed (see 'reassign choices across app instances').
    expect(json(cardB)).toContain('"id":"reassignTask"');
    const cardA = cardOf(inA[0]);
    // Roadmap watch moved to 10:30 and the device catalog is off: neither is in this run.
    expect(json(cardA)).not.toContain('message center');
    expect(json(cardA)).not.toContain('supported devices');
    expect(json(cardA)).toContain('Review the *backup* report ${x}');
    expect(occurrencesOn(cardA).length).toBeGreaterThanOrEqual(5);

    nowMs = DUE + 60_000;
    await feature.scheduler.tick();
    expect(connector.sent(a.targetId).filter(isDigest)).toHaveLength(1);
    expect(connector.sent(CHANNEL_B).filter(isDigest)).toHaveLength(1);
    expect((await feature.overdueTasks(ws, new Date(nowMs))).map((t) => t.title)).toContain('Review the *backup* report ${x}');
  });

  it('done, snooze and skip from the digest change the schedule once when the invoke is delivered three times', async () => {
    const digest = cardOf(connector.sent(a.targetId).filter(isDigest)[0]);
    const occ = (id: string) => occurrencesOn(digest).find((o) => o.startsWith(`${id}@`))!;
    const [done, snooze, skip] = [occ('cat-health-watch'), occ('cat-quality-own'), occ('cat-usage-onboarding')];
    expect([done, snooze, skip].every(Boolean)).toBe(true);
    connector.clear();

    // Done, delivered three times a minute apart: recorded once, at the first delivery.
    nowMs = DUE + 5 * 60_000;
    const doneAt = new Date(nowMs).toISOString();
    for (let i = 0; i < 3; i++) {
      const card = expectCard(await act(a, 'reminder.done', { occurrenceId: done }, 'invoke-done'));
      expect(json(card)).toContain('Done by Alex Rivera');
      expect(occurrencesOn(card)).not.toContain(done);
      nowMs += 60_000;
    }
    expect(await schedule('cat-health-watch')).toMatchObject({ lastDoneAt: doneAt });
    expect((await schedule('cat-health-watch')).open).toBeUndefined();
    expect((await schedule('cat-health-watch')).recentActions.filter((k) => k.startsWith(done))).toHaveLength(1);

    // Snooze for an hour, three times: snoozed until an hour after the first delivery.
    const snoozedAt = nowMs;
    for (let i = 0; i < 3; i++) {
      const card = expectCard(await act(a, 'reminder.snoozeHour', { occurrenceId: snooze }, 'invoke-snooze'));
      expect(json(card)).toContain('Snoozed until');
      nowMs += 60_000;
    }
    expect(await schedule('cat-quality-own')).toMatchObject({ snoozedUntil: new Date(snoozedAt + 3_600_000).toISOString(), open: expect.any(Object) });

    // Skip, three deliveries at once (Teams retries overlap): skipped once.
    const skips = await Promise.all([0, 1, 2].map(() => act(a, 'reminder.skip', { occurrenceId: skip }, 'invoke-skip')));
    for (const body of skips) expect(json(expectCard(body))).toContain('Skipped by Alex Rivera');
    expect((await schedule('cat-usage-onboarding')).open).toBeUndefined();
    expect((await schedule('cat-usage-onboarding')).lastDoneAt).toBeUndefined();

    // The history has one row each: one on time, one skipped.
    const rates = await feature.rates(ws);
    expect(rates.find((r) => r.scheduleId === 'cat-health-watch')).toMatchObject({ due: 1, onTime: 1, skipped: 0, rate: 1 });
    expect(rates.find((r) => r.scheduleId === 'cat-usage-onboarding')).toMatchObject({ due: 0, onTime: 0, skipped: 1 });

    // The posted card was updated for everyone, and the latest state shows all three.
    const updates = connector.updated();
    expect(updates.length).toBeGreaterThanOrEqual(3);
    const last = json(cardOf(updates.at(-1)));
    expect(last).toContain('Done by Alex Rivera');
    expect(last).toContain('Snoozed until');
    expect(last).toContain('Skipped by Alex Rivera');

    // A button on a task that is no longer open changes nothing.
    const late = expectCard(await act(a, 'reminder.done', { occurrenceId: skip }, 'invoke-late'));
    expect(json(late)).toContain('Skipped by Alex Rivera');
    expect((await schedule('cat-usage-onboarding')).lastDoneAt).toBeUndefined();
  });

  it('reassigns a task to another team\'s channel from the digest', async () => {
    const occ = occurrencesOn(digestB).find((o) => o.startsWith('cat-network-report@'))!;
    // A pick that is not one of the offered teams changes nothing.
    expectCard(await act(b, 'reminder.reassign', { reassignTask: occ, reassignTo: '19:somewhere-else@thread.tacv2' }));
    expect((await schedule('cat-network-report')).targetConversationId).toBe(CHANNEL_B);

    const refreshed = expectCard(await act(b, 'reminder.refresh', {}));
    expect(json(refreshed)).toContain('"id":"reassignTo"');
    for (let i = 0; i < 3; i++) {
      const card = expectCard(await act(b, 'reminder.reassign', { reassignTask: occ, reassignTo: a.targetId }, 'invoke-reassign'));
      expect(json(card)).toContain('Handed to');
    }
    expect(await schedule('cat-network-report')).toMatchObject({ targetConversationId: a.targetId, open: expect.any(Object) });
  });

  it('`reminders rates` shows on-time completion per team and task as a card', async () => {
    connector.clear();
    await bot.send(a.message('reminders rates'));
    const reply = connector.sent().at(-1);
    expect(reply.text ?? '').toBe('');
    const card = cardOf(reply);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(json(card)).toContain('On-time completion');
    expect(json(card)).toContain('"text":"Service Owner","weight":"Bolder"},{"type":"TextRun","text":": 1 of 1 on time (100%), 1 skipped"');
    expect(json(card)).toContain('"text":"Watch the health of the service and of the services it depends on (directory/identity, mail, file storage)"');
  });

  it('`reminders` after some were handled: due tasks first, in the summary', async () => {
    connector.clear();
    await bot.send(a.message('reminders'));
    const card = cardOf(connector.sent().at(-1));
    expect(json(card)).toContain('Due now, then next');
    expect(json(card)).toContain('due since Monday 2026-06-01 09:00 (UTC)');
    expect(json(card)).toContain('reminders rates');
  });

  it('the settings card pages, and a stale or malformed button answers without changing anything', async () => {
    const page = expectCard(await act(a, 'reminder.refresh', { settingsOffset: 14 }));
    expect(json(page)).toContain('Recurring operations reminders');
    const before = await feature.service.list(ws);
    const bad = await act(a, 'reminder.done', { occurrenceId: 'not-an-occurrence' });
    expect(bad.statusCode).toBe(200);
    expect((await feature.service.list(ws)).map((s) => s.etag)).toEqual(before.map((s) => s.etag));
  });
});

describe('reassign choices across app instances', () => {
  it('every instance offers the role map\'s teams on its digests, and a reassign from a card made before a restart works', async () => {
    let ms = T0;
    const clk = () => new Date(ms);
    // Instances of one deployment: the same tables, each with its own process state.
    const prefix = uniqueTablePrefix();
    const instance = async () => {
      const reminders = createRemindersFeature();
      const app = await startServiceOps({ TABLE_PREFIX: prefix }, { features: [createOpsFeature(), reminders], clock: clk, startJobs: false });
      return { reminders: app.app.servicesOf(reminders), app };
    };
    const running: { app: ServiceOpsUnderTest }[] = [];
    const one = await instance();
    const two = await instance();
    running.push(one, two);
    try {
      const setup = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
      const netId = `19:network-${setup.teamId!.slice(8, 20)}@thread.tacv2`;
      const net = inChannel(setup, netId, 'Network');
      const team: Workspace = { tenantId: setup.tenantId, scope: 'team', scopeId: setup.teamId! };
      const send = (to: ServiceOpsUnderTest, conv: Conv, verb: string, data: Record<string, unknown>) => to.send(invoke(conv, verb, data));

      // Through instance one: Network Operations works in its own channel, and reminders are set up.
      const edit = expectCard((await send(one.app, net, 'role.edit', { roleId: 'network-operations' })).body);
      expectCard((await send(one.app, net, 'role.save', { ...actionData(edit, 'role.save')!, name: 'Network Operations', description: 'Runs the LAN, WAN, Wi-Fi and internet access.', team: 'Network Team', contact: 'net@contoso.example', useThisChannel: 'true' })).body);
      await one.app.send(setup.message('reminders'));
      expect(json(cardOf(connector.sent(setup.conversationId).at(-1)))).toContain('Set up 13 reminders');

      // Instance two has seen no chat turn at all. Its digests leave the teams out (no role-map
      // read per digest); the first press of "Choose a team" brings the role map's teams.
      ms = DUE;
      expect((await two.reminders.scheduler.tick()).digestsSent).toBe(2);
      const digest = cardOf(connector.sent(netId).filter(isDigest).at(-1));
      expect(reassignChoicesOn(digest)).toBeUndefined();
      expect(json(digest)).toContain('"title":"Choose a team"');
      const occ = occurrencesOn(digest).find((o) => o.startsWith('cat-network-report@'))!;
      const chosen = expectCard((await send(two.app, net, 'reminder.reassign', { reassignTask: occ })).body);
      const choices = reassignChoicesOn(chosen);
      expect(choices?.map((c) => c.value)).toEqual([netId, setup.targetId]);
      expect(choices![0]!.title).toContain('Network Team');
      // Instance one shows the same digest with the same choices.
      const viaOne = expectCard((await send(one.app, net, 'reminder.refresh', {})).body);
      expect(reassignChoicesOn(viaOne)).toEqual(choices);

      // Restart: the instance that made the card goes away, a new one takes the press.
      await two.app.close();
      running.splice(running.indexOf(two), 1);
      const three = await instance();
      running.push(three);
      const handed = expectCard((await send(three.app, net, 'reminder.reassign', { reassignTask: occ, reassignTo: choices![1]!.value })).body);
      expect(json(handed)).toContain('Handed to');
      expect(reassignChoicesOn(handed)).toEqual(choices);
      const moved = (await three.reminders.service.list(team)).find((s) => s.id === 'cat-network-report');
      expect(moved).toMatchObject({ targetConversationId: setup.targetId, open: expect.any(Object) });
    } finally {
      for (const r of running) await r.app.close();
    }
  });
});
