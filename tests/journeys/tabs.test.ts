// The tab API on the product as `npm start` runs it, for the local development identity: every
// view answers 200 with cards, the call-quality import takes a file, and a workspace's tab shows
// only what was filed in that workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalConnector, startConnector } from '../support/connector';
import { endJourney, type LaunchedProduct, launchProduct } from './support/product';
import { brokenIn, buttons, TeamsClient, tenant, type Tenant } from './support/teams';

let connector: LocalConnector;
let product: LaunchedProduct;
let teams: TeamsClient;
let a: Tenant;
let b: Tenant;
const VIEWS = [['roles', {}], ['agenda', {}], ['checklist', { checklist: 'qer' }], ['findings', {}], ['incidents', {}], ['reminders', {}], ['my-work', {}], ['problems', {}], ['changes', {}], ['meeting', {}], ['charter', {}], ['reviews', {}], ['runbooks', {}], ['pack', {}]] as const;
const workspaceOf = (t: Tenant) => `${t.id}|team|${t.channel.teamId}`;
const view = (t: Tenant, id: string, params: Record<string, string> = {}) => product.tab(`/api/tab/views/${id}?${new URLSearchParams({ workspace: workspaceOf(t), ...params })}`);

beforeAll(async () => {
  connector = await startConnector();
  product = await launchProduct();
  teams = new TeamsClient(product, connector);
  a = tenant(connector, 'tara');
  b = tenant(connector, 'tom');
  for (const t of [a, b]) await teams.install(t.channel);
  // Tenant A files a finding and an incident, and starts a checklist run.
  const draft = await teams.say(a.channel, 'finding VPN: tab-isolation poor audio in Building 6, PSR 4.1%');
  const confirm = draft.cards.flatMap((c) => buttons(c)).find((x) => x.verb === 'finding.confirm')!;
  await teams.press(a.channel, confirm.verb, confirm.data);
  await teams.say(a.channel, 'escalate');
  for (const answer of ['Teams meetings', 'tab-isolation meetings fail', 'No meetings', 'all users', '20 minutes ago', 'B']) await teams.say(a.channel, answer);
  const escalation = await teams.say(a.channel, 'vendor');
  const file = escalation.cards.flatMap((c) => buttons(c)).find((x) => x.verb === 'escalation.confirm')!;
  await teams.press(a.channel, file.verb, file.data);
});

afterAll(async () => {
  expect(await endJourney(product, connector)).toEqual([]);
});

describe('the tab API', () => {
  it('answers every view with cards for the local identity', async () => {
    const catalog = await product.tab('/api/tab/views');
    expect(catalog.status).toBe(200);
    expect(catalog.body.views.map((v: { id: string }) => v.id).sort()).toEqual(VIEWS.map(([id]) => id).sort());
    for (const [id, params] of VIEWS) {
      const r = await view(a, id, params);
      expect(r.status, `${id}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(200);
      expect(r.body.cards.length, id).toBeGreaterThan(0);
      expect(brokenIn(JSON.stringify(r.body.cards)), id).toBeUndefined();
    }
  });

  it('imports a call-quality file and shows its months on the findings board', async () => {
    const csv = ['Month,Building,Network type,Streams,Poor streams', '2026-10,Building 9,Wired,1000,80', '2026-10,Building 10,Wi-Fi,1000,10'].join('\n');
    const r = await product.tab(`/api/tab/import/cqd?workspace=${encodeURIComponent(workspaceOf(a))}`, { body: csv, contentType: 'text/csv' });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    expect(r.body.storedMonths).toEqual(['2026-10']);
    const board = await view(a, 'findings');
    expect(JSON.stringify(board.body)).toContain('Building 9');
  });

  it('shows tenant B nothing of tenant A', async () => {
    for (const [id, params] of VIEWS) {
      const mine = JSON.stringify((await view(a, id, params)).body);
      const theirs = await view(b, id, params);
      expect(theirs.status, id).toBe(200);
      const text = JSON.stringify(theirs.body);
      expect(text, `tenant B's ${id} view`).not.toMatch(/tab-isolation|QF-\d{4}|SR-\d{6}-\d+|Building 9/);
      if (id === 'findings') expect(mine).toContain('QF-0001');
      if (id === 'incidents') expect(mine).toMatch(/SR-\d{6}-\d+/);
    }
  });

  it('refuses a workspace that does not exist, and a malformed one, without an error', async () => {
    expect((await product.tab(`/api/tab/views/findings?workspace=${encodeURIComponent(`${a.id}|team|19:nope@thread.tacv2`)}`)).status).toBe(403);
    expect((await product.tab('/api/tab/views/findings?workspace=nonsense')).status).toBe(400);
  });
});
