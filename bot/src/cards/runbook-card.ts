// The runbook cards: the list of runbooks by owning role, one runbook with its steps and owner,
// and a run's checklist (steps as toggles; ticking the last one completes the task). Role, team
// and contact are user text from the role map: they go into TextRuns only.
import listTemplate from './templates/runbook-list.json';
import runTemplate from './templates/runbook-run.json';
import runbookTemplate from './templates/runbook.json';
import { isNamed, type OpsRole } from '../domain/ops/roles';
import { owningRole, type RunbookRun } from '../domain/runbooks/runbook-service';
import type { Runbook } from '../domain/runbooks/runbooks';
import { COMMAND_VERBS } from './command-verbs';
import { clip, execute } from './ops-card-parts';
import { RUNBOOK_VERBS, stepInputId } from './runbook-verbs';
import { expandTemplate } from './template';

const named = (text: string | undefined) => (text && isNamed(text) ? text : 'TBA');

export interface RunbookListCardInput {
  runbooks: readonly Runbook[];
  roles: readonly OpsRole[];
  notice?: string;
}

export function renderRunbookListCard(input: RunbookListCardInput): Record<string, unknown> {
  const byRole = new Map<string, Runbook[]>();
  for (const r of input.runbooks) byRole.set(r.role, [...(byRole.get(r.role) ?? []), r]);
  const groups = [...byRole.entries()].map(([role, runbooks]) => {
    const holder = owningRole({ role }, input.roles);
    return {
      role: clip(holder?.name ?? role, 80),
      owner: holder && isNamed(holder.team) ? ` · ${clip(holder.team, 100)}` : ' · no team named yet',
      runbooks: runbooks.map((r) => ({ title: clip(r.title, 200), buttons: [execute('Open', RUNBOOK_VERBS.open, { key: r.key })] })),
    };
  });
  return expandTemplate(listTemplate, {
    summary: input.runbooks.length
      ? `${input.runbooks.length} runbooks for the work done as needed, by owning role. Open one to see its steps and start it; a finished run counts as done for the team's OLA.`
      : 'No runbooks yet.',
    notice: input.notice ?? '',
    groups,
    actions: [],
  });
}

export interface RunbookCardInput {
  runbook: Runbook;
  role?: OpsRole;
}

export function renderRunbookCard(input: RunbookCardInput): Record<string, unknown> {
  const { runbook, role } = input;
  return expandTemplate(runbookTemplate, {
    title: clip(runbook.title, 200),
    role: clip(role?.name ?? runbook.role, 80),
    team: clip(named(role?.team), 100),
    contact: clip(named(role?.contact), 200),
    category: runbook.category,
    steps: runbook.steps.map((s, i) => ({ number: i + 1, text: s.text })),
    actions: [
      execute('Start', RUNBOOK_VERBS.start, { key: runbook.key }, { style: 'positive' }),
      execute('All runbooks', RUNBOOK_VERBS.list, {}),
    ],
  });
}

export interface RunbookRunCardInput {
  run: RunbookRun;
  notice?: string;
  problem?: string;
}

export function renderRunbookRunCard(input: RunbookRunCardInput): Record<string, unknown> {
  const { run } = input;
  const done = run.completedAt !== undefined;
  const ticked = new Set(run.ticked);
  const escalate = run.steps.some((s) => s.command === 'escalate');
  const actions = [
    ...(done ? [] : [execute('Save ticks', RUNBOOK_VERBS.tick, { runId: run.id }, { style: 'positive' })]),
    ...(escalate && !done ? [execute('Escalate', COMMAND_VERBS.run, { command: 'escalate' }, { associatedInputs: 'none' })] : []),
    execute('All runbooks', RUNBOOK_VERBS.list, {}, { associatedInputs: 'none' }),
  ];
  return expandTemplate(runTemplate, {
    title: clip(run.title, 200),
    owner: run.team ? `${clip(run.role, 80)} (${clip(run.team, 100)})` : clip(run.role, 80),
    startedBy: clip(run.startedBy.name, 80),
    startedAt: `on ${run.startedAt.slice(0, 10)}`,
    progress: done
      ? `Done: all ${run.steps.length} steps ticked by ${run.completedAt!.slice(0, 10)}; recorded as done for ${run.team ?? run.role}.`
      : `${run.ticked.length} of ${run.steps.length} steps ticked. Tick the steps as you go and save; the last one completes the task.`,
    progressColor: done ? 'Good' : 'Default',
    notice: input.notice ?? '',
    problem: input.problem ?? '',
    steps: run.steps.map((s, i) => ({ inputId: stepInputId(s.id), label: `${i + 1}. ${s.text}`, value: ticked.has(s.id) ? 'true' : 'false' })),
    actions,
  });
}
