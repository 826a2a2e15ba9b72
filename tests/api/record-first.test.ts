// A board opened from a link to one record: the findings and incidents views put the named
// record's card first, read in the caller's workspace only. A record of another tenant with the
// same or another number is never shown: the caller gets a notice instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../bot/src/domain/workspace';
import { startConnector, type LocalConnector } from '../support/connector';
import { WorkspaceSeeder, workspaceOf, workspaceParam } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

const DEV = { 'x-dev-identity': 'local' };
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let ours: Workspace;
let theirs: Workspace;
let incident: string;

beforeAll(async () => {
  connector = await startConnector();
  bot = await startServiceOps({});
  const seed = new WorkspaceSeeder(bot, connector);
  // Two teams of two tenants (each installed channel gets a tenant of its own).
  const a = await seed.installedChannel();
  const b = await seed.installedChannel();
  [ours, theirs] = [workspaceOf(a), workspaceOf(b)];
  expect(ours.tenantId).not.toBe(theirs.tenantId);
  await seed.fileFinding(a, 'finding VPN: poor audio in Building 7, PSR 3.4%');
  await seed.fileFinding(b, 'finding VPN: poor audio in Building 41, PSR 5.2%');
  await seed.fileFinding(b, 'finding VPN: poor audio in Building 42, PSR 4.4%');
  incident = await seed.fileIncident(b, { service: 'Teams calling', problem: 'Calls drop in Lyon', impact: 'Sales calls drop', affected: 'the Lyon site', started: '30 minutes ago', severity: 'B' });
}, 60_000);

afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

async function view(name: string, ws: Workspace, params: Record<string, string>): Promise<{ cards: unknown[] }> {
  const q = new URLSearchParams({ workspace: workspaceParam(ws), ...params });
  const res = await fetch(`${bot.url}/api/tab/views/${name}?${q}`, { headers: DEV });
  expect(res.status).toBe(200);
  return (await res.json()) as { cards: unknown[] };
}
const text = (card: unknown) => JSON.stringify(card);

describe('a board opened at one record', () => {
  it('puts the named finding of this workspace first, then the board', async () => {
    const body = await view('findings', theirs, { finding: 'qf-2' });
    expect(text(body.cards[0])).toContain('QF-0002');
    expect(text(body.cards[0])).toContain('Building 42');
    expect(text(body.cards[1])).toContain('QF-0001');
  });

  it('never shows another tenant\'s finding: the same number is this team\'s own, a number only they have is a notice', async () => {
    const same = await view('findings', ours, { finding: 'QF-0001' });
    expect(text(same.cards[0])).toContain('Building 7');
    const other = await view('findings', ours, { finding: 'QF-0002' });
    expect(text(other.cards[0])).toContain('QF-0002 is not in this team.');
    expect(text(other)).not.toContain('Building 42');
    expect(text(other)).not.toContain('Building 41');
  });

  it('puts the named incident first, and answers a notice for another tenant\'s incident or a malformed number', async () => {
    const mine = await view('incidents', theirs, { incident: incident.toLowerCase() });
    expect(text(mine.cards[0])).toContain(incident);
    expect(text(mine.cards[0])).toContain('Calls drop in Lyon');
    const other = await view('incidents', ours, { incident });
    expect(text(other.cards[0])).toContain(`${incident} is not in this team.`);
    expect(text(other)).not.toContain('Calls drop in Lyon');
    const bad = await view('incidents', theirs, { incident: 'SR-12' });
    expect(text(bad.cards[0])).toContain('is not an incident number');
  });

  it('is the plain board without a record named', async () => {
    const body = await view('findings', theirs, {});
    expect(text(body.cards[0])).not.toContain('record-notice');
    expect(text(body)).not.toContain('is not in this team');
  });
});
