import { describe, expect, it } from 'vitest';
import { answer, confirmDraft, type FindingDraft, newDraft, nextStep, promptFor, reopen, isStale } from '../../../bot/src/domain/findings/draft';
import { parseFindingShortcut } from '../../../bot/src/domain/findings/shortcut';
import { isCancel } from '../../../bot/src/domain/findings/text';

const t0 = new Date('2025-03-03T09:00:00Z');

/** Drives the steps the way the dialog does: ask nextStep, answer, repeat. */
function run(answers: string[], ctx = {}): { draft: FindingDraft; notes: string[]; asked: string[] } {
  let draft = newDraft(t0);
  const notes: string[] = [];
  const asked: string[] = [];
  for (const a of answers) {
    const step = nextStep(draft);
    if (step === 'confirm') throw new Error('no more questions');
    asked.push(step);
    const r = answer(draft, step, a, t0, ctx);
    if (!r.ok) throw new Error(`${step}: ${r.error}`);
    if (r.note) notes.push(r.note);
    draft = r.draft;
  }
  return { draft, notes, asked };
}

describe('the step-by-step draft', () => {
  it('asks one question at a time, in order, and reaches confirmation', () => {
    const { draft, notes, asked } = run(['Wi-Fi', 'quality', 'Building 6', '10.60.1.0/24', '5 GHz', 'PSR', '4.1%', 'Choppy audio in the east wing', 'skip', 'skip']);
    expect(asked).toEqual(['category', 'area', 'building', 'subnet', 'networkType', 'metric', 'value', 'description', 'evidence', 'owningRole']);
    expect(nextStep(draft)).toBe('confirm');
    expect(notes).toEqual(['4.1 % poor stream rate is above the 2.0 % target (all calls, internal) by 2.1 percentage points (105 % over).']);
    expect(confirmDraft(draft)).toEqual({ ok: true, value: { category: 'wifi', area: 'call-quality', building: 'Building 6', subnet: '10.60.1.0/24', networkType: 'wifi-5', metric: 'poor-stream-rate', value: 4.1, unit: '%', description: 'Choppy audio in the east wing', owningRole: 'Network Operations' } });
  });

  it('offers choices as buttons where there are choices, and the default team first', () => {
    const d = { ...newDraft(t0), category: 'audio-devices' as const, done: [] };
    expect(promptFor(d, 'category').choices.map((c) => c.value)).toEqual(['firewall-proxy', 'wifi', 'bandwidth', 'vpn', 'clients-drivers', 'audio-devices', 'subnets', 'other']);
    expect(promptFor(d, 'networkType').choices.map((c) => c.title)).toContain('Wi-Fi 2.4 GHz');
    const role = promptFor(d, 'owningRole', { roles: ['Help Desk', 'Client & Endpoints Team'] });
    expect(role.choices[0]!.value).toBe('Client & Endpoints Team');
    expect(role.defaultValue).toBe('Client & Endpoints Team');
  });

  it('re-asks with a short explanation when an answer is invalid', () => {
    const d = newDraft(t0);
    const err = (step: Parameters<typeof answer>[1], text: string, draft: FindingDraft = d, ctx = {}) => {
      const r = answer(draft, step, text, t0, ctx);
      if (r.ok) throw new Error(`accepted ${text}`);
      return r.error;
    };
    expect(err('category', 'printer')).toBe('I don\'t know the category "printer". Choose one of: Firewall / proxy, Wi-Fi, Bandwidth, VPN, Clients / drivers, Audio devices, Subnets / network devices, Other.');
    expect(err('subnet', '10.1.2.3/24')).toMatch(/host bits set: the network of that address is 10.1.2.0\/24/);
    const net = { ...d, category: 'wifi' as const };
    expect(err('subnet', 'skip', net)).toMatch(/I need a building or a subnet/);
    expect(err('networkType', 'carrier pigeon')).toMatch(/not a network type I know.*Wi-Fi 5 GHz/);
    expect(err('metric', 'jitter')).toMatch(/not a metric I know/);
    const psr = { ...d, metric: 'poor-stream-rate' as const };
    expect(err('value', 'high', psr)).toMatch(/not a percentage/);
    expect(err('value', '140%', psr)).toMatch(/more than 100 %/);
    expect(err('description', '   ')).toBe("The description can't be empty.");
    expect(err('description', 'x'.repeat(40 * 1024))).toMatch(/40,960 characters; the most I can keep is 4,000/);
    expect(err('description', 'bell\u0007here')).toMatch(/invisible control character \(U\+0007\) at position 5/);
    expect(err('evidence', 'javascript:alert(1)')).toMatch(/javascript: can't be opened/);
    expect(err('evidence', 'see my notes')).toMatch(/not a link/);
    expect(err('owningRole', 'The Moon Team', d, { roles: ['Network Operations', 'Help Desk'] })).toBe('"The Moon Team" is not a team in the role map. Choose one of: Network Operations, Help Desk.');
    expect(err('metricName', 'x', d)).toMatch(/does not apply/);
  });

  it('skips questions that do not apply and lets a device finding have no place', () => {
    const { draft, asked } = run(['headset', 'skip', 'skip', 'skip', 'not sure', 'no metric', 'Built-in laptop mics everywhere', 'https://contoso.sharepoint.com/report', 'default']);
    expect(asked).not.toContain('value');
    expect(nextStep(draft)).toBe('confirm');
    expect(confirmDraft(draft)).toMatchObject({ ok: true, value: { category: 'audio-devices', area: 'devices', owningRole: 'Client & Endpoints Team', evidence: 'https://contoso.sharepoint.com/report' } });
  });

  it('asks the metric name for a named metric, and a new metric clears the old value', () => {
    const { draft, asked } = run(['bandwidth', 'quality', 'Site A', 'skip', 'wired', 'another metric', 'Round-trip time', '320 ms', 'slow', 'skip', 'skip']);
    expect(asked).toContain('metricName');
    expect(draft).toMatchObject({ metric: 'named', metricName: 'Round-trip time', value: 320, unit: 'ms' });
    const r = answer(draft, 'metric', 'drop', t0);
    expect(r.ok && nextStep(r.draft)).toBe('value');
    expect(r.ok && r.draft.value).toBeUndefined();
  });

  it('flags a common home/hotel subnet while accepting it', () => {
    const d = { ...newDraft(t0), category: 'subnets' as const };
    const r = answer(d, 'subnet', '192.168.1.0/24', t0);
    expect(r.ok && r.note).toMatch(/hard to triage/);
  });

  it('can reopen a step, recognises cancel, and knows when a draft went stale', () => {
    const { draft } = run(['vpn', 'skip', 'Building 6']);
    expect(nextStep(reopen(draft, 'category'))).toBe('category');
    expect(['cancel', 'Cancel.', ' STOP '].every(isCancel)).toBe(true);
    expect(isCancel('cancel the meeting')).toBe(false);
    expect(isStale(draft, new Date(t0.getTime() + 29 * 60_000))).toBe(false);
    expect(isStale(draft, new Date(t0.getTime() + 31 * 60_000))).toBe(true);
  });

  it('confirmDraft re-validates data that did not come through the dialog (card data, tab API)', () => {
    expect(confirmDraft({ category: 'wifi', description: 'x' })).toEqual({ ok: false, error: 'A network finding needs a building/site or a subnet.' });
    expect(confirmDraft({ category: 'wifi', description: 'x', subnet: '10.0.0.1/8' })).toMatchObject({ ok: false, error: expect.stringMatching(/host bits/) });
    expect(confirmDraft({ category: 'nope' as never, description: 'x' })).toMatchObject({ ok: false });
    expect(confirmDraft({ category: 'vpn', building: 'B', description: 'x', metric: 'poor-stream-rate', value: 400 })).toMatchObject({ ok: false, error: 'A rate must be between 0 and 100 %.' });
  });
});

describe('the one-line shortcut', () => {
  it('parses the example field for field and goes straight to confirmation', () => {
    const r = parseFindingShortcut('finding VPN: poor audio in Building 6, PSR 4.1%', t0);
    expect(r.matched).toBe(true);
    expect(r.problems).toEqual([]);
    const { done, startedAt, updatedAt, ...fields } = r.draft;
    expect(fields).toEqual({
      category: 'vpn',
      building: 'Building 6',
      networkType: 'vpn', // a VPN finding is about calls over the VPN
      metric: 'poor-stream-rate',
      value: 4.1,
      unit: '%',
      description: 'poor audio in Building 6',
      area: 'call-quality',
      owningRole: 'Network Operations',
    });
    expect(startedAt).toBe(t0.toISOString());
    expect(updatedAt).toBe(t0.toISOString());
    expect(nextStep(r.draft)).toBe('confirm');
    expect(done.length).toBeGreaterThan(0);
  });

  it('is generous: aliases, metric after or before the number, commas, subnets, bands', () => {
    const p = (s: string) => parseFindingShortcut(s, t0).draft;
    expect(p('wifi: dropouts on 5 GHz in bldg 12, drop 3,5 %')).toMatchObject({ category: 'wifi', networkType: 'wifi-5', building: 'Bldg 12', metric: 'drop-failure-rate', value: 3.5, area: 'reliability' });
    expect(p('Wi-Fi: 2.5% PSR in Building 3')).toMatchObject({ category: 'wifi', metric: 'poor-stream-rate', value: 2.5, building: 'Building 3', description: 'in Building 3' });
    expect(p('proxy: calls fail to connect on 10.4.0.0/16, setup 1.2%')).toMatchObject({ category: 'firewall-proxy', subnet: '10.4.0.0/16', metric: 'setup-failure-rate', value: 1.2 });
    expect(p('firewall: UDP 3478 blocked at Site Oslo')).toMatchObject({ category: 'firewall-proxy', building: 'Site Oslo' });
    expect(p('bandwidth: saturated WAN link, Building 2')).toMatchObject({ category: 'bandwidth', building: 'Building 2' });
    expect(p('drivers: old audio drivers on the sales laptops')).toMatchObject({ category: 'clients-drivers', owningRole: 'Client & Endpoints Team', area: 'clients' });
    expect(p('headset built-in mics in the call centre')).toMatchObject({ category: 'audio-devices', description: 'built-in mics in the call centre', area: 'devices' });
  });

  it('design brief §2 "the affected scope (building, subnet, site)": keeps a site whole, its qualifier and its number or name', () => {
    const building = (s: string) => parseFindingShortcut(s, t0).draft.building;
    expect(building('wifi: poor coverage in HQ Building 2, PSR 3%')).toBe('HQ Building 2');
    expect(building('bandwidth: saturated link at Warehouse 2')).toBe('Warehouse 2');
    expect(building('firewall: UDP 3478 blocked at Branch Paris')).toBe('Branch Paris');
    expect(building('vpn: audio breaks up at North Campus B')).toBe('North Campus B');
    // Words the shortcut reads for itself are not part of the site.
    expect(building('wifi: PSR Building 3 at 4%')).toBe('Building 3');
    expect(building('wifi: In HQ Building 2 poor audio')).toBe('HQ Building 2');
  });

  it('leaves what it cannot find to the dialog', () => {
    expect(parseFindingShortcut('finding', t0).matched).toBe(false);
    const unknown = parseFindingShortcut('finding something odd happened', t0);
    expect(unknown.problems).toContain('I could not tell the category.');
    expect(nextStep(unknown.draft)).toBe('category');
    const noPlace = parseFindingShortcut('vpn: audio breaks up, PSR 5%', t0);
    expect(nextStep(noPlace.draft)).toBe('building');
    const badSubnet = parseFindingShortcut('subnet: loss on 10.4.0.1/16', t0);
    expect(badSubnet.problems[0]).toMatch(/host bits/);
  });
});
