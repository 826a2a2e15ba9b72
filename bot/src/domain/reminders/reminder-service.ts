// Reminder use cases for chat (card actions, the settings card) and the tab API: seed a
// workspace from the catalog, edit and add schedules, apply task actions idempotently, switch
// deployment mode, read completion rates. Keeps the due index in step with every change
// (new row first, old row after, so a crash in between leaves an extra row, never a lost one).
import type { Workspace } from '../workspace';
import { type ActionResult, applyTaskAction, type TaskAction } from './actions';
import type { CadenceContext } from './cadence';
import { type CompletionRate, completionRates } from './completion';
import type { Clock, CompletionRepository, DueIndex, ReminderSettingsRepository, ScheduleRepository } from './repositories';
import {
  applyEdit, computeNextDue, type ContactPerson, indexedDueAt, newCustomSchedule, type ReminderSchedule, type ReminderSettings,
  type ScheduleEdit, ScheduleError, seedSchedules, type SeedOptions,
} from './schedule';
import type { SeedLedger } from '../seed-ledger';

export interface ReminderServiceDeps {
  schedules: ScheduleRepository;
  dueIndex: DueIndex;
  completions: CompletionRepository;
  settings: ReminderSettingsRepository;
  clock: Clock;
  /** Records that a workspace got the catalog's schedules, so it gets them once. */
  seeds: SeedLedger;
  newId?: () => string;
}

const MAX_CONFLICT_RETRIES = 8;

export class ReminderService {
  constructor(private readonly deps: ReminderServiceDeps) {}

  private async ctx(ws: Workspace): Promise<CadenceContext> {
    return { deploymentMode: (await this.deps.settings.get(ws)).deploymentMode };
  }

  /**
   * The catalog's schedules, once per workspace: on first use, and never again, even after people
   * delete them. Notices for the service owner go where reminders were set up.
   */
  async ensureSeeded(ws: Workspace, opts: Omit<SeedOptions, 'now' | 'ctx'>, setupConversationId: string): Promise<{ schedules: ReminderSchedule[]; seeded: boolean }> {
    let schedules: ReminderSchedule[] | undefined;
    const seeded = await this.deps.seeds.onceFor(ws, 'reminders|catalog', async () => {
      schedules = await this.seed(ws, opts);
      const settings = await this.settings(ws);
      if (!settings.serviceOwnerConversationId) await this.setDeploymentMode(ws, settings.deploymentMode, setupConversationId);
    });
    return { schedules: schedules ?? (await this.list(ws)), seeded };
  }

  /** Creates the catalog's schedules (ids that already exist are left alone) and indexes them. */
  async seed(ws: Workspace, opts: Omit<SeedOptions, 'now' | 'ctx'>): Promise<ReminderSchedule[]> {
    const now = this.deps.clock();
    const schedules = seedSchedules(ws, { ...opts, now, ctx: await this.ctx(ws) });
    await this.deps.schedules.createMany(schedules);
    const stored = await this.deps.schedules.list(ws);
    await this.deps.dueIndex.put(stored.flatMap((s) => indexEntry(s)));
    return stored;
  }

  list(ws: Workspace): Promise<ReminderSchedule[]> {
    return this.deps.schedules.list(ws);
  }

  /** Enable/disable, change time, zone, cadence, title, owner. Throws ScheduleError with a clear message on bad input. */
  async edit(ws: Workspace, id: string, edit: ScheduleEdit): Promise<ReminderSchedule> {
    const ctx = await this.ctx(ws);
    return this.mutate(ws, id, (s) => applyEdit(s, edit, this.deps.clock(), ctx));
  }

  async addCustom(ws: Workspace, input: Parameters<typeof newCustomSchedule>[2]): Promise<ReminderSchedule> {
    const now = this.deps.clock();
    const id = `usr-${(this.deps.newId ?? (() => globalThis.crypto.randomUUID()))()}`;
    const s = newCustomSchedule(ws, id, input, now, await this.ctx(ws));
    const stored = await this.deps.schedules.create(s);
    if (stored === 'exists') throw new ScheduleError('A task with that id exists already.');
    await this.deps.dueIndex.put(indexEntry(stored));
    return stored;
  }

  /** Applies a card action once, however often the invoke is delivered. */
  async act(ws: Workspace, scheduleId: string, action: TaskAction): Promise<ActionResult> {
    const ctx = await this.ctx(ws);
    for (let i = 0; i < MAX_CONFLICT_RETRIES; i++) {
      const s = await this.deps.schedules.get(ws, scheduleId);
      if (!s) return { outcome: 'stale', message: 'This task no longer exists.' };
      const result = applyTaskAction(s, action, this.deps.clock(), ctx);
      if (result.outcome !== 'applied') return result;
      const saved = await this.deps.schedules.update(result.schedule);
      if (saved === 'conflict') continue;
      // Recorded after the schedule changed: a retry of this invoke finds the key applied and
      // stops above, and the history row is keyed by occurrence, so it is written once.
      if (result.completion) await this.deps.completions.record(ws, result.completion);
      await this.reindex(s, saved);
      return { ...result, schedule: saved };
    }
    throw new Error(`schedule ${scheduleId} is too contended`);
  }

  async settings(ws: Workspace): Promise<ReminderSettings> {
    return this.deps.settings.get(ws);
  }

  /** Turns the deployment switch on/off and re-computes the schedules whose cadence depends on it. */
  async setDeploymentMode(ws: Workspace, on: boolean, serviceOwnerConversationId?: string): Promise<ReminderSettings> {
    let saved: ReminderSettings | 'conflict' = 'conflict';
    for (let i = 0; i < MAX_CONFLICT_RETRIES && saved === 'conflict'; i++) {
      const current = await this.deps.settings.get(ws);
      saved = await this.deps.settings.save({ ...current, deploymentMode: on, ...(serviceOwnerConversationId ? { serviceOwnerConversationId } : {}) });
    }
    if (saved === 'conflict') throw new Error('reminder settings are too contended');
    const now = this.deps.clock();
    for (const s of await this.deps.schedules.list(ws)) {
      if (s.cadence.kind !== 'monthly-weekly-during-deployments' || !s.enabled) continue;
      await this.mutate(ws, s.id, (cur) => ({ ...cur, nextDueAt: computeNextDue(cur, now, { deploymentMode: on }), updatedAt: now.toISOString() }));
    }
    return saved;
  }

  async rates(ws: Workspace, sinceIso?: string): Promise<CompletionRate[]> {
    return completionRates(await this.deps.completions.list(ws, sinceIso));
  }

  /**
   * Copies a role's contact person (or its removal) onto the schedules the role owns, so a digest
   * mentions them without reading the role map. Paid once, when the role changes.
   */
  async setRoleContact(ws: Workspace, roleName: string, contact: ContactPerson | undefined): Promise<number> {
    const key = roleName.trim().toLowerCase();
    const same = (c: ContactPerson | undefined) => c?.id === contact?.id && c?.name === contact?.name;
    const owned = (await this.deps.schedules.list(ws)).filter((s) => s.role.trim().toLowerCase() === key && !same(s.contact));
    for (const s of owned) {
      await this.mutate(ws, s.id, (cur) => {
        const next: ReminderSchedule = { ...cur, updatedAt: this.deps.clock().toISOString() };
        if (contact) next.contact = contact;
        else delete next.contact;
        return next;
      });
    }
    return owned.length;
  }

  private async mutate(ws: Workspace, id: string, change: (s: ReminderSchedule) => ReminderSchedule): Promise<ReminderSchedule> {
    for (let i = 0; i < MAX_CONFLICT_RETRIES; i++) {
      const s = await this.deps.schedules.get(ws, id);
      if (!s) throw new ScheduleError('This task no longer exists.');
      const saved = await this.deps.schedules.update(change(s));
      if (saved === 'conflict') continue;
      await this.reindex(s, saved);
      return saved;
    }
    throw new Error(`schedule ${id} is too contended`);
  }

  private async reindex(before: ReminderSchedule, after: ReminderSchedule): Promise<void> {
    const a = indexEntry(after);
    await this.deps.dueIndex.put(a);
    const b = indexEntry(before);
    if (b.length && (!a.length || a[0]!.dueAt !== b[0]!.dueAt)) await this.deps.dueIndex.remove(b);
  }
}

function indexEntry(s: ReminderSchedule) {
  const dueAt = indexedDueAt(s);
  return dueAt ? [{ dueAt, workspace: s.workspace, scheduleId: s.id, targetConversationId: s.targetConversationId }] : [];
}
