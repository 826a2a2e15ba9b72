import { describe, expect, it } from 'vitest';
import { EMPTY_CONTROL_SUMMARY } from '../../../bot/src/domain/changes/control-summary';
import { DEFAULT_SEVERITY_POLICY } from '../../../bot/src/domain/incidents/severity';
import { monthAvailability } from '../../../bot/src/domain/review-pack/availability';
import { buildReviewPack, commitmentRows, qualitySeries, QUALITY_MONTHS, taskRates } from '../../../bot/src/domain/review-pack/review-pack';
import { busyPack, emptyPack, QUALITY } from '../../render/sample-packs';

const zero = { met: 0, breached: 0 };
const vendor = { '1': { met: 3, breached: 1 }, A: { met: 6, breached: 2 }, B: zero, C: zero, D: zero };

describe('vendor commitments per severity', () => {
  const rows = commitmentRows(DEFAULT_SEVERITY_POLICY, vendor);

  it('seed 003: severity 1 is declared by the vendor only and updated every hour', () => {
    expect(rows.find((r) => r.level === '1')).toMatchObject({ name: 'Catastrophic', goal: 'declared by the vendor · updates every 1 h', met: 3, breached: 1 });
  });

  it('seed 003: severity A has a 1 hour initial response and updates every two hours', () => {
    expect(rows.find((r) => r.level === 'A')?.goal).toBe('response 1 h · updates every 2 h');
  });

  it('seed 003: severity B is updated every 24 hours and C every 72 hours', () => {
    expect(rows.find((r) => r.level === 'B')?.goal).toBe('response 1 h · updates every 24 h');
    expect(rows.find((r) => r.level === 'C')?.goal).toBe('response 1 h · updates every 72 h');
  });

  it('seed 003: severity D (non-production, updates as agreed) has no commitments to report', () => {
    expect(rows.map((r) => r.level)).toEqual(['1', 'A', 'B', 'C']);
  });

  it('a workspace override of a goal is what the pack shows', () => {
    const policy = { ...DEFAULT_SEVERITY_POLICY, rules: { ...DEFAULT_SEVERITY_POLICY.rules, B: { ...DEFAULT_SEVERITY_POLICY.rules.B, updateEveryMinutes: 45 } } };
    expect(commitmentRows(policy, vendor).find((r) => r.level === 'B')?.goal).toBe('response 1 h · updates every 45 min');
  });
});

describe('escalations', () => {
  it('seed 003: technical and non-technical escalations are shown when the figures carry the split', () => {
    expect(busyPack().escalations).toEqual({ total: 9, technical: 7, nonTechnical: 2, notRecorded: 0 });
  });

  it('without the split only the count is shown', () => {
    const pack = buildReviewPack({ ...inputsOf(), figures: { ...inputsOf().figures, escalations: undefined } });
    expect(pack.escalations).toEqual({ total: 4 });
  });
});

describe('call quality and tasks', () => {
  it('Quality Experience Review: each metric is charted against its target for the last six months up to the pack month', () => {
    const series = qualitySeries(QUALITY, '2026-10');
    expect(series.map((s) => s.metric)).toEqual(['Poor stream rate', 'Setup failure rate', 'Drop failure rate']);
    expect(series[0]!.points.map((p) => p.month)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(qualitySeries(QUALITY, '2026-11')[0]!.points).toHaveLength(QUALITY_MONTHS);
    expect(series[0]!.points.find((p) => p.month === '2026-09')).toEqual({ month: '2026-09', rate: 4.2, above: true });
  });

  it('the on-time rate counts occurrences done on time over those that fell due, skipped ones left out (as the reminders tab does)', () => {
    const base = { scheduleId: 's', title: 'Check service health', team: 'Service Desk', dueAt: '2026-11-02T09:00:00Z', resolvedAt: '2026-11-02T10:00:00Z' };
    const tasks = taskRates([
      { ...base, outcome: 'done', onTime: true, missed: 0 },
      { ...base, outcome: 'done', onTime: false, missed: 1 },
      { ...base, outcome: 'skipped', onTime: false, missed: 0 },
    ]);
    expect(tasks).toMatchObject({ due: 3, onTime: 1, teams: [{ team: 'Service Desk', due: 3, onTime: 1 }] });
    expect(tasks.rate).toBeCloseTo(1 / 3);
  });
});

describe('the empty month', () => {
  it('says what is missing instead of drawing empty charts', () => {
    const pack = emptyPack();
    expect(pack.empty).toBe(true);
    expect(pack.availability).toMatchObject({ kind: 'not-measured' });
    expect(pack.missing.join(' ')).toMatch(/No incident was recorded/);
    expect(pack.missing.join(' ')).toMatch(/No call-quality data/);
    expect(pack.missing.join(' ')).toMatch(/No recurring operations task/);
  });

  it('a month with incidents but nothing sent to the vendor says so', () => {
    const pack = buildReviewPack({ ...inputsOf(), figures: { ...inputsOf().figures, vendor: { '1': zero, A: zero, B: zero, C: zero, D: zero } } });
    expect(pack.empty).toBe(false);
    expect(pack.missing).toContain('No incident of the month was escalated to the vendor, so no vendor commitment was met or breached.');
  });

  it('open problems and changes come from the summary row', () => {
    expect(busyPack().problems.open).toBe(4);
    expect(busyPack().changes).toEqual({ open: 3, emergencyAwaitingReview: 1 });
  });
});

function inputsOf() {
  const range = { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-12-01T00:00:00Z') };
  return {
    month: { year: 2026, month: 11 }, policy: DEFAULT_SEVERITY_POLICY, quality: undefined, completions: [], control: EMPTY_CONTROL_SUMMARY,
    availability: monthAvailability([], range, new Date('2026-12-02T00:00:00Z'), 4),
    figures: {
      timeZone: 'UTC', total: 4, countBySeverity: { '1': 0, A: 1, B: 3, C: 0, D: 0 }, vendor,
      firstResponse: { withinGoal: 1, decided: 1, share: 1 }, updates: { onTime: 1, total: 1, share: 1 },
      escalations: { technical: 3, nonTechnical: 1, notRecorded: 0 } as { technical: number; nonTechnical: number; notRecorded: number } | undefined,
    },
  };
}
