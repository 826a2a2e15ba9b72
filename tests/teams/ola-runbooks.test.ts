// OLAs and runbooks over HTTP, as Teams drives them: a team signs its OLA against the version
// the card showed (a stale card is refused, a changed OLA asks for a new sign-off), a reminder
// done feeds its adherence, `ola <team>` and the role map show it, and a runbook run ticked to
// completion counts for the help desk; the help-desk runbook lists the troubleshooting order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINT_TROUBLESHOOTING_ORDER } from '../../bot/src/domain/reminders/catalog';
import { type BuiltProduct, createProductFeature } from '../../bot/src/features/wiring';
import { actionData, cardTexts } from '../support/card-inspect';
import { cardAction } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { type Conv, WorkspaceSeeder, workspaceOf } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let product: BuiltProduct;
let conv: Conv;
let nowMs = Date.parse('2026-06-01T07:00:00Z'); // a Monday

beforeAll(async () => {
  connector = await startConnector();
  const feature = createProductFeature();
  bot = await startServiceOps({}, { features: [feature], clock: () => new Date(nowMs) });
  product = bot.app.servicesOf(feature);
  conv = await new WorkspaceSeeder(bot, connector).installedChannel();
  await bot.send(conv.message('reminders')); // the catalog's schedules, routed through the role map
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

const text = (x: unknown) => cardTexts(x).join('\n');
const posted = () => connector.sent(conv.conversationId).flatMap((a: any) => (a.attachments ?? []).map((x: any) => x.content));

async function press(verb: string, data: Record<string, unknown> = {}): Promise<{ card?: any; text: string }> {
  const res = await bot.send(cardAction(conv, verb, data));
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  const value = res.body?.value;
  return typeof value === 'string' ? { text: value } : { card: value, text: text(value) };
}

/** The cards a chat command posts. */
async function say(words: string): Promise<any[]> {
  const before = connector.sent(conv.conversationId).length;
  await bot.send(conv.message(words));
  return connector.sent(conv.conversationId).slice(before).flatMap((a: any) => (a.attachments ?? []).map((x: any) => x.content));
}

describe('OLAs', () => {
  it('a team signs its OLA: the card shows what it commits to, records who and when, and refuses a stale version', async () => {
    await press('role.save', { roleId: 'network-operations', team: 'Network Team' });
    const [card] = await say('ola Network Team');
    expect(text(card)).toContain('What Network Team commits to');
    expect(text(card)).toContain("Watch for changes to the cloud service's published IP ranges and URLs; raise a change request");
    expect(text(card)).toContain('daily; on time at least 90%');
    expect(text(card)).toContain('monthly on the first weekday; on time at least 100%');
    expect(text(card)).toContain('Nothing of this OLA fell due in the last 30 days yet.');
    expect(text(card)).toContain('Not signed yet');
    const sign = actionData(card, 'ola.signoff')!;
    expect(sign).toMatchObject({ roleId: 'network-operations', version: expect.stringMatching(/^[0-9a-f]{8}$/) });

    const stale = await press('ola.signoff', { ...sign, version: '00000000' });
    expect(stale.text).toContain('This OLA changed since the card was shown');
    expect((await product.ops.services.roles.get(workspaceOf(conv), 'network-operations'))!.olaSignOff).toBeUndefined();

    const signed = await press('ola.signoff', sign);
    expect(signed.text).toContain('Alex Rivera signed the OLA of Network Operations for Network Team.');
    expect(signed.text).toContain('Signed by Alex Rivera on 2026-06-01.');
    expect(actionData(signed.card, 'ola.signoff')).toBeUndefined();
    const stored = (await product.ops.services.roles.get(workspaceOf(conv), 'network-operations'))!;
    expect(stored.olaSignOff).toMatchObject({ version: sign.version, by: { name: 'Alex Rivera' }, at: '2026-06-01T07:00:00.000Z' });

    // Bad card data changes nothing.
    const bad = await bot.send(cardAction(conv, 'ola.signoff', { roleId: 'network-operations', version: 'x' }));
    expect(bad.status).toBeLessThan(500);
    expect(JSON.stringify(bad.body)).toContain('names no role or OLA version');
  });

  it('a change of the OLA\'s tasks asks for a new sign-off: "signed an earlier version"', async () => {
    await product.reminders.service.edit(workspaceOf(conv), 'cat-network-ha-test', { enabled: false });
    const [card] = await say('ola network team');
    expect(text(card)).toContain('Alex Rivera signed an earlier version on 2026-06-01');
    expect(text(card)).not.toContain('Test high availability');
    const again = await press('ola.signoff', actionData(card, 'ola.signoff')!);
    expect(again.text).toContain('Signed by Alex Rivera');
  });

  it('a reminder done on time feeds the adherence that ola <team> and the role map show', async () => {
    const ws = workspaceOf(conv);
    const watch = (await product.reminders.service.list(ws)).find((s) => s.id === 'cat-endpoints-watch')!;
    nowMs = Date.parse(watch.nextDueAt!) + 5_000;
    await product.reminders.scheduler.tick(new Date(nowMs));
    // The digest goes to the channel (the setup conversation): its "done" for the IP-range watch.
    const digest = connector.sent(conv.targetId).flatMap((a: any) => (a.attachments ?? []).map((x: any) => x.content)).at(-1);
    const occurrenceId = (JSON.stringify(digest).match(/cat-endpoints-watch@[0-9TZ:.-]+/) ?? [])[0];
    expect(occurrenceId).toBeDefined();
    expect((await press('reminder.done', { occurrenceId })).text).toContain('Done by Alex Rivera');

    const [card] = await say('ola Network Team');
    expect(text(card)).toContain('100% on time over 30 days (1 of 1; target 90%): on target.');
    expect(text(card)).toContain('100% on time over 90 days (1 of 1; target 90%): on target.');
    const [map] = await say('roles');
    expect(text(map)).toContain('OLA adherence: 100% on time over 30 days (1 of 1; target 90%): on target.');
    expect(text(map)).toContain('OLA adherence: Nothing of this OLA fell due in the last 30 days yet.');
    expect(actionData(map, 'ola.show')).toBeDefined();
    // "Review and sign the OLA" on a role not signed yet opens its OLA to read; nothing is signed.
    const review = await press('role.signoff', { roleId: 'quality-champion' });
    expect(review.text).toContain('Operational-level agreement');
    expect(review.text).toContain('Run a Quality Experience Review');
    expect((await product.ops.services.roles.get(workspaceOf(conv), 'quality-champion'))!.signOff).toBeUndefined();
    const [all] = await say('ola');
    expect(text(all)).toContain('Network Team');
    expect(text(all)).toContain('1 of 11 teams signed their current OLA.');
  });

  it('the help desk\'s OLA quotes the workspace\'s own severity settings: a changed update rhythm is a new version to sign', async () => {
    const ws = workspaceOf(conv);
    await press('role.save', { roleId: 'help-desk', team: 'Service Desk' });
    const before = (await say('ola Help Desk'))[0];
    // The default policy (seed 003): severity A updates the vendor every 2 hours.
    expect(text(before)).toContain('Severity A (Critical): updates the vendor every 2 hours while the case is open.');
    const signed = await press('ola.signoff', actionData(before, 'ola.signoff')!);
    expect(signed.text).toContain('Signed by Alex Rivera');
    const signedCount = async () => Number(/(\d+) of \d+ roles signed off by their teams/.exec(text((await say('roles'))[0]))![1]);
    const countBefore = await signedCount();

    const configured = await product.incidents.service.configure(ws, { overrides: { levels: { A: { updateEveryMinutes: 180 } } } });
    expect(configured.ok).toBe(true);
    const after = (await say('ola Help Desk'))[0];
    expect(text(after)).toContain('Severity A (Critical): updates the vendor every 3 hours while the case is open.');
    expect(text(after)).not.toContain('Severity A (Critical): updates the vendor every 2 hours');
    expect(text(after)).toContain('Alex Rivera signed an earlier version');
    expect(actionData(after, 'ola.signoff')!.version).not.toBe(actionData(before, 'ola.signoff')!.version);
    // The role map's sign-off state reads the same version.
    const [map] = await say('roles');
    expect(text(map)).toContain('signed an earlier version');
    // ...and so does its count: a signature of an earlier version is not counted, the role is pending again.
    expect(await signedCount()).toBe(countBefore - 1);
    const helpDesk = (await product.ops.services.roles.get(ws, 'help-desk'))!;
    const lines = cardTexts(map);
    expect(lines[lines.findIndex((l) => l.startsWith('Not signed off yet')) + 1]).toContain(helpDesk.name);
    await product.incidents.service.configure(ws, { overrides: {} });
  });

  it('an unknown team gets a clear answer and the overview', async () => {
    const [card] = await say('ola nobody here');
    expect(text(card)).toContain('No team or role on the role map is called "nobody here".');
  });
});

describe('runbooks', () => {
  it('runbook lists the as-needed tasks; the help-desk runbook lists the troubleshooting steps in order and ends with escalate', async () => {
    const [list] = await say('runbook');
    expect(text(list)).toContain('21 runbooks for the work done as needed');
    expect(actionData(list, 'runbook.open')).toBeDefined();
    const [card] = await say('runbook endpoint troubleshooting');
    const steps = cardTexts(card).filter((t) => /^\d+\. /.test(t));
    expect(steps).toEqual([...ENDPOINT_TROUBLESHOOTING_ORDER.slice(0, -1).map((c, i) => `${i + 1}. ${c.title}`), expect.stringMatching(/^5\. Still not resolved: contact vendor support by escalating/)]);
    expect(text(card)).toContain('Help Desk');
    expect(actionData(card, 'runbook.start')).toEqual({ key: 'endpoint-troubleshoot' });
  });

  it('a run ticked to completion is recorded for the help desk and counts in its OLA', async () => {
    await press('role.save', { roleId: 'help-desk', team: 'Service Desk', contact: 'desk@contoso.example' });
    const before = posted().length;
    const started = await press('runbook.start', { key: 'endpoint-troubleshoot' });
    expect(started.text).toContain('started the runbook');
    const run = posted().slice(before).find((c: any) => JSON.stringify(c).includes('runbook.tick'));
    expect(JSON.stringify(run)).toContain('Service Desk');
    expect(actionData(run, 'command.run')).toEqual({ command: 'escalate' });
    const { runId } = actionData(run, 'runbook.tick') as { runId: string };

    const one = await press('runbook.tick', { runId, 'step.service-health': 'true', 'step.client-connectivity': 'false' });
    expect(one.text).toContain('1 of 5 steps ticked');
    const ids = ['service-health', 'client-connectivity', 'known-issues', 'community', 'escalate'];
    const all = await press('runbook.tick', { runId, ...Object.fromEntries(ids.map((id) => [`step.${id}`, 'true'])) });
    expect(all.text).toContain('recorded as done for Service Desk');
    expect(all.text).toContain('Done: all 5 steps ticked');
    // A repeat records nothing twice, and unticking after the end changes nothing.
    const repeat = await press('runbook.tick', { runId });
    expect(repeat.text).toContain('Done: all 5 steps ticked');
    const rates = await product.reminders.service.rates(workspaceOf(conv));
    expect(rates.filter((r) => r.scheduleId === 'rbk-endpoint-troubleshoot')).toHaveLength(1);

    const [ola] = await say('ola Service Desk');
    expect(text(ola)).toContain('100% on time over 30 days (1 of 1; target 100%): on target. Runbooks run: 1.');
    expect(text(ola)).toContain('Severity A (Critical): updates the vendor every 2 hours while the case is open.');
  });

  it('the runbooks tab lists them, and its buttons are the same card actions; the roles tab opens an OLA', async () => {
    const dev = { 'content-type': 'application/json', 'x-dev-identity': 'local' };
    const workspace = `${conv.tenantId}|team|${conv.teamId}`;
    const view = await fetch(`${bot.url}/api/tab/views/runbooks?${new URLSearchParams({ workspace })}`, { headers: dev });
    expect(view.status).toBe(200);
    expect(JSON.stringify(await view.json())).toContain('21 runbooks for the work done as needed');
    const tabAction = (body: Record<string, unknown>) => fetch(`${bot.url}/api/tab/actions`, { method: 'POST', headers: dev, body: JSON.stringify({ workspace, params: {}, ...body }) });
    const opened = await tabAction({ view: 'runbooks', verb: 'runbook.open', data: { key: 'network-change' } });
    expect(opened.status).toBe(200);
    expect(JSON.stringify(await opened.json())).toContain('Raise a request for change with the risk and the planned window.');
    const ola = await tabAction({ view: 'roles', verb: 'ola.show', data: { roleId: 'help-desk' } });
    expect(ola.status).toBe(200);
    expect(JSON.stringify(await ola.json())).toContain('What Service Desk commits to');
    const refused = await tabAction({ view: 'runbooks', verb: 'ola.signoff', data: { roleId: 'help-desk', version: '00000000' } });
    expect(refused.status).toBeGreaterThanOrEqual(400);
  });

  it('bad card data: a clear answer and nothing started', async () => {
    expect((await press('runbook.start', { key: 'no-such-runbook' })).text).toContain('There is no such runbook');
    const res = await bot.send(cardAction(conv, 'runbook.tick', {}));
    expect(JSON.stringify(res.body)).toContain('names no runbook run');
    expect((await press('runbook.tick', { runId: 'run-nothing' })).text).toContain('no longer exists');
  });
});
