// Table calls and rows read of the problems and changes commands and tab views, and what they add
// to the agenda (docs/problems-and-changes.md), counted at the store's own pipeline on a team
// channel with one incident, two problems (one linked to it) and two changes (one emergency).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreCall } from '../../bot/src/storage/table-store';
import { cardAction, conversation } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { WorkspaceSeeder, workspaceOf, workspaceParam } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

const calls: StoreCall[] = [];
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let conv: ReturnType<typeof conversation>;

const change = (category: string) => ({ changeTitle: `A ${category} change`, changeReason: 'why', changeRisk: 'low', changeUrgency: 'high', changeImpact: 'low', changeCategory: category });

beforeAll(async () => {
  connector = await startConnector();
  bot = await startServiceOps({}, { observeStore: (c) => calls.push(c), startJobs: false, clock: () => new Date('2026-06-03T10:00:00Z') });
  const seed = new WorkspaceSeeder(bot, connector);
  conv = await seed.installedChannel();
  const sr = await seed.fileIncident(conv, { service: 'Teams meetings', problem: 'Meetings fail to start', impact: 'No meetings', affected: 'all users', started: '20 minutes ago', severity: 'B' });
  await bot.send(cardAction(conv, 'problem.link', { kind: 'incident', ref: sr, problemChoice: 'new' }));
  await bot.send(cardAction(conv, 'problem.create', { problemTitle: 'Mail stalls on Mondays' }));
  await bot.send(cardAction(conv, 'change.raise', { source: { kind: 'problem', id: 'PRB-0001' }, ...change('emergency') }));
  await bot.send(cardAction(conv, 'change.raise', { source: { kind: 'manual' }, ...change('normal') }));
  for (const c of ['roles', 'agenda', 'problems', 'changes']) await bot.send(conv.message(c));
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

describe('problems and changes query budgets', () => {
  it('chat commands: the conversation row, then one list query (plus the role map or the summary row)', async () => {
    const measured: Record<string, { calls: number; rows: number }> = {};
    for (const command of ['problems', 'problems PRB-0001', 'changes', 'changes RFC-0001']) measured[command] = await measure(() => bot.send(conv.message(command)));
    expect(measured).toEqual({
      // conversation row · open problems' list rows (2) · role map (11)
      problems: { calls: 3, rows: 14 },
      // conversation row · the problem (point read) · role map (11)
      'problems PRB-0001': { calls: 3, rows: 13 },
      // conversation row · open changes' list rows (2) · summary row
      changes: { calls: 3, rows: 4 },
      // conversation row · the change (point read)
      'changes RFC-0001': { calls: 2, rows: 2 },
    });
  });

  it('tab views', async () => {
    const ws = workspaceParam(workspaceOf(conv));
    const measured: Record<string, { calls: number; rows: number }> = {};
    for (const view of ['problems', 'changes']) {
      measured[view] = await measure(async () => {
        const r = await fetch(`${bot.url}/api/tab/views/${view}?workspace=${encodeURIComponent(ws)}`, { headers: { 'x-dev-identity': 'local' } });
        expect(r.status).toBe(200);
      });
    }
    // Each view also pays the tab API's workspace check (the conversation targets).
    expect(measured).toEqual({ problems: { calls: 3, rows: 14 }, changes: { calls: 3, rows: 4 } });
  });

  it('the agenda reads one summary row for both sections, whatever the number of problems and changes', async () => {
    const summaryReads = () => calls.filter((c) => c.table.endsWith('ProblemsChanges'));
    await measure(() => bot.send(conv.message('agenda')));
    expect(summaryReads().map((c) => ({ method: c.method, rows: c.rows }))).toEqual([{ method: 'GET', rows: 1 }]);
  });
});
