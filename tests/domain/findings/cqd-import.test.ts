import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CqdReadResult, mapHeaders, parseMonth, proposeFindings, rates, readCqdCsv } from '../../../bot/src/domain/findings/cqd-import';
import { CsvParser, type CsvProblem, type CsvRecord } from '../../../bot/src/domain/findings/csv';
import { newFinding } from '../../../bot/src/domain/findings/finding';
import { trendsByBuilding, trendsByCategory } from '../../../bot/src/domain/findings/trends';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
async function* text(s: string, chunk = 7) {
  for (let i = 0; i < s.length; i += chunk) yield s.slice(i, i + chunk);
}
const readOk = async (src: AsyncIterable<string | Uint8Array>): Promise<Extract<CqdReadResult, { ok: true }>> => {
  const r = await readCqdCsv(src);
  if (!r.ok) throw new Error(`${r.error} ${JSON.stringify(r.problems)}`);
  return r;
};

describe('CSV parser', () => {
  function parse(input: string, chunk = 3) {
    const records: CsvRecord[] = [];
    const problems: CsvProblem[] = [];
    const p = new CsvParser((r) => records.push(r), (x) => problems.push(x));
    for (let i = 0; i < input.length; i += chunk) p.push(input.slice(i, i + chunk));
    p.end();
    return { records, problems };
  }
  it('handles BOM, CRLF, quotes, doubled quotes and line breaks inside quotes, in any chunking', () => {
    const input = '\ufeffa,b,c\r\n"x, y","say ""hi""","multi\r\nline"\r\n1,,3\n"",last,"${x}"';
    for (const chunk of [1, 2, 5, 1000]) {
      const { records, problems } = parse(input, chunk);
      expect(problems).toEqual([]);
      expect(records).toEqual([
        { line: 1, fields: ['a', 'b', 'c'] },
        { line: 2, fields: ['x, y', 'say "hi"', 'multi\nline'] },
        { line: 4, fields: ['1', '', '3'] },
        { line: 5, fields: ['', 'last', '${x}'] },
      ]);
    }
  });
  it('names the line of a stray or unclosed quote', () => {
    expect(parse('a,b\nx"y,2\n3,4').problems).toEqual([{ line: 2, message: expect.stringMatching(/inside an unquoted value/) }]);
    expect(parse('a,b\n"open,2\n3,4').problems).toEqual([{ line: 2, message: expect.stringMatching(/never closed/) }]);
    expect(parse('a,b\n"x"y,2').problems[0]!.message).toMatch(/after a closing quote/);
  });
});

describe('CQD import', () => {
  it('maps headers by name with aliases, and rejects unmappable headers listing what it expected', () => {
    const m = mapHeaders(['Month Year', 'Second Building Name', 'Total Audio Stream Count', 'Audio Poor Percentage', 'Whatever']);
    expect(m).toEqual({ ok: true, value: { month: 0, building: 1, streams: 2, poorRate: 3 }, ignored: ['Whatever'] });
    const bad = mapHeaders(['When', 'Where', 'How many']);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toMatch(/missing Month, Building or Subnet, Streams, a poor, setup-failure or drop measure/);
      expect(bad.error).toMatch(/Columns I could not place: "When", "Where", "How many"/);
      expect(bad.error).toMatch(/Expected a header row with: Month; Building and\/or Subnet/);
    }
  });

  it('reads months in the usual spellings', () => {
    expect(['2025-02', '2025-2', '2025-02-01', '202502', 'Feb 2025', 'February 2025', '02/2025', '2025/02'].map(parseMonth)).toEqual(Array(8).fill('2025-02'));
    expect(parseMonth('Febtember 2025')).toBeUndefined();
    expect(parseMonth('2025-13')).toBeUndefined();
  });

  it('proposes exactly the buildings and subnets above target in the latest month, grouped by category', async () => {
    const read = await readOk(createReadStream(fixture('cqd-sample.csv')));
    expect(read.rows).toBe(14);
    expect(read.months).toEqual(['2025-01', '2025-02']);
    expect(read.skippedSubnets).toEqual([{ subnet: '192.168.1.0/24', common: '192.168.1.0/24' }]);
    const set = proposeFindings(read, []);
    expect(set.month).toBe('2025-02');
    // Worked out by hand from the 2025-02 rows (targets: all calls, internal: PSR 2.0, setup 0.5, drop 2.0):
    //  Building 1 wired: PSR 15/2000 = 0.75, setup 5/2000 = 0.25, drop 15/1995 = 0.75  → all within (subnets too)
    //  Building 6 VPN:   PSR 25/500 = 5.0 above; setup 0.2, drop 4/499 = 0.8            → building + subnet 10.60.1.0/24
    //  HQ 2.4 GHz:       PSR 1.5, setup 8/800 = 1.0 above, drop 10/792 = 1.26           → building + subnet 10.20.5.0/24
    //  HQ 5 GHz:         PSR 30/1200 = 2.5 above, setup 0.17, drop 12/1198 = 1.0        → building + subnet 10.20.6.0/24
    //  Building 9 wired: PSR 1.0, setup 6/600 = 1.0 above, drop 3/594 = 0.51            → building + subnet 10.90.1.0/24
    //  192.168.1.0/24 is a home/hotel subnet (skipped); 10.90.0.0/24 is external (not proposed).
    const got = set.groups.flatMap((g) => g.proposals.map((p) => `${g.category} ${p.key} ${p.value}`)).sort();
    expect(got).toEqual([
      'firewall-proxy building|building 9|wired|setup-failure-rate 1',
      'subnets subnet|10.90.1.0/24|wired|setup-failure-rate 1',
      'vpn building|building 6|vpn|poor-stream-rate 5',
      'vpn subnet|10.60.1.0/24|vpn|poor-stream-rate 5',
      'wifi building|hq, north wing|wifi-2.4|setup-failure-rate 1',
      'wifi building|hq, north wing|wifi-5|poor-stream-rate 2.5',
      'wifi subnet|10.20.5.0/24|wifi-2.4|setup-failure-rate 1',
      'wifi subnet|10.20.6.0/24|wifi-5|poor-stream-rate 2.5',
    ]);
    const vpn = set.groups.find((g) => g.category === 'vpn')!.proposals[0]!;
    expect(vpn).toMatchObject({ building: 'Building 6', target: 2, points: 3, relative: 1.5, streams: 500, owningRole: 'Network Operations', area: 'call-quality' });
    expect(vpn.description).toBe('Building 6 on VPN: poor stream rate 5.0 % in 2025-02 over 500 streams, against a 2.0 % target (all calls, internal).');
    // Reliability before quality within a category.
    expect(set.groups.find((g) => g.category === 'wifi')!.proposals.map((p) => p.metric)).toEqual(['setup-failure-rate', 'setup-failure-rate', 'poor-stream-rate', 'poor-stream-rate']);
  });

  it('deduplicates against open findings', async () => {
    const read = await readOk(createReadStream(fixture('cqd-sample.csv')));
    const { finding } = newFinding({
      workspace: { tenantId: 't', scope: 'team', scopeId: 's' }, id: 'QF-0007', number: 7, now: new Date(), source: 'chat', actor: { id: 'a', name: 'A' },
      draft: { category: 'vpn', area: 'call-quality', building: 'building 6', networkType: 'vpn', metric: 'poor-stream-rate', value: 4, description: 'x', owningRole: 'Network Operations' },
    });
    const set = proposeFindings(read, [finding]);
    expect(set.duplicates.map((p) => `${p.key} ${p.duplicateOf}`)).toEqual(['building|building 6|vpn|poor-stream-rate QF-0007']);
    expect(set.groups.flatMap((g) => g.proposals)).toHaveLength(7);
  });

  it('a malformed CSV is refused as a whole and names its bad lines', async () => {
    const r = await readCqdCsv(createReadStream(fixture('cqd-malformed.csv')));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe("7 lines of the file can't be read, so nothing was imported. Fix them and import the whole file again.");
    expect(r.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    const byLine = Object.fromEntries(r.problems.map((p) => [p.line, p.message]));
    expect(byLine[3]).toMatch(/month "Febtember 2025" is not a month/);
    expect(byLine[4]).toMatch(/streams "lots" is not a whole number/);
    expect(byLine[5]).toMatch(/host bits set/);
    expect(byLine[6]).toMatch(/poor streams \(500\) is more than the streams \(100\)/);
    expect(byLine[7]).toMatch(/it has 5 fields; the header has 6/);
    expect(byLine[8]).toMatch(/network type "Carrier pigeon"/);
    expect(byLine[9]).toMatch(/never closed/);
    expect('aggregates' in r).toBe(false);
  });

  it('rejects a file whose headers cannot be mapped, and one that is not UTF-8', async () => {
    const r = await readCqdCsv(text('Date,Place,Count\n2025-01,B1,3\n'));
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/^The file's header row is missing Building or Subnet, Streams/) });
    const latin1 = await readCqdCsv((async function* () { yield new Uint8Array([0x4d, 0x6f, 0x6e, 0x74, 0x68, 0xe9, 0xff, 0x0a]); })());
    expect(latin1).toMatchObject({ ok: false, error: expect.stringMatching(/not UTF-8/) });
  });

  it('accepts rates instead of counts and reports progress', async () => {
    const csv = 'Month,Subnet,Network Type,Streams,Poor stream rate,Setup failure rate,Drop failure rate\n2025-02,10.1.0.0,wired,2000,2.5%,0.25,"1,5"\n';
    const progress: number[] = [];
    const r = await readCqdCsv(text(csv), { onProgress: (p) => progress.push(p.rows) });
    if (!r.ok) throw new Error(r.error);
    expect(r.aggregates[0]).toMatchObject({ level: 'subnet', subnet: '10.1.0.0/24', streams: 2000, poor: 50, setupFailed: 5 });
    expect(progress[progress.length - 1]).toBe(1);
    const set = proposeFindings(r, []);
    expect(set.groups.flatMap((g) => g.proposals).map((p) => `${p.category} ${p.metric} ${p.value}`)).toEqual(['subnets poor-stream-rate 2.5']);
  });
});

describe('trends', () => {
  it('per building and per category, month over month, against target', async () => {
    const read = await readOk(createReadStream(fixture('cqd-sample.csv')));
    const b = trendsByBuilding(read.aggregates, 'poor-stream-rate');
    const b6 = b.find((t) => t.label === 'Building 6')!;
    expect(b6.points).toEqual([
      { month: '2025-01', rate: 2, target: 2, above: false, streams: 500 },
      { month: '2025-02', rate: 5, target: 2, above: true, vsPrevious: 'worse', streams: 500 },
    ]);
    expect(b6.direction).toBe('rising');
    const b1 = b.find((t) => t.label === 'Building 1')!; // 40/2000 = 2.0 → 15/2000 = 0.75
    expect(b1.points.map((p) => [p.rate, p.vsPrevious])).toEqual([[2, undefined], [0.75, 'better']]);
    expect(b1.direction).toBe('falling');
    // HQ mixes 2.4 and 5 GHz: Jan (8+12)/2000 = 1.0, Feb (12+30)/2000 = 2.1 against the internal target 2.0.
    const hq = b.find((t) => t.label === 'HQ, North Wing')!;
    expect(hq.points.map((p) => [p.rate, p.above])).toEqual([[1, false], [2.1, true]]);
    // Building 9: its home/hotel subnet row is excluded and the external row is not a building trend.
    expect(b.find((t) => t.label === 'Building 9')!.points.map((p) => p.rate)).toEqual([0.5, 1]);

    const c = trendsByCategory(read.aggregates, 'setup-failure-rate');
    const wifi = c.find((t) => t.key === 'wifi')!; // (2+2)/2000 = 0.2 → (8+2)/2000 = 0.5
    expect(wifi.label).toBe('Poor Wi-Fi coverage');
    expect(wifi.points.map((p) => [p.rate, p.above])).toEqual([[0.2, false], [0.5, false]]);
    expect(wifi.direction).toBe('rising');
    const fw = c.find((t) => t.key === 'firewall-proxy')!; // wired buildings: (1+1+1)/2600 → (2+3+6)/2600
    expect(fw.points.map((p) => p.rate)).toEqual([0.12, 0.42]);
  });
});

// A report exported from the Call Quality Dashboard, named as CQD names its dimensions and
// measurements ("Dimensions and measurements available in Call Quality Dashboard (CQD)",
// learn.microsoft.com/microsoftteams/dimensions-and-measures-available-in-call-quality-dashboard).
describe('a real CQD export (cqd-export-real-format.csv)', () => {
  const REAL = fixture('cqd-export-real-format.csv');
  const realText = () => readFileSync(REAL, 'utf8');
  const realLines = () => realText().replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
  const read = () => readOk(createReadStream(REAL));
  const agg = (r: Extract<CqdReadResult, { ok: true }>, month: string, level: 'building' | 'subnet', place: string) =>
    r.aggregates.filter((a) => a.month === month && a.level === level && (level === 'building' ? a.building : a.subnet) === place);

  it('maps CQD names: Month Year, Second Building Name, Second Subnet, Second Network Connection Detail, Second Wi-Fi Band, Second Inside Corp, Second VPN, Audio Stream Count, Audio Poor Stream Count, Total CDR Available Stream Count, Total Call Setup Failed/Succeeded Stream Count, Total Call Dropped Stream Count and the percentages', () => {
    const m = mapHeaders(realLines()[0]!.split(','));
    expect(m).toEqual({
      ok: true,
      value: {
        month: 0, building: 1, subnet: 2, networkType: 3, wifiBand: 4, insideCorp: 5, vpn: 6,
        streams: 8, poorStreams: 9, poorRate: 10, cdrStreams: 11, setupFailed: 12, setupSucceeded: 13, dropped: 14, setupRate: 15, dropRate: 16,
      },
      ignored: ['Second Network Name', 'Total Media Failed Stream Count'],
    });
  });

  it('reads the client endpoint ("Second …", CQD makes the server "First") and audio streams (Audio Stream Count over Total Stream Count); the columns it passes over are reported', () => {
    const m = mapHeaders(['First Building Name', 'Second Building Name', 'Month Year', 'Total Stream Count', 'Audio Stream Count', 'Audio Poor Stream Count', 'Audio Poor Stream Count', '']);
    expect(m).toEqual({ ok: true, value: { building: 1, month: 2, streams: 4, poorStreams: 5 }, ignored: ['First Building Name', 'Total Stream Count', 'Audio Poor Stream Count', 'column 8 (no header)'] });
  });

  it('reads CQD date spellings: Month Year "2026-10", Full Month "2026-10-01T00:00:00", and Year 2026 beside Month 10', async () => {
    expect(['2026-10', '2026-10-01T00:00:00'].map(parseMonth)).toEqual(['2026-10', '2026-10']);
    const r = await readOk(text('Year,Month,Second Building Name,Audio Stream Count,Audio Poor Stream Count\n2026,10,B1,100,1\n2026,9,B1,100,2\n'));
    expect(r.months).toEqual(['2026-09', '2026-10']);
  });

  it('reports the columns it did not read, in the read result, for the summary', async () => {
    const r = await read();
    expect(r.ignoredColumns).toEqual(['Second Network Name', 'Total Media Failed Stream Count']);
    // Rows CQD could not place (no building, no subnet: e.g. a media path that never set up) are counted, not refused.
    expect(r.unplacedRows).toBe(2);
    expect(r.rows).toBe(17);
  });

  it('an empty CQD measure cell counts no streams (the dashboard leaves a zero blank); a file that places no row is refused', async () => {
    const header = 'Month Year,Second Building Name,Second Subnet,Audio Stream Count,Audio Poor Stream Count,Total CDR Available Stream Count,Total Call Setup Failed Stream Count\n';
    const r = await readOk(text(`${header}2026-10,B1,,,,40,2\n2026-10,B1,,100,3,,\n`));
    expect(r.aggregates).toEqual([{ level: 'building', month: '2026-10', building: 'B1', streams: 100, poor: 3, cdrStreams: 40, setupFailed: 2, rows: 2 }]);
    const none = await readCqdCsv(text(`${header}2026-10,,,5,0,5,0\n2026-10,,192.168.1.0,5,0,5,0\n`));
    expect(none).toMatchObject({ ok: false, error: expect.stringMatching(/^No row names a building or a subnet that can be reviewed \(of 2, 1 name neither and 1 are on home and hotel subnets\)/) });
  });

  it('Second VPN = True files the calls under VPN, also on a "Wired" adapter (CQD FAQ: VPN adapters report as wired) and outside corp', async () => {
    const r = await read();
    expect(agg(r, '2026-10', 'building', 'Building 6').map((a) => a.networkType).sort()).toEqual(['vpn', 'wifi']);
    expect(agg(r, '2026-10', 'subnet', '10.250.8.0/24').map((a) => a.networkType)).toEqual(['vpn']); // Second Inside Corp = Outside, Second VPN = True
    const set = proposeFindings(r, []);
    const vpn = set.groups.find((g) => g.category === 'vpn')!;
    expect(vpn.proposals.map((p) => p.key)).toEqual(['subnet|10.250.8.0/24|vpn|poor-stream-rate', 'building|building 6|vpn|poor-stream-rate', 'subnet|10.60.1.0/24|vpn|poor-stream-rate']);
    // Audio Poor Stream Count / Audio Stream Count = 20 / 500 = 4.0 % against the QER "all calls, internal" 2.0 %.
    expect(vpn.proposals[1]).toMatchObject({ value: 4, target: 2, category: 'vpn' });
  });

  it('Second Inside Corp = Outside makes the calls external (unmanaged: reported apart, never proposed); Second Wi-Fi Band refines WiFi', async () => {
    const r = await read();
    // Unmanaged traffic is no subnet's: it is summed on a line of its own, keeping its Wi-Fi band for the "overall" rows.
    expect(agg(r, '2026-10', 'subnet', '73.158.12.0/24')).toEqual([]);
    expect(r.aggregates.filter((a) => a.month === '2026-10' && a.level === 'unmanaged')).toEqual([
      expect.objectContaining({ networkType: 'external', connection: 'wifi-5', streams: 400, poor: 40, rows: 1 }),
    ]);
    expect(r.externalRows).toBe(2); // 98.47.3.0 in 2026-09, 73.158.12.0 in 2026-10 (192.168.1.0 is a home subnet, left out first)
    expect(r.skippedSubnets).toEqual([{ subnet: '192.168.1.0/24', common: '192.168.1.0/24' }]);
    expect(agg(r, '2026-10', 'subnet', '10.20.5.0/24').map((a) => a.networkType)).toEqual(['wifi-2.4']); // "2.4 Ghz"
    expect(agg(r, '2026-10', 'subnet', '10.20.6.0/24').map((a) => a.networkType)).toEqual(['wifi-5']); // "5.0 Ghz"
    expect(agg(r, '2026-10', 'subnet', '10.60.2.0/24').map((a) => a.networkType)).toEqual(['wifi']); // no band
    const set = proposeFindings(r, []);
    expect(set.groups.flatMap((g) => g.proposals).some((p) => p.networkType === 'external' || p.subnet === '73.158.12.0/24')).toBe(false);
  });

  it('setup failure rate = Total Call Setup Failed Stream Count / Total CDR Available Stream Count, drop failure rate = Total Call Dropped Stream Count / Total Call Setup Succeeded Stream Count (QER guide)', async () => {
    const r = await read();
    // Building 9, 2026-10: 1,000 audio streams; 1,600 streams with a call record (audio and video), 6 failed to set up, 1,594 set up, 24 dropped.
    //  setup failure 6 / 1,600 = 0.375 % (within the 0.5 % target; 6 over the 1,000 audio streams would be 0.6 %, above it)
    //  drop failure 24 / 1,594 = 1.5056 % (within 2.0 %; 24 over 1,000 − 6 streams would be 2.41 %, above it)
    const [b9] = agg(r, '2026-10', 'building', 'Building 9');
    expect(b9).toMatchObject({ streams: 1000, cdrStreams: 1600, setupFailed: 6, setupSucceeded: 1594, dropped: 24, networkType: 'wired' });
    const got = rates(b9!);
    expect(got['setup-failure-rate']).toBeCloseTo(0.375, 6);
    expect(got['drop-failure-rate']).toBeCloseTo((24 / 1594) * 100, 6);
    expect(got['drop-failure-rate']).toBeCloseTo(1.5056, 4);
    const set = proposeFindings(r, []);
    expect(set.groups.flatMap((g) => g.proposals).filter((p) => p.building === 'Building 9' || p.subnet === '10.90.1.0/24')).toEqual([]);
    // HQ on 2.4 GHz: 9 / 900 = 1.0 % is above the 0.5 % setup failure target, and the sentence names its denominator.
    const hq = set.groups.find((g) => g.category === 'wifi')!.proposals[0]!;
    expect(hq.description).toBe('HQ, North Wing on Wi-Fi 2.4 GHz: setup failure rate 1.0 % in 2026-10 over 900 streams with a call record, against a 0.5 % target (all calls, internal).');
  });

  it('Total Call Setup Failure Percentage and Total Call Dropped Failure Percentage convert over their own denominators', async () => {
    const csv = 'Month Year,Second Subnet,Audio Stream Count,Total CDR Available Stream Count,Total Call Setup Succeeded Stream Count,Total Call Setup Failure Percentage,Total Call Dropped Failure Percentage\n' +
      '2026-10,10.1.0.0,1000,2000,1990,0.50%,1.00%\n';
    const r = await readOk(text(csv));
    // 0.5 % of 2,000 streams with a call record = 10 failed; 1 % of 1,990 set up = 19.9 dropped.
    expect(r.aggregates[0]).toMatchObject({ cdrStreams: 2000, setupSucceeded: 1990 });
    expect(r.aggregates[0]!.setupFailed).toBeCloseTo(10, 9);
    expect(r.aggregates[0]!.dropped).toBeCloseTo(19.9, 9);
  });

  it('proposes exactly the buildings and subnets above the QER targets in the latest month (2026-10), Wi-Fi before VPN', async () => {
    const set = proposeFindings(await read(), []);
    expect(set.month).toBe('2026-10');
    expect(set.groups.map((g) => `${g.label} (${g.proposals.length})`)).toEqual(['Poor Wi-Fi coverage (4)', 'VPN (3)']);
    expect(set.groups.flatMap((g) => g.proposals.map((p) => `${p.key} ${p.value}`)).sort()).toEqual([
      'building|building 6|vpn|poor-stream-rate 4', // 20 / 500
      'building|hq, north wing|wifi-2.4|setup-failure-rate 1', // 9 / 900 (PSR 14 / 700 = 2.0 % meets its target)
      'building|hq, north wing|wifi-5|poor-stream-rate 3', // 30 / 1,000
      'subnet|10.20.5.0/24|wifi-2.4|setup-failure-rate 1',
      'subnet|10.20.6.0/24|wifi-5|poor-stream-rate 3',
      'subnet|10.250.8.0/24|vpn|poor-stream-rate 5', // 30 / 600
      'subnet|10.60.1.0/24|vpn|poor-stream-rate 4',
    ]);
  });

  it('trends use the same CQD denominators (Building 9 setup failure rate: 3 / 1,580 = 0.19 %, then 6 / 1,600 = 0.38 %)', async () => {
    const b9 = trendsByBuilding((await read()).aggregates, 'setup-failure-rate').find((t) => t.label === 'Building 9')!;
    expect(b9.points.map((p) => [p.month, p.rate, p.above])).toEqual([['2026-09', 0.19, false], ['2026-10', 0.38, false]]);
  });

  it('refuses a file with bad CQD values as a whole and names each bad line', async () => {
    const [header, ...rows] = realLines();
    const bad = [...rows];
    const swap = (i: number, from: string, to: string) => {
      expect(bad[i]).toContain(from);
      bad[i] = bad[i]!.replace(from, to);
    };
    swap(6, ',Inside,False,', ',Inside,Maybe,'); // line 8: Second VPN is a Boolean
    swap(7, ',Inside,False,', ',Indoors,False,'); // line 9: Second Inside Corp is Inside or Outside
    swap(8, ',900,9,891,', ',900,901,891,'); // line 10: more setup failures than streams with a call record
    swap(9, ',1497,15,', ',1497,1500,'); // line 11: more drops than streams that set up
    swap(10, ',Wired,', ',Carrier pigeon,'); // line 12: not a Network Connection Detail
    const r = await readCqdCsv(text([header, ...bad].join('\r\n') + '\r\n'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe("5 lines of the file can't be read, so nothing was imported. Fix them and import the whole file again.");
    expect(r.problems.map((p) => p.line)).toEqual([8, 9, 10, 11, 12]);
    const byLine = Object.fromEntries(r.problems.map((p) => [p.line, p.message]));
    expect(byLine[8]).toBe('VPN "Maybe" is not True or False.');
    expect(byLine[9]).toBe('inside corp "Indoors" is not Inside or Outside.');
    expect(byLine[10]).toBe('setup failed streams (901) is more than the streams with a call record (900).');
    expect(byLine[11]).toBe('dropped streams (1500) is more than the streams that set up (1497).');
    expect(byLine[12]).toMatch(/^network type "Carrier pigeon" is not one of the dashboard's Wired, WiFi, MobileBB, Tunnel, Other/);
    expect('aggregates' in r).toBe(false);
  });
});
