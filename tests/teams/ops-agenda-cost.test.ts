// The steering-committee agenda reads summaries, not every open record: in chat and in the tab
// it costs the same Table calls and rows with 3 findings as with 300, and still counts them all.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfirmedDraft } from '../../bot/src/domain/findings/draft';
import { type FindingAction, formatFindingId, newFinding } from '../../bot/src/domain/findings/finding';
import { FindingService } from '../../bot/src/domain/findings/finding-service';
import { TableFindingRepository } from '../../bot/src/storage/findings/table-finding-repository';
import { TableCounterRepository } from '../../bot/src/storage/table-counter-repository';
import type { StoreCall } from '../../bot/src/storage/table-store';
import { cardTexts } from '../support/card-inspect';
import { startConnector, type LocalConnector } from '../support/connector';
import { type Conv, WorkspaceSeeder, workspaceOf, workspaceParam } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

const calls: StoreCall[] = [];
const now = new Date('2026-06-03T10:00:00Z');
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let seed: WorkspaceSeeder;

beforeAll(async () => {
  connector = await startConnector();
  bot = await startServiceOps({}, { observeStore: (c) => calls.push(c), startJobs: false, clock: () => now });
  seed = new WorkspaceSeeder(bot, connector);
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

const actor = { id: 'aad-champion', name: 'Quality Champion' };
const draft: ConfirmedDraft = { category: 'vpn', area: 'call-quality', building: 'Building 6', networkType: 'vpn', metric: 'poor-stream-rate', value: 4.1, unit: '%', description: 'poor audio in Building 6', owningRole: 'Network Operations' };

/**
 * `count` findings: a third filed in April (overdue by now), the rest yesterday; every fifth closed.
 * Written through the repository, as filing does, without the chat turns.
 */
async function withFindings(count: number): Promise<{ conv: Conv; open: number }> {
  const conv = await seed.installedChannel();
  const ws = workspaceOf(conv);
  const repo = new TableFindingRepository(bot.app.store.client('Findings'));
  let filedAt = new Date('2026-04-20T09:00:00Z');
  const svc = new FindingService({ findings: repo, counters: new TableCounterRepository(bot.app.store.client('Counters')), clock: () => filedAt });
  for (let n = 1; n <= count; n++) {
    filedAt = new Date(Date.parse(n <= count / 3 ? '2026-04-20T09:00:00Z' : '2026-06-02T09:00:00Z') + n * 60_000);
    const { finding, history } = newFinding({ workspace: ws, id: formatFindingId('QF', n), number: n, draft: { ...draft, building: `Building ${n}` }, actor, now: filedAt, source: 'chat' });
    expect((await repo.create(finding, history, randomUUID())).created).toBe(true);
  }
  let open = count;
  for (let n = 5; n <= count; n += 5) {
    const close: FindingAction = n % 2 ? { type: 'wontfix', reason: 'out of scope' } : { type: 'accept' };
    expect((await svc.act(ws, formatFindingId('QF', n), close, actor)).ok).toBe(true);
    if (close.type === 'wontfix') open--;
  }
  return { conv, open };
}

async function measure(run: () => Promise<unknown>) {
  calls.length = 0;
  await run();
  return { calls: calls.length, rows: calls.reduce((n, c) => n + c.rows, 0) };
}
const chatAgenda = (conv: Conv) => measure(() => bot.send(conv.message('agenda')));
const tabAgenda = (conv: Conv) => measure(async () => {
  const r = await fetch(`${bot.url}/api/tab/views/agenda?workspace=${encodeURIComponent(workspaceParam(workspaceOf(conv)))}`, { headers: { 'x-dev-identity': 'local' } });
  expect(r.status).toBe(200);
});

describe('the agenda reads summaries', () => {
  it('costs the same Table calls and rows with 3 findings as with 300, in chat and in the tab', async () => {
    const few = await withFindings(3);
    const many = await withFindings(300);
    // The first agenda of a workspace seeds its defaults and stores what it did not find; then it is what every later one costs.
    for (const { conv } of [few, many]) {
      await chatAgenda(conv);
      await tabAgenda(conv);
    }
    const cost = { chat: [await chatAgenda(few.conv), await chatAgenda(many.conv)], tab: [await tabAgenda(few.conv), await tabAgenda(many.conv)] };
    expect(cost.chat[1]).toEqual(cost.chat[0]);
    expect(cost.tab[1]).toEqual(cost.tab[0]);
    // Two rows of findings summaries, whatever the number of findings.
    calls.length = 0;
    await bot.send(many.conv.message('agenda'));
    expect(calls.filter((c) => c.table === 'Findings')).toEqual([{ table: 'Findings', method: 'GET', rows: 2 }]);
  });

  it('still counts every open finding it cannot list on the card', async () => {
    const { conv, open } = await withFindings(120);
    await bot.send(conv.message('agenda'));
    const lines = cardTexts(connector.sent(conv.conversationId).at(-1)?.attachments?.[0]?.content);
    // No meeting recorded yet: every open finding is new since the last one.
    const heading = lines.findIndex((t) => t.startsWith('New findings and overdue remediation'));
    expect(lines[heading]).toBe(`New findings and overdue remediation (${open})`);
    // Overdue ones first (filed in April), the chat card shows five, then how many more there are.
    expect(lines[heading + 2]).toBe('QF-0001 · New · filed 2026-04-20 · remediation overdue');
    expect(lines).toContain(`…and ${open - 5} more; open the agenda tab to see them all.`);
  });
});
