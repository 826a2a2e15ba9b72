// Problem management and change management over HTTP, as Teams and the tab drive them: an
// incident linked to a new problem from its card, the root cause and known error recorded on
// the problem's ETag, unlink with its undo, refusals that say what is wrong, a change raised
// from a finding and from a problem, the `problems` and `changes` commands and tab views, the
// steering agenda, and tenants apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardAction } from '../support/activities';
import { cardTexts } from '../support/card-inspect';
import { startConnector, type LocalConnector } from '../support/connector';
import { type Conv, WorkspaceSeeder, workspaceOf, workspaceParam } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let seed: WorkspaceSeeder;

beforeAll(async () => {
  connector = await startConnector();
  bot = await startServiceOps({}, { clock: () => new Date('2026-11-30T10:00:00Z') });
  seed = new WorkspaceSeeder(bot, connector);
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

const dev = { 'content-type': 'application/json', 'x-dev-identity': 'local' };
const text = (x: unknown) => cardTexts(x).join('\n');
const INCIDENT = { service: 'Teams calling', problem: 'Calls drop every few minutes', impact: 'Sales calls drop', affected: 'Building 6', started: '30 minutes ago', severity: 'B' };

/** Presses a card verb; the card it answers with, or the text. */
async function press(conv: Conv, verb: string, data: Record<string, unknown> = {}): Promise<{ card?: any; text: string }> {
  const res = await bot.send(cardAction(conv, verb, data));
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  const value = res.body?.value;
  return typeof value === 'string' ? { text: value } : { card: value, text: text(value) };
}

/** The last card the bot posted in the conversation. */
const lastPosted = (conv: Conv) => connector.sent(conv.conversationId).flatMap((a: any) => (a.attachments ?? []).map((x: any) => x.content)).at(-1);
const etagOf = (card: unknown) => /"etag":"(W\/\\"[^"\\]*\\")"/.exec(JSON.stringify(card))?.[1]?.replace(/\\"/g, '"');

async function say(conv: Conv, words: string): Promise<string> {
  const before = connector.sent(conv.conversationId).length;
  await bot.send(conv.message(words));
  return connector.sent(conv.conversationId).slice(before).map((a: any) => `${a.text ?? ''}\n${text(a.attachments ?? [])}`).join('\n');
}

describe('problems', () => {
  it('links an incident to a new problem from the incident card, then records the root cause on the problem\'s ETag', async () => {
    const conv = await seed.installedChannel();
    const sr = await seed.fileIncident(conv, INCIDENT);
    // The incident card carries "Link to problem" with "New problem from this".
    const incidentCard = JSON.stringify(lastPosted(conv) ?? {}) + JSON.stringify((await bot.send(cardAction(conv, 'incident.refresh', { incidentId: sr }))).body);
    expect(incidentCard).toContain('Link to problem');
    const linked = await press(conv, 'problem.link', { kind: 'incident', ref: sr, problemChoice: 'new' });
    expect(linked.text).toContain('PRB-0001 is recorded, linked to');
    const problemCard = lastPosted(conv);
    expect(text(problemCard)).toContain(`${sr}: Teams calling: Calls drop every few minutes`);
    const etag = etagOf(problemCard)!;
    expect(etag).toMatch(/^W\//);

    const empty = await press(conv, 'problem.rca', { problemId: 'PRB-0001', etag, rootCause: ' ' });
    expect(empty.text).toContain('The root cause is required.');
    const rca = await press(conv, 'problem.rca', { problemId: 'PRB-0001', etag, rootCause: 'The Building 6 access points drop 5 GHz clients' });
    expect(rca.text).toContain('Root cause recorded');
    expect(rca.text).toContain('Investigating');
    // The card shown before the root cause was recorded is stale now: nothing of it is applied.
    const stale = await press(conv, 'problem.knownError', { problemId: 'PRB-0001', etag, knownError: 'Roaming fails', workaround: 'Use a wired dock' });
    expect(stale.text).toContain('Someone else changed this problem');
    const fresh = etagOf(rca.card)!;
    const known = await press(conv, 'problem.knownError', { problemId: 'PRB-0001', etag: fresh, knownError: 'Roaming fails', workaround: 'Use a wired dock' });
    expect(known.text).toContain('Known error');
    expect(known.text).toContain('Use a wired dock');

    // Unlink, then undo.
    const unlinked = await press(conv, 'problem.unlink', { problemId: 'PRB-0001', etag: etagOf(known.card), unlinkRef: sr });
    expect(JSON.stringify(unlinked.card)).toContain(`Undo: link ${sr} again`);
    const undo = JSON.parse(/"title":"Undo[^}]*"data":(\{[^}]*\})/.exec(JSON.stringify(unlinked.card))![1]!);
    const relinked = await press(conv, 'problem.link', undo);
    expect(relinked.text).toContain(`Linked ${sr}`);

    const list = await say(conv, 'problems');
    expect(list).toContain('PRB-0001');
    // A closed problem is not changed until it is investigated again.
    const closed = await press(conv, 'problem.status', { problemId: 'PRB-0001', etag: etagOf(relinked.card), problemStatus: 'closed' });
    expect(closed.text).toContain('Status: Closed');
    const late = await press(conv, 'problem.rca', { problemId: 'PRB-0001', rootCause: 'Another cause' });
    expect(late.text).toContain('PRB-0001 is closed');
    expect(await say(conv, 'problems PRB-0001')).toContain('The Building 6 access points drop 5 GHz clients');
    expect(await say(conv, 'problems PRB-0099')).toContain('There is no problem PRB-0099 in this team.');
  });

  it('refuses a link to an incident that does not exist, and a problem owner outside the role map', async () => {
    const conv = await seed.installedChannel();
    const r = await press(conv, 'problem.link', { kind: 'incident', ref: 'SR-202611-0999', problemChoice: 'new' });
    expect(r.text).toContain('There is no incident SR-202611-0999 in this team.');
    const made = await press(conv, 'problem.create', { problemTitle: 'Calls drop on Mondays' });
    expect(made.text).toContain('PRB-0001 is recorded');
    const owner = await press(conv, 'problem.owner', { problemId: 'PRB-0001', etag: etagOf(lastPosted(conv)), problemOwner: 'The cleaners' });
    expect(owner.text).toContain('The owner must be a role of the role map');
    const typo = await press(conv, 'problem.link', { problemId: 'PRB-0001', linkRef: 'hello' });
    expect(typo.text).toContain('Type an incident number');
    const badNumber = await press(conv, 'problem.link', { kind: 'incident', ref: 'SR-202611-0001', problemChoice: 'new', problemRef: 'PRB one' });
    expect(badNumber.text).toContain('is not a problem number like PRB-0001');
  });

  it('links an incident to an open problem chosen from the picker its card offers', async () => {
    const conv = await seed.installedChannel();
    const sr = await seed.fileIncident(conv, INCIDENT);
    await press(conv, 'problem.create', { problemTitle: 'Calls drop all over Building 6' });
    const picker = await press(conv, 'problem.list', { filter: 'open', link: { kind: 'incident', ref: sr } });
    expect(picker.text).toContain(`Choose the problem behind ${sr}`);
    const choose = /"title":"Link [^"]*","verb":"problem.link","data":(\{[^}]*\})/.exec(JSON.stringify(picker.card))!;
    const linked = await press(conv, 'problem.link', JSON.parse(choose[1]!));
    expect(linked.text).toContain(`${sr} is linked to PRB-0001`);
    expect(text(lastPosted(conv))).toContain(sr);
  });

  it('keeps tenants apart: another tenant has no PRB-0001', async () => {
    const one = await seed.installedChannel();
    await press(one, 'problem.create', { problemTitle: 'Only in the first tenant' });
    const two = await seed.installedChannel();
    expect(await say(two, 'problems PRB-0001')).toContain('There is no problem PRB-0001 in this team.');
    expect(await say(two, 'problems')).not.toContain('Only in the first tenant');
  });
});

describe('changes', () => {
  it('raises a change from a finding\'s remediation with the priority from the matrix, refusing a bad window first', async () => {
    const conv = await seed.installedChannel();
    const qf = await seed.fileFinding(conv, 'finding VPN: poor audio in Building 6, PSR 4.1%');
    const form = await press(conv, 'change.draft', { source: { kind: 'finding', id: qf } });
    expect(form.text).toContain(`Raised from finding ${qf}`);
    const fields = { changeTitle: 'Split tunnel Teams media off the VPN', changeReason: 'Poor audio on VPN', changeRisk: 'medium', changeUrgency: 'high', changeImpact: 'medium', changeCategory: 'normal' };
    const bad = await press(conv, 'change.raise', { source: { kind: 'finding', id: qf }, ...fields, windowStartDate: '2026-12-05', windowStartTime: '22:00', windowEndDate: '2026-12-05', windowEndTime: '21:00' });
    expect(bad.text).toContain('The planned window must end after it starts.');
    expect(JSON.stringify(bad.card)).toContain('Split tunnel Teams media off the VPN');
    const raised = await press(conv, 'change.raise', { source: { kind: 'finding', id: qf }, ...fields, windowStartDate: '2026-12-05', windowStartTime: '22:00', windowEndDate: '2026-12-06', windowEndTime: '01:00' });
    expect(raised.text).toContain('RFC-0001 is raised');
    const card = text(lastPosted(conv));
    expect(card).toContain('High (urgency high, impact medium)');
    expect(card).toContain(qf);
    const approve = await press(conv, 'change.status', { changeId: 'RFC-0001', etag: etagOf(lastPosted(conv)), to: 'approved', changeApprover: '' });
    expect(approve.text).toContain('Say who approves');
    expect(await say(conv, 'changes')).toContain('RFC-0001');
  });

  it('puts the top problems and the emergency changes raised from them on the steering agenda and the tabs', async () => {
    const conv = await seed.installedChannel();
    await press(conv, 'problem.create', { problemTitle: 'Mail delivery stalls every Monday' });
    const raised = await press(conv, 'change.raise', { source: { kind: 'problem', id: 'PRB-0001' }, changeTitle: 'Emergency patch of the mail relay', changeReason: 'Stalls', changeRisk: 'high', changeUrgency: 'high', changeImpact: 'high', changeCategory: 'emergency' });
    expect(raised.text).toContain('RFC-0001 is raised');
    expect(text(lastPosted(conv))).toContain('Emergency: for review at the next steering meeting');
    const agenda = await say(conv, 'agenda');
    expect(agenda).toContain('Top problems (1)');
    expect(agenda).toContain('Mail delivery stalls every Monday');
    expect(agenda).toContain('Emergency changes to review (1)');
    expect(agenda).toContain('Emergency patch of the mail relay');
    const workspace = workspaceParam(workspaceOf(conv));
    for (const view of ['problems', 'changes']) {
      const res = await fetch(`${bot.url}/api/tab/views/${view}?${new URLSearchParams({ workspace })}`, { headers: dev });
      expect(res.status).toBe(200);
      const body = (await res.json()) as any;
      expect(text(body.cards)).toContain(view === 'problems' ? 'PRB-0001' : 'RFC-0001');
    }
    const act = await fetch(`${bot.url}/api/tab/actions`, { method: 'POST', headers: dev, body: JSON.stringify({ view: 'problems', workspace, params: {}, verb: 'problem.open', data: { problemId: 'PRB-0001' } }) });
    expect(act.status).toBe(200);
    expect(JSON.stringify(await act.json())).toContain('RFC-0001');
  });
});
