// The Quality Experience Review applied in full to a real-format CQD export
// (tests/fixtures/cqd/qer-scope-2026-10.csv, -2026-11.csv): the call scope read from CQD's
// Is Server Pair, every target row of the reference table, unmanaged networks as their own
// line, workspace settings, and the data check of a remediated finding.
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CqdReadResult, mapHeaders, proposeFindings, readCqdCsv } from '../../../bot/src/domain/findings/cqd-import';
import { applyAction, dueAt, type Finding, newFinding } from '../../../bot/src/domain/findings/finding';
import { DEFAULT_DUE_DAYS, defaultQualitySettings, parseSettingsInputs } from '../../../bot/src/domain/findings/quality-settings';
import { reviewLines } from '../../../bot/src/domain/findings/review-lines';
import { QER_TARGETS, targetFor, targetRow } from '../../../bot/src/domain/findings/targets';
import { verificationChecks } from '../../../bot/src/domain/findings/verification';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/cqd/${name}`, import.meta.url));
const readOk = async (name: string): Promise<Extract<CqdReadResult, { ok: true }>> => {
  const r = await readCqdCsv(createReadStream(fixture(name)));
  if (!r.ok) throw new Error(`${r.error} ${JSON.stringify(r.problems)}`);
  return r;
};
async function* text(s: string) {
  yield s;
}
const keys = async (name: string) => proposeFindings(await readOk(name), []).groups.flatMap((g) => g.proposals.map((p) => p.key)).sort();

describe('the QER target table (reference: "Suggested targets")', () => {
  it('holds every row of the reference: scope × network → poor stream, setup failure, drop failure %', () => {
    const rows = QER_TARGETS.map((r) => [r.scope, r.network, r.targets['poor-stream-rate'], r.targets['setup-failure-rate'], r.targets['drop-failure-rate']]);
    expect(rows).toEqual([
      ['all', 'internal', 2.0, 0.5, 2.0],
      ['all', 'overall', 3.0, 1.0, 3.0],
      ['conferencing', 'internal', 2.0, 0.5, 2.0],
      ['conferencing', 'wired-internal', 1.0, 0.5, 1.0],
      ['conferencing', 'wifi-5-internal', 1.0, 0.5, 1.0],
      ['conferencing', 'wifi-2.4-internal', 2.0, 0.5, 2.0],
      ['conferencing', 'overall', 2.0, 0.5, 3.0],
      ['peer-to-peer', 'internal', 2.0, 0.5, 2.0],
      ['peer-to-peer', 'wired-wifi-5-internal', 1.0, 0.5, 1.0],
      ['peer-to-peer', 'wired-wifi-5-overall', 2.0, 1.0, 1.0],
      ['peer-to-peer', 'overall', 2.0, 1.0, 3.0],
    ]);
  });

  it('picks the most specific row for a place: conferencing wired internal 1.0 % PSR, peer-to-peer wired / Wi-Fi 5 GHz internal 0.5 % setup, VPN the scope\'s internal 2.0 %', () => {
    expect(targetFor({ metric: 'poor-stream-rate', networkType: 'wired', scope: 'conferencing' })).toMatchObject({ value: 1.0, row: { network: 'wired-internal' } });
    expect(targetFor({ metric: 'poor-stream-rate', networkType: 'wifi-2.4', scope: 'conferencing' })).toMatchObject({ value: 2.0, row: { network: 'wifi-2.4-internal' } });
    expect(targetFor({ metric: 'setup-failure-rate', networkType: 'wifi-5', scope: 'peer-to-peer' })).toMatchObject({ value: 0.5, row: { network: 'wired-wifi-5-internal' } });
    expect(targetFor({ metric: 'poor-stream-rate', networkType: 'vpn', scope: 'conferencing' })).toMatchObject({ value: 2.0, row: { network: 'internal' } });
    expect(targetFor({ metric: 'drop-failure-rate', networkType: 'external', scope: 'peer-to-peer' })).toMatchObject({ value: 3.0, row: { network: 'overall' } });
  });
});

describe('call scope from CQD Is Server Pair', () => {
  it('maps the Is Server Pair column (CQD dimension, values "Client : Server", "Client : Client", "Server : Server")', async () => {
    const m = mapHeaders(['Month Year', 'Is Server Pair', 'Second Building Name', 'Audio Stream Count', 'Audio Poor Stream Count']);
    expect(m).toMatchObject({ ok: true, value: { month: 0, serverPair: 1, building: 2, streams: 3, poorStreams: 4 } });
    const r = await readOk('qer-scope-2026-10.csv');
    const b1 = r.aggregates.filter((a) => a.level === 'building' && a.building === 'Building 1');
    expect(b1.map((a) => a.scope).sort()).toEqual(['conferencing', 'peer-to-peer']);
    expect(r.serverPairRows).toBe(1); // the Server : Server row carries no person's call
  });

  it('holds Building 1 to the conferencing wired internal 1.0 % and peer-to-peer wired internal 1.0 % targets (15 / 1,000 = 1.5 %, 8 / 500 = 1.6 %), not the all-calls 2.0 %', async () => {
    const set = proposeFindings(await readOk('qer-scope-2026-10.csv'), []);
    const b1 = set.groups.flatMap((g) => g.proposals).filter((p) => p.level === 'building' && p.building === 'Building 1');
    expect(b1.map((p) => [p.scope, p.value, p.target])).toEqual([['peer-to-peer', 1.6, 1], ['conferencing', 1.5, 1]]);
    expect(b1[1]!.description).toBe('Building 1 on Wired, conferencing calls: poor stream rate 1.5 % in 2026-10 over 1,000 streams, against a 1.0 % target (conferencing, wired internal).');
  });

  it('proposes exactly the places above their scope\'s rows in 2026-10', async () => {
    expect(await keys('qer-scope-2026-10.csv')).toEqual([
      'building|building 1|wired|poor-stream-rate|conferencing', // 1.5 % > 1.0 % (conferencing, wired internal)
      'building|building 1|wired|poor-stream-rate|peer-to-peer', // 1.6 % > 1.0 % (peer-to-peer, wired / Wi-Fi 5 GHz internal)
      'building|building 6|vpn|poor-stream-rate|conferencing', // 9 / 300 = 3.0 % > 2.0 % (conferencing, internal)
      'building|building 9|wired|setup-failure-rate|peer-to-peer', // 4 / 400 = 1.0 % > 0.5 %
      'subnet|10.10.1.0/24|wired|poor-stream-rate|conferencing',
      'subnet|10.10.1.0/24|wired|poor-stream-rate|peer-to-peer',
      'subnet|10.60.1.0/24|vpn|poor-stream-rate|conferencing',
      'subnet|10.90.1.0/24|wired|setup-failure-rate|peer-to-peer',
      // HQ on 5 GHz: 6 / 800 = 0.75 % within 1.0 %; on 2.4 GHz: 7 / 400 = 1.75 % within the conferencing Wi-Fi 2.4 GHz internal 2.0 %.
    ]);
  });

  it('refuses an Is Server Pair value CQD does not use, naming the line', async () => {
    const r = await readCqdCsv(text('Month Year,Is Server Pair,Second Building Name,Audio Stream Count,Audio Poor Stream Count\n2026-10,Client : Client,B1,100,1\n2026-10,Meeting,B1,100,1\n'));
    expect(r).toMatchObject({ ok: false, problems: [{ line: 3, message: 'is server pair "Meeting" is not Client : Client, Client : Server or Server : Server.' }] });
  });
});

describe('unmanaged networks (reference: "unmanaged (hotel, airport, home) is reported separately")', () => {
  it('puts Second Inside Corp = Outside traffic on its own line, held to the scope\'s overall row, and never proposes it', async () => {
    const r = await readOk('qer-scope-2026-10.csv');
    const all = proposeFindings(r, []).groups.flatMap((g) => g.proposals);
    expect(all.some((p) => p.subnet === '73.158.12.0/24' || p.subnet === '98.47.3.0/24' || p.networkType === 'external')).toBe(false);
    const unmanaged = reviewLines(r.aggregates, '2026-10').filter((l) => l.traffic === 'unmanaged');
    expect(unmanaged.map((l) => [l.scope, l.streams, l.targetLabel, l.measures.find((m) => m.metric === 'poor-stream-rate')])).toEqual([
      ['all', 800, 'all calls, overall', { metric: 'poor-stream-rate', value: 4.13, target: 3.0, above: true }], // (30 + 3) / 800
      ['conferencing', 600, 'conferencing, overall', { metric: 'poor-stream-rate', value: 5.0, target: 2.0, above: true }], // 30 / 600
      ['peer-to-peer', 200, 'peer-to-peer, overall', { metric: 'poor-stream-rate', value: 1.5, target: 2.0, above: false }], // 3 / 200
    ]);
  });

  it('treats a subnet outside the building map as unmanaged when the export has no Inside Corp column; VPN stays managed', async () => {
    const csv = 'Month Year,Second Building Name,Second Subnet,Second VPN,Audio Stream Count,Audio Poor Stream Count\n' +
      '2026-10,B1,10.1.1.0,False,100,1\n2026-10,,73.1.1.0,False,100,9\n2026-10,,10.250.1.0,True,100,1\n';
    const r = await readCqdCsv(text(csv));
    if (!r.ok) throw new Error(r.error);
    expect(r.externalRows).toBe(1);
    expect(r.aggregates.filter((a) => a.level === 'subnet').map((a) => [a.subnet, a.networkType])).toEqual([['10.1.1.0/24', undefined], ['10.250.1.0/24', 'vpn']]);
  });

  it('applies every row of the target table to the month when both scopes are in the file', async () => {
    const lines = reviewLines((await readOk('qer-scope-2026-10.csv')).aggregates, '2026-10');
    const applied = new Set(lines.map((l) => `${l.scope}|${l.network}`));
    expect(QER_TARGETS.filter((r) => !applied.has(`${r.scope}|${r.network}`))).toEqual([]);
    // Conferencing overall (managed + unmanaged): (15 + 6 + 7 + 9 + 30) / 3,100 = 2.16 % above the 2.0 % row.
    expect(lines.find((l) => l.key === 'conferencing|overall|overall')!.measures.find((m) => m.metric === 'poor-stream-rate')).toEqual({ metric: 'poor-stream-rate', value: 2.16, target: 2, above: true });
  });
});

describe('workspace settings', () => {
  it('default to the reference targets and the product time boxes 7 / 14 / 30 / 14 days', () => {
    const d = defaultQualitySettings();
    expect(d.targets).toEqual(QER_TARGETS);
    expect(d.dueDays).toEqual({ new: 7, accepted: 14, 'in-remediation': 30, remediated: 14 });
    expect(DEFAULT_DUE_DAYS['in-remediation']).toBe(30);
  });

  it('an edited target changes the proposals: conferencing wired internal PSR at 2.0 % leaves Building 1\'s 1.5 % within target', async () => {
    const table = defaultQualitySettings().targets.map((r) => (r.scope === 'conferencing' && r.network === 'wired-internal' ? { ...r, targets: { ...r.targets, 'poor-stream-rate': 2 } } : r));
    const set = proposeFindings(await readOk('qer-scope-2026-10.csv'), [], { targets: table });
    expect(set.groups.flatMap((g) => g.proposals).map((p) => p.key)).not.toContain('building|building 1|wired|poor-stream-rate|conferencing');
    expect(targetRow('conferencing', 'wired-internal', table)!.targets['poor-stream-rate']).toBe(2);
  });

  it('checks every value of the card: numbers in range (targets 0.1–50 %, days 1–365), each error named, nothing partial', () => {
    const inputs: Record<string, string> = {};
    QER_TARGETS.forEach((r, i) => {
      inputs[`t${i}_psr`] = String(r.targets['poor-stream-rate']);
      inputs[`t${i}_setup`] = String(r.targets['setup-failure-rate']);
      inputs[`t${i}_drop`] = String(r.targets['drop-failure-rate']);
    });
    Object.assign(inputs, { due_new: '7', due_accepted: '14', 'due_in-remediation': '30', due_remediated: '14' });
    expect(parseSettingsInputs(inputs)).toEqual({ ok: true, value: defaultQualitySettings() });
    const bad = parseSettingsInputs({ ...inputs, t3_psr: '75', t0_drop: 'two', due_new: '0', due_remediated: '2.5' });
    expect(bad).toEqual({
      ok: false,
      message: '4 values need fixing; nothing was saved.',
      errors: {
        t3_psr: 'Conferencing, wired internal, poor stream rate: 75 is out of range; use 0.1 to 50 %.',
        t0_drop: 'All calls, internal, drop failure rate: "two" is not a number like 2.0.',
        due_new: 'Days to accept a new finding: 0 is out of range; use 1 to 365 days.',
        due_remediated: 'Days to verify once remediated: use whole days.',
      },
    });
  });

  it('time boxes come from the settings: 10 days in remediation instead of the default 30', () => {
    const t0 = new Date('2026-10-01T00:00:00Z');
    expect(dueAt('in-remediation', t0)).toBe('2026-10-31T00:00:00.000Z');
    expect(dueAt('in-remediation', t0, { ...DEFAULT_DUE_DAYS, 'in-remediation': 10 })).toBe('2026-10-11T00:00:00.000Z');
    expect(dueAt('verified', t0, DEFAULT_DUE_DAYS)).toBeUndefined();
  });
});

describe('verification by the next month\'s data', () => {
  const ws = { tenantId: 't', scope: 'team' as const, scopeId: '19:x@thread.tacv2' };
  const actor = { id: 'u', name: 'Champion' };
  const remediated = (id: string, draft: Partial<Finding>, at: string): Finding => {
    const { finding } = newFinding({ workspace: ws, id, number: 1, actor, now: new Date(at), source: 'import', draft: { category: 'bandwidth', area: 'call-quality', description: 'd', owningRole: 'Network Operations', ...draft } });
    let f = finding;
    for (const type of ['start', 'remediated'] as const) {
      const t = applyAction(f, { type }, actor, new Date(at));
      if (!t.ok) throw new Error(t.error);
      f = { ...t.finding, etag: `e-${type}` };
    }
    return f;
  };

  it('proposes "verified" for a place back within target, "not yet" for one still above, nothing from a month before the fix', async () => {
    const nov = await readOk('qer-scope-2026-11.csv');
    const b1 = remediated('QF-0001', { building: 'Building 1', networkType: 'wired', metric: 'poor-stream-rate', value: 1.5, unit: '%' }, '2026-10-20T10:00:00Z');
    const b9 = remediated('QF-0002', { building: 'Building 9', networkType: 'wired', metric: 'setup-failure-rate', value: 1, unit: '%' }, '2026-10-20T10:00:00Z');
    const late = remediated('QF-0003', { building: 'Building 6', networkType: 'vpn', metric: 'poor-stream-rate', value: 3, unit: '%' }, '2026-11-10T10:00:00Z');
    const checks = verificationChecks([b1, b9, late], nov.aggregates, '2026-11');
    expect(checks.map((c) => [c.findingId, c.outcome, c.etag])).toEqual([['QF-0001', 'within-target', 'e-remediated'], ['QF-0002', 'above-target', 'e-remediated']]);
    // Building 1 in 2026-11: conferencing 8 / 1,000 = 0.8 %, peer-to-peer 4 / 500 = 0.8 %, both within their 1.0 % rows.
    expect(checks[0]!.summary).toBe('QF-0001: poor stream rate in 2026-11: Building 1 on Wired, conferencing calls 0.8 % within the 1.0 % target (conferencing, wired internal); Building 1 on Wired, peer-to-peer calls 0.8 % within the 1.0 % target (peer-to-peer, wired / Wi-Fi 5 GHz internal). Back within target: it can be verified.');
    // Building 9 peer-to-peer setup failures 3 / 400 = 0.75 %, still above 0.5 %.
    expect(checks[1]!.summary).toMatch(/0\.75 % above the 0\.5 % target \(peer-to-peer, wired \/ Wi-Fi 5 GHz internal\)\. Not yet verified: still above target\.$/);
  });

  it('says when the month has no figure for the place', async () => {
    const nov = await readOk('qer-scope-2026-11.csv');
    const gone = remediated('QF-0009', { building: 'Building 42', metric: 'poor-stream-rate', value: 4, unit: '%' }, '2026-10-02T10:00:00Z');
    expect(verificationChecks([gone], nov.aggregates, '2026-11')).toEqual([expect.objectContaining({ findingId: 'QF-0009', outcome: 'no-data' })]);
  });
});
