// Service URLs are compared as parsed URLs: text tricks that keep an allowed prefix but name
// another host, port or scheme are refused, for inbound activities and proactive sends alike.
import { describe, expect, it } from 'vitest';
import { TEAMS_SERVICE_URLS } from '../../bot/src/config';
import { isAllowedServiceUrl } from '../../bot/src/teams/adapter';

const local = [...TEAMS_SERVICE_URLS, 'http://127.0.0.1:', 'http://localhost:', 'http://[::1]:'];

describe('the service-URL allow-list', () => {
  it.each([
    'https://smba.trafficmanager.net/amer/',
    'https://smba.trafficmanager.net/teams',
    'https://SMBA.trafficmanager.net/emea/',
    'http://127.0.0.1:4222/',
    'http://localhost:56000/_connector',
    'http://[::1]:3000/',
  ])('allows %s', (url) => {
    expect(isAllowedServiceUrl(url, local)).toBe(true);
  });

  it.each([
    ['credentials that hide another host', 'http://127.0.0.1:4222@evil.invalid/'],
    ['an allowed name as a subdomain of another host', 'https://smba.trafficmanager.net.evil.invalid/'],
    ['the wrong scheme', 'http://smba.trafficmanager.net/amer/'],
    ['another port on a Teams host', 'https://smba.trafficmanager.net:8443/amer/'],
    ['user info on a Teams host', 'https://user:pw@smba.trafficmanager.net/amer/'],
    ['a non-HTTP scheme', 'file:///etc/passwd'],
    ['no URL at all', 'not a url'],
    ['nothing', undefined],
  ])('refuses %s', (_what, url) => {
    expect(isAllowedServiceUrl(url, local)).toBe(false);
  });

  it('allows loopback only where the list names it (local mode)', () => {
    expect(isAllowedServiceUrl('http://127.0.0.1:4222/', TEAMS_SERVICE_URLS)).toBe(false);
  });
});
