// Sample renderings of the ops cards: typical, empty, long (paged) and hostile user text.
import { renderAgendaCard } from '../../../bot/src/cards/agenda-card';
import { renderChecklistListCard, renderChecklistRunCard } from '../../../bot/src/cards/checklist-card';
import { renderOkrsCard, renderRisksCard } from '../../../bot/src/cards/risk-okr-cards';
import { renderRoleEditCard, renderRoleMapCard } from '../../../bot/src/cards/role-map-card';
import { renderStakeholdersCard } from '../../../bot/src/cards/stakeholders-card';
import { buildAgenda, type AgendaInputs } from '../../../bot/src/domain/ops/agenda';
import { DEFAULT_CADENCE } from '../../../bot/src/domain/ops/cadence';
import { CHECKLIST_TEMPLATES, checklistTemplate } from '../../../bot/src/domain/ops/checklist-templates';
import type { ChecklistRun } from '../../../bot/src/domain/ops/checklists';
import { DEFAULT_KSIS, DEFAULT_OBJECTIVES, type Ksi } from '../../../bot/src/domain/ops/okrs';
import { DEFAULT_RISKS, type Risk } from '../../../bot/src/domain/ops/risks';
import { DEFAULT_ROLES, type OpsRole } from '../../../bot/src/domain/ops/roles';
import { DEFAULT_STAKEHOLDERS } from '../../../bot/src/domain/ops/stakeholders';
import type { CardSample } from '../card-samples';

export const HOSTILE = '[click](https://evil.example) ${x} **b** {"a":1} \u202Eevil\u202C 😀 / \\ # ? <at>x</at>';
const alex = { id: 'u1', name: 'Alex Rivera' };
const now = new Date('2025-03-03T09:00:00Z');

const roles: OpsRole[] = DEFAULT_ROLES.map((r, i) => ({ ...r, etag: `W/"${i}"`, ...(i < 3 ? { team: `Team ${i}`, signOff: { by: alex, at: now.toISOString() } } : {}) }));
const hostileRole: OpsRole = { id: 'evil', name: HOSTILE, description: HOSTILE, team: HOSTILE, contact: HOSTILE, channel: { id: '19:x', name: HOSTILE }, order: 0, signOff: { by: { id: 'u2', name: HOSTILE }, at: now.toISOString() } };
const longRoles: OpsRole[] = Array.from({ length: 60 }, (_, i) => ({ id: `r${i}`, name: 'R'.repeat(80), description: 'D'.repeat(400), team: 'T'.repeat(100), contact: 'C'.repeat(200), order: i }));

const baseInputs = (): AgendaInputs => ({
  now, meetingAt: new Date('2025-03-04T10:00:00Z'), timeZone: 'UTC',
  incidents: [], findings: [], risks: [], objectives: [], ksis: [], overdueTasks: [], items: [], actions: [],
});
const risks: Risk[] = DEFAULT_RISKS.map((r) => ({ ...r, etag: 'W/"1"' }));
const ksis: Ksi[] = DEFAULT_KSIS.map((k, i) => ({ ...k, status: (['off-track', 'at-risk', 'on-track', 'not-started'] as const)[i % 4]! }));
const fullInputs = (text: string, n: number): AgendaInputs => ({
  ...baseInputs(),
  lastMeeting: { heldAt: '2025-02-01T10:00:00Z', decisions: Array.from({ length: n }, () => text) },
  incidents: Array.from({ length: n }, (_, i) => ({ srNumber: `SR-${1000 + i}`, title: text, severity: i % 2 ? 'A' : '1', responseGoalMissed: true, updateOverdue: true })),
  findings: Array.from({ length: n }, (_, i) => ({ id: `QF-${i}`, title: text, status: 'new', createdAt: '2025-02-20T10:00:00Z', overdue: i % 2 === 0 })),
  risks: Array.from({ length: n }, (_, i) => ({ ...risks[0]!, id: `risk${i}`, title: text, mitigation: text.repeat(10) })),
  ksis: Array.from({ length: n }, (_, i) => ({ ...ksis[0]!, id: `k${i}`, question: text, note: text })),
  objectives: [],
  overdueTasks: Array.from({ length: n }, () => ({ title: text, team: text, dueAt: '2025-03-01T00:00:00Z' })),
  items: Array.from({ length: n }, (_, i) => ({ id: `i${i}`, text, kind: i % 2 ? 'topic' as const : 'decision' as const, added: { by: { id: 'u', name: text }, at: '2025-02-10T00:00:00Z' }, status: 'open' as const })),
  actions: Array.from({ length: n }, (_, i) => ({ id: `a${i}`, text, owner: text, dueOn: '2025-02-15', status: 'open' as const, meetingId: 'm1', created: { by: alex, at: '2025-02-01T10:00:00Z' } })),
  quality: {
    month: '2025-02',
    overall: [
      { metric: 'Setup failure rate', month: '2025-02', rate: 0.43, target: 0.5, above: false, direction: 'rising', streams: 5100, previous: { month: '2025-01', rate: 0.16, change: 'worse' } },
      { metric: 'Poor stream rate', month: '2025-02', rate: 2.73, target: 2, above: true, direction: 'steady', streams: 5100 },
    ],
    worst: Array.from({ length: n }, (_, i) => ({ place: `${text} ${i}`, metric: 'Poor stream rate', rate: 5, target: 2, streams: 500 })),
    aboveCount: n + 4,
  },
});

const qer = checklistTemplate('qer')!;
const handover = checklistTemplate('support-handover')!;
const run = (template = qer, extra: Partial<ChecklistRun> = {}): ChecklistRun => ({
  id: `${template.id}.2025-03`, templateId: template.id, title: template.title, period: '2025-03', started: { by: alex, at: now.toISOString() }, status: 'open', items: {}, recentOps: [], etag: 'W/"1"', ...extra,
});
const allTicked = (template: typeof qer, note: string) => Object.fromEntries(template.sections.flatMap((s) => s.items.map((i) => [i.id, { done: true, by: { id: 'u', name: note.slice(0, 60) }, at: now.toISOString(), note: note.slice(0, 300) }])));

export const samples: CardSample[] = [
  { template: 'role-map.json', name: 'role map as seeded, three signed off', render: () => renderRoleMapCard({ roles }) },
  { template: 'role-map.json', name: 'role map, second page', render: () => renderRoleMapCard({ roles, offset: 6 }) },
  { template: 'role-map.json', name: 'role map, empty', render: () => renderRoleMapCard({ roles: [] }) },
  { template: 'role-map.json', name: 'role map with 60 maximal roles', render: () => renderRoleMapCard({ roles: longRoles, offset: 30 }) },
  { template: 'role-map.json', name: 'role map with hostile text', render: () => renderRoleMapCard({ roles: [hostileRole], problem: `"${HOSTILE}" problem` }), literal: [HOSTILE, `"${HOSTILE}" problem`] },
  { template: 'role-edit.json', name: 'role edit', render: () => renderRoleEditCard({ role: roles[0]!, currentChannelName: 'General' }) },
  { template: 'role-edit.json', name: 'role add', render: () => renderRoleEditCard({}) },
  { template: 'role-edit.json', name: 'role edit with hostile text', render: () => renderRoleEditCard({ role: hostileRole, problem: HOSTILE, typed: { team: HOSTILE } }), literal: [HOSTILE] },
  { template: 'stakeholders.json', name: 'stakeholder matrix as seeded', render: () => renderStakeholdersCard({ stakeholders: DEFAULT_STAKEHOLDERS.map((s) => ({ ...s })) }) },
  { template: 'stakeholders.json', name: 'stakeholders with hostile text', render: () => renderStakeholdersCard({ stakeholders: [{ id: 'x', role: HOSTILE, person: HOSTILE, responsibilities: [HOSTILE], order: 0 }] }), literal: [HOSTILE] },
  { template: 'agenda.json', name: 'agenda with every section empty', render: () => renderAgendaCard({ agenda: buildAgenda(baseInputs()), cadence: DEFAULT_CADENCE }) },
  { template: 'agenda.json', name: 'agenda with seeded risks and KSIs', render: () => renderAgendaCard({ agenda: buildAgenda({ ...baseInputs(), risks, ksis, objectives: DEFAULT_OBJECTIVES.map((o) => ({ ...o })) }), cadence: DEFAULT_CADENCE }) },
  { template: 'agenda.json', name: 'agenda with 40 maximal lines per section', render: () => renderAgendaCard({ agenda: buildAgenda(fullInputs('W'.repeat(2000), 40)), cadence: DEFAULT_CADENCE }) },
  { template: 'agenda.json', name: 'agenda in the tab: 12 lines per section, every line shown', render: () => renderAgendaCard({ agenda: buildAgenda(fullInputs('A short line', 12)), cadence: DEFAULT_CADENCE, maxLinesPerSection: 50 }) },
  { template: 'agenda.json', name: 'agenda in the tab with 40 maximal lines per section (cut to fit)', render: () => renderAgendaCard({ agenda: buildAgenda(fullInputs('W'.repeat(2000), 40)), cadence: DEFAULT_CADENCE, maxLinesPerSection: 50 }) },
  { template: 'agenda.json', name: 'agenda with hostile text', render: () => renderAgendaCard({ agenda: buildAgenda(fullInputs(HOSTILE, 2)), cadence: DEFAULT_CADENCE, problem: HOSTILE }), literal: [HOSTILE] },
  { template: 'risks.json', name: 'risk register as seeded', render: () => renderRisksCard({ items: risks }) },
  { template: 'risks.json', name: 'risk register, 100 maximal risks', render: () => renderRisksCard({ items: Array.from({ length: 100 }, (_, i) => ({ ...risks[0]!, id: `r${i}`, title: 'T'.repeat(200), mitigation: 'M'.repeat(2000), owner: 'O'.repeat(100) })) }) },
  { template: 'risks.json', name: 'risk register with hostile text', render: () => renderRisksCard({ items: [{ ...risks[0]!, title: HOSTILE, mitigation: HOSTILE }] }), literal: [HOSTILE] },
  { template: 'okrs.json', name: 'OKRs and KSIs as seeded', render: () => renderOkrsCard({ objectives: DEFAULT_OBJECTIVES.map((o) => ({ ...o })), ksis }) },
  { template: 'okrs.json', name: 'OKRs and KSIs with hostile text', render: () => renderOkrsCard({ objectives: [], ksis: [{ ...ksis[0]!, question: HOSTILE, note: HOSTILE }] }), literal: [HOSTILE] },
  { template: 'checklist-list.json', name: 'checklists, no runs yet', render: () => renderChecklistListCard({ templates: CHECKLIST_TEMPLATES, runs: [], defaultPeriod: '2025-03' }) },
  { template: 'checklist-list.json', name: 'checklists with runs', render: () => renderChecklistListCard({ templates: CHECKLIST_TEMPLATES, runs: [run(), run(handover, { status: 'completed', completed: { by: alex, at: now.toISOString(), outcome: 'passed-with-actions', note: 'ok' } })], defaultPeriod: '2025-03' }) },
  { template: 'checklist-list.json', name: 'checklists with hostile periods', render: () => renderChecklistListCard({ templates: CHECKLIST_TEMPLATES, runs: Array.from({ length: 30 }, (_, i) => run(qer, { id: `r${i}`, period: HOSTILE.slice(0, 40) })), defaultPeriod: '2025-03', problem: HOSTILE }), literal: [HOSTILE.slice(0, 40), HOSTILE] },
  { template: 'checklist-run.json', name: 'QER run, nothing ticked', render: () => renderChecklistRunCard({ run: run(), template: qer }) },
  { template: 'checklist-run.json', name: 'hand-over run, every item ticked with maximal notes', render: () => renderChecklistRunCard({ run: run(handover, { items: allTicked(handover, 'N'.repeat(300)) }), template: handover, sectionId: 'responsibilities' }) },
  { template: 'checklist-run.json', name: 'completed run with hostile text', render: () => renderChecklistRunCard({ run: run(qer, { period: HOSTILE.slice(0, 40), items: allTicked(qer, HOSTILE), status: 'completed', completed: { by: alex, at: now.toISOString(), outcome: 'passed', note: HOSTILE } }), template: qer, problem: HOSTILE }), literal: [HOSTILE, HOSTILE.slice(0, 40)] },
];
