// The notification cards the jobs send, as Teams receives them: the incident's outage notices and
// update reminders @mention its owner (entity text = the <at> text shown, the owner's stored id),
// and a reminder digest, whose tasks are owned by roles the product knows no person id for,
// names the team and mentions nobody rather than sending a mention Teams cannot resolve.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltProduct, createProductFeature } from '../../bot/src/features/wiring';
import { cardAction, conversation } from '../support/activities';
import { startConnector, type LocalConnector } from '../support/connector';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

let nowMs = Date.parse('2026-06-01T08:00:00Z');
let connector: LocalConnector;
let bot: ServiceOpsUnderTest;
let product: BuiltProduct;
type Conv = ReturnType<typeof conversation>;
type Entity = { type: string; text: string; mentioned: { id: string; name: string } };
const cardOf = (a: any) => a?.attachments?.[0]?.content as Record<string, any> | undefined;
/** Every text and fact value shown in the card's body. */
const textBlocks = (card: any): string[] => [...JSON.stringify(card.body).matchAll(/"(?:text|value)":("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]!) as string);

function etagIn(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const o = node as Record<string, unknown>;
  if (typeof o.etag === 'string') return o.etag;
  for (const v of Object.values(o)) {
    const e = etagIn(v);
    if (e) return e;
  }
  return '';
}

/** The card's mention entities, after checking each one's text is shown in the card. */
function mentionsOf(card: Record<string, any>): Entity[] {
  const entities = (card.msteams?.entities ?? []) as Entity[];
  const shown = textBlocks(card);
  for (const e of entities) expect(shown.some((t) => t.includes(e.text)), `${e.text} shown`).toBe(true);
  for (const tag of shown.flatMap((t) => t.match(/<at>.*?<\/at>/g) ?? [])) expect(entities.map((e) => e.text)).toContain(tag);
  return entities;
}

beforeAll(async () => {
  connector = await startConnector();
  const feature = createProductFeature();
  bot = await startServiceOps({}, { features: [feature], clock: () => new Date(nowMs) });
  product = bot.app.servicesOf(feature);
});
afterAll(async () => {
  await product?.incidents.rhythm.stop();
  await product?.reminders.scheduler.stop();
  await bot?.close();
  await connector?.close();
});

describe('owners mentioned in notification cards', () => {
  const ANA = { id: `29:ana-${randomUUID()}`, name: 'Ana *Owner*', aadObjectId: randomUUID() };
  let conv: Conv;
  let id = '';

  it('an outage update after the owner acknowledged mentions the owner', async () => {
    conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await bot.send(conv.botAdded());
    await bot.send(conv.message('escalate'));
    for (const a of ['Exchange', 'Mail flow stopped for everyone', 'No mail in or out', 'all users', 'now', 'A', 'vendor']) await bot.send(conv.message(a));
    const filed = await bot.send(cardAction(conv, 'escalation.confirm', {}));
    id = /SR-\d{6}-\d{4}/.exec(JSON.stringify(filed.body))![0];
    const outages = () => connector.sent(conv.targetId).map(cardOf).filter((c) => c && JSON.stringify(c).includes(id) && /Outage (notification|update)/.test(JSON.stringify(c)));
    // Declared before anybody owns it: the owner line says so, and nobody is mentioned.
    // Notices go out on their own path, not inside the invoke's answer: wait for them.
    await connector.waitFor(() => outages().length > 0);
    const declared = outages()[0]!;
    expect(textBlocks(declared)).toContain('Incident owner: Unassigned');
    expect(mentionsOf(declared)).toEqual([]);

    const owner = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel', tenantId: conv.tenantId, teamId: conv.teamId, conversationId: conv.conversationId, user: ANA });
    nowMs += 5 * 60_000;
    const ack = await bot.send(cardAction(owner, 'incident.acknowledge', { incidentId: id, etag: etagIn(filed.body) }));
    // The incident card names the new owner in its Owner fact, as a mention.
    expect(mentionsOf(ack.body.value).map((e) => e.mentioned.id)).toEqual([ANA.id]);
    await bot.send(cardAction(owner, 'incident.update', { incidentId: id, etag: etagIn(ack.body), updateText: 'Vendor engaged' }));
    await connector.waitFor(() => outages().some((c) => JSON.stringify(c).includes('Outage update')));
    const update = outages().at(-1)!;
    expect(JSON.stringify(update)).toContain('Outage update');
    expect(mentionsOf(update)).toEqual([{ type: 'mention', text: '<at>Ana \\*Owner\\*</at>', mentioned: { id: ANA.id, name: 'Ana *Owner*' } }]);
    expect(textBlocks(update)).toContain('Incident owner: <at>Ana \\*Owner\\*</at>');
  });

  it('the update reminder the rhythm sends mentions the owner', async () => {
    nowMs += 2 * 3_600_000;
    await product.incidents.rhythm.tick();
    const reminder = connector.sent(conv.targetId).map(cardOf).filter((c) => c && JSON.stringify(c).includes(id) && /Status update (due|overdue)/.test(JSON.stringify(c))).at(-1);
    expect(reminder, 'a reminder was sent').toBeDefined();
    expect(mentionsOf(reminder!).map((e) => [e.mentioned.id, e.text])).toEqual([[ANA.id, '<at>Ana \\*Owner\\*</at>']]);
    expect(reminder!.body[0].text).toMatch(/^<at>Ana \\\*Owner\\\*<\/at>, /);
  });
});

describe('task owners in the reminder digest', () => {
  it('names the owning role and mentions nobody, since no person id is stored for a role', async () => {
    const conv = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    await bot.send(conv.botAdded());
    await bot.send(conv.message('reminders'));
    nowMs = Date.parse('2026-06-02T09:01:00Z');
    await product.reminders.scheduler.tick();
    const digest = connector.sent(conv.targetId).map(cardOf).find((c) => c && JSON.stringify(c).includes('operations task'));
    expect(digest, 'a digest was sent').toBeDefined();
    expect(JSON.stringify(digest)).toContain('Service Owner');
    expect(mentionsOf(digest!)).toEqual([]);
    expect(JSON.stringify(digest)).not.toContain('<at>');
  });
});
