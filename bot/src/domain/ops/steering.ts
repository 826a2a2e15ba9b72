// The steering committee: when it meets, what people put on its agenda, and what it decided
// and asked to be done. SteeringService assembles the agenda from every source and records
// meetings; open actions carry over to each next agenda until someone marks them done.
import type { Workspace } from '../workspace';
import { type Actor, type Clock, type OpsRecord, type Outcome, type RecordRepository, type Stamp, invalid, mutate, notFound, okOf, OpsValidationError, textField, validated } from './common';
import { type ActionItem, type Agenda, type AgendaFindingDigest, type AgendaItem, type AgendaItemKind, type AgendaSectionId, type AgendaSources, buildAgenda, numberedItems } from './agenda';
import { type CadenceInput, DEFAULT_CADENCE, type MeetingCadence, nextMeeting, validateCadence } from './cadence';
import { compareByStatus, type Ksi, type Objective, type OkrService } from './okrs';
import type { Risk, RiskService } from './risks';
import { parseLocalDate, formatLocalDate } from './zoned-date';

export const STEERING_LIMITS = { item: 500, openItems: 50, decision: 500, decisions: 30, action: 500, owner: 100, actions: 30, openActions: 100 } as const;
export const SETTINGS_ID = 'settings';

export interface SteeringSettings extends OpsRecord {
  cadence: MeetingCadence;
  /** The last meeting; its decisions are kept here too (when short enough), so the agenda needs no read of the meeting. */
  lastMeeting?: { id: string; heldAt: string; decisions?: string[] };
  updated?: Stamp;
}

export interface Meeting extends OpsRecord {
  heldAt: string;
  recorded: Stamp;
  decisions: string[];
  actionIds: string[];
  /** Agenda items this meeting dealt with (closed when it was recorded). */
  itemIds: string[];
}

export interface SteeringRepositories {
  settings: RecordRepository<SteeringSettings>;
  items: RecordRepository<AgendaItem>;
  actions: RecordRepository<ActionItem>;
  meetings: RecordRepository<Meeting>;
}

export interface MeetingInput {
  /** One decision per line, or a list. */
  decisions?: unknown;
  /** One action per line, "what | owner | YYYY-MM-DD" (owner and date optional), or a list of objects. */
  actions?: unknown;
  /** ISO instant the meeting was held; defaults to now. */
  heldAt?: unknown;
}

export interface ParsedMeeting {
  decisions: string[];
  actions: { text: string; owner: string; dueOn?: string }[];
  heldAt?: string;
}

const lines = (v: unknown): unknown[] => (Array.isArray(v) ? v : typeof v === 'string' ? v.split('\n') : v === undefined || v === null ? [] : [v]);

export function parseMeetingInput(input: MeetingInput): Outcome<ParsedMeeting> {
  return validated(() => {
    const decisions = lines(input.decisions).map((d, i) => textField(`Decision ${i + 1}`, d, STEERING_LIMITS.decision, { optional: true })).filter(Boolean);
    if (decisions.length > STEERING_LIMITS.decisions) throw new OpsValidationError(`Record at most ${STEERING_LIMITS.decisions} decisions per meeting; there are ${decisions.length}.`);
    const actions: ParsedMeeting['actions'] = [];
    lines(input.actions).forEach((a, i) => {
      const label = `Action ${i + 1}`;
      const [what, owner, due] = typeof a === 'string' ? a.split('|') : a && typeof a === 'object' ? [(a as Record<string, unknown>).text, (a as Record<string, unknown>).owner, (a as Record<string, unknown>).dueOn] : [a];
      const text = textField(label, what, STEERING_LIMITS.action, { optional: true });
      if (!text) return;
      const action: ParsedMeeting['actions'][number] = { text, owner: textField(`${label} owner`, owner, STEERING_LIMITS.owner, { optional: true }) };
      const dueText = textField(`${label} due date`, due, 10, { optional: true });
      if (dueText) {
        const d = parseLocalDate(dueText);
        if (!d) throw new OpsValidationError(`${label}: the due date is written YYYY-MM-DD, e.g. 2025-04-01; "${dueText}" is not.`);
        action.dueOn = formatLocalDate(d);
      }
      actions.push(action);
    });
    if (actions.length > STEERING_LIMITS.actions) throw new OpsValidationError(`Record at most ${STEERING_LIMITS.actions} actions per meeting; there are ${actions.length}.`);
    if (!decisions.length && !actions.length) throw new OpsValidationError('Record at least one decision or one action for the meeting.');
    const out: ParsedMeeting = { decisions, actions };
    if (input.heldAt !== undefined && input.heldAt !== '') {
      const t = typeof input.heldAt === 'string' ? new Date(input.heldAt) : undefined;
      if (!t || Number.isNaN(t.getTime())) throw new OpsValidationError('The meeting time is not a valid date and time.');
      out.heldAt = t.toISOString();
    }
    return out;
  });
}

/** Reads the store can answer in one query each; without them the agenda reads each record kind on its own. */
export interface SteeringReads {
  /** The settings, every agenda item and every action (they share one partition). */
  records(workspace: Workspace): Promise<{ settings?: SteeringSettings; items: AgendaItem[]; actions: ActionItem[] }>;
  /** The objectives and the KSIs (they share one partition). */
  okrs(workspace: Workspace): Promise<{ objectives: Objective[]; ksis: Ksi[] }>;
}

/** The agenda with what was read to build it, for the cards shown next to it. */
export interface AgendaView {
  agenda: Agenda;
  settings: SteeringSettings;
  /** Undefined when that read failed (the agenda marks its section). */
  risks?: Risk[];
  objectives?: Objective[];
  ksis?: Ksi[];
}

/** Reads one agenda source, or yields `fallback` with its section marked incomplete. */
type SourceGuard = <T>(section: AgendaSectionId, what: string, load: () => Promise<T>, fallback: T) => Promise<T>;

/** Decisions longer than this (as JSON) are read from the meeting instead of being kept with the settings. */
const KEPT_DECISIONS_CHARS = 16_000;

export interface SteeringDeps extends SteeringRepositories {
  risks: RiskService;
  okrs: OkrService;
  sources: AgendaSources;
  clock: Clock;
  newId: () => string;
  /** Told when a source fails; the agenda still renders with that section marked. */
  onSourceError?: (section: AgendaSectionId, error: unknown) => void;
  reads?: SteeringReads;
}

export class SteeringService {
  constructor(private readonly deps: SteeringDeps) {}

  async settings(ws: Workspace): Promise<SteeringSettings> {
    return (await this.deps.settings.get(ws, SETTINGS_ID)) ?? { id: SETTINGS_ID, cadence: DEFAULT_CADENCE };
  }

  async nextMeeting(ws: Workspace): Promise<{ at: Date; cadence: MeetingCadence }> {
    const s = await this.settings(ws);
    return { at: nextMeeting(s.cadence, this.deps.clock()), cadence: s.cadence };
  }

  /** Changes the cadence; with `etag`, refuses (conflict) if it changed since it was read. */
  async saveCadence(ws: Workspace, input: CadenceInput, actor: Actor, etag?: string): Promise<Outcome<SteeringSettings>> {
    const current = await this.deps.settings.get(ws, SETTINGS_ID);
    const cadence = validateCadence(input, current?.cadence ?? DEFAULT_CADENCE);
    if (!cadence.ok) return cadence as Outcome<SteeringSettings>;
    const updated = { by: actor, at: this.deps.clock().toISOString() };
    if (!current) {
      const created = await this.deps.settings.create(ws, { id: SETTINGS_ID, cadence: cadence.value, updated });
      if (created.created) return okOf(created.record);
      if (etag) return { ok: false, error: 'conflict', message: 'The meeting schedule was changed by someone else; here is the latest.', current: created.existing };
    }
    return mutate(this.deps.settings, ws, SETTINGS_ID, (s) => {
      const next = validateCadence(input, s.cadence);
      return next.ok ? okOf({ ...s, cadence: next.value, updated }) : (next as Outcome<SteeringSettings>);
    }, { expectedEtag: etag, what: 'The meeting schedule' });
  }

  /**
   * Puts an item on the next agenda. `idempotencyKey` (e.g. derived from the chat message's
   * activity id) makes a redelivered message add it once.
   */
  async addItem(ws: Workspace, text: unknown, actor: Actor, options: { kind?: AgendaItemKind; idempotencyKey?: string } = {}): Promise<Outcome<AgendaItem>> {
    const checked = validated(() => textField('The agenda item', text, STEERING_LIMITS.item, { multiline: true }));
    if (!checked.ok) return checked as Outcome<AgendaItem>;
    const open = (await this.deps.items.list(ws)).filter((i) => i.status === 'open');
    if (options.idempotencyKey) {
      const again = open.find((i) => i.id === options.idempotencyKey);
      if (again) return okOf(again);
    }
    if (open.length >= STEERING_LIMITS.openItems) return invalid(`The agenda already has ${open.length} open items, the most it takes. Remove one first (agenda remove <number>).`);
    const item: AgendaItem = { id: options.idempotencyKey ?? this.deps.newId(), text: checked.value, kind: options.kind ?? 'topic', added: { by: actor, at: this.deps.clock().toISOString() }, status: 'open' };
    const created = await this.deps.items.create(ws, item);
    if (created.created) return okOf(created.record);
    if (created.existing) return okOf(created.existing);
    return invalid('That item could not be added; try again.');
  }

  async items(ws: Workspace): Promise<AgendaItem[]> {
    return numberedItems(await this.deps.items.list(ws)).map((n) => n.item);
  }

  async removeItem(ws: Workspace, id: string): Promise<Outcome<AgendaItem>> {
    const item = await this.deps.items.get(ws, id);
    if (!item || item.status !== 'open') return notFound('That agenda item is no longer on the agenda.');
    const r = await this.deps.items.delete(ws, id);
    return r === 'conflict' ? { ok: false, error: 'conflict', message: 'That item was just changed; try again.' } : okOf(item);
  }

  /** Removes the item shown as #number on the current agenda. */
  async removeItemByNumber(ws: Workspace, number: number): Promise<Outcome<AgendaItem>> {
    const numbered = numberedItems(await this.deps.items.list(ws));
    const hit = numbered.find((n) => n.number === number);
    if (!hit) return invalid(numbered.length ? `There is no item #${number}; the agenda's items are numbered 1 to ${numbered.length}.` : 'Nobody has added an item to the agenda, so there is nothing to remove.');
    return this.removeItem(ws, hit.item.id);
  }

  /** The last recorded meeting and its actions, done ones too: one read when the store can. */
  async lastMeetingActions(ws: Workspace): Promise<{ lastMeeting?: { id: string; heldAt: string }; actions: ActionItem[] }> {
    const r = this.deps.reads ? await this.deps.reads.records(ws) : { settings: await this.deps.settings.get(ws, SETTINGS_ID), actions: await this.deps.actions.list(ws) };
    const last = r.settings?.lastMeeting;
    return last ? { lastMeeting: { id: last.id, heldAt: last.heldAt }, actions: r.actions.filter((a) => a.meetingId === last.id) } : { actions: [] };
  }

  async completeAction(ws: Workspace, id: string, actor: Actor): Promise<Outcome<ActionItem>> {
    return mutate(this.deps.actions, ws, id, (a) => (a.status === 'done' ? okOf(a) : okOf({ ...a, status: 'done', done: { by: actor, at: this.deps.clock().toISOString() } })), { what: 'This action' });
  }

  async meetings(ws: Workspace): Promise<Meeting[]> {
    return (await this.deps.meetings.list(ws)).sort((a, b) => b.heldAt.localeCompare(a.heldAt));
  }

  /**
   * Records a meeting: its decisions and actions; every open agenda item is closed as dealt
   * with. The actions stay open on later agendas until done. Idempotent on `meetingId`.
   */
  async recordMeeting(ws: Workspace, input: MeetingInput, actor: Actor, meetingId: string): Promise<Outcome<Meeting>> {
    const parsed = parseMeetingInput(input);
    if (!parsed.ok) return parsed as Outcome<Meeting>;
    const existing = await this.deps.meetings.get(ws, meetingId);
    if (existing) return okOf(existing);
    const now = this.deps.clock().toISOString();
    const heldAt = parsed.value.heldAt ?? now;
    const openActions = (await this.deps.actions.list(ws)).filter((a) => a.status === 'open').length;
    if (openActions + parsed.value.actions.length > STEERING_LIMITS.openActions) return invalid(`There would be more than ${STEERING_LIMITS.openActions} open actions; mark some done first.`);
    const open = (await this.deps.items.list(ws)).filter((i) => i.status === 'open' && i.added.at <= now);
    const actionIds = parsed.value.actions.map((_, i) => `${meetingId}-a${i + 1}`);
    // Actions first: if this fails halfway, a retry with the same id completes it.
    await Promise.all(parsed.value.actions.map((a, i) => this.deps.actions.create(ws, {
      id: actionIds[i]!, text: a.text, owner: a.owner, ...(a.dueOn ? { dueOn: a.dueOn } : {}), status: 'open', meetingId, created: { by: actor, at: now },
    })));
    await Promise.all(open.map((item) => mutate(this.deps.items, ws, item.id, (i) => okOf({ ...i, status: 'closed', closedIn: meetingId }), { what: 'This agenda item' })));
    const meeting: Meeting = { id: meetingId, heldAt, recorded: { by: actor, at: now }, decisions: parsed.value.decisions, actionIds, itemIds: open.map((i) => i.id) };
    const created = await this.deps.meetings.create(ws, meeting);
    const saved = created.created ? created.record : created.existing ?? meeting;
    const settings = await this.deps.settings.get(ws, SETTINGS_ID);
    const lastMeeting = { id: saved.id, heldAt: saved.heldAt, ...(JSON.stringify(saved.decisions).length <= KEPT_DECISIONS_CHARS ? { decisions: saved.decisions } : {}) };
    if (!settings) await this.deps.settings.create(ws, { id: SETTINGS_ID, cadence: DEFAULT_CADENCE, lastMeeting });
    await mutate(this.deps.settings, ws, SETTINGS_ID, (s) => (s.lastMeeting && s.lastMeeting.heldAt >= saved.heldAt ? okOf(s) : okOf({ ...s, lastMeeting })), { what: 'The meeting schedule' });
    return okOf(saved);
  }

  /** The agenda of the next meeting, from every source; a failing source marks its section. */
  async agenda(ws: Workspace): Promise<Agenda> {
    return (await this.agendaView(ws)).agenda;
  }

  /**
   * The agenda with the settings, risks and OKRs it read. The committee's own records come first
   * (the last meeting says which findings are new), then every source at once.
   */
  async agendaView(ws: Workspace): Promise<AgendaView> {
    const now = this.deps.clock();
    const unavailable: Partial<Record<AgendaSectionId, string>> = {};
    const guard = this.sourceGuard(unavailable);
    const own = await this.ownRecords(ws, guard);
    const { settings } = own;
    const last = settings.lastMeeting;
    const sources = this.deps.sources;
    const [incidents, overdueTasks, findingPart, risks, okrs, decisions, changeControl, governance] = await Promise.all([
      guard('incidents', 'Incidents', () => sources.incidents(ws, now), []),
      guard('tasks', 'Recurring tasks', () => sources.overdueTasks(ws, now), []),
      this.findingPart(ws, now, last?.heldAt, guard),
      guard<Risk[] | undefined>('risks', 'The risk register', () => this.deps.risks.list(ws), undefined),
      this.okrPart(ws, guard),
      this.lastDecisions(ws, last),
      guard('problems', 'Problems and changes', async () => sources.changeControl?.(ws, now), undefined),
      guard('outcomes', 'The charter and business case', async () => sources.governance?.(ws, now), sources.governance ? { outcomes: [], deliverables: [], notes: [] } : undefined),
    ]);
    if (unavailable.problems) unavailable.changes = unavailable.problems;
    // The summary carries the quality trend too: when it could not be read, neither section is complete.
    if (findingPart === undefined) unavailable.quality = 'The call-quality measurements could not be loaded just now, so this section may be incomplete.';
    if (unavailable.items) unavailable.decisions = unavailable.items;
    const { objectives, ksis } = okrs;
    const agenda = buildAgenda({
      now,
      meetingAt: nextMeeting(settings.cadence, now),
      timeZone: settings.cadence.timeZone,
      ...(last ? { lastMeeting: { id: last.id, heldAt: last.heldAt, decisions } } : {}),
      incidents,
      findings: findingPart?.findings ?? [],
      ...(findingPart ? { findingsTotal: findingPart.total } : {}),
      risks: risks ?? [],
      objectives: objectives ?? [],
      ksis: ksis ?? [],
      overdueTasks,
      items: own.items,
      actions: own.actions,
      unavailable,
      ...(findingPart?.quality ? { quality: findingPart.quality } : {}),
      ...(changeControl ? { changeControl } : {}),
      ...(governance ? { governance } : {}),
    });
    return {
      agenda,
      settings,
      ...(risks ? { risks } : {}),
      ...(objectives ? { objectives } : {}),
      ...(ksis ? { ksis } : {}),
    };
  }

  /** Reads one source; a failure is reported, marks its section in `unavailable`, and yields the fallback. */
  private sourceGuard(unavailable: Partial<Record<AgendaSectionId, string>>): SourceGuard {
    return async (section, what, load, fallback) => {
      try {
        return await load();
      } catch (e) {
        this.deps.onSourceError?.(section, e);
        unavailable[section] = `${what} could not be loaded just now, so this section may be incomplete.`;
        return fallback;
      }
    };
  }

  /** The settings, the open items and the open actions: one read when the store can, else three. */
  private async ownRecords(ws: Workspace, guard: SourceGuard): Promise<{ settings: SteeringSettings; items: AgendaItem[]; actions: ActionItem[] }> {
    const reads = this.deps.reads;
    if (reads) {
      const r = await reads.records(ws);
      // Done actions too: the last meeting's are shown with their status.
      return { settings: r.settings ?? { id: SETTINGS_ID, cadence: DEFAULT_CADENCE }, items: r.items, actions: r.actions };
    }
    const [settings, items, actions] = await Promise.all([
      this.settings(ws),
      guard('items', 'Agenda items', () => this.deps.items.list(ws), []),
      guard('carried', 'Open actions', () => this.deps.actions.list(ws), []),
    ]);
    return { settings, items, actions };
  }

  /** Findings and the quality trend: the findings digest when there is one; undefined when it failed. */
  private findingPart(ws: Workspace, now: Date, since: string | undefined, guard: SourceGuard): Promise<AgendaFindingDigest | undefined> {
    const sources = this.deps.sources;
    const digest = sources.findingDigest;
    if (digest) return guard('findings', 'Findings', () => digest(ws, now, since), undefined);
    return Promise.all([
      guard('findings', 'Findings', () => sources.findings(ws, now), []),
      guard('quality', 'The call-quality measurements', async () => sources.qualityTrend?.(ws, now), undefined),
    ]).then(([findings, quality]) => ({ findings, total: findings.length, ...(quality ? { quality } : {}) }));
  }

  /** The objectives and KSIs in status order: one read when the store can, else two. */
  private okrPart(ws: Workspace, guard: SourceGuard): Promise<{ objectives?: Objective[]; ksis?: Ksi[] }> {
    const reads = this.deps.reads;
    if (reads) {
      return guard<{ objectives?: Objective[]; ksis?: Ksi[] }>('okrs', 'Objectives and KSIs', async () => {
        const r = await reads.okrs(ws);
        return { objectives: [...r.objectives].sort(compareByStatus), ksis: [...r.ksis].sort(compareByStatus) };
      }, {});
    }
    return Promise.all([
      guard<Objective[] | undefined>('okrs', 'Objectives', () => this.deps.okrs.objectives(ws), undefined),
      guard<Ksi[] | undefined>('okrs', 'KSIs', () => this.deps.okrs.ksis(ws), undefined),
    ]).then(([objectives, ksis]) => ({ objectives, ksis }));
  }

  /** The last meeting's decisions: kept with the settings when short, else read from the meeting. */
  private lastDecisions(ws: Workspace, last: SteeringSettings['lastMeeting']): Promise<string[]> {
    if (!last) return Promise.resolve([]);
    if (last.decisions) return Promise.resolve(last.decisions);
    return this.deps.meetings.get(ws, last.id).then((m) => m?.decisions ?? [], () => []);
  }
}
