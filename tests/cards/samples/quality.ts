// Samples of the quality review's cards: the settings card (defaults, a refused save with what
// was typed, hostile input), the import card with every target row, unmanaged networks and
// verification checks, and the measured-quality card with call scopes — checked by tests/cards/cards.test.ts.
import { renderFindingImportCard } from '../../../bot/src/cards/finding-import-card';
import { renderQualitySettingsCard } from '../../../bot/src/cards/quality-settings-card';
import { renderQualityTrendCard } from '../../../bot/src/cards/quality-trend-card';
import type { Aggregate } from '../../../bot/src/domain/findings/cqd-import';
import { defaultQualitySettings, parseSettingsInputs } from '../../../bot/src/domain/findings/quality-settings';
import { reviewLines } from '../../../bot/src/domain/findings/review-lines';
import { qualityReport } from '../../../bot/src/domain/findings/trends';
import type { VerificationCheck } from '../../../bot/src/domain/findings/verification';
import type { CardSample } from '../card-samples';
import { HOSTILE_BITS } from './findings';

/** Two months of conferencing and peer-to-peer traffic per building, plus unmanaged lines. */
function scoped(buildings: readonly string[], months: number): Aggregate[] {
  const out: Aggregate[] = [];
  for (let m = 1; m <= months; m++) {
    const month = `2026-${String(m).padStart(2, '0')}`;
    buildings.forEach((building, i) => {
      for (const scope of ['conferencing', 'peer-to-peer'] as const) {
        const networkType = (['wired', 'wifi-5', 'wifi-2.4'] as const)[i % 3]!;
        out.push({ level: 'building', month, building, networkType, scope, streams: 1000, poor: (i * 3 + m) % 40, cdrStreams: 1100, setupFailed: i % 9, setupSucceeded: 1090, dropped: (i + m) % 25, rows: 1 });
      }
    });
    for (const scope of ['conferencing', 'peer-to-peer'] as const) {
      out.push({ level: 'unmanaged', month, networkType: 'external', connection: 'wifi-5', scope, streams: 600, poor: 30, cdrStreams: 700, setupFailed: 7, setupSucceeded: 693, dropped: 14, rows: 1 });
    }
  }
  return out;
}

const checks = (n: number): VerificationCheck[] => Array.from({ length: n }, (_, i) => ({
  findingId: `QF-${String(i + 1).padStart(4, '0')}`,
  outcome: (['within-target', 'above-target', 'no-data'] as const)[i % 3]!,
  month: '2026-11',
  summary: `QF-${String(i + 1).padStart(4, '0')}: poor stream rate in 2026-11: ${HOSTILE_BITS[i % HOSTILE_BITS.length]!} ${'🏢'.repeat(i === 0 ? 400 : 4)} 0.8 % within the 1.0 % target (conferencing, wired internal).`,
}));

const set = (verifications: VerificationCheck[]) => ({ month: '2026-11', groups: [], duplicates: [], withinTarget: 12, skippedSubnets: [], verifications });

const typed = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [[`t${i}_psr`, i % 2 ? 'lots' : '2.0'], [`t${i}_setup`, '0.5'], [`t${i}_drop`, i === 3 ? '99' : '3.0']]).flat());
const refused = parseSettingsInputs({ ...typed, due_new: '0', due_accepted: '14', 'due_in-remediation': 'x'.repeat(40), due_remediated: '14' });

export const samples: CardSample[] = [
  { template: 'quality-settings.json', name: 'quality settings, the defaults', render: () => renderQualitySettingsCard({ settings: defaultQualitySettings(), isDefault: true }) },
  {
    template: 'quality-settings.json', name: 'quality settings, a refused save showing what was typed and every error', literal: [HOSTILE_BITS[2]!],
    render: () => renderQualitySettingsCard({
      settings: defaultQualitySettings(), isDefault: false, etag: 'W/"datetime\'2026-11-02T10%3A00%3A00Z\'"', updatedBy: HOSTILE_BITS[2]!, updatedAt: '2026-11-02T10:00:00Z',
      typed: { ...typed, 't0_psr': HOSTILE_BITS[0]! }, errors: refused.ok ? {} : refused.errors, message: { text: refused.ok ? '' : refused.message, ok: false },
    }),
  },
  {
    template: 'finding-import.json', name: 'import with every target row, unmanaged lines and 20 verification checks',
    render: () => renderFindingImportCard({
      importId: 'cqd-0123456789abcdef01234567', rows: 40_000, set: set(checks(20)), lines: reviewLines(scoped(['Building 1', 'HQ, North Wing', 'Lab'], 2), '2026-02'), externalRows: 1200, serverPairRows: 50,
    }),
  },
  {
    template: 'quality-trend.json', name: 'measured quality with call scopes and unmanaged networks, 200 hostile places', literal: [HOSTILE_BITS[0]!],
    render: () => renderQualityTrendCard({ report: qualityReport(scoped(Array.from({ length: 200 }, (_, i) => `${HOSTILE_BITS[0]!} ${i} ${'W'.repeat(80)}`), 3))!, maxLines: 500 }),
  },
];
