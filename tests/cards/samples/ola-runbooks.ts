// Sample renderings of the OLA and runbook cards: typical, empty, long and hostile user text.
import { renderOlaCard, renderOlaListCard } from '../../../bot/src/cards/ola-card';
import { renderRoleMapCard } from '../../../bot/src/cards/role-map-card';
import { renderRunbookCard, renderRunbookListCard, renderRunbookRunCard } from '../../../bot/src/cards/runbook-card';
import type { CompletionRecord } from '../../../bot/src/domain/reminders/actions';
import { type OlaTaskSource, runbookTaskSources } from '../../../bot/src/domain/ops/ola';
import { viewOf } from '../../../bot/src/domain/ops/ola-service';
import { DEFAULT_ROLES, type OpsRole } from '../../../bot/src/domain/ops/roles';
import type { RunbookRun } from '../../../bot/src/domain/runbooks/runbook-service';
import { HELP_DESK_RUNBOOK_KEY, runbookByKey, RUNBOOKS } from '../../../bot/src/domain/runbooks/runbooks';
import { scheduledCatalogTasks } from '../../../bot/src/domain/reminders/catalog';
import type { CardSample } from '../card-samples';
import { HOSTILE } from './ops';

const now = new Date('2026-11-30T10:00:00Z');
const alex = { id: 'u1', name: 'Alex Rivera' };
const roles: OpsRole[] = DEFAULT_ROLES.map((r, i) => ({ ...r, team: `Team ${i}`, etag: `W/"${i}"` }));
const helpDesk = roles.find((r) => r.id === 'help-desk')!;
const networkOps = roles.find((r) => r.id === 'network-operations')!;
const tasks: OlaTaskSource[] = [...scheduledCatalogTasks().map((t) => ({ id: `cat-${t.key}`, title: t.title, role: t.role, cadence: t.cadence! })), ...runbookTaskSources()];
const records: CompletionRecord[] = Array.from({ length: 20 }, (_, i) => ({
  scheduleId: 'cat-endpoints-watch', title: 'Watch', team: 'Team 5', dueAt: new Date(now.getTime() - (i + 1) * 86_400_000).toISOString(),
  resolvedAt: new Date(now.getTime() - (i + 1) * 86_400_000 + 3_600_000).toISOString(), outcome: 'done', onTime: i % 4 !== 0, missed: i % 4 === 0 ? 1 : 0,
}));
const hostileRole: OpsRole = { id: 'evil', name: HOSTILE, description: HOSTILE, team: HOSTILE, contact: HOSTILE, order: 0, signOff: { by: { id: 'u2', name: HOSTILE }, at: now.toISOString() } };
const hostileTasks: OlaTaskSource[] = Array.from({ length: 60 }, (_, i) => ({ id: `usr-${i}`, title: `${HOSTILE} ${'T'.repeat(250)}`, role: HOSTILE, cadence: { kind: 'daily' } }));
const run = (ticked: string[], done = false): RunbookRun => {
  const rb = runbookByKey(HELP_DESK_RUNBOOK_KEY)!;
  return { id: 'run-1', key: rb.key, title: rb.title, role: rb.role, team: 'Service Desk', steps: rb.steps, ticked, startedAt: now.toISOString(), startedBy: alex, ...(done ? { completedAt: now.toISOString(), completedBy: alex } : {}) };
};
const statuses = new Map(roles.map((r) => {
  const v = viewOf(r, tasks, records, now);
  return [r.id, { signOff: v.signOff, adherence: 'Nothing of this OLA fell due in the last 30 days yet.', taskCount: v.ola.tasks.length }];
}));

export const samples: CardSample[] = [
  { template: 'ola.json', name: 'network operations OLA with adherence', render: () => renderOlaCard({ view: viewOf(networkOps, tasks, records, now) }) },
  { template: 'ola.json', name: 'help desk OLA, signed an earlier version', render: () => renderOlaCard({ view: viewOf({ ...helpDesk, signOff: { by: alex, at: now.toISOString() } }, tasks, [], now) }) },
  { template: 'ola.json', name: 'OLA of a role with no team', render: () => renderOlaCard({ view: viewOf(DEFAULT_ROLES[0] as OpsRole, [], [], now) }) },
  { template: 'ola.json', name: 'OLA with hostile text and 60 long tasks', render: () => renderOlaCard({ view: viewOf(hostileRole, hostileTasks, [], now), problem: HOSTILE }), literal: [HOSTILE] },
  { template: 'ola-list.json', name: 'every team\'s OLA', render: () => renderOlaListCard({ views: roles.map((r) => viewOf(r, tasks, records, now)) }) },
  { template: 'ola-list.json', name: 'no roles', render: () => renderOlaListCard({ views: [] }) },
  { template: 'ola-list.json', name: 'OLAs with hostile text', render: () => renderOlaListCard({ views: [viewOf(hostileRole, hostileTasks, [], now)], notice: HOSTILE }), literal: [HOSTILE] },
  { template: 'role-map.json', name: 'role map with OLAs', render: () => renderRoleMapCard({ roles, olas: statuses }) },
  { template: 'runbook-list.json', name: 'every runbook', render: () => renderRunbookListCard({ runbooks: RUNBOOKS, roles }) },
  { template: 'runbook-list.json', name: 'runbooks with hostile role map', render: () => renderRunbookListCard({ runbooks: RUNBOOKS, roles: [{ ...hostileRole, name: 'Help Desk' }], notice: HOSTILE }), literal: [HOSTILE] },
  { template: 'runbook.json', name: 'the help desk runbook', render: () => renderRunbookCard({ runbook: runbookByKey(HELP_DESK_RUNBOOK_KEY)!, role: helpDesk }) },
  { template: 'runbook.json', name: 'a runbook with hostile owner', render: () => renderRunbookCard({ runbook: RUNBOOKS[0]!, role: hostileRole }), literal: [HOSTILE] },
  { template: 'runbook-run.json', name: 'a help desk run, two steps ticked', render: () => renderRunbookRunCard({ run: run(['service-health', 'client-connectivity']) }) },
  { template: 'runbook-run.json', name: 'a finished run', render: () => renderRunbookRunCard({ run: run(runbookByKey(HELP_DESK_RUNBOOK_KEY)!.steps.map((s) => s.id), true), notice: 'done' }) },
  { template: 'runbook-run.json', name: 'a run with hostile text', render: () => renderRunbookRunCard({ run: { ...run([]), team: HOSTILE, startedBy: { id: 'x', name: HOSTILE } }, problem: HOSTILE }), literal: [HOSTILE] },
];
