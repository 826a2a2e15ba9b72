// The quality report over stored measurements: all internal calls per metric, per category and per
// building, month over month against target, and the places above target in the latest month.
// Figures of tests/fixtures/cqd-sample.csv worked out by hand (external rows and 192.168.1.0/24 left out).
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCqdCsv, type Aggregate } from '../../../bot/src/domain/findings/cqd-import';
import { monthsBefore } from '../../../bot/src/domain/findings/quality-measure-repository';
import { overallTrend, placeLabel, qualityReport } from '../../../bot/src/domain/findings/trends';
import { agendaQualityTrend } from '../../../bot/src/features/wiring';

async function sample(): Promise<Aggregate[]> {
  const r = await readCqdCsv(createReadStream(fileURLToPath(new URL('../../fixtures/cqd-sample.csv', import.meta.url))));
  if (!r.ok) throw new Error(r.error);
  return r.aggregates;
}

describe('qualityReport', () => {
  it('is undefined with no measurements', () => {
    expect(qualityReport([])).toBeUndefined();
  });

  it('trends all internal calls once per call, against the internal target', async () => {
    const aggregates = await sample();
    const psr = overallTrend(aggregates, 'poor-stream-rate')!;
    // January: 73 poor of 5,100 streams; February: 88 of 5,100 (building level; subnets not counted twice).
    expect(psr.points).toEqual([
      { month: '2025-01', rate: 1.43, target: 2, above: false, streams: 5100 },
      { month: '2025-02', rate: 1.73, target: 2, above: false, streams: 5100, vsPrevious: 'worse' },
    ]);
    expect(psr.direction).toBe('rising');
    const setup = overallTrend(aggregates, 'setup-failure-rate')!;
    expect(setup.points.map((p) => [p.rate, p.target])).toEqual([[0.16, 0.5], [0.43, 0.5]]);
    // Subnet-only rows (no building column) count too.
    const subnetOnly = aggregates.filter((a) => a.level === 'subnet').map((a) => { const { building: _b, ...rest } = a; return rest; });
    expect(overallTrend(subnetOnly, 'poor-stream-rate')!.points.map((p) => p.rate)).toEqual([1.43, 1.73]);
  });

  it('answers the review questions per category and per building, and lists the places above target worst first', async () => {
    const report = qualityReport(await sample())!;
    expect(report.months).toEqual(['2025-01', '2025-02']);
    expect(report.latestMonth).toBe('2025-02');
    expect(report.overall.map((t) => t.metric)).toEqual(['setup-failure-rate', 'drop-failure-rate', 'poor-stream-rate']);
    const vpn = report.byCategory.find((t) => t.key === 'vpn')!;
    expect(vpn.points.map((p) => [p.month, p.rate, p.above, p.vsPrevious])).toEqual([['2025-01', 2, false, undefined], ['2025-02', 5, true, 'worse']]);
    expect(vpn.direction).toBe('rising');
    const b1 = report.byBuilding.find((t) => t.label === 'Building 1')!;
    expect(b1.points.map((p) => [p.rate, p.vsPrevious])).toEqual([[2, undefined], [0.75, 'better']]);
    expect(b1.direction).toBe('falling');
    // The same eight the import proposes, furthest above target first.
    expect(report.aboveTarget).toHaveLength(8);
    expect(report.aboveTarget.slice(0, 2).map(placeLabel)).toEqual(['Building 6 on VPN', 'Subnet 10.60.1.0/24 (Building 6) on VPN']);
    expect(report.aboveTarget[0]).toMatchObject({ metric: 'poor-stream-rate', value: 5, target: 2, streams: 500 });

    const agenda = agendaQualityTrend(report);
    expect(agenda.month).toBe('2025-02');
    expect(agenda.aboveCount).toBe(8);
    expect(agenda.worst.map((w) => w.place)).toEqual(['Building 6 on VPN', 'Subnet 10.60.1.0/24 (Building 6) on VPN', expect.any(String)]);
    expect(agenda.overall.find((m) => m.metric === 'Poor stream rate')).toEqual({
      metric: 'Poor stream rate', month: '2025-02', rate: 1.73, target: 2, above: false, direction: 'rising', streams: 5100, previous: { month: '2025-01', rate: 1.43, change: 'worse' },
    });
  });

  it('counts the trend window back from the clock', () => {
    expect(monthsBefore(new Date('2026-03-10T10:00:00Z'), 23)).toBe('2024-04');
    expect(monthsBefore(new Date('2026-01-31T23:00:00Z'), 1)).toBe('2025-12');
  });
});
