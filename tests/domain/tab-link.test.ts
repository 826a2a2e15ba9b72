// Links from a card to a tab view: a Teams deep link to the channel tab when the app id is known
// and the tab's entityId can be, the tab page itself otherwise (and always in local mode).
import { describe, expect, it } from 'vitest';
import { channelTabDeepLink, channelTabEntityId, tabLink, tabLinkTarget } from '../../bot/src/domain/tab-link';
import type { Workspace } from '../../bot/src/domain/workspace';

const APP_ID = '0f6a3c1e-8b2d-4e5f-9a7b-1c2d3e4f5a6b';
const TEAM: Workspace = { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', scope: 'team', scopeId: '19:quality@thread.tacv2' };
const CHAT: Workspace = { ...TEAM, scope: 'chat', scopeId: '19:abc@thread.v2' };
const target = { tabEndpoint: 'https://ops.contoso.example', teamsAppId: APP_ID };

describe('tabLinkTarget', () => {
  it('keeps the app id only in authenticated mode', () => {
    expect(tabLinkTarget({ mode: 'authenticated', tabEndpoint: target.tabEndpoint, teamsAppId: APP_ID })).toEqual(target);
    expect(tabLinkTarget({ mode: 'local', tabEndpoint: target.tabEndpoint, teamsAppId: APP_ID })).toEqual({ tabEndpoint: target.tabEndpoint });
    expect(tabLinkTarget({ mode: 'authenticated', tabEndpoint: target.tabEndpoint })).toEqual({ tabEndpoint: target.tabEndpoint });
  });
});

describe('channel tab deep links', () => {
  it('is the entityId the config page saves for a view without options', () => {
    expect(channelTabEntityId('findings')).toBe('service-ops-findings');
  });

  it('opens the channel tab at the record, with the workspace and record in subEntityId and the channel id', () => {
    const url = new URL(tabLink(target, 'findings', TEAM, { kind: 'finding', id: 'QF-0001' }, 'QF-0001'));
    expect(`${url.origin}${url.pathname}`).toBe(`https://teams.microsoft.com/l/entity/${APP_ID}/service-ops-findings`);
    expect(url.searchParams.get('label')).toBe('QF-0001');
    const context = JSON.parse(url.searchParams.get('context')!) as { subEntityId: string; channelId: string };
    expect(context.channelId).toBe(TEAM.scopeId);
    expect(Object.fromEntries(new URLSearchParams(context.subEntityId))).toEqual({ w: `${TEAM.tenantId}|team|${TEAM.scopeId}`, r: 'finding:QF-0001' });
  });

  it('opens the tab of the channel the link is shown in (a project channel), General only without one', () => {
    const inProject = new URL(tabLink(target, 'reminders', TEAM, undefined, 'Reminders', { channelId: '19:project-rollout@thread.tacv2' }));
    expect((JSON.parse(inProject.searchParams.get('context')!) as { channelId: string }).channelId).toBe('19:project-rollout@thread.tacv2');
    const nowhere = new URL(tabLink(target, 'reminders', TEAM, undefined, 'Reminders', {}));
    expect((JSON.parse(nowhere.searchParams.get('context')!) as { channelId: string }).channelId).toBe(TEAM.scopeId);
  });

  it('url-encodes the context so no id breaks out of the query', () => {
    const ws = { ...TEAM, scopeId: '19:a&label=x"}@thread.tacv2' };
    const url = new URL(channelTabDeepLink(target, 'incidents', ws, { kind: 'incident', id: 'SR-202611-1' })!);
    expect([...url.searchParams.keys()]).toEqual(['context']);
    expect((JSON.parse(url.searchParams.get('context')!) as { channelId: string }).channelId).toBe(ws.scopeId);
  });

  it('keeps the tab page for a chat, or without an app id', () => {
    expect(channelTabDeepLink(target, 'findings', CHAT)).toBeUndefined();
    const chat = new URL(tabLink(target, 'incidents', CHAT, { kind: 'incident', id: 'SR-202611-1' }));
    expect(`${chat.origin}${chat.pathname}`).toBe('https://ops.contoso.example/tabs/index.html');
    expect(Object.fromEntries(chat.searchParams)).toEqual({ view: 'incidents', incident: 'SR-202611-1', workspace: `${CHAT.tenantId}|chat|${CHAT.scopeId}` });
    const local = new URL(tabLink({ tabEndpoint: target.tabEndpoint }, 'findings', TEAM, { kind: 'finding', id: 'QF-0001' }));
    expect(local.searchParams.get('finding')).toBe('QF-0001');
  });
});
