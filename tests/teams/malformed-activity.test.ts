// A body that cannot be an activity gets 400 with a short reason, never 500, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

let bot: ServiceOpsUnderTest;
beforeAll(async () => {
  bot = await startServiceOps();
});
afterAll(() => bot.close());

const post = async (body: string, contentType = 'application/json') => {
  const r = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: r.status, text: await r.text() };
};

describe('POST /api/messages with a malformed body', () => {
  it.each([
    ['100,000-deep JSON', `{"type":"message","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 'application/json', /nested deeper than 64/],
    ['an activity with no type', '{"text":"hi"}', 'application/json', /has no type/],
    ['a JSON array', '[1,2]', 'application/json', /not a JSON object/],
    ['multipart', '--x\r\ncontent-disposition: form-data; name="a"\r\n\r\n1\r\n--x--', 'multipart/form-data; boundary=x', /application\/json/],
    ['broken JSON', '{nope', 'application/json', /JSON/],
  ])('refuses %s with 400 and a reason', async (_what, body, type, reason) => {
    const r = await post(body, type);
    expect(r.status).toBe(400);
    expect(r.text).toMatch(reason);
    expect(bot.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});
