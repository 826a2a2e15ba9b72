// Review packs as the domain builds them, for the rendering and card tests: a busy month with
// every part, and a month with nothing recorded.
import { EMPTY_CONTROL_SUMMARY } from '../../bot/src/domain/changes/control-summary';
import { DEFAULT_SEVERITY_POLICY } from '../../bot/src/domain/incidents/severity';
import { monthAvailability } from '../../bot/src/domain/review-pack/availability';
import { buildReviewPack, type ReviewPack } from '../../bot/src/domain/review-pack/review-pack';
import type { QualityReport } from '../../bot/src/domain/findings/trends';

const month = { year: 2026, month: 11 };
const range = { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-12-01T00:00:00Z') };
const now = new Date('2026-12-02T09:00:00Z');

const trend = (metric: 'poor-stream-rate' | 'setup-failure-rate' | 'drop-failure-rate', target: number, rates: number[]) => ({
  key: metric, label: metric, metric, direction: 'steady' as const,
  points: rates.map((rate, i) => ({ month: `2026-${String(6 + i).padStart(2, '0')}`, rate, target, above: rate > target, streams: 1000 })),
});

export const QUALITY: QualityReport = {
  months: ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'], latestMonth: '2026-11',
  overall: [trend('poor-stream-rate', 3, [2.1, 2.8, 3.6, 4.2, 3.1, 2.4]), trend('setup-failure-rate', 0.5, [0.3, 0.4, 0.9, 0.6, 0.4, 0.2]), trend('drop-failure-rate', 1, [0.8, 1.4, 1.1, 0.7, 0.9, 0.6])],
  byCategory: [], byBuilding: [], aboveTarget: [], lines: [],
};

export function busyPack(): ReviewPack {
  const availability = monthAvailability([
    { id: 'SR-202611-0001', severity: 'A', startedAt: '2026-11-03T08:00:00Z', resolvedAt: '2026-11-03T10:30:00Z' },
    { id: 'SR-202611-0004', severity: '1', startedAt: '2026-11-18T22:00:00Z', resolvedAt: '2026-11-19T00:00:00Z' },
  ], range, now, 9);
  return buildReviewPack({
    month, policy: DEFAULT_SEVERITY_POLICY, availability, quality: QUALITY,
    figures: {
      timeZone: 'Europe/Amsterdam', total: 9, countBySeverity: { '1': 1, A: 2, B: 3, C: 2, D: 1 },
      vendor: { '1': { met: 3, breached: 1 }, A: { met: 6, breached: 2 }, B: { met: 4, breached: 0 }, C: { met: 2, breached: 1 }, D: { met: 0, breached: 0 } },
      firstResponse: { withinGoal: 7, decided: 8, share: 7 / 8 }, updates: { onTime: 20, total: 24, share: 20 / 24 },
      escalations: { technical: 7, nonTechnical: 2, notRecorded: 0 },
    },
    completions: [
      ...Array.from({ length: 20 }, (_, i) => ({ scheduleId: 'daily-health', title: 'Check service health', team: 'Service Desk', dueAt: `2026-11-${String(i + 1).padStart(2, '0')}T09:00:00Z`, resolvedAt: `2026-11-${String(i + 1).padStart(2, '0')}T10:00:00Z`, outcome: 'done' as const, onTime: i % 5 !== 0, missed: 0 })),
      ...Array.from({ length: 4 }, (_, i) => ({ scheduleId: 'weekly-ip', title: 'Review IP ranges', team: 'Network <Ops> & "Edge"', dueAt: `2026-11-0${i + 2}T09:00:00Z`, resolvedAt: `2026-11-0${i + 2}T11:00:00Z`, outcome: 'done' as const, onTime: true, missed: 0 })),
    ],
    control: {
      ...EMPTY_CONTROL_SUMMARY, openProblemTotal: 4, changeCounts: { requested: 2, scheduled: 1, reviewed: 3 }, emergencyTotal: 1,
      openProblems: [
        { id: 'PRB-0003', number: 3, title: 'Audio drops on Building 6 Wi-Fi <5 GHz> & roaming', status: 'investigating' as never, incidents: ['SR-202611-0001', 'SR-202611-0002'], findings: [], hasRootCause: false, changes: 1 },
        { id: 'PRB-0001', number: 1, title: 'Exchange hybrid mail flow delays', status: 'known-error' as never, incidents: ['SR-202610-0009'], findings: [], hasRootCause: true, changes: 0 },
      ],
    },
  });
}

export function emptyPack(): ReviewPack {
  return buildReviewPack({
    month, policy: DEFAULT_SEVERITY_POLICY, availability: monthAvailability([], range, now, 0), quality: undefined, completions: [], control: EMPTY_CONTROL_SUMMARY,
    figures: {
      timeZone: 'UTC', total: 0, countBySeverity: { '1': 0, A: 0, B: 0, C: 0, D: 0 },
      vendor: { '1': { met: 0, breached: 0 }, A: { met: 0, breached: 0 }, B: { met: 0, breached: 0 }, C: { met: 0, breached: 0 }, D: { met: 0, breached: 0 } },
      firstResponse: { withinGoal: 0, decided: 0, share: null }, updates: { onTime: 0, total: 0, share: null },
    },
  });
}
