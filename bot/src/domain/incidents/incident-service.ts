// The incident use cases: file a confirmed escalation, act on an incident, list, remind,
// report. Storage races are retried here (re-read, re-validate, re-apply), so two people
// acting at once both land; a repeated delivery (same idempotency key) changes state once
// and gets the first delivery's result back.
import type { CounterRepository } from '../counter';
import type { Workspace } from '../workspace';
import { reminderDecisions, type ReminderDecision, responseDue, nextUpdateDue, withReminderClaimed, withReminderConfirmed, withReminderReleased } from './cadence';
import { type ConfirmedEscalation, validateEscalation } from './escalation-draft';
import { highestSeverityFromTimeline, monthlyFigures, type MonthlyFigures } from './figures';
import { clockStart, type Clock, formatSrNumber, type Incident, type Person, type TimelineEntry } from './incident';
import type { IncidentFilter, IncidentRepository, IncidentSettings, Page, PageRequest, StoredIncident, WriteOutcome } from './incident-repository';
import { applyAction, type IncidentAction, VIEW_SENSITIVE_ACTIONS } from './lifecycle';
import { outageNotices, type OutageNotice } from './outage-notice';
import { type IncidentDueIndex, planReminderIndex } from './reminder-index';
import { resolveSeverityPolicy, severityLabel, type SeverityPolicy, validateSeverityOverrides } from './severity';
import { isValidTimeZone, monthRange, toWallTime } from '../../platform/zoned-time';

export const SR_COUNTER = 'SR';
export const MAX_PAGE_SIZE = 50;

export interface IncidentServiceDeps {
  incidents: IncidentRepository;
  /** Allocates the workspace-wide SR sequence (counter "SR"). */
  numbers: CounterRepository;
  clock: Clock;
  /** Used until a workspace sets its own time zone. */
  defaultTimeZone?: string;
  /** Storage races retried before giving up (each retry re-reads the incident). */
  maxAttempts?: number;
  /** Kept right by every write (see reminder-index.ts); without it nothing is indexed. */
  dueIndex?: IncidentDueIndex;
}

export interface ReminderWriteOptions {
  /** The workspace's policy, when the caller has it (saves reading the settings). */
  policy?: SeverityPolicy;
  /** The incident as the caller last stored or read it: the first attempt skips the read. */
  known?: StoredIncident;
}

export interface ResolvedSettings {
  timeZone: string;
  policy: SeverityPolicy;
}

export type FileResult =
  | { kind: 'filed'; incident: Incident; etag: string; notices: OutageNotice[] }
  | { kind: 'duplicate'; incident: Incident }
  | { kind: 'invalid'; errors: string[] };

export type ActResult =
  | { kind: 'updated'; incident: Incident; etag: string; entries: TimelineEntry[]; notices: OutageNotice[] }
  /** The key was seen before: `incident` is what the first delivery returned. */
  | { kind: 'duplicate'; incident: Incident }
  /** A view-sensitive action based on a version that is no longer current; nothing changed. */
  | { kind: 'conflict'; current: StoredIncident; message: string }
  | { kind: 'refused'; reason: string; current: StoredIncident }
  | { kind: 'not-found'; message: string };

export interface ActOptions {
  /** Per delivery, e.g. the invoke activity id; the same key changes state at most once. */
  idempotencyKey: string;
  /** The ETag of the card the person acted on; checked for view-sensitive actions only. */
  expectedEtag?: string;
}

export interface IncidentReminders {
  stored: StoredIncident;
  send: ReminderDecision[];
}

export class IncidentService {
  private readonly repo: IncidentRepository;
  private readonly maxAttempts: number;

  constructor(private readonly deps: IncidentServiceDeps) {
    this.repo = deps.incidents;
    this.maxAttempts = deps.maxAttempts ?? 25;
  }

  async settings(ws: Workspace): Promise<ResolvedSettings> {
    const s = await this.repo.getSettings(ws);
    return { timeZone: s?.timeZone ?? this.deps.defaultTimeZone ?? 'UTC', policy: resolveSeverityPolicy(s?.overrides) };
  }

  /** Validates and stores a workspace's severity targets and/or time zone. */
  async configure(ws: Workspace, input: { timeZone?: unknown; overrides?: unknown }): Promise<{ ok: true; settings: ResolvedSettings } | { ok: false; errors: string[] }> {
    const current = await this.repo.getSettings(ws);
    const errors: string[] = [];
    let timeZone = current?.timeZone ?? this.deps.defaultTimeZone ?? 'UTC';
    if (input.timeZone !== undefined) {
      if (typeof input.timeZone === 'string' && isValidTimeZone(input.timeZone)) timeZone = input.timeZone;
      else errors.push(`"${String(input.timeZone)}" is not a time zone name such as Europe/London.`);
    }
    let overrides: IncidentSettings['overrides'] = current?.overrides;
    if (input.overrides !== undefined) {
      const v = validateSeverityOverrides(input.overrides);
      if (v.ok) overrides = v.overrides;
      else errors.push(...v.errors);
    }
    if (errors.length) return { ok: false, errors };
    // Keep the other settings (the audience channel) as they are.
    await this.repo.saveSettings(ws, { ...current, timeZone, overrides });
    const policy = resolveSeverityPolicy(overrides);
    // The lead time moves every open incident's "update due soon" instant; nothing else stored does.
    if (this.deps.dueIndex && policy.reminderLeadMinutes !== resolveSeverityPolicy(current?.overrides).reminderLeadMinutes) await this.reindexOpen(ws, policy);
    return { ok: true, settings: { timeZone, policy } };
  }

  /** Files a confirmed escalation (from the dialog's confirmation card) as a new incident. */
  async file(ws: Workspace, escalation: ConfirmedEscalation | unknown, actor: Person, idempotencyKey: string): Promise<FileResult> {
    const { timeZone, policy } = await this.settings(ws);
    const now = this.deps.clock();
    const checked = validateEscalation(escalation, { now, timeZone, policy });
    if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
    const prior = await this.repo.getIdempotency(ws, idempotencyKey);
    if (prior) return { kind: 'duplicate', incident: prior.result };

    const e = checked.escalation;
    // A number is used once even if this filing fails later: gaps are possible, reuse is not.
    const n = await this.deps.numbers.next(ws, SR_COUNTER);
    const wall = toWallTime(now, timeZone);
    const rule = policy.rules[e.severity];
    const at = now.toISOString();
    const incident: Incident = {
      id: formatSrNumber(n, wall.year, wall.month),
      number: n,
      workspace: ws,
      service: e.service,
      problem: e.problem,
      impact: e.impact,
      affected: e.affected,
      startedAt: e.startedAt,
      severity: e.severity,
      highestSeverity: e.severity,
      scope: e.scope,
      ...(e.escalationKind ? { escalationKind: e.escalationKind } : {}),
      state: 'recorded',
      recordedAt: at,
      recordedBy: actor,
      responseDueAt: responseDue(rule, clockStart({ startedAt: e.startedAt, recordedAt: at }))?.toISOString(),
      escalationLevel: 0,
      nextUpdateDueAt: nextUpdateDue(rule, now)?.toISOString(),
      updatesTotal: 0,
      updatesOnTime: 0,
      remindersSent: [],
      timelineCount: 1,
      version: 1,
      updatedAt: at,
    };
    const route = e.scope.route === 'vendor' ? 'to be escalated to the vendor' : `routed to ${e.scope.owningRole} (the vendor does not accept this)`;
    const entries: TimelineEntry[] = [
      { incidentId: incident.id, seq: 1, at, actor, kind: 'recorded', summary: `Recorded by ${actor.name} as severity ${severityLabel(rule)}, ${route}`, text: e.impact },
    ];
    const { incident: filed, outcome: w } = await this.write(incident, policy, (i) =>
      this.repo.create(i, entries, { key: idempotencyKey, incidentId: i.id, operation: 'filed', at, result: i }));
    if (w.ok) return { kind: 'filed', incident: filed, etag: w.etag, notices: outageNotices(undefined, filed, entries, policy) };
    if (w.reason === 'duplicate') {
      const again = await this.repo.getIdempotency(ws, idempotencyKey);
      if (again) return { kind: 'duplicate', incident: again.result };
    }
    throw new Error(`could not store ${incident.id}: ${w.reason}`);
  }

  async get(ws: Workspace, id: string): Promise<StoredIncident | undefined> {
    return this.repo.get(ws, id);
  }

  /** Applies one action from the incident card (or chat) by `actor`. */
  async act(ws: Workspace, id: string, action: IncidentAction, actor: Person, options: ActOptions): Promise<ActResult> {
    const { policy, timeZone } = await this.settings(ws);
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const prior = await this.repo.getIdempotency(ws, options.idempotencyKey);
      if (prior) return { kind: 'duplicate', incident: prior.result };
      const stored = await this.repo.get(ws, id);
      if (!stored) return { kind: 'not-found', message: `There is no incident ${id} in this team.` };
      const strict = options.expectedEtag !== undefined && VIEW_SENSITIVE_ACTIONS.has(action.type);
      if (strict && stored.etag !== options.expectedEtag) return conflict(stored);
      const now = this.deps.clock();
      // A severity change keeps the highest level reached; an older record learns it first.
      const current = action.type === 'severity' ? await this.withHighestSeverity(ws, stored.incident) : stored.incident;
      const t = applyAction(current, action, actor, now, policy, timeZone);
      if (!t.ok) return { kind: 'refused', reason: t.reason, current: stored };
      const { incident, outcome: w } = await this.write(t.incident, policy, (i) =>
        this.repo.update(i, stored.etag, t.entries, { key: options.idempotencyKey, incidentId: id, operation: action.type, at: now.toISOString(), result: i }));
      if (w.ok) return { kind: 'updated', incident, etag: w.etag, entries: t.entries, notices: outageNotices(stored.incident, incident, t.entries, policy) };
      if (w.reason === 'conflict' && strict) {
        const fresh = await this.repo.get(ws, id);
        if (fresh) return conflict(fresh);
      }
      // Lost a race (or the key was just used): re-read and decide again.
      await jitter(attempt);
    }
    throw new Error(`incident ${id} is too contended: gave up after ${this.maxAttempts} attempts`);
  }

  async timeline(ws: Workspace, id: string, page: PageRequest): Promise<Page<TimelineEntry>> {
    return this.repo.timeline(ws, id, clampPage(page));
  }

  /** Newest first; default filter: open incidents. */
  async list(ws: Workspace, filter: IncidentFilter, page: PageRequest): Promise<Page<StoredIncident>> {
    return this.repo.list(ws, filter, clampPage(page));
  }

  /** Every open incident of the workspace, a page at a time (what a desk handles at once, not its history). */
  async allOpen(ws: Workspace): Promise<StoredIncident[]> {
    const out: StoredIncident[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.repo.list(ws, { state: 'open' }, { limit: MAX_PAGE_SIZE, continuation });
      out.push(...page.items);
      continuation = page.continuation;
    } while (continuation);
    return out;
  }

  /** Open incidents of the workspace with the reminders they owe now (nothing recorded yet). */
  async pendingReminders(ws: Workspace): Promise<IncidentReminders[]> {
    const { policy } = await this.settings(ws);
    const now = this.deps.clock();
    const out: IncidentReminders[] = [];
    for (const stored of await this.allOpen(ws)) {
      const d = reminderDecisions(stored.incident, policy, now);
      if (d.send.length) out.push({ stored, send: d.send });
    }
    return out;
  }

  /** Open incidents of every workspace, a page at a time: only for the due index's one-off backfill. */
  async listOpenEverywhere(page: PageRequest): Promise<Page<StoredIncident>> {
    return this.repo.listOpenEverywhere({ limit: Math.max(1, Math.min(500, Math.floor(page.limit) || 100)), continuation: page.continuation });
  }

  /**
   * Claims a reminder for `leaseMs` before sending it. Exactly one caller gets the incident back
   * (as stored with the claim) per key while the lease runs; the others get undefined. Confirm
   * after the send, release when it failed for a reason that may pass. A crash between claim and
   * send leaves a claim that runs out, and a later tick (any instance) sends it then.
   */
  async claimReminder(ws: Workspace, id: string, key: string, options: { leaseMs?: number; known?: StoredIncident } = {}): Promise<StoredIncident | undefined> {
    const now = this.deps.clock();
    const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? 5 * 60_000));
    // Not re-indexed: a claim only postpones the next instant, so the row is early at worst and the
    // rhythm moves it when it confirms, releases or next looks at the incident.
    const r = await this.changeReminders(ws, id, (incident) => withReminderClaimed(incident, key, now, leaseUntil), { known: options.known });
    return r?.wrote ? r.stored : undefined;
  }

  /** Marks a claimed reminder sent (idempotent); returns the incident as stored now. */
  async confirmReminder(ws: Workspace, id: string, key: string, options: ReminderWriteOptions = {}): Promise<StoredIncident | undefined> {
    return (await this.changeReminders(ws, id, (incident) => withReminderConfirmed(incident, key), { ...options, reindex: true }))?.stored;
  }

  async releaseReminder(ws: Workspace, id: string, key: string, options: ReminderWriteOptions = {}): Promise<StoredIncident | undefined> {
    return (await this.changeReminders(ws, id, (incident) => withReminderReleased(incident, key), { ...options, reindex: true }))?.stored;
  }

  /** Files the incident in the due index where it belongs now; returns it as stored. */
  async reindexReminders(ws: Workspace, id: string, options: ReminderWriteOptions = {}): Promise<StoredIncident | undefined> {
    return (await this.changeReminders(ws, id, () => undefined, { ...options, reindex: true }))?.stored;
  }

  private async reindexOpen(ws: Workspace, policy: SeverityPolicy): Promise<void> {
    for (const stored of await this.allOpen(ws)) await this.reindexReminders(ws, stored.incident.id, { policy, known: stored });
  }

  /**
   * Applies a reminder bookkeeping change with the incident's ETag (re-filing it in the due index
   * when asked); undefined when the incident is gone, `wrote: false` when nothing changed.
   */
  private async changeReminders(
    ws: Workspace,
    id: string,
    change: (incident: Incident) => Incident | undefined,
    options: ReminderWriteOptions & { reindex?: boolean },
  ): Promise<{ stored: StoredIncident; wrote: boolean } | undefined> {
    const policy = options.reindex && this.deps.dueIndex ? (options.policy ?? (await this.settings(ws)).policy) : undefined;
    let known = options.known;
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const stored = known ?? (await this.repo.get(ws, id));
      known = undefined;
      if (!stored) return undefined;
      const changed = change(stored.incident);
      const next = changed ?? stored.incident;
      if (!changed && (!policy || planReminderIndex(next, policy, this.deps.clock()).incident === next)) return { stored, wrote: false };
      const { incident, outcome } = await this.write(next, policy, (i) => this.repo.update(i, stored.etag, []));
      if (outcome.ok) return { stored: { incident, etag: outcome.etag }, wrote: true };
      await jitter(attempt);
    }
    throw new Error(`incident ${id} is too contended: gave up after ${this.maxAttempts} attempts`);
  }

  /**
   * Writes the incident, keeping its due-index row right when a policy is given: the new row
   * goes in first and the old one comes out after a successful write, so a crash in between
   * leaves an extra row (the rhythm drops it), never a missing one.
   */
  private async write(incident: Incident, policy: SeverityPolicy | undefined, store: (incident: Incident) => Promise<WriteOutcome>): Promise<{ incident: Incident; outcome: WriteOutcome }> {
    const index = this.deps.dueIndex;
    if (!index || !policy) return { incident, outcome: await store(incident) };
    const plan = planReminderIndex(incident, policy, this.deps.clock());
    if (plan.put) await index.put([plan.put]);
    const outcome = await store(plan.incident);
    if (outcome.ok && plan.remove) {
      // A row left behind only points at the incident: the rhythm drops it when it reads it.
      await index.remove([plan.remove]).catch(() => undefined);
    }
    return { incident: plan.incident, outcome };
  }

  /** `timeZone`: the workspace's, when the caller has read the settings already. */
  async figures(ws: Workspace, year: number, month: number, options: { timeZone?: string } = {}): Promise<MonthlyFigures> {
    return (await this.figuresWithIncidents(ws, year, month, options)).figures;
  }

  /**
   * The month's figures and the incidents they were counted from: every incident recorded before
   * a day past the month's end, as stored (newest first), so a caller that derives more from the
   * same rows does not list them again. `timeZone`: the workspace's, when the caller has read the
   * settings already.
   */
  async figuresWithIncidents(ws: Workspace, year: number, month: number, options: { timeZone?: string } = {}): Promise<{ figures: MonthlyFigures; incidents: Incident[] }> {
    const timeZone = options.timeZone ?? (await this.settings(ws)).timeZone;
    const { start, end } = monthRange(year, month, timeZone);
    const counted: Incident[] = [];
    const stored: Incident[] = [];
    let continuation: string | undefined;
    const to = new Date(Date.UTC(year, month, 2)); // a day past the month end in any zone
    do {
      const page = await this.repo.list(ws, { state: 'all', recordedTo: to }, { limit: 500, continuation });
      for (const { incident } of page.items) {
        const recorded = Date.parse(incident.recordedAt);
        stored.push(incident);
        // Only the month's own incidents are counted by severity, so only they need it.
        counted.push(recorded >= start.getTime() && recorded < end.getTime() ? await this.withHighestSeverity(ws, incident) : incident);
      }
      continuation = page.continuation;
    } while (continuation);
    return { figures: monthlyFigures(counted, year, month, timeZone, this.deps.clock()), incidents: stored };
  }

  /**
   * The incident with `highestSeverity` set. Records stored before the field was kept get it
   * from their timeline (severity changes are on it); one that never changed has its own.
   */
  private async withHighestSeverity(ws: Workspace, incident: Incident): Promise<Incident> {
    if (incident.highestSeverity) return incident;
    const entries: TimelineEntry[] = [];
    // Only the recording entry: no severity change can have happened.
    if (incident.timelineCount > 1) {
      let continuation: string | undefined;
      do {
        const page = await this.repo.timeline(ws, incident.id, { limit: MAX_PAGE_SIZE, continuation });
        entries.push(...page.items);
        continuation = page.continuation;
      } while (continuation);
    }
    return { ...incident, highestSeverity: highestSeverityFromTimeline(incident, entries) };
  }
}

function conflict(current: StoredIncident): ActResult {
  return {
    kind: 'conflict',
    current,
    message: `Someone changed ${current.incident.id} while you were looking at it, so your change was not applied. The card now shows the current state; please try again.`,
  };
}

function clampPage(page: PageRequest): PageRequest {
  const limit = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(page.limit) || 10));
  return { limit, continuation: page.continuation };
}

async function jitter(attempt: number): Promise<void> {
  // Spreads retries of racing writers; not a decision, so no injected clock is needed.
  await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
}
