// Sample renderings of the charter and business case cards: defaults, full, empty and hostile text.
import { renderBusinessCaseCard } from '../../../bot/src/cards/business-case-card';
import { renderCharterCard } from '../../../bot/src/cards/charter-card';
import type { UseCase } from '../../../bot/src/domain/governance/business-case';
import { defaultGovernance, type Governance } from '../../../bot/src/domain/governance/governance';
import { DEFAULT_STAKEHOLDERS } from '../../../bot/src/domain/ops/stakeholders';
import type { CardSample } from '../card-samples';
import { HOSTILE } from './ops';

const ws = { tenantId: 't1', scope: 'team' as const, scopeId: '19:x@thread.tacv2' };
const vera = { id: 'u1', name: 'Vera' };
const at = '2026-12-01T10:00:00.000Z';
const stakeholders = DEFAULT_STAKEHOLDERS.map((s) => ({ id: s.id, role: s.role, person: s.person }));
const base = defaultGovernance(ws);

const useCase = (i: number, text: string): UseCase => ({
  id: `uc-${i}`, name: text.slice(0, 120), currentProcess: text, challenges: text, howTeamsHelps: text, outcome: text,
  ksi: { indicator: text.slice(0, 300), comparison: 'at-most', target: 5, unit: '%', ksiId: 'example-ksi-4', measured: { value: 4.2, on: '2026-11-30', by: { id: 'u2', name: text.slice(0, 60) } } },
});

const full: Governance = {
  ...base, etag: 'W/"1"',
  charter: { ...base.charter, purpose: 'P'.repeat(1000), objectives: Array.from({ length: 10 }, () => 'O'.repeat(300)) },
  businessCase: { scope: 'S'.repeat(1000), useCases: Array.from({ length: 8 }, (_, i) => useCase(i, 'X'.repeat(1000))) },
  timeline: { plans: { envision: { start: '2026-11-01', end: '2026-11-30' }, onboard: { start: '2026-12-01', end: '2027-02-28' }, 'drive-value': { start: '2027-03-01' } }, current: 'onboard', history: [{ phase: 'envision', at, by: vera }, { phase: 'onboard', at, by: vera }] },
  deliverables: Array.from({ length: 30 }, (_, i) => ({ id: `d${i}`, title: 'D'.repeat(300), owner: 'W'.repeat(120), dueOn: '2026-12-20', status: 'proposed' as const, added: { by: vera, at } })),
  notes: Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, kind: (['escalation', 'conflict', 'feedback'] as const)[i % 3]!, text: 'N'.repeat(500), raised: { by: vera, at } })),
};

const hostile: Governance = {
  ...base, etag: 'W/"2"',
  charter: { ...base.charter, purpose: HOSTILE, objectives: [HOSTILE] },
  businessCase: { scope: HOSTILE, useCases: [useCase(1, HOSTILE)] },
  deliverables: [{ id: 'd1', title: HOSTILE, owner: HOSTILE, dueOn: '2026-12-20', status: 'proposed', added: { by: vera, at } }],
  notes: [{ id: 'n1', kind: 'escalation', text: HOSTILE, raised: { by: { id: 'u3', name: HOSTILE }, at } }],
};
const ksis = [{ id: 'example-ksi-4', question: 'Poor calls and conferences are rare', successCriteria: 'Under 5% poor calls per month' }];
const today = '2026-12-02';

export const samples: CardSample[] = [
  { template: 'charter.json', name: 'charter defaults', render: () => renderCharterCard({ record: base, stakeholders, today }) },
  { template: 'charter.json', name: 'charter asking to confirm the phase', render: () => renderCharterCard({ record: base, stakeholders, today, confirmPhase: true }) },
  { template: 'charter.json', name: 'charter at its largest', render: () => renderCharterCard({ record: full, stakeholders, today, notice: 'N'.repeat(300) }) },
  { template: 'charter.json', name: 'charter with hostile text', render: () => renderCharterCard({ record: hostile, stakeholders: [{ id: 'x', role: HOSTILE, person: HOSTILE }], today, problem: HOSTILE }), literal: [HOSTILE] },
  { template: 'business-case.json', name: 'business case defaults', render: () => renderBusinessCaseCard({ record: base, ksis, today }) },
  { template: 'business-case.json', name: 'business case empty, adding one', render: () => renderBusinessCaseCard({ record: { ...base, businessCase: { scope: 'All offices', useCases: [] } }, ksis: [], today, editing: 'new' }) },
  { template: 'business-case.json', name: 'business case at its largest, editing one', render: () => renderBusinessCaseCard({ record: full, ksis, today, editing: 'uc-3', undo: { id: 'uc-x', name: 'U'.repeat(120) } }) },
  { template: 'business-case.json', name: 'business case with hostile text', render: () => renderBusinessCaseCard({ record: hostile, ksis, today, editing: 'uc-1', undo: { id: 'uc-1', name: HOSTILE } }), literal: [HOSTILE] },
];
