// Checklist cards: the list (runs with progress, templates with a Start button) and one run
// (progress per section, the items of one section with tick/untick and a note, completion).
import listTemplate from './templates/checklist-list.json';
import runTemplate from './templates/checklist-run.json';
import type { ChecklistTemplate } from '../domain/ops/checklist-templates';
import { type ChecklistRun, progressOf, RUN_OUTCOMES, RUN_OUTCOME_LABELS } from '../domain/ops/checklists';
import { clip, execute, fitCard } from './ops-card-parts';
import { OPS_VERBS } from './ops-verbs';
import { expandTemplate } from './template';

export const RUNS_ON_LIST = 8;

export interface ChecklistListCardInput {
  templates: readonly ChecklistTemplate[];
  runs: readonly ChecklistRun[];
  /** Pre-filled period for a new run, e.g. the current month "2025-03". */
  defaultPeriod: string;
  notice?: string;
  problem?: string;
}

export function renderChecklistListCard(input: ChecklistListCardInput): Record<string, unknown> {
  const byId = new Map(input.templates.map((t) => [t.id, t]));
  return fitCard((maxRuns) => {
    const shown = input.runs.slice(0, maxRuns);
    return expandTemplate(listTemplate, {
      notice: input.notice ?? '',
      problem: input.problem ?? '',
      noRuns: input.runs.length ? '' : 'No checklist has been run yet. Start one below.',
      runs: shown.map((run) => {
        const t = byId.get(run.templateId);
        const p = t ? progressOf(run, t) : { done: 0, total: 0, percent: 0 };
        const state = run.status === 'completed' && run.completed
          ? `Completed ${run.completed.at.slice(0, 10)}: ${RUN_OUTCOME_LABELS[run.completed.outcome]}`
          : `${p.done} of ${p.total} done (${p.percent}%)`;
        return { title: clip(run.title, 100), period: clip(run.period, 40), progress: state, buttons: [execute('Open', OPS_VERBS.checklistOpen, { runId: run.id }, { associatedInputs: 'none' })] };
      }),
      moreRuns: input.runs.length > shown.length ? `${input.runs.length - shown.length} older runs are in the checklists tab.` : '',
      defaultPeriod: input.defaultPeriod,
      templates: input.templates.map((t) => ({ title: t.title, summary: clip(t.summary, 160), buttons: [execute('Start', OPS_VERBS.checklistStart, { templateId: t.id })] })),
    });
  }, [RUNS_ON_LIST, 5, 3, 1]);
}

export interface ChecklistRunCardInput {
  run: ChecklistRun;
  template: ChecklistTemplate;
  /** The section whose items are shown; defaults to the first with open items. */
  sectionId?: string;
  notice?: string;
  problem?: string;
}

export function renderChecklistRunCard(input: ChecklistRunCardInput): Record<string, unknown> {
  const { run, template } = input;
  const progress = progressOf(run, template);
  const open = run.status === 'open';
  const section = template.sections.find((s) => s.id === input.sectionId)
    ?? template.sections.find((s) => s.items.some((i) => !run.items[i.id]?.done))
    ?? template.sections[0]!;
  const actions: Record<string, unknown>[] = [execute('All checklists', OPS_VERBS.checklistList, {}, { associatedInputs: 'none' })];
  if (open) {
    actions.unshift({
      type: 'Action.ShowCard', title: 'Complete the run',
      card: {
        type: 'AdaptiveCard', version: '1.5',
        body: [
          { type: 'Input.ChoiceSet', id: 'outcome', label: 'Outcome', value: progress.done === progress.total ? 'passed' : 'passed-with-actions', choices: RUN_OUTCOMES.map((o) => ({ title: RUN_OUTCOME_LABELS[o], value: o })) },
          { type: 'Input.Text', id: 'outcomeNote', label: 'Outcome notes (decisions, follow-up actions)', isMultiline: true, maxLength: 1000 },
        ],
        actions: [execute('Complete', OPS_VERBS.checklistComplete, { runId: run.id }, { style: 'positive' })],
      },
    });
  }
  return expandTemplate(runTemplate, {
    title: run.title,
    period: clip(run.period, 40),
    started: ` · started by ${clip(run.started.by.name, 60)} on ${run.started.at.slice(0, 10)}`,
    progress: `${progress.done} of ${progress.total} items done (${progress.percent}%)`,
    progressColor: progress.done === progress.total ? 'Good' : 'Default',
    outcome: run.completed ? `${RUN_OUTCOME_LABELS[run.completed.outcome]} · completed by ${clip(run.completed.by.name, 60)} on ${run.completed.at.slice(0, 10)}` : '',
    outcomeNote: run.completed?.note ? ` · ${clip(run.completed.note, 600)}` : '',
    notice: input.notice ?? '',
    problem: input.problem ?? '',
    // Cards allow a handful of buttons per row: sections go three to a row.
    sectionRows: chunk(progress.sections.map((s) => execute(`${s.id === section.id ? '▸ ' : ''}${s.title} ${s.done}/${s.total}`, OPS_VERBS.checklistOpen, { runId: run.id, sectionId: s.id }, { associatedInputs: 'none' })), 3).map((buttons) => ({ buttons })),
    sectionTitle: section.title,
    items: section.items.map((item, i) => {
      const state = run.items[item.id];
      const done = state?.done ?? false;
      const noteId = `note_${i}`;
      return {
        mark: done ? '✔' : '○',
        markColor: done ? 'Good' : 'Default',
        text: item.text,
        who: state ? `${done ? 'Ticked' : 'Unticked'} by ${clip(state.by.name, 60)} on ${state.at.slice(0, 10)}` : '',
        note: state?.note ? clip(state.note, 300) : '',
        buttons: open
          ? [
            execute(done ? 'Untick' : 'Tick', OPS_VERBS.checklistTick, { runId: run.id, itemId: item.id, done: !done, sectionId: section.id }, { associatedInputs: 'none', ...(done ? {} : { style: 'positive' as const }) }),
            {
              type: 'Action.ShowCard', title: state?.note ? 'Edit note' : 'Add a note',
              card: {
                type: 'AdaptiveCard', version: '1.5',
                body: [{ type: 'Input.Text', id: noteId, label: 'Note', value: state?.note ?? '', isMultiline: true, maxLength: 300 }],
                actions: [execute('Save note', OPS_VERBS.checklistTick, { runId: run.id, itemId: item.id, done, sectionId: section.id, noteInput: noteId })],
              },
            },
          ]
          : [],
      };
    }),
    actions,
  });
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
