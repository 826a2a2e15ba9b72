// OLAs and runbooks on the product as `npm start` runs it, in a team channel as Teams drives it:
// the help desk's team is named on the role map and signs its OLA, runs the help-desk runbook
// (the troubleshooting steps in their order, then escalate) ticked to the end, and `ola <team>`
// shows the adherence figure the run counts for; the other tenant sees none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINT_TROUBLESHOOTING_ORDER } from '../../bot/src/domain/reminders/catalog';
import { type LocalConnector, startConnector } from '../support/connector';
import { cardTexts } from '../support/card-inspect';
import { endJourney, type LaunchedProduct, launchProduct } from './support/product';
import { brokenIn, buttons, cardText, type Conv, TeamsClient, tenant, buttonData as button } from './support/teams';

let connector: LocalConnector;
let product: LaunchedProduct;
let teams: TeamsClient;
let conv: Conv;
let other: Conv;

beforeAll(async () => {
  connector = await startConnector();
  product = await launchProduct();
  teams = new TeamsClient(product, connector);
  conv = tenant(connector, 'olga').channel;
  other = tenant(connector, 'piet').channel;
  for (const c of [conv, other]) await teams.install(c);
});

afterAll(async () => {
  expect(await endJourney(product, connector)).toEqual([]);
});

async function press(verb: string, data: Record<string, unknown>) {
  const r = await teams.press(conv, verb, data);
  expect(brokenIn(r.text), `${verb}: ${r.text.slice(0, 300)}`).toBeUndefined();
  return r;
}

const postedSince = (before: number) => connector.calls.slice(before).filter((c) => c.method === 'POST' && c.conversationId === conv.conversationId)
  .flatMap((c) => (c.body?.attachments ?? []).map((a: any) => a.content));

describe('a team signs its OLA, runs a runbook, and sees its adherence', () => {
  it('signs the help desk OLA, ticks the help-desk runbook to the end, and ola Service Desk shows the figure', async () => {
    // The role map names the team; the role's button opens its OLA to sign.
    const map = (await teams.say(conv, 'roles')).cards;
    const edit = await press('role.edit', { roleId: 'help-desk' });
    await press('role.save', button(edit.cards, 'role.save', { team: 'Service Desk', contact: 'desk@contoso.example' }));
    expect(cardText(map)).toContain('OLA adherence');

    const ola = (await teams.say(conv, 'ola Service Desk')).cards;
    expect(cardText(ola)).toContain('What Service Desk commits to');
    expect(cardText(ola)).toContain('Severity 1 (Catastrophic): updates the vendor every hour while the case is open.');
    expect(cardText(ola)).toContain('Nothing of this OLA fell due in the last 30 days yet.');
    const signed = await press('ola.signoff', button(ola, 'ola.signoff'));
    expect(cardText(signed.cards)).toContain('signed the OLA of Help Desk for Service Desk');
    expect(cardText(signed.cards)).toMatch(/Signed by .+ on \d{4}-\d{2}-\d{2}\./);

    // The help-desk runbook: the guide's troubleshooting order, its last step (vendor support) the escalation.
    const runbook = (await teams.say(conv, 'runbook endpoint troubleshooting')).cards;
    const steps = cardTexts(runbook).filter((t) => /^\d+\. /.test(t));
    expect(steps.slice(0, -1)).toEqual(ENDPOINT_TROUBLESHOOTING_ORDER.slice(0, -1).map((c, i) => `${i + 1}. ${c.title}`));
    expect(steps.at(-1)).toMatch(/^5\. Still not resolved: contact vendor support by escalating/);
    const before = connector.calls.length;
    await press('runbook.start', button(runbook, 'runbook.start'));
    const run = postedSince(before).find((c) => JSON.stringify(c).includes('runbook.tick'));
    expect(run, 'the run checklist is posted').toBeDefined();
    expect(buttons(run).map((b) => b.verb)).toContain('command.run');
    // A person ticks the steps as they go and saves; the last one completes the run.
    const ticks = Object.fromEntries(['service-health', 'client-connectivity', 'known-issues', 'community', 'escalate'].map((id) => [`step.${id}`, 'true']));
    const half = await press('runbook.tick', button([run], 'runbook.tick', { 'step.service-health': 'true' }));
    expect(cardText(half.cards)).toContain('1 of 5 steps ticked');
    const done = await press('runbook.tick', button(half.cards, 'runbook.tick', ticks));
    expect(cardText(done.cards)).toContain('recorded as done for Service Desk');

    const after = (await teams.say(conv, 'ola Service Desk')).cards;
    expect(cardText(after)).toContain('100% on time over 30 days (1 of 1; target 100%): on target. Runbooks run: 1.');
    expect(cardText(after)).toContain('Signed by');

    // Nothing of it in the other tenant.
    const theirs = (await teams.say(other, 'ola')).cards;
    expect(cardText(theirs)).not.toContain('Service Desk');
    expect(cardText(theirs)).toContain('0 of 11 teams signed their current OLA.');
  });
});
