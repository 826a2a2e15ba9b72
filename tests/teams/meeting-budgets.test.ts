// Table calls and rows read by the meeting side panel and the minutes, counted at the store's
// pipeline and pinned here (docs/meetings.md says why each one is there). A change that adds a
// call or reads more rows fails here until the page and this test say why.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreCall } from '../../bot/src/storage/table-store';
import { startConnector, type LocalConnector } from '../support/connector';
import { type Conv, WorkspaceSeeder, workspaceOf, workspaceParam } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

const calls: StoreCall[] = [];
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let conv: Conv;
const dev = { 'content-type': 'application/json', 'x-dev-identity': 'local' };

beforeAll(async () => {
  connector = await startConnector();
  bot = await startServiceOps({}, { observeStore: (c) => calls.push(c), clock: () => new Date('2026-11-30T10:00:00Z') });
  conv = await new WorkspaceSeeder(bot, connector).installedChannel();
  // A last meeting with two actions, so the panel shows "Actions from the last meeting".
  await act('meeting.record', { kind: 'action', actionText: 'Run the survey', actionOwner: 'Network Operations' });
  await act('meeting.record', { kind: 'action', actionText: 'Draft comms', actionOwner: 'Ana' });
  await act('meeting.close', {});
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

const ws = () => workspaceParam(workspaceOf(conv));
async function act(verb: string, data: Record<string, unknown>) {
  const r = await fetch(`${bot.url}/api/tab/actions`, { method: 'POST', headers: dev, body: JSON.stringify({ view: 'meeting', workspace: ws(), params: {}, verb, data }) });
  expect(r.status).toBe(200);
}

async function measure(run: () => Promise<unknown>) {
  calls.length = 0;
  await run();
  return { calls: calls.length, rows: calls.reduce((n, c) => n + c.rows, 0), byTable: calls.reduce<Record<string, number>>((m, c) => ({ ...m, [c.table]: (m[c.table] ?? 0) + 1 }), {}) };
}

const view = async () => {
  const r = await fetch(`${bot.url}/api/tab/views/meeting?workspace=${encodeURIComponent(ws())}`, { headers: dev });
  expect(r.status).toBe(200);
};

/** The meeting end as Teams sends it into the channel. */
const meetingEnd = () => ({
  ...(conv.message('') as Record<string, any>), id: randomUUID(), type: 'event', name: 'application/vnd.microsoft.meetingEnd', text: undefined,
  value: { Id: 'budget-meeting', MeetingType: 'Scheduled', JoinUrl: 'https://teams.microsoft.com/l/meetup-join/x', Title: 'Steering committee', EndTime: '2026-11-30T11:00:00Z' },
});

describe('meeting query budgets', () => {
  it('the side panel, before and during the meeting', async () => {
    expect(await measure(view)).toEqual(PANEL_EMPTY);
    await act('meeting.record', { kind: 'decision', decisionText: 'Fund the survey' });
    expect(await measure(view)).toEqual(PANEL_DURING);
  });

  it('recording a note', async () => {
    expect(await measure(() => act('meeting.record', { kind: 'decision', decisionText: 'Extend the pilot' }))).toEqual(RECORD);
  });

  it('the minutes at the meeting end, and a redelivered meeting end', async () => {
    await act('meeting.record', { kind: 'action', actionText: 'Order access points', actionOwner: 'Facilities', actionDue: '2026-12-15' });
    const end = meetingEnd();
    expect(await measure(() => bot.send(end))).toEqual(MINUTES);
    expect(connector.sent(conv.targetId).filter((a) => JSON.stringify(a).includes('Order access points'))).toHaveLength(1);
    expect(await measure(() => bot.send(end))).toEqual(REDELIVERED);
  });
});

/**
 * The tab API's workspace check reads the conversation targets (1 query, the installed channel);
 * the panel then reads the open meeting (1 point read; none yet) and the committee's records for
 * the last meeting's actions (1 query: the settings and the 2 actions).
 */
const PANEL_EMPTY = { calls: 3, rows: 5, byTable: { Conversations: 1, MeetingNotes: 1, OpsSteering: 1 } };
const PANEL_DURING = { calls: 3, rows: 5, byTable: { Conversations: 1, MeetingNotes: 1, OpsSteering: 1 } };
/** The workspace check, the open meeting read and written on its ETag, then the panel again (its two reads). */
const RECORD = { calls: 5, rows: 6, byTable: { Conversations: 1, MeetingNotes: 3, OpsSteering: 1 } };
/**
 * The meeting end: the closed meeting of this trigger (1 point read, none), the open meeting (1),
 * one transaction that clears it and stores it closed; the carry into the committee's records
 * (7: steering's recordMeeting with one action); the channel's conversation target (1); after the
 * send, "posted" on the closed meeting (1). Teams' redelivery of the same end is 1 point read.
 */
const MINUTES = { calls: 12, rows: 6, byTable: { $batch: 1, Conversations: 1, MeetingNotes: 3, OpsSteering: 7 } };
const REDELIVERED = { calls: 1, rows: 1, byTable: { MeetingNotes: 1 } };
