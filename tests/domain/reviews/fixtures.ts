// Review runs for tests: a fresh run of a template, and runs filled to every limit.
import { REVIEW_LIMITS, type ReviewDecision, type ReviewRun } from '../../../bot/src/domain/reviews/review';
import type { ReviewSnapshot } from '../../../bot/src/domain/reviews/review-inputs';
import { startRun } from '../../../bot/src/domain/reviews/review-rules';
import { resolvePeople } from '../../../bot/src/domain/reviews/review-service';
import { reviewTemplate } from '../../../bot/src/domain/reviews/review-templates';

export const WS = { tenantId: 'tenant-a', scope: 'team' as const, scopeId: '19:team-a@thread.tacv2' };
export const ANA = { id: 'ana', name: 'Ana Ops' };
export const NOW = new Date('2026-11-30T10:00:00Z');
export const stamp = { by: ANA, at: NOW.toISOString() };

export const SNAPSHOT: ReviewSnapshot = {
  takenAt: NOW.toISOString(),
  incidents: { month: '2026-11', total: 3, bySeverity: { '1': 0, A: 1, B: 2, C: 0, D: 0 }, firstResponseShare: 0.5, updatesOnTimeShare: 1, meanTimeToResolveMinutes: 95, open: 2 },
  quality: { month: '2026-10', overall: [{ metric: 'Poor stream rate', rate: 2.4, target: 2, above: true, direction: 'rising' }], aboveTarget: [{ place: 'Building 6', metric: 'Poor stream rate', rate: 4.1, target: 2 }], aboveCount: 1 },
  problems: { open: 1, top: [{ id: 'PRB-0001', title: 'Calls drop in Lyon', incidents: 2, hasRootCause: false }] },
  changes: { byStatus: { proposed: 1 }, emergencyAwaitingReview: 0 },
  risks: { open: 2, high: 1, top: [{ title: 'Network not ready', overall: 'high', owner: 'Network Lead' }] },
  tasks: { due: 10, onTime: 8, rate: 0.8, lowest: [{ team: 'Help Desk', rate: 0.5 }] },
  missing: [],
};

export function run(templateId: string, n = 1, over: Partial<ReviewRun> = {}): ReviewRun {
  const template = reviewTemplate(templateId)!;
  const r = startRun({
    template, workspace: WS, id: `MR-${String(n).padStart(4, '0')}`, number: n, period: 'Envision → Onboard', trigger: { kind: 'chat' },
    people: resolvePeople(template, [], []), snapshot: SNAPSHOT, carried: [], actor: ANA, now: NOW,
  });
  return { ...r, etag: 'W/"1"', ...over };
}

const long = (n: number) => 'x'.repeat(n);
const decision = (i: number, runId = 'MR-0001'): ReviewDecision => ({ id: `D${i + 1}`, text: long(REVIEW_LIMITS.decision), owner: long(REVIEW_LIMITS.owner), due: '2027-01-15', recorded: stamp, runId });

/** Every list and text at its limit. */
export function fullRun(templateId = 'operational-health'): ReviewRun {
  const t = reviewTemplate(templateId)!;
  return run(templateId, 9, {
    answers: Object.fromEntries(t.questions.map((q) => [q.id, { text: long(REVIEW_LIMITS.answer), by: ANA, at: NOW.toISOString() }])),
    decisions: Array.from({ length: REVIEW_LIMITS.decisions }, (_, i) => decision(i, 'MR-0009')),
    outputs: Array.from({ length: REVIEW_LIMITS.outputs }, (_, i) => ({ id: `O${i + 1}`, kind: t.outputs[0]!.id, text: long(REVIEW_LIMITS.output), recorded: stamp })),
    carried: Array.from({ length: REVIEW_LIMITS.carried }, (_, i) => decision(i, 'MR-0004')),
  });
}
