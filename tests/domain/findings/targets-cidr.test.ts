import { describe, expect, it } from 'vitest';
import { defaultOwningRole } from '../../../bot/src/domain/findings/catalog';
import { hardToTriage, hardToTriageWarning, parseSubnet } from '../../../bot/src/domain/findings/cidr';
import { compareToTarget, targetFor } from '../../../bot/src/domain/findings/targets';

describe('QER targets', () => {
  it('looks up the most specific row of the guide for scope × network × metric', () => {
    expect(targetFor({ metric: 'poor-stream-rate', networkType: 'wired' })!.value).toBe(2.0); // all, internal
    expect(targetFor({ metric: 'poor-stream-rate' })!.value).toBe(3.0); // all, overall
    expect(targetFor({ metric: 'setup-failure-rate', networkType: 'external' })!.value).toBe(1.0);
    expect(targetFor({ metric: 'poor-stream-rate', networkType: 'wired', scope: 'conferencing' })!.value).toBe(1.0);
    expect(targetFor({ metric: 'poor-stream-rate', networkType: 'wifi-2.4', scope: 'conferencing' })!.value).toBe(2.0);
    expect(targetFor({ metric: 'drop-failure-rate', networkType: 'wifi-5', scope: 'conferencing' })!.value).toBe(1.0);
    expect(targetFor({ metric: 'drop-failure-rate', networkType: 'external', scope: 'conferencing' })!.value).toBe(3.0);
    expect(targetFor({ metric: 'drop-failure-rate', networkType: 'wifi-5', scope: 'peer-to-peer' })!.value).toBe(1.0);
    expect(targetFor({ metric: 'setup-failure-rate', networkType: 'vpn', scope: 'peer-to-peer' })!.value).toBe(0.5);
    expect(targetFor({ metric: 'setup-failure-rate', scope: 'peer-to-peer' })!.value).toBe(1.0);
  });

  it('says whether a value is above target and by how much (points and relative)', () => {
    const c = compareToTarget(4.1, { metric: 'poor-stream-rate', networkType: 'vpn' })!;
    expect(c).toMatchObject({ value: 4.1, target: 2, above: true, points: 2.1, relative: 1.05 });
    expect(c.summary).toBe('4.1 % poor stream rate is above the 2.0 % target (all calls, internal) by 2.1 percentage points (105 % over).');
    const at = compareToTarget(0.5, { metric: 'setup-failure-rate', networkType: 'wired' })!;
    expect(at.above).toBe(false);
    expect(at.summary).toMatch(/exactly at the 0.5 % target/);
    const below = compareToTarget(1.25, { metric: 'drop-failure-rate', networkType: 'wired' })!;
    expect(below).toMatchObject({ above: false, points: -0.75 });
    expect(below.summary).toMatch(/within the 2.0 % target .*0.75 percentage points below/);
  });
});

describe('subnets', () => {
  const ok = (s: string) => {
    const r = parseSubnet(s);
    if (!r.ok) throw new Error(r.error);
    return r.value.canonical;
  };
  const error = (s: string) => {
    const r = parseSubnet(s);
    if (r.ok) throw new Error(`accepted ${s}`);
    return r.error;
  };

  it('accepts IPv4 and IPv6 CIDR in canonical form', () => {
    expect(ok(' 10.20.30.0/24 ')).toBe('10.20.30.0/24');
    expect(ok('0.0.0.0/0')).toBe('0.0.0.0/0');
    expect(ok('2001:DB8:0:0::/64')).toBe('2001:db8::/64');
    expect(ok('2001:0db8:0000:0000:0001:0000:0000:0000/80')).toBe('2001:db8:0:0:1::/80');
    expect(ok('fe80::/10')).toBe('fe80::/10');
    expect(ok('::/0')).toBe('::/0');
  });

  it('explains what is wrong, including host bits set', () => {
    expect(error('10.20.30.5/24')).toBe('10.20.30.5/24 has host bits set: the network of that address is 10.20.30.0/24. Use the network address.');
    expect(error('2001:db8::1/64')).toMatch(/host bits set: the network of that address is 2001:db8::\/64/);
    expect(error('10.20.30.0')).toMatch(/no prefix length; write it like 10.20.30.0\/24/);
    expect(error('10.20.300.0/24')).toMatch(/300 is larger than 255/);
    expect(error('10.20.0/24')).toMatch(/four numbers/);
    expect(error('10.20.30.0/33')).toMatch(/from 0 to 32/);
    expect(error('2001:db8::1::/64')).toMatch(/"::" may appear only once/);
    expect(error('building 6')).toMatch(/not an IPv4 address/);
    expect(parseSubnet('10.20.30.0', { defaultPrefix: { v4: 24, v6: 64 } })).toMatchObject({ ok: true, value: { canonical: '10.20.30.0/24' } });
  });

  it('flags the common home/hotel subnets as hard to triage', () => {
    const v = (s: string) => (parseSubnet(s) as { ok: true; value: Parameters<typeof hardToTriage>[0] }).value;
    for (const s of ['10.0.0.0/24', '192.168.0.0/24', '192.168.1.0/24', '192.168.2.0/24', '172.20.10.0/24', '192.168.43.0/24']) expect(hardToTriage(v(s))).toBe(s);
    expect(hardToTriage(v('192.168.1.128/25'))).toBe('192.168.1.0/24');
    expect(hardToTriage(v('192.168.3.0/24'))).toBeUndefined();
    expect(hardToTriage(v('10.0.1.0/24'))).toBeUndefined();
    expect(hardToTriageWarning(v('192.168.1.0/24'))).toMatch(/home and hotel routers .* hard to triage/);
  });
});

describe('default owning team', () => {
  it('network problems → Network Operations, devices and clients → Client & Endpoints, within the role map', () => {
    expect(defaultOwningRole('wifi')).toBe('Network Operations');
    expect(defaultOwningRole('subnets')).toBe('Network Operations');
    expect(defaultOwningRole('audio-devices')).toBe('Client & Endpoints Team');
    expect(defaultOwningRole('clients-drivers', ['Service Desk', 'Client & Endpoints'])).toBe('Client & Endpoints');
    expect(defaultOwningRole('vpn', ['Service Desk', 'Infra'])).toBe('Service Desk');
  });
});
