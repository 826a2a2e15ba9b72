// The steering committee inside its Teams meeting, over HTTP as Teams and the tab drive it:
// decisions and actions recorded from the side panel (tab actions) and from a chat card
// (Action.Execute invokes), refusals that say what is wrong, undo, the meeting end event
// (posted once however often Teams redelivers it) and the carry into the next agenda.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardAction, conversation } from '../support/activities';
import { cardTexts } from '../support/card-inspect';
import { startConnector, type LocalConnector } from '../support/connector';
import { type Conv, WorkspaceSeeder, workspaceOf, workspaceParam } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

let now = new Date('2026-11-30T10:00:00Z');
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let seed: WorkspaceSeeder;

beforeAll(async () => {
  connector = await startConnector();
  bot = await startServiceOps({}, { clock: () => now });
  seed = new WorkspaceSeeder(bot, connector);
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

const dev = { 'content-type': 'application/json', 'x-dev-identity': 'local' };
const text = (cards: unknown[]) => cardTexts(cards).join('\n');

async function panel(conv: Conv): Promise<any[]> {
  const res = await fetch(`${bot.url}/api/tab/views/meeting?${new URLSearchParams({ workspace: workspaceParam(workspaceOf(conv)) })}`, { headers: dev });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).cards;
}

async function tabAct(conv: Conv, verb: string, data: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const res = await fetch(`${bot.url}/api/tab/actions`, { method: 'POST', headers: dev, body: JSON.stringify({ view: 'meeting', workspace: workspaceParam(workspaceOf(conv)), params: { meeting: 'MCMxOTptZWV0aW5n' }, verb, data }) });
  return { status: res.status, body: await res.json() };
}

/** The meeting end event as Teams sends it into the meeting's conversation. */
function meetingEnd(conv: Conv, meetingId = 'MCMxOTptZWV0aW5nX2FiY0B0aHJlYWQudjIjMA==', id = randomUUID()) {
  const message = conv.message('') as Record<string, any>;
  return {
    ...message, id, type: 'event', name: 'application/vnd.microsoft.meetingEnd', text: undefined, entities: undefined,
    channelData: { ...message.channelData, meeting: { id: meetingId } },
    value: { Id: meetingId, MeetingType: 'Scheduled', JoinUrl: 'https://teams.microsoft.com/l/meetup-join/x', Title: 'Steering committee, November', EndTime: '2026-11-30T11:00:00Z' },
  };
}

const minutesPosted = (conv: Conv) => connector.sent(conv.targetId).filter((a) => JSON.stringify(a).includes('"Minutes"'));

describe('recording from the side panel', () => {
  it('records decisions and actions, refuses empty text and bad dates with clear errors, and undoes a mistake', async () => {
    const conv = await seed.installedChannel();
    expect(text(await panel(conv))).toContain('Nothing recorded yet');

    const empty = await tabAct(conv, 'meeting.record', { kind: 'decision', decisionText: '  ' });
    expect(empty.body.error).toBe('The decision is required.');
    const badDate = await tabAct(conv, 'meeting.record', { kind: 'action', actionText: 'Run the Wi-Fi survey', actionOwner: 'Network Operations', actionDue: '2026-02-30' });
    expect(badDate.body.error).toContain('"2026-02-30" is not a date');
    const noOwner = await tabAct(conv, 'meeting.record', { kind: 'action', actionText: 'Run the Wi-Fi survey' });
    expect(noOwner.body.error).toContain('Name who owns this action');

    expect((await tabAct(conv, 'meeting.record', { kind: 'decision', decisionText: 'Fund the ${x} survey' })).status).toBe(200);
    expect((await tabAct(conv, 'meeting.record', { kind: 'decision', decisionText: 'Recorded by mistake' })).status).toBe(200);
    const recorded = await tabAct(conv, 'meeting.record', { kind: 'action', actionText: 'Run the Wi-Fi survey', actionOwner: 'Network Operations', actionDue: '2026-12-15' });
    expect(recorded.status).toBe(200);
    const shown = text(recorded.body.cards);
    expect(shown).toContain('Fund the ${x} survey');
    expect(shown).toContain('Owner: Network Operations · due 2026-12-15');

    const cards = await panel(conv);
    const undo = JSON.stringify(cards).match(/"verb":"meeting\.undo","data":\{"noteId":"([^"]+)"\}/g)!;
    expect(undo).toHaveLength(3);
    const mistaken = JSON.parse(`{${undo[1]!}}`).data.noteId as string;
    const undone = await tabAct(conv, 'meeting.undo', { noteId: mistaken });
    expect(undone.status).toBe(200);
    expect(text(undone.body.cards)).not.toContain('Recorded by mistake');
    expect(text(undone.body.cards)).toContain('Decisions (1)');
  });

  it('records from a chat card too, once per invoke however often Teams redelivers it', async () => {
    const conv = await seed.installedChannel('Bo Lead');
    const press = cardAction(conv, 'meeting.record', { kind: 'decision', decisionText: 'Extend the pilot' }, { id: 'invoke-same' });
    const [a, b] = [await bot.send(press), await bot.send(press)];
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect(text(await panel(conv)).match(/Extend the pilot/g)).toHaveLength(1);
  });
});

describe('when the meeting ends', () => {
  it('posts the minutes once to the channel, with owners and due dates, and carries the actions into the next agenda', async () => {
    const conv = await seed.installedChannel();
    now = new Date('2026-11-30T10:05:00Z');
    await tabAct(conv, 'meeting.record', { kind: 'decision', decisionText: 'Fund the Wi-Fi survey' });
    await tabAct(conv, 'meeting.record', { kind: 'action', actionText: 'Run the Wi-Fi survey', actionOwner: 'Network Operations', actionDue: '2026-12-15' });
    const end = meetingEnd(conv);
    const results = await Promise.all([bot.send(end), bot.send(end), bot.send({ ...end, id: randomUUID() })]);
    for (const r of results) expect(r.status).toBeLessThan(300);
    const posted = minutesPosted(conv);
    expect(posted).toHaveLength(1);
    const minutes = text([posted[0].attachments[0].content]);
    expect(minutes).toContain('Steering committee, November');
    expect(minutes).toContain('Fund the Wi-Fi survey');
    expect(minutes).toContain('Run the Wi-Fi survey');
    expect(minutes).toContain('Owner: Network Operations');
    expect(minutes).toContain('Due 2026-12-15');
    expect(minutes).toContain('Attendees: \nLocal developer'); // the person who recorded (the tab's development identity) attended

    // The panel starts afresh; the last meeting's action is there with its status.
    const after = text(await panel(conv));
    expect(after).toContain('Nothing recorded yet');
    expect(after).toContain('Actions from the last meeting (2026-11-30)');
    expect(after).toContain('Run the Wi-Fi survey');

    await bot.send(conv.message('agenda'));
    const agenda = text([connector.sent(conv.conversationId).at(-1).attachments[0].content]);
    expect(agenda).toContain('Actions from the last meeting (1)');
    expect(agenda).toContain('Open · owner Network Operations · due 2026-12-15');
    expect(agenda).toContain('Fund the Wi-Fi survey');
  });

  it('mentions an owner picked from the meeting, and Close meeting from the panel posts the minutes the same way', async () => {
    const conv = await seed.installedChannel();
    const join = { ...(conv.message('') as Record<string, any>), type: 'event', name: 'application/vnd.microsoft.meetingParticipantJoin', text: undefined, value: { members: [{ user: { id: '29:bo', aadObjectId: 'aad-bo', name: 'Bo Lead' }, meeting: { inMeeting: true, role: 'Attendee' } }] } };
    expect((await bot.send(join)).status).toBeLessThan(300);
    expect(JSON.stringify(await panel(conv))).toContain('{"title":"Bo Lead","value":"aad-bo"}');
    await tabAct(conv, 'meeting.record', { kind: 'action', actionText: 'Draft the comms', actionOwnerPerson: 'aad-bo', actionOwner: '' });
    const closed = await tabAct(conv, 'meeting.close', {});
    expect(closed.status).toBe(200);
    expect(text(closed.body.cards)).toContain('Meeting closed: the minutes (0 decision(s), 1 action(s)) are posted to the channel');
    const card = minutesPosted(conv)[0].attachments[0].content;
    expect(text([card])).toContain('Owner: <at>Bo Lead</at>');
    expect(card.msteams.entities).toEqual([{ type: 'mention', text: '<at>Bo Lead</at>', mentioned: { id: 'aad-bo', name: 'Bo Lead' } }]);
    expect(text([card])).toContain('Attendees: \nBo Lead, Local developer');
    // A meeting end afterwards finds nothing open and posts nothing more.
    await bot.send(meetingEnd(conv, 'other-id'));
    expect(minutesPosted(conv)).toHaveLength(1);
    const again = await tabAct(conv, 'meeting.close', {});
    expect(again.body.error).toContain('Nothing has been recorded in this meeting');
  });

  it('keeps the minutes of a meeting whose post failed, and a redelivered meeting end posts them', async () => {
    const conv = await seed.installedChannel();
    await tabAct(conv, 'meeting.record', { kind: 'decision', decisionText: 'Keep the pilot running' });
    const end = meetingEnd(conv, 'flaky-meeting');
    connector.failNext({ status: 403 }, 1, (c) => c.method === 'POST');
    await bot.send(end);
    expect(minutesPosted(conv)).toHaveLength(0);
    // The channel answered 403 once: the bot marked it inactive; re-adding the bot reactivates it.
    await bot.send(conv.botAdded());
    await bot.send(end);
    expect(minutesPosted(conv)).toHaveLength(1);
    expect(text([minutesPosted(conv)[0].attachments[0].content])).toContain('Keep the pilot running');
  });

  it('a meeting in a group chat posts its minutes to that chat, and other workspaces see nothing of it', async () => {
    const chat = conversation({ serviceUrl: connector.serviceUrl, scope: 'groupChat' });
    await bot.send(chat.botAdded());
    await tabAct(chat, 'meeting.record', { kind: 'decision', decisionText: 'Only in this chat' });
    const other = await seed.installedChannel();
    expect(text(await panel(other))).not.toContain('Only in this chat');
    await bot.send(meetingEnd(chat));
    expect(minutesPosted(chat)).toHaveLength(1);
    expect(minutesPosted(other)).toHaveLength(0);
  });
});
