// Checklist runs: one run of a review template per period ("2025-03", "2025 Q2", "Pilot").
// Items are ticked with who and when, and may carry a note; the run shows its progress and,
// once completed, records the outcome. A completed run is read-only: the next period starts
// a new run.
import type { Workspace } from '../workspace';
import { type Actor, type Clock, type OpsRecord, type Outcome, type RecordRepository, type Stamp, choiceField, invalid, mutate, notFound, okOf, slug, textField, validated } from './common';
import { type ChecklistTemplate, CHECKLIST_TEMPLATES, checklistTemplate, templateItemIds } from './checklist-templates';

export type RunOutcome = 'passed' | 'passed-with-actions' | 'not-passed';
export const RUN_OUTCOMES: readonly RunOutcome[] = ['passed', 'passed-with-actions', 'not-passed'];
export const RUN_OUTCOME_LABELS: Record<RunOutcome, string> = { passed: 'Passed', 'passed-with-actions': 'Passed with follow-up actions', 'not-passed': 'Not passed' };
export const CHECKLIST_LIMITS = { period: 40, note: 300, outcomeNote: 1000, recentOps: 30 } as const;

export interface ItemState {
  done: boolean;
  /** Who last ticked or unticked it, and when. */
  by: Actor;
  at: string;
  note?: string;
}

export interface ChecklistRun extends OpsRecord {
  templateId: string;
  title: string;
  period: string;
  started: Stamp;
  status: 'open' | 'completed';
  /** Only items someone touched; the rest are not done. */
  items: Record<string, ItemState>;
  completed?: Stamp & { outcome: RunOutcome; note: string };
  /** Ids of the last operations applied (invoke ids): a redelivered click changes nothing. */
  recentOps: string[];
}

export type ChecklistRunRepository = RecordRepository<ChecklistRun>;

export interface Progress {
  done: number;
  total: number;
  percent: number;
}

export function progressOf(run: Pick<ChecklistRun, 'items'>, template: ChecklistTemplate): Progress & { sections: (Progress & { id: string; title: string })[] } {
  const count = (ids: string[]) => {
    const done = ids.filter((id) => run.items[id]?.done).length;
    return { done, total: ids.length, percent: ids.length ? Math.floor((done * 100) / ids.length) : 100 };
  };
  return { ...count(templateItemIds(template)), sections: template.sections.map((s) => ({ id: s.id, title: s.title, ...count(s.items.map((i) => i.id)) })) };
}

/** Run ids are derived from template and period, so a period has one run per template. */
export const runIdOf = (templateId: string, period: string) => `${templateId}.${slug(period, 40)}`;

const remember = (run: ChecklistRun, opId?: string): string[] => (opId ? [...run.recentOps, opId].slice(-CHECKLIST_LIMITS.recentOps) : run.recentOps);

export class ChecklistService {
  constructor(private readonly deps: { runs: ChecklistRunRepository; clock: Clock }) {}

  templates(): readonly ChecklistTemplate[] {
    return CHECKLIST_TEMPLATES;
  }

  template(id: string): ChecklistTemplate | undefined {
    return checklistTemplate(id);
  }

  /** Runs, open ones first, then the most recently started. */
  async runs(ws: Workspace): Promise<ChecklistRun[]> {
    return (await this.deps.runs.list(ws)).sort((a, b) => (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1) || b.started.at.localeCompare(a.started.at));
  }

  async get(ws: Workspace, runId: string): Promise<ChecklistRun | undefined> {
    return this.deps.runs.get(ws, runId);
  }

  /** Starts the run of a template for a period; if it exists already, returns that run. */
  async start(ws: Workspace, templateId: string, period: unknown, actor: Actor): Promise<Outcome<{ run: ChecklistRun; created: boolean }>> {
    const template = checklistTemplate(templateId);
    if (!template) return invalid(`There is no checklist "${templateId}". Type checklists to see the list.`);
    const p = validated(() => textField('Period', period, CHECKLIST_LIMITS.period));
    if (!p.ok) return invalid(`${p.message} Name the period the run covers, e.g. ${template.periodHint}.`);
    const run: ChecklistRun = {
      id: runIdOf(template.id, p.value), templateId: template.id, title: template.title, period: p.value,
      started: { by: actor, at: this.deps.clock().toISOString() }, status: 'open', items: {}, recentOps: [],
    };
    const created = await this.deps.runs.create(ws, run);
    if (created.created) return okOf({ run: created.record, created: true });
    const existing = created.existing ?? (await this.deps.runs.get(ws, run.id));
    return existing ? okOf({ run: existing, created: false }) : invalid('That run could not be started; try again.');
  }

  /**
   * Sets an item done or not done, with who and when. Setting the state it already has
   * changes nothing (the first tick's who/when stay), and so does a repeated `opId`.
   */
  async tick(ws: Workspace, runId: string, itemId: string, done: boolean, actor: Actor, options: { note?: unknown; opId?: string } = {}): Promise<Outcome<ChecklistRun>> {
    const note = options.note === undefined ? undefined : validated(() => textField('Note', options.note, CHECKLIST_LIMITS.note, { optional: true, multiline: true }));
    if (note && !note.ok) return note as Outcome<ChecklistRun>;
    return mutate(this.deps.runs, ws, runId, (run) => {
      const template = checklistTemplate(run.templateId);
      if (!template || !templateItemIds(template).includes(itemId)) return invalid('That item is not part of this checklist.');
      if (options.opId && run.recentOps.includes(options.opId)) return okOf(run);
      if (run.status === 'completed') return invalid(`This run was completed on ${run.completed!.at.slice(0, 10)}; start a run for a new period to tick items again.`);
      const current = run.items[itemId];
      const noteText = note?.ok ? note.value : current?.note;
      if ((current?.done ?? false) === done && noteText === current?.note) return okOf(run);
      const state: ItemState = (current?.done ?? false) === done && current
        ? { ...current }
        : { done, by: actor, at: this.deps.clock().toISOString() };
      if (noteText) state.note = noteText;
      else delete state.note;
      return okOf({ ...run, items: { ...run.items, [itemId]: state }, recentOps: remember(run, options.opId) });
    }, { what: 'This checklist run' });
  }

  /** Completes the run with its outcome. "Passed" needs every item ticked. */
  async complete(ws: Workspace, runId: string, outcome: unknown, note: unknown, actor: Actor, opId?: string): Promise<Outcome<ChecklistRun>> {
    const checked = validated(() => ({
      outcome: choiceField('Outcome', outcome, RUN_OUTCOMES, RUN_OUTCOME_LABELS),
      note: textField('Outcome note', note, CHECKLIST_LIMITS.outcomeNote, { optional: true, multiline: true }),
    }));
    if (!checked.ok) return checked as Outcome<ChecklistRun>;
    return mutate(this.deps.runs, ws, runId, (run) => {
      if (run.status === 'completed') return okOf(run);
      const template = checklistTemplate(run.templateId);
      if (!template) return invalid('This checklist no longer exists.');
      const p = progressOf(run, template);
      if (checked.value.outcome === 'passed' && p.done < p.total) return invalid(`"Passed" needs every item ticked; ${p.total - p.done} of ${p.total} are still open. Tick them, or choose "Passed with follow-up actions" or "Not passed".`);
      return okOf({ ...run, status: 'completed', completed: { by: actor, at: this.deps.clock().toISOString(), outcome: checked.value.outcome, note: checked.value.note }, recentOps: remember(run, opId) });
    }, { what: 'This checklist run' });
  }

  async remove(ws: Workspace, runId: string, etag?: string): Promise<Outcome<{ id: string }>> {
    const r = await this.deps.runs.delete(ws, runId, etag);
    return r === 'deleted' ? okOf({ id: runId }) : r === 'not-found' ? notFound('This run was already removed.') : { ok: false, error: 'conflict', message: 'This run was changed by someone else; reload and retry.' };
  }
}
