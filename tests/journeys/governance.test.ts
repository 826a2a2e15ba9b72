// The charter, the business case and the timeline on the product as `npm start` runs it, in a
// team channel as Teams drives it: a use case added to the business case and its KSI's measured
// value recorded from the card, then the agenda showing that value against the target under the
// business outcomes; the project moved from Envision to Onboard with its confirmation, shown on
// the charter card (chat and tab); in a team of its own, the phase changes open their gate reviews
// in the channel (Release Readiness with an incident filed earlier in its data, closed on a decision);
// the other tenant sees none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOVERNANCE_VERBS as V } from '../../bot/src/cards/governance-verbs';
import { type LocalConnector, startConnector } from '../support/connector';
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
  conv = tenant(connector, 'gale').channel;
  other = tenant(connector, 'hugo').channel;
  for (const c of [conv, other]) await teams.install(c);
});

afterAll(async () => {
  expect(await endJourney(product, connector)).toEqual([]);
});

async function press(verb: string, data: Record<string, unknown>): Promise<any[]> {
  const r = await teams.press(conv, verb, data);
  expect(brokenIn(r.text), `${verb}: ${r.text.slice(0, 300)}`).toBeUndefined();
  return r.cards;
}

describe('the business case on the steering agenda', () => {
  it('adds a use case, records its KSI\'s measured value, and the agenda shows it against the target under business outcomes', async () => {
    const business = (await teams.say(conv, 'charter business')).cards;
    expect(cardText(business)).toContain('Business case');
    const form = await press(V.useCaseEdit, button(business, V.useCaseEdit, {}, { useCaseId: 'new' }));
    const added = await press(V.useCaseSave, button(form, V.useCaseSave, {
      ucName: 'Poor calls in the branch offices', ucCurrent: 'Calls go over the legacy PBX', ucChallenges: 'Users report choppy audio',
      ucHow: 'Teams calling with call-quality data per building', ucOutcome: 'Under 5 % poor calls per month', ucKsi: 'example-ksi-4', ucIndicator: '', ucComparison: 'at-most', ucTarget: '5', ucUnit: '%',
    }));
    expect(cardText(added)).toContain('Poor calls and conferences are rare: not measured yet; target at most 5 %');
    const useCaseId = added.flatMap((c) => buttons(c)).find((b) => b.verb === V.measure && b.data.useCaseId !== 'example-retire-pbx')!.data.useCaseId as string;
    const measured = await press(V.measure, button(added, V.measure, { [`measured_${useCaseId}`]: 3.8 }, { useCaseId }));
    expect(cardText(measured)).toMatch(/Poor calls and conferences are rare: measured 3\.8 % on \d{4}-\d{2}-\d{2} against a target of at most 5 %: met/);

    const agenda = (await teams.say(conv, 'agenda')).cards;
    const text = cardText(agenda);
    expect(text).toContain('Business outcomes against KSIs (2)');
    expect(text).toContain('Poor calls in the branch offices: Poor calls and conferences are rare');
    expect(text).toMatch(/Measured 3\.8 % on \d{4}-\d{2}-\d{2} against a target of at most 5 %: met/);
    // The other tenant's agenda shows its own defaults only.
    expect(cardText((await teams.say(other, 'agenda')).cards)).not.toContain('Poor calls in the branch offices');
  });
});

describe('the project timeline on the charter', () => {
  it('moves the project from Envision to Onboard after a confirmation, and the charter card shows Onboard (chat and tab)', async () => {
    let charter = (await teams.say(conv, 'charter')).cards;
    expect(cardText(charter)).toContain('Project phase: not started yet');
    // Start Envision, then move on to Onboard: each asks first.
    for (const expected of ['Current phase: Envision', 'Current phase: Onboard']) {
      const asked = await press(V.phaseAsk, button(charter, V.phaseAsk));
      expect(cardText(asked)).toMatch(/Start the project's Envision phase\?|Move the project from Envision to Onboard\?/);
      charter = await press(V.phaseConfirm, button(asked, V.phaseConfirm));
      expect(cardText(charter)).toContain(expected);
    }
    expect(cardText((await teams.say(conv, 'charter')).cards)).toContain('Current phase: Onboard');
    const workspace = `${conv.tenantId}|team|${conv.teamId}`;
    const tab = await product.tab(`/api/tab/views/charter?${new URLSearchParams({ workspace })}`);
    expect(tab.status).toBe(200);
    expect(cardText(tab.body.cards)).toContain('Current phase: Onboard');
    expect(cardText((await teams.say(other, 'charter')).cards)).toContain('Project phase: not started yet');
  });
});

describe('every governance verb, pressed from the cards', () => {
  it('answers each button of the charter and business case cards, with nothing broken shown', async () => {
    const start = [...(await teams.say(conv, 'charter')).cards, ...(await teams.say(conv, 'charter business')).cards];
    const queue = start.flatMap((c) => buttons(c));
    // What a person types into the forms before pressing their button.
    const typed: Record<string, Record<string, unknown>> = {
      [V.deliverableAdd]: { deliverableTitle: 'Crawl deliverable', deliverableOwner: 'Project Lead', deliverableDue: '2027-01-15' },
      [V.noteAdd]: { noteKind: 'feedback', noteText: 'Crawl feedback for the change advisory board' },
      [V.useCaseSave]: { ucName: 'Crawl use case', ucCurrent: 'a', ucChallenges: 'b', ucHow: 'c', ucOutcome: 'd', ucIndicator: 'e', ucTarget: '1' },
    };
    const answered = new Set<string>();
    for (let budget = 1000; queue.length && budget > 0; budget--) {
      const b = queue.shift()!;
      if (answered.has(b.verb)) continue;
      const r = await teams.press(conv, b.verb, { ...b.data, ...typed[b.verb] });
      expect(brokenIn(r.text), `${b.verb}: ${r.text.slice(0, 300)}`).toBeUndefined();
      answered.add(b.verb);
      // The newest card first: its buttons carry the record's latest ETag.
      queue.unshift(...r.cards.flatMap((card) => buttons(card)));
    }
    expect(Object.values(V).filter((v) => !answered.has(v))).toEqual([]);
  });
});

describe('a gate review opened by a phase change', () => {
  it('moving from Onboard to Drive value opens the Release Readiness gate with the incident filed earlier in its data; a decision with owner and due date closes it', async () => {
    // Seed 002: Release Readiness is the gate into production (docs/management-reviews.md maps it to onboard → drive value).
    // A team of its own, so the crawl below does not move its phase.
    const team = tenant(connector, 'ines').channel;
    await teams.install(team);
    const pressIn = async (verb: string, data: Record<string, unknown>) => {
      const r = await teams.press(team, verb, data);
      expect(brokenIn(r.text), `${verb}: ${r.text.slice(0, 300)}`).toBeUndefined();
      return r.cards;
    };
    const posted = (title: string) => connector.sent(team.targetId).map((a) => a?.attachments?.[0]?.content).find((c) => c && cardText(c).includes(title));
    let charter = (await teams.say(team, 'charter')).cards;
    for (const phase of ['Envision', 'Onboard']) {
      charter = await pressIn(V.phaseConfirm, button(await pressIn(V.phaseAsk, button(charter, V.phaseAsk)), V.phaseConfirm));
      expect(cardText(charter)).toContain(`Current phase: ${phase}`);
    }
    // Envision → Onboard opened its own gates.
    await connector.waitFor(() => posted('Portfolio management review') !== undefined && posted('Project Plan Approved management review') !== undefined);

    await teams.say(team, 'escalate');
    for (const answer of ['Teams meetings', 'Gate journey: meetings drop after 60 minutes', 'Board meetings are cut off', 'all users', '1 hour ago', 'B']) await teams.say(team, answer);
    const draft = await teams.say(team, 'vendor');
    await pressIn('escalation.confirm', button(draft.cards, 'escalation.confirm'));
    const asked = await pressIn(V.phaseAsk, button(charter, V.phaseAsk));
    expect(cardText(asked)).toContain('Move the project from Onboard to Drive value?');
    const moved = await pressIn(V.phaseConfirm, button(asked, V.phaseConfirm));
    expect(cardText(moved)).toContain('Current phase: Drive value');

    // The gate is posted to the team's channel on its own, beside the charter card's answer.
    const gate = () => posted('Release Readiness management review');
    await connector.waitFor(() => gate() !== undefined);
    const run = cardText(gate());
    expect(run).toContain('Gate · Deliver phase · Onboard → Drive value');
    expect(run).toContain('The project moved to Drive value: Release Readiness management review opened with the data as it is now.');
    expect(run).toContain('Data at the start');
    expect(run).toMatch(/\d{4}-\d{2}: 1 recorded \(1 × B\), 1 open now/);

    const due = `${new Date().getUTCFullYear() + 1}-02-01`;
    const decided = await pressIn('review.decide', button([gate()], 'review.decide', { decisionText: 'Go live once the meeting drops are fixed', decisionOwner: 'Service Owner', decisionDue: due }));
    expect(cardText(decided)).toContain(`owner Service Owner, due ${due}`);
    const closed = await pressIn('review.close', button(decided, 'review.close', { outcomeSummary: 'Conditional go' }));
    expect(cardText(closed)).toContain('Conditional go');
    const list = cardText((await teams.say(team, 'reviews')).cards);
    expect(list).toMatch(/Last outcome: MR-\d{4}/);
    // The other tenant's reviews show none of it.
    expect(cardText((await teams.say(other, 'reviews')).cards)).not.toMatch(/MR-\d{4}/);
  });
});
