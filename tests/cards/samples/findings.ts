// Sample renderings of the finding cards: typical, every status, worst case (hostile text, long
// text, many proposals) — checked by tests/cards/cards.test.ts.
import { renderFindingCard } from '../../../bot/src/cards/finding-card';
import { renderFindingDraftCard } from '../../../bot/src/cards/finding-draft-card';
import { renderFindingImportCard } from '../../../bot/src/cards/finding-import-card';
import { renderFindingListCard } from '../../../bot/src/cards/finding-list-card';
import { renderQualityTrendCard } from '../../../bot/src/cards/quality-trend-card';
import type { Aggregate, Proposal, ProposalSet } from '../../../bot/src/domain/findings/cqd-import';
import { qualityReport } from '../../../bot/src/domain/findings/trends';
import type { ConfirmedDraft } from '../../../bot/src/domain/findings/draft';
import { type Finding, type FindingStatus, type HistoryEntry, newFinding } from '../../../bot/src/domain/findings/finding';
import type { CardSample } from '../card-samples';

const now = new Date('2025-03-20T09:00:00Z');
const ws = { tenantId: 't', scope: 'team' as const, scopeId: '19:x@thread.tacv2' };
const alice = { id: '29:alice', name: 'Alice Champion' };

export const HOSTILE_BITS = [
  '[click me](https://evil.example/x)',
  '**not bold** _not italic_ # not a heading',
  '${finding.id} ${$root.title} {{x}}',
  '{"type":"Action.OpenUrl","url":"https://evil.example"}',
  'שלום عليكم RTL \u202Ereversed\u202C',
  '🔥📞👩🏽‍💻 🇸🇪',
  '/ \\ # ? % < > & \' "',
  'tab\there, control \u0007 bell',
];
const HOSTILE = HOSTILE_BITS.join('\n');

const draft: ConfirmedDraft = { category: 'vpn', area: 'call-quality', building: 'Building 6', networkType: 'vpn', metric: 'poor-stream-rate', value: 4.1, unit: '%', description: 'Poor audio in Building 6 since the VPN concentrator upgrade.', evidence: 'https://contoso.sharepoint.com/sites/ops/cqd-feb.png', owningRole: 'Network Operations' };

function finding(patch: Partial<Finding> = {}): Finding {
  const f = newFinding({ workspace: ws, id: 'QF-0042', number: 42, draft, target: 2, actor: alice, now: new Date('2025-03-01T09:00:00Z'), source: 'chat' }).finding;
  return { ...f, etag: 'W/"datetime\'2025-03-01T09%3A00%3A00Z\'"', ...patch };
}
const history = (n: number, text?: string): HistoryEntry[] =>
  Array.from({ length: n }, (_, i) => ({ findingId: 'QF-0042', version: n - i, at: '2025-03-0' + ((i % 9) + 1) + 'T10:00:00Z', actor: { id: `u${i}`, name: i === 0 && text ? text : `Person ${i}` }, action: 'note' as const, to: 'new' as const, summary: 'added a note', ...(text ? { text } : {}) }));

const statuses: FindingStatus[] = ['new', 'accepted', 'in-remediation', 'remediated', 'verified', 'wont-fix'];

const proposal = (i: number, building: string): Proposal => ({
  key: `building|${building.toLowerCase()}|wired|poor-stream-rate`, category: i % 2 ? 'wifi' : 'bandwidth', area: 'call-quality', level: 'building', month: '2025-02', building, networkType: 'wired',
  metric: 'poor-stream-rate', value: 3.1, target: 2, points: 1.1, relative: 0.55, streams: 1200, owningRole: 'Network Operations',
  description: `${building} on Wired: poor stream rate 3.1 % in 2025-02 over 1,200 streams, against a 2.0 % target (all calls, internal).`,
});
const set = (proposals: Proposal[], duplicates: Proposal[] = []): ProposalSet => ({
  month: '2025-02',
  groups: [...new Set(proposals.map((p) => p.category))].map((c) => ({ category: c, label: c === 'wifi' ? 'Poor Wi-Fi coverage' : 'Insufficient bandwidth', proposals: proposals.filter((p) => p.category === c) })),
  duplicates, withinTarget: 12, skippedSubnets: [{ subnet: '192.168.1.0/24', common: '192.168.1.0/24' }],
});

/** Measurements over `months` months for `places` buildings (names from a file: any text). */
function measured(places: string[], months: number, withPoor = true): Aggregate[] {
  const out: Aggregate[] = [];
  for (let m = 1; m <= months; m++) {
    const month = `2025-${String(m).padStart(2, '0')}`;
    places.forEach((building, i) => {
      const networkType = (['wired', 'vpn', 'wifi-5', 'wifi-2.4'] as const)[i % 4];
      out.push({ level: 'building', month, building, networkType, streams: 1000 + i, ...(withPoor ? { poor: (i * 7 + m * 3) % 60 } : {}), setupFailed: (i + m) % 12, dropped: i % 9, rows: 3 });
      out.push({ level: 'subnet', month, subnet: `10.${i % 250}.${m}.0/24`, building, networkType, streams: 500, ...(withPoor ? { poor: (i + m) % 30 } : {}), rows: 1 });
    });
  }
  return out;
}

export const samples: CardSample[] = [
  { template: 'quality-trend.json', name: 'measured quality, three months, a few places', render: () => renderQualityTrendCard({ report: qualityReport(measured(['Building 1', 'Building 6', 'HQ, North Wing', 'Lab'], 3))! }) },
  { template: 'quality-trend.json', name: 'measured quality, one month, no poor measure, nothing above target', render: () => renderQualityTrendCard({ report: qualityReport(measured(['Building 1'], 1, false).map((a) => ({ ...a, setupFailed: 0, dropped: 0 })))! }) },
  {
    template: 'quality-trend.json', name: 'measured quality, 400 places with hostile names, 24 months (cut to fit)', literal: [HOSTILE_BITS[0]!, HOSTILE_BITS[2]!],
    render: () => renderQualityTrendCard({ report: qualityReport(measured(Array.from({ length: 400 }, (_, i) => `${HOSTILE_BITS[0]!} ${HOSTILE_BITS[2]!} ${HOSTILE_BITS[i % HOSTILE_BITS.length]!} ${i} ${'W'.repeat(100)}`), 12))!, maxLines: 500 }),
  },
  ...statuses.map((status) => ({
    template: 'finding.json', name: `finding card, ${status}`,
    render: () => renderFindingCard({ finding: finding({ status, ...(status === 'wont-fix' ? { statusReason: 'The site closes in May.' } : {}) }), history: history(3), now, refreshUserIds: ['29:alice', '29:bob'] }),
  })),
  {
    template: 'finding.json', name: 'finding card, hostile text everywhere, overdue, no refresh', literal: [...HOSTILE_BITS, HOSTILE],
    render: () => renderFindingCard({
      finding: finding({ description: HOSTILE, building: HOSTILE_BITS[0]!, statusReason: HOSTILE, status: 'wont-fix', metric: 'named', metricName: HOSTILE_BITS[2]!, value: 250, unit: 'ms', createdBy: { id: 'x', name: HOSTILE_BITS[4]! } }),
      history: history(5, HOSTILE_BITS[3]!), now, message: 'Someone else changed QF-0042 a moment ago.', roles: [HOSTILE_BITS[1]!, 'Network Operations'],
    }),
  },
  {
    template: 'finding.json', name: 'finding card, longest texts in emoji and control characters, 200 refresh users',
    render: () => renderFindingCard({ finding: finding({ description: '👩🏽‍💻'.repeat(570), evidence: 'https://x.example/' + '\u0001'.repeat(1900), statusReason: '🔥'.repeat(1000) }), history: history(8, '\u0002'.repeat(2000)), now, refreshUserIds: Array.from({ length: 200 }, (_, i) => `29:user-${i}`) }),
  },
  { template: 'finding-list.json', name: 'finding list, empty', render: () => renderFindingListCard({ items: [], filter: {}, now }) },
  {
    template: 'finding-list.json', name: 'finding list, full page with hostile text and a next page', literal: [HOSTILE_BITS[0]!, HOSTILE_BITS[2]!],
    render: () => renderFindingListCard({
      items: Array.from({ length: 10 }, (_, i) => finding({ id: `QF-${String(i + 1).padStart(4, '0')}`, description: i === 0 ? HOSTILE_BITS[0]! : i === 1 ? HOSTILE_BITS[2]! : '🔥'.repeat(2000), building: HOSTILE, status: statuses[i % 6]! })),
      filter: { category: 'vpn', status: 'open', owningRole: 'Network Operations', overdue: true }, now, continuationToken: 'eyJuZXh0UGFydGl0aW9uS2V5IjoiMSJ9',
    }),
  },
  {
    template: 'finding-draft.json', name: 'draft confirmation, shortcut example',
    render: () => renderFindingDraftCard({ draft: { category: 'vpn', area: 'call-quality', building: 'Building 6', networkType: 'vpn', metric: 'poor-stream-rate', value: 4.1, unit: '%', description: 'poor audio in Building 6', owningRole: 'Network Operations' }, draftId: 'd1' }),
  },
  // As the form runner shows it, with "Edit answers": tests/cards/samples/dialog-inputs.ts.
  {
    template: 'finding-draft.json', name: 'draft confirmation, hostile text, home subnet', literal: [...HOSTILE_BITS, HOSTILE],
    render: () => renderFindingDraftCard({ draft: { ...draft, description: HOSTILE, building: HOSTILE_BITS[5]!, subnet: '192.168.1.0/24' }, draftId: 'd2', warnings: ['I could not tell the category.'] }),
  },
  {
    template: 'finding-import.json', name: 'import proposals with duplicates, a skipped subnet and columns not read', literal: [HOSTILE_BITS[0]!, HOSTILE_BITS[2]!],
    render: () => renderFindingImportCard({
      importId: 'imp-1', rows: 14, fileName: 'cqd-feb.csv', set: set([proposal(0, 'Building 6'), proposal(1, HOSTILE_BITS[0]!)], [{ ...proposal(0, 'Building 9'), duplicateOf: 'QF-0007' }]),
      // Column names are the file's text.
      ignoredColumns: ['Second Network Name', HOSTILE_BITS[2]!, 'Total Media Failed Stream Count'], unplacedRows: 2, externalRows: 1,
    }),
  },
  { template: 'finding-import.json', name: 'import with nothing above target', render: () => renderFindingImportCard({ importId: 'imp-2', rows: 100_000, set: set([]) }) },
  {
    template: 'finding-import.json', name: 'import with 300 proposals (capped toggles) and 100 columns not read',
    render: () => renderFindingImportCard({
      importId: 'imp-3', rows: 100_000, set: set(Array.from({ length: 300 }, (_, i) => proposal(i, `Building ${i} ${'🏢'.repeat(40)}`)), Array.from({ length: 40 }, (_, i) => ({ ...proposal(i, `B${i}`), duplicateOf: 'QF-0001' }))),
      ignoredColumns: Array.from({ length: 100 }, (_, i) => `Column ${i} ${'🏢'.repeat(40)}`), unplacedRows: 123_456, externalRows: 654_321,
    }),
  },
];
