// "Make me the contact" on the role edit card, the way Teams drives it: the presser becomes the
// role's contact person (their Entra object id kept next to their name), and the reminder digest
// the scheduler posts for that role's tasks @mentions them.
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
const cardOf = (a: any) => a?.attachments?.[0]?.content as Record<string, any> | undefined;
const json = (x: unknown) => JSON.stringify(x ?? '');

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

describe('a role\'s contact person', () => {
  const ANA = { id: `29:ana-${randomUUID()}`, name: 'Ana *Owner*', aadObjectId: randomUUID() };
  const conv = () => conversation({ serviceUrl: connector.serviceUrl, scope: 'channel', tenantId, teamId, conversationId, user: ANA });
  let tenantId = '';
  let teamId = '';
  let conversationId = '';

  it('"Make me the contact" stores the presser as the contact and the edit card says so', async () => {
    const first = conversation({ serviceUrl: connector.serviceUrl, scope: 'channel' });
    tenantId = first.tenantId;
    teamId = first.teamId!;
    conversationId = first.conversationId;
    await bot.send(first.botAdded());
    // Reminders already set up (schedules seeded through the role map) before anybody is the contact.
    await bot.send(conv().message('reminders'));
    const res = await bot.send(cardAction(conv(), 'role.makeContact', { roleId: 'service-owner' }));
    expect(res.status).toBe(200);
    const card = json(res.body.value);
    expect(card).toContain('Ana *Owner* is now the contact for Service Owner.');
    expect(card).toContain('is the contact person: reminders for this role @mention them');
    const role = await product.ops.services.roles.get({ tenantId, scope: 'team', scopeId: teamId }, 'service-owner');
    expect(role).toMatchObject({ contact: 'Ana *Owner*', contactId: ANA.aadObjectId });
    // Pressing again changes nothing and says the same.
    const again = await bot.send(cardAction(conv(), 'role.makeContact', { roleId: 'service-owner' }));
    expect(json(again.body.value)).toContain('is the contact person');
  });

  it('the reminder digest for the role\'s tasks mentions the contact person', async () => {
    nowMs = Date.parse('2026-06-02T09:01:00Z');
    await product.reminders.scheduler.tick();
    const digest = connector.sent(conv().targetId).map(cardOf).find((c) => c && json(c).includes('operations task'));
    expect(digest, 'a digest was sent').toBeDefined();
    const entities = (digest!.msteams?.entities ?? []) as { text: string; mentioned: { id: string; name: string } }[];
    expect(entities.filter((e) => e.mentioned.id === ANA.aadObjectId)).toEqual([
      { type: 'mention', text: '<at>Ana \\*Owner\\*</at>', mentioned: { id: ANA.aadObjectId, name: 'Ana *Owner*' } },
    ]);
    expect(json(digest!.body)).toContain('Owner: <at>Ana \\\\*Owner\\\\*</at>');
  });
});
