// The tab API's view and action routes: what a provider's answers become over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewsFeature } from '../support/seed-workspace';
import { startServiceOps, type ServiceOpsUnderTest } from '../support/service-ops';

let server: ServiceOpsUnderTest;
const dev = { 'x-dev-identity': 'local' };
const seen: { params: Record<string, string>; data?: unknown }[] = [];

beforeAll(async () => {
  // The real app with only a test view: the placeholders plus this provider.
  server = await startServiceOps({}, { features: [viewsFeature((r) => r.register({
      id: 'checklist', title: 'Checklist', description: 'test',
      choices: [{ param: 'checklist', label: 'Checklist', options: [{ id: 'qer', title: 'QER' }] }],
      render: async (ctx) => {
        seen.push({ params: { ...ctx.params } });
        return { cards: [{ type: 'AdaptiveCard', version: '1.5', body: [] }], charts: [{ kind: 'trend', title: 't', metric: 'Poor stream rate', target: 3, points: [{ month: '2025-01', rate: 4 }] }] };
      },
      act: async (_ctx, verb, data) => {
        seen.push({ params: {}, data });
        if (verb === 'boom') throw new Error('storage exploded with secret details');
        if (verb === 'refuse') return { error: 'Name the team that owns this role.' };
      },
    }))] });
});
afterAll(async () => {
  await server?.close();
});

const post = (body: unknown) => fetch(`${server.url}/api/tab/actions`, { method: 'POST', headers: { 'content-type': 'application/json', ...dev }, body: JSON.stringify(body) });

describe('tab API routes', () => {
  it('passes the view options to the provider and returns cards and charts', async () => {
    const res = await fetch(`${server.url}/api/tab/views/checklist?checklist=qer`, { headers: dev });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.view).toEqual({ id: 'checklist', title: 'Checklist', description: 'test' });
    expect(body.cards).toHaveLength(1);
    expect(body.charts[0].kind).toBe('trend');
    expect(seen.at(-1)!.params).toEqual({ checklist: 'qer' });
  });

  it('lists the views with their choices for the config page', async () => {
    const body = (await (await fetch(`${server.url}/api/tab/views`, { headers: dev })).json()) as any;
    expect(body.views.map((v: any) => v.id)).toEqual(['roles', 'agenda', 'checklist', 'findings', 'incidents', 'reminders']);
    expect(body.views.find((v: any) => v.id === 'checklist').choices[0].options).toEqual([{ id: 'qer', title: 'QER' }]);
  });

  it('answers 404 for an unknown view and 400 for bad options', async () => {
    expect((await fetch(`${server.url}/api/tab/views/nope`, { headers: dev })).status).toBe(404);
    expect((await fetch(`${server.url}/api/tab/views/checklist?${'x'.repeat(40)}=1`, { headers: dev })).status).toBe(400);
    expect((await fetch(`${server.url}/api/tab/views/checklist?workspace=garbage`, { headers: dev })).status).toBe(400);
  });

  it('re-renders after an action, and returns 400 with the message and the unchanged view when the provider refuses', async () => {
    const ok = await post({ view: 'checklist', params: { checklist: 'qer' }, verb: 'checklist.save', data: { 'qer-1': 'true' } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as any).cards).toHaveLength(1);
    const refused = await post({ view: 'checklist', verb: 'refuse', data: {} });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as any;
    expect(body.error).toBe('Name the team that owns this role.');
    expect(body.cards).toHaveLength(1);
  });

  it('validates the action request before the provider sees it', async () => {
    const before = seen.length;
    for (const bad of [[], { view: 'checklist', verb: '' }, { view: 'checklist', verb: 'x', data: [1] }, { view: 'checklist', verb: 'a b' }]) {
      expect((await post(bad)).status).toBe(400);
    }
    expect((await post({ view: 'roles', verb: 'x' })).status).toBe(400); // placeholder has no actions
    expect(seen.length).toBe(before);
  });

  it('answers 500 with a plain message when a provider fails, and logs the details', async () => {
    const res = await post({ view: 'checklist', verb: 'boom', data: {} });
    expect(res.status).toBe(500);
    const body = (await res.json()) as any;
    expect(body.error).toMatch(/Try again/);
    expect(JSON.stringify(body)).not.toContain('secret details');
    expect(server.logs.some((l) => l.level === 'error' && JSON.stringify(l.data).includes('secret details'))).toBe(true);
  });
});
