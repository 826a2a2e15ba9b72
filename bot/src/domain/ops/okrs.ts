// Objectives and key results (OKRs) and key success indicators (KSIs), each with a status
// the steering committee reviews. KSIs follow the SMART shape of the planning guidance:
// what is asked, how it is measured, the success criterion, when, and who is responsible.
import type { Workspace } from '../workspace';
import { type Actor, type Clock, type OpsRecord, type Outcome, type RecordRepository, type Stamp, choiceField, invalid, mutate, notFound, okOf, slug, textField, validated } from './common';

export type TrackStatus = 'on-track' | 'at-risk' | 'off-track' | 'not-started';
export const TRACK_STATUSES: readonly TrackStatus[] = ['on-track', 'at-risk', 'off-track', 'not-started'];
export const TRACK_STATUS_LABELS: Record<TrackStatus, string> = { 'on-track': 'On track', 'at-risk': 'At risk', 'off-track': 'Off track', 'not-started': 'Not started' };
/** Agenda priority: what needs the committee's attention first. */
const STATUS_RANK: Record<TrackStatus, number> = { 'off-track': 0, 'at-risk': 1, 'not-started': 2, 'on-track': 3 };
export const OKR_LIMITS = { text: 300, short: 120, note: 500, items: 100 } as const;

export interface Objective extends OpsRecord {
  kind: 'objective';
  objective: string;
  keyResult: string;
  /** e.g. "FY26 Q3" */
  period: string;
  status: TrackStatus;
  note: string;
  example?: boolean;
  order: number;
  updated?: Stamp;
}

export interface Ksi extends OpsRecord {
  kind: 'ksi';
  type: string;
  question: string;
  measuredBy: string;
  successCriteria: string;
  frequency: string;
  responsible: string;
  status: TrackStatus;
  note: string;
  example?: boolean;
  order: number;
  updated?: Stamp;
}

export type ObjectiveRepository = RecordRepository<Objective>;
export type KsiRepository = RecordRepository<Ksi>;

export function compareByStatus<T extends { status: TrackStatus; order: number }>(a: T, b: T): number {
  return STATUS_RANK[a.status] - STATUS_RANK[b.status] || a.order - b.order;
}

/** The guidance's example OKRs: editable starting points, marked as examples. */
export const DEFAULT_OBJECTIVES: readonly Omit<Objective, 'etag'>[] = [
  { id: 'example-deploy-branches', objective: 'Example: deploy cloud calling in the European branch offices by the end of the fiscal year', keyResult: 'Calling deployed in the London office', period: 'Q3' },
  { id: 'example-decommission-pbx', objective: 'Example: decommission the legacy PBX in the London office by the end of the fiscal year', keyResult: 'Legacy PBX in London switched off', period: 'Q4' },
].map((o, order) => ({ ...o, kind: 'objective' as const, status: 'not-started' as TrackStatus, note: '', example: true, order }));

/** The guidance's example KSIs: editable starting points, marked as examples. */
export const DEFAULT_KSIS: readonly Omit<Ksi, 'etag'>[] = ([
  ['Usage/adoption', 'Call quality is as good as or better than the previous solution', 'Survey', '80% of users agree or strongly agree', 'After enablement, then quarterly', 'IT team'],
  ['Usage/adoption', 'Teams made communicating easier', 'Survey', '80% of users agree or strongly agree', 'After enablement, then quarterly', 'Change management team'],
  ['Usage/adoption', 'Users actively use the solution', 'Usage reports, Call Quality Dashboard', '80% of users are daily active users', 'Daily', 'Change management team'],
  ['Usage/quality', 'Poor calls and conferences are rare', 'Call Quality Dashboard', 'Under 5% poor calls per month', 'Daily', 'IT team'],
  ['Usage/support', 'Users know how to get technical support', 'Survey', '90% of users agree or strongly agree', 'After enablement, then quarterly', 'Change management team'],
  ['Usage/support', 'Users are satisfied with technical support', 'Survey', '80% of users agree or strongly agree', 'After each incident', 'IT team'],
  ['Financial', 'Legacy conferencing minutes go down', 'Financial system', 'The defined return on investment is met', 'Per the ROI plan', 'Change management team'],
] as const).map(([type, question, measuredBy, successCriteria, frequency, responsible], order) => ({
  id: `example-ksi-${order + 1}`, kind: 'ksi' as const, type, question, measuredBy, successCriteria, frequency, responsible, status: 'not-started' as TrackStatus, note: '', example: true, order,
}));

export interface KsiInput { type?: unknown; question?: unknown; measuredBy?: unknown; successCriteria?: unknown; frequency?: unknown; responsible?: unknown; status?: unknown; note?: unknown }
export interface ObjectiveInput { objective?: unknown; keyResult?: unknown; period?: unknown; status?: unknown; note?: unknown }

export function validateKsiInput(input: KsiInput, creating: boolean): Outcome<Partial<Ksi>> {
  return validated(() => {
    const out: Partial<Ksi> = {};
    const t = (key: keyof KsiInput & keyof Ksi, label: string, max: number, optional = false) => {
      if (creating || input[key] !== undefined) (out as Record<string, unknown>)[key] = textField(label, input[key], max, { optional });
    };
    t('question', 'KSI question', OKR_LIMITS.text);
    t('type', 'Type', OKR_LIMITS.short, true);
    t('measuredBy', 'How it is measured', OKR_LIMITS.short, true);
    t('successCriteria', 'Success criteria', OKR_LIMITS.text, true);
    t('frequency', 'When it is measured', OKR_LIMITS.short, true);
    t('responsible', 'Responsible', OKR_LIMITS.short, true);
    if (input.note !== undefined || creating) out.note = textField('Note', input.note, OKR_LIMITS.note, { optional: true, multiline: true });
    if (input.status !== undefined || creating) out.status = input.status === undefined ? 'not-started' : choiceField('Status', input.status, TRACK_STATUSES, TRACK_STATUS_LABELS);
    return out;
  });
}

export function validateObjectiveInput(input: ObjectiveInput, creating: boolean): Outcome<Partial<Objective>> {
  return validated(() => {
    const out: Partial<Objective> = {};
    if (creating || input.objective !== undefined) out.objective = textField('Objective', input.objective, OKR_LIMITS.text);
    if (creating || input.keyResult !== undefined) out.keyResult = textField('Key result', input.keyResult, OKR_LIMITS.text, { optional: true });
    if (creating || input.period !== undefined) out.period = textField('Period', input.period, 40, { optional: true });
    if (input.note !== undefined || creating) out.note = textField('Note', input.note, OKR_LIMITS.note, { optional: true, multiline: true });
    if (input.status !== undefined || creating) out.status = input.status === undefined ? 'not-started' : choiceField('Status', input.status, TRACK_STATUSES, TRACK_STATUS_LABELS);
    return out;
  });
}

export class OkrService {
  constructor(private readonly deps: { objectives: ObjectiveRepository; ksis: KsiRepository; clock: Clock; newId: () => string }) {}

  /** Objectives, most in need of attention first. */
  async objectives(ws: Workspace): Promise<Objective[]> {
    return (await this.deps.objectives.list(ws)).sort(compareByStatus);
  }

  /** KSIs, most in need of attention first (off track, at risk, not started, on track). */
  async ksis(ws: Workspace): Promise<Ksi[]> {
    return (await this.deps.ksis.list(ws)).sort(compareByStatus);
  }

  async addKsi(ws: Workspace, input: KsiInput, actor: Actor): Promise<Outcome<Ksi>> {
    const f = validateKsiInput(input, true);
    if (!f.ok) return f as Outcome<Ksi>;
    const all = await this.deps.ksis.list(ws);
    if (all.length >= OKR_LIMITS.items) return invalid(`A workspace holds at most ${OKR_LIMITS.items} KSIs.`);
    const ksi = { ...(f.value as Omit<Ksi, 'id' | 'kind' | 'order'>), id: `${slug(String(f.value.question), 30)}-${this.deps.newId()}`, kind: 'ksi' as const, order: Math.max(-1, ...all.map((k) => k.order)) + 1, updated: { by: actor, at: this.deps.clock().toISOString() } };
    const created = await this.deps.ksis.create(ws, ksi);
    return created.created ? okOf(created.record) : invalid('That KSI could not be added; try again.');
  }

  async updateKsi(ws: Workspace, id: string, input: KsiInput, actor: Actor, etag?: string): Promise<Outcome<Ksi>> {
    const f = validateKsiInput(input, false);
    if (!f.ok) return f as Outcome<Ksi>;
    return mutate(this.deps.ksis, ws, id, (k) => okOf({ ...k, ...f.value, updated: { by: actor, at: this.deps.clock().toISOString() } }), { expectedEtag: etag, what: 'This KSI' });
  }

  async removeKsi(ws: Workspace, id: string, etag?: string): Promise<Outcome<{ id: string }>> {
    const r = await this.deps.ksis.delete(ws, id, etag);
    return r === 'deleted' ? okOf({ id }) : r === 'not-found' ? notFound('This KSI was already removed.') : { ok: false, error: 'conflict', message: 'This KSI was changed by someone else; reload and retry.' };
  }

  async addObjective(ws: Workspace, input: ObjectiveInput, actor: Actor): Promise<Outcome<Objective>> {
    const f = validateObjectiveInput(input, true);
    if (!f.ok) return f as Outcome<Objective>;
    const all = await this.deps.objectives.list(ws);
    if (all.length >= OKR_LIMITS.items) return invalid(`A workspace holds at most ${OKR_LIMITS.items} objectives.`);
    const o = { ...(f.value as Omit<Objective, 'id' | 'kind' | 'order'>), id: `${slug(String(f.value.objective), 30)}-${this.deps.newId()}`, kind: 'objective' as const, order: Math.max(-1, ...all.map((k) => k.order)) + 1, updated: { by: actor, at: this.deps.clock().toISOString() } };
    const created = await this.deps.objectives.create(ws, o);
    return created.created ? okOf(created.record) : invalid('That objective could not be added; try again.');
  }

  async updateObjective(ws: Workspace, id: string, input: ObjectiveInput, actor: Actor, etag?: string): Promise<Outcome<Objective>> {
    const f = validateObjectiveInput(input, false);
    if (!f.ok) return f as Outcome<Objective>;
    return mutate(this.deps.objectives, ws, id, (o) => okOf({ ...o, ...f.value, updated: { by: actor, at: this.deps.clock().toISOString() } }), { expectedEtag: etag, what: 'This objective' });
  }

  async removeObjective(ws: Workspace, id: string, etag?: string): Promise<Outcome<{ id: string }>> {
    const r = await this.deps.objectives.delete(ws, id, etag);
    return r === 'deleted' ? okOf({ id }) : r === 'not-found' ? notFound('This objective was already removed.') : { ok: false, error: 'conflict', message: 'This objective was changed by someone else; reload and retry.' };
  }
}
