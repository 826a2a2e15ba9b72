// Every chat command and tab view has a budget of Table calls and rows read (docs/query-budgets.md),
// counted at the store's own pipeline. Counts are deterministic, so they are pinned here: a change
// that adds a call or reads more rows fails until the budget (and the doc) say so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreCall } from '../../bot/src/storage/table-store';
import { conversation } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';
import { WorkspaceSeeder, workspaceOf, workspaceParam } from '../support/seed-workspace';

const calls: StoreCall[] = [];
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let conv: ReturnType<typeof conversation>;

beforeAll(async () => {
  connector = await startConnector();
  // A fixed business clock: what is due or overdue, and so what is read, does not depend on the day.
  bot = await startServiceOps({}, { observeStore: (c) => calls.push(c), startJobs: false, clock: () => new Date('2026-06-03T10:00:00Z') });
  const seed = new WorkspaceSeeder(bot, connector);
  conv = await seed.installedChannel();
  // A workspace in use: two findings, an incident, and every first-use default seeded.
  await seed.fileFinding(conv, 'finding VPN: poor audio in Building 7, PSR 3.4%');
  await seed.fileFinding(conv, 'finding Wi-Fi: poor audio in Building 2, PSR 5.2%');
  await seed.fileIncident(conv, { service: 'Teams meetings', problem: 'Meetings fail to start with error 500', impact: 'No customer meetings can be held', affected: 'all users', started: '20 minutes ago', severity: 'A' });
  for (const c of ['roles', 'roles stakeholders', 'agenda', 'checklists', 'reminders']) await bot.send(conv.message(c));
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

async function measure(run: () => Promise<unknown>) {
  calls.length = 0;
  await run();
  return { calls: calls.length, rows: calls.reduce((n, c) => n + c.rows, 0) };
}

describe('query budgets', () => {
  it('chat commands', async () => {
    const measured: Record<string, { calls: number; rows: number }> = {};
    for (const command of ['help', 'findings', 'incidents', 'roles', 'roles stakeholders', 'agenda', 'checklists', 'reminders']) {
      measured[command] = await measure(() => bot.send(conv.message(command)));
    }
    expect(measured).toEqual(CHAT_BUDGETS);
  });

  it('dialog turns: point reads only, the session read only for a user the conversation lists', async () => {
    const fresh = conversation({ serviceUrl: connector.serviceUrl, scope: 'personal' });
    const reads = (list: StoreCall[]) => list.filter((c) => c.method === 'GET').length;
    // A new conversation's first message is the one-line finding shortcut: the conversation row is
    // looked up (none yet), then one transaction creates it (reference and listing) and saves the
    // draft, while the confirmation card answers.
    const first = await measure(() => bot.send(fresh.message('finding VPN: poor audio in Building 4, PSR 3.9%')));
    expect({ ...first, reads: reads(calls), tables: [...new Set(calls.map((c) => c.table))] }).toEqual({ calls: 2, rows: 0, reads: 1, tables: ['Conversations', '$batch'] });
    // While the draft waits: the row (listing the user), the session, and the session saved.
    const typed = await measure(() => bot.send(fresh.message('resume')));
    expect({ ...typed, reads: reads(calls) }).toEqual({ calls: 3, rows: 2, reads: 2 });
    // Cancelling deletes the session and takes the user off the row's list in one transaction.
    const cancelled = await measure(() => bot.send(fresh.message('cancel')));
    expect({ ...cancelled, reads: reads(calls) }).toEqual({ calls: 3, rows: 2, reads: 2 });
    // And the next message is one point read again.
    expect(await measure(() => bot.send(fresh.message('help')))).toEqual({ calls: 1, rows: 1 });
  });

  it('tab views', async () => {
    const ws = workspaceParam(workspaceOf(conv));
    const measured: Record<string, { calls: number; rows: number }> = {};
    for (const [view, extra] of [['roles', ''], ['agenda', ''], ['checklist', '&checklist=qer'], ['findings', ''], ['incidents', ''], ['reminders', '']] as const) {
      measured[view] = await measure(async () => {
        const r = await fetch(`${bot.url}/api/tab/views/${view}?workspace=${encodeURIComponent(ws)}${extra}`, { headers: { 'x-dev-identity': 'local' } });
        expect(r.status).toBe(200);
      });
    }
    expect(measured).toEqual(TAB_BUDGETS);
  });
});

// Measured on the workspace above; see docs/query-budgets.md for what each call is.
const CHAT_BUDGETS = {
  help: { calls: 1, rows: 1 },
  findings: { calls: 2, rows: 3 },
  incidents: { calls: 3, rows: 2 },
  roles: { calls: 2, rows: 12 },
  'roles stakeholders': { calls: 2, rows: 17 },
  agenda: { calls: 8, rows: 29 },
  checklists: { calls: 3, rows: 1 },
  reminders: { calls: 4, rows: 26 },
};
const TAB_BUDGETS = {
  roles: { calls: 2, rows: 12 },
  agenda: { calls: 8, rows: 29 },
  checklist: { calls: 4, rows: 1 },
  findings: { calls: 4, rows: 4 },
  incidents: { calls: 8, rows: 3 },
  reminders: { calls: 5, rows: 28 },
};
