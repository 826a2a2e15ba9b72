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

  it('OLAs and runbooks: a fixed number of reads, whatever the number of teams', async () => {
    const measured: Record<string, { calls: number; rows: number }> = {};
    for (const command of ['ola', 'ola Help Desk', 'runbook', 'runbook endpoint troubleshooting']) measured[command] = await measure(() => bot.send(conv.message(command)));
    measured['tab runbooks'] = await measure(async () => {
      const r = await fetch(`${bot.url}/api/tab/views/runbooks?workspace=${encodeURIComponent(workspaceParam(workspaceOf(conv)))}`, { headers: { 'x-dev-identity': 'local' } });
      expect(r.status).toBe(200);
    });
    expect(measured).toEqual(OLA_RUNBOOK_BUDGETS);
  });

  it('management reviews: the list is one point read of the summary; a start reads the inputs it asks for', async () => {
    const ws = encodeURIComponent(workspaceParam(workspaceOf(conv)));
    const tab = (query: string) => async () => {
      const r = await fetch(`${bot.url}/api/tab/views/reviews?workspace=${ws}${query}`, { headers: { 'x-dev-identity': 'local' } });
      expect(r.status).toBe(200);
    };
    const measured: Record<string, { calls: number; rows: number }> = {};
    for (const command of ['reviews', 'review operational health', 'review MR-0001']) measured[command] = await measure(() => bot.send(conv.message(command)));
    measured['tab reviews'] = await measure(tab(''));
    measured['tab reviews run'] = await measure(tab('&run=MR-0001'));
    expect(measured).toEqual(REVIEW_BUDGETS);
  });

  it('the review pack: the command and the tab read the month once; the picture is drawn only when it is fetched', async () => {
    const ws = encodeURIComponent(workspaceParam(workspaceOf(conv)));
    const measured: Record<string, { calls: number; rows: number }> = {};
    measured['review pack 2026-06'] = await measure(() => bot.send(conv.message('review pack 2026-06')));
    measured['tab pack'] = await measure(async () => expect((await fetch(`${bot.url}/api/tab/views/pack?workspace=${ws}&month=2026-06`, { headers: { 'x-dev-identity': 'local' } })).status).toBe(200));
    measured['tab pack pdf'] = await measure(async () => expect((await fetch(`${bot.url}/api/tab/packs/2026-06.pdf?workspace=${ws}`, { headers: { 'x-dev-identity': 'local' } })).status).toBe(200));
    expect(measured).toEqual(REVIEW_PACK_BUDGETS);
  });
});

// Measured on the workspace above; see docs/query-budgets.md for what each call is.
const CHAT_BUDGETS = {
  help: { calls: 1, rows: 1 },
  findings: { calls: 2, rows: 3 },
  incidents: { calls: 3, rows: 2 },
  // The role map, then each team's OLA: the schedules (its tasks), 90 days of completions (its
  // adherence) and the incident settings (the help desk's vendor-update rhythm).
  roles: { calls: 5, rows: 25 },
  'roles stakeholders': { calls: 2, rows: 17 },
  agenda: { calls: 9, rows: 29 },
  checklists: { calls: 3, rows: 1 },
  reminders: { calls: 4, rows: 26 },
};
const TAB_BUDGETS = {
  roles: { calls: 5, rows: 25 },
  agenda: { calls: 9, rows: 29 },
  checklist: { calls: 4, rows: 1 },
  findings: { calls: 4, rows: 4 },
  // One read of the incident settings serves the list and the figures, whose two months'
  // listings take the time zone from it.
  incidents: { calls: 6, rows: 3 },
  reminders: { calls: 5, rows: 28 },
};
// The OLAs read the role map (its seed marker and its rows), the schedules, 90 days of
// completions and, for the help desk's commitments, the incident settings, whatever the number of teams; the runbooks are data of the catalog, so they read
// only the role map (who holds each runbook's role).
const OLA_RUNBOOK_BUDGETS = {
  ola: { calls: 6, rows: 26 },
  'ola Help Desk': { calls: 5, rows: 25 },
  runbook: { calls: 2, rows: 12 },
  'runbook endpoint troubleshooting': { calls: 2, rows: 12 },
  'tab runbooks': { calls: 2, rows: 12 },
};

// The reviews: the list reads the summary row (none yet here); a start reads the summary, the live
// inputs its review asks for (the problems-and-changes row once for both parts), the stakeholders
// and the role map, then writes run and summary in one transaction, and its card reuses that role
// map; a run's card reads the run and the role map (the decision owner's hint).
const REVIEW_BUDGETS = {
  reviews: { calls: 2, rows: 1 },
  'review operational health': { calls: 11, rows: 30 },
  'review MR-0001': { calls: 3, rows: 13 },
  'tab reviews': { calls: 2, rows: 2 },
  'tab reviews run': { calls: 4, rows: 14 },
};

/**
 * The review pack (docs/review-pack.md): the incident settings once, the incidents up to the month's
 * end once (figures and outage spans from the same rows), the quality measures, the month's
 * completions and the summary row.
 */
const REVIEW_PACK_BUDGETS = {
  'review pack 2026-06': { calls: 6, rows: 2 },
  'tab pack': { calls: 6, rows: 2 },
  'tab pack pdf': { calls: 6, rows: 2 },
};
