// The incidents' communication rhythm. Each tick reads the incident due index up to now (the
// rows of incidents whose next reminder decision has come; nothing of a workspace with nothing
// due), reads just those incidents, asks the incident rules which reminders each owes now
// (update due, update overdue, first response overdue), claims each one (exactly one instance
// wins a claim, across processes), and only then sends the reminder card to the conversation
// the incident was filed in, mentioning its owner. Then it files the incident again at its next
// instant. The row only says "look now": what is owed is always derived from the incident, so a
// stale row costs a read and is dropped, and a missing one is put back by the next write. It also
// delivers outage notifications (severity 1 and A: at declaration, every update and
// resolution) to the workspace's audience channel, or to the incident's conversation with a
// note when no audience channel is set. Sending goes through the reminders' Sender (rate
// limits, 429 Retry-After, 403/404 deactivation), never a second sending path.
//
// Claim first, then send: a crash between the two loses that reminder, it never doubles it
// (IncidentService.claimReminder, with a lease) and confirmed after the send. A send that fails
// for a passing reason (429, 5xx, network) releases the claim so a later tick retries it; a crash
// between claim and send leaves a claim whose lease runs out, and a later tick sends it then.
import type { Logger } from '../platform/logger';
import { renderIncidentReminderCard } from '../cards/incident-reminder-card';
import { renderOutageNotificationCard } from '../cards/outage-notification-card';
import { renderIncidentSatisfactionCard } from '../cards/incident-satisfaction-card';
import { renderIncidentValidationCard } from '../cards/incident-validation-card';
import { withMention } from '../cards/mention';
import type { RequesterAsk } from '../domain/incidents/closure-steps';
import type { ConversationTarget, ConversationTargetRepository } from '../domain/conversation-target';
import { reminderDecisions, type ReminderDecision } from '../domain/incidents/cadence';
import type { Clock, Incident } from '../domain/incidents/incident';
import type { IncidentRepository, StoredIncident } from '../domain/incidents/incident-repository';
import type { IncidentService, ResolvedSettings } from '../domain/incidents/incident-service';
import type { IncidentRouting, OutageNotifier, RequesterNotifier } from '../domain/incidents/incident-routing';
import type { OutageNotice } from '../domain/incidents/outage-notice';
import type { IncidentDueEntry, IncidentDueIndex } from '../domain/incidents/reminder-index';
import {
  audienceFallbackNote, incidentConversations, outageSummary, personToRemind, type ReadBack, reminderLead, reminderSummary, rhythmReadFrom, rhythmWatermark, rowsToDrop,
  settleReminder,
} from '../domain/incidents/rhythm-policy';
import type { SeverityPolicy } from '../domain/incidents/severity';
import type { Sender, SendOutcome } from '../domain/sender';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { mapLimit } from '../platform/concurrency';

/** An incident as stored, with the filing conversation this feature adds to the record. */
type RoutedIncident = Incident & { conversationId?: string };

/**
 * Keeps the routing inside the incident records: `conversationId` on the incident JSON (the
 * service's actions copy the record, so it survives every change) and the settings'
 * `audienceConversationId`.
 */
export class RepositoryIncidentRouting implements IncidentRouting {
  constructor(private readonly repo: IncidentRepository, private readonly defaultTimeZone = 'UTC', private readonly maxAttempts = 10) {}

  conversationOf(incident: Incident): string | undefined {
    return (incident as RoutedIncident).conversationId || undefined;
  }

  async recordOrigin(ws: Workspace, incidentId: string, conversationId: string): Promise<StoredIncident | undefined> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const stored = await this.repo.get(ws, incidentId);
      if (!stored) return undefined;
      if (this.conversationOf(stored.incident)) return stored;
      const incident: RoutedIncident = { ...stored.incident, conversationId };
      // No timeline entry and no version bump: this is bookkeeping, not a change people see.
      const w = await this.repo.update(incident, stored.etag, []);
      if (w.ok) return { incident, etag: w.etag };
    }
    return this.repo.get(ws, incidentId);
  }

  async audienceOf(ws: Workspace): Promise<string | undefined> {
    return (await this.repo.getSettings(ws))?.audienceConversationId || undefined;
  }

  async setAudience(ws: Workspace, conversationId: string | undefined): Promise<void> {
    const current = (await this.repo.getSettings(ws)) ?? { timeZone: this.defaultTimeZone };
    const next = { ...current, audienceConversationId: conversationId };
    if (!conversationId) delete next.audienceConversationId;
    await this.repo.saveSettings(ws, next);
  }
}

/** The app's logger (platform/logger.ts). */
export type RhythmLog = Logger;

export interface IncidentRhythmDeps {
  service: IncidentService;
  routing: IncidentRouting;
  targets: ConversationTargetRepository;
  sender: Sender;
  dueIndex: IncidentDueIndex;
  clock: Clock;
  /**
   * Runs the one-off backfill (open incidents stored before the index existed) unless it ran
   * before, e.g. guarded by a Seeds marker; true when it ran now. Without it nothing is backfilled.
   */
  backfillOnce?: (run: () => Promise<void>) => Promise<boolean>;
  /** Clock skew tolerated between instances: each tick reads back this far behind its last one. */
  skewMs?: number;
  /** Every n-th tick reads back `sweepMs` instead (rows another instance filed behind our watermark). */
  sweepEvery?: number;
  sweepMs?: number;
  /** Workspaces worked on at once; the sender's rate limits pace the sends. */
  concurrency?: number;
  log?: RhythmLog;
}

export interface RhythmReport {
  /** Due-index rows read. */
  due: number;
  /** Workspaces with a due row. */
  workspaces: number;
  /** Reminders this instance claimed and delivered. */
  sent: { key: string; incidentId: string; kind: ReminderDecision['kind']; conversationId: string }[];
  /** Reminders another instance (or an earlier tick) had claimed already. */
  takenByOthers: number;
  /** Claimed but not delivered (no reachable conversation, or the send failed). */
  failed: number;
  /** Rows whose incident owed nothing when read (superseded, finished or gone). */
  stale: number;
}

export interface OutageDelivery {
  key: string;
  conversationId?: string;
  toAudience: boolean;
  outcome: SendOutcome | 'no-target';
}

const quiet: RhythmLog = { info() {}, warn() {}, error() {} };

export class IncidentRhythm implements OutageNotifier, RequesterNotifier {
  private readonly log: RhythmLog;
  private inFlight: Promise<RhythmReport> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private stopped = false;
  private readonly background = new Set<Promise<unknown>>();
  private backfilling: Promise<unknown> | undefined;
  private readonly skewMs: number;
  private readonly readBack: ReadBack;
  private readonly concurrency: number;
  /** Where the next tick starts reading (epoch ms); undefined: from the beginning. */
  private watermark: number | undefined;
  private lastTick = -Infinity;
  private ticks = 0;

  constructor(private readonly deps: IncidentRhythmDeps) {
    this.log = deps.log ?? quiet;
    this.skewMs = deps.skewMs ?? 2 * 60_000;
    this.readBack = { skewMs: this.skewMs, sweepEvery: deps.sweepEvery ?? 60, sweepMs: deps.sweepMs ?? 24 * 3_600_000 };
    this.concurrency = deps.concurrency ?? 8;
  }

  /** One pass over what is due; concurrent calls share the pass in flight. */
  tick(): Promise<RhythmReport> {
    this.inFlight ??= this.pass().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Ticks every `intervalMs`, each tick starting after the previous one finished. */
  start(intervalMs = 60_000): void {
    if (this.running) return;
    this.running = true;
    this.stopped = false;
    // Once per start, beside the ticks: a backfill that failed is not retried on a timer (it
    // reads the whole Incidents table), only on the next start, as one that was stopped.
    this.backfilling = this.backfill()
      .then((n) => n && this.log.info('incident due index backfilled', { incidents: n }))
      .catch((e) => (this.stopped ? this.log.info('incident due index backfill stopped; the next start finishes it') : this.log.error('incident due index backfill failed', { error: String(e) })));
    const loop = async () => {
      try {
        await this.tick();
      } catch (e) {
        this.log.error('incident rhythm tick failed', { error: String(e) });
      }
      if (this.running) this.timer = setTimeout(loop, intervalMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight?.catch(() => undefined);
    await this.backfilling;
    await this.idle();
  }

  /**
   * Files every open incident stored before the due index existed (once, across restarts and
   * instances, through `backfillOnce`). This reads the whole Incidents table a page at a time,
   * which is why it runs once and never on a timer. Returns the incidents filed under a due instant.
   */
  async backfill(): Promise<number> {
    if (!this.deps.backfillOnce) return 0;
    let filed = 0;
    await this.deps.backfillOnce(async () => {
      const policies = new Map<string, SeverityPolicy>();
      let continuation: string | undefined;
      do {
        // Stopping throws, so the marker is not written and the next start finishes the job.
        if (this.stopped) throw new Error('stopped before the backfill finished');
        const page = await this.deps.service.listOpenEverywhere({ limit: 100, continuation });
        for (const stored of page.items) {
          const ws = stored.incident.workspace;
          try {
            let policy = policies.get(workspaceKey(ws));
            if (!policy) policies.set(workspaceKey(ws), (policy = (await this.deps.service.settings(ws)).policy));
            const after = await this.deps.service.reindexReminders(ws, stored.incident.id, { policy, known: stored });
            if (after?.incident.reminderIndex?.at) filed++;
          } catch (e) {
            // One bad workspace must not make every start scan the table again; its next write files it.
            this.log.error('could not file an incident in the due index', { workspace: workspaceKey(ws), incident: stored.incident.id, error: String(e) });
          }
        }
        continuation = page.continuation;
      } while (continuation);
    });
    return filed;
  }

  /** Resolves when every notification started in the background has been delivered or failed. */
  async idle(): Promise<void> {
    while (this.background.size) await Promise.allSettled([...this.background]);
  }

  /**
   * Delivers outage notices without holding up the turn that produced them (a card action
   * must answer within seconds); failures are logged.
   */
  notifyInBackground(ws: Workspace, stored: StoredIncident, notices: readonly OutageNotice[]): void {
    if (notices.length) this.inBackground('outage notification failed', stored, () => this.notify(ws, stored, notices));
  }

  /** Posts the requester's cards in the background (confirm the fix; rate the support); failures are logged. */
  askRequesterInBackground(ws: Workspace, stored: StoredIncident, asks: readonly RequesterAsk[]): void {
    if (asks.length) this.inBackground('requester card failed', stored, () => this.askRequester(ws, stored, asks));
  }

  /** Runs a send without holding up the turn; kept in `background` until it settles, so stop() can wait for it. */
  private inBackground(failure: string, stored: StoredIncident, send: () => Promise<unknown>): void {
    const p = send()
      .catch((e) => this.log.error(failure, { incident: stored.incident.id, error: String(e) }))
      .finally(() => this.background.delete(p));
    this.background.add(p);
  }

  /** Posts each card in the incident's conversation, mentioning whoever reported it. */
  async askRequester(ws: Workspace, stored: StoredIncident, asks: readonly RequesterAsk[]): Promise<(SendOutcome | 'no-target')[]> {
    const target = await this.incidentTarget(ws, stored.incident);
    const out: (SendOutcome | 'no-target')[] = [];
    for (const ask of asks) {
      if (!target) {
        out.push('no-target');
        continue;
      }
      const { incident } = stored;
      const card = ask === 'validation' ? renderIncidentValidationCard(stored) : renderIncidentSatisfactionCard(stored);
      const lead = ask === 'validation' ? `${incident.id} is resolved. Please confirm it is fixed for you.` : `${incident.id} is closed. How satisfied are you with the support?`;
      const summary = `${incident.id}: ${ask === 'validation' ? 'please confirm the fix' : 'one question about the support'}`;
      out.push(await this.deps.sender.send(target, withMention(card, incident.recordedBy, lead), summary));
    }
    return out;
  }

  /** Sends each outage notice to the audience channel, or to the incident's conversation with a note. */
  async notify(ws: Workspace, stored: StoredIncident, notices: readonly OutageNotice[]): Promise<OutageDelivery[]> {
    const { policy, timeZone } = await this.deps.service.settings(ws);
    const audienceId = await this.deps.routing.audienceOf(ws);
    const audience = audienceId ? await this.activeTarget(ws, audienceId) : undefined;
    if (audienceId && !audience) this.log.warn('the outage audience channel is not reachable; posting in the incident conversation', { workspace: workspaceKey(ws) });
    const out: OutageDelivery[] = [];
    for (const notice of notices) {
      let card = renderOutageNotificationCard({ incident: stored.incident, notice, policy, timeZone });
      let target = audience;
      if (!target) {
        target = await this.incidentTarget(ws, stored.incident);
        card = withNote(card, audienceFallbackNote(Boolean(audienceId)));
      }
      if (!target) {
        this.log.warn('no conversation to post an outage notification to', { incident: stored.incident.id });
        out.push({ key: notice.key, toAudience: false, outcome: 'no-target' });
        continue;
      }
      const outcome = await this.deps.sender.send(target, card, outageSummary(stored.incident.id, notice.event));
      if (outcome !== 'sent') this.log.warn('outage notification not delivered', { incident: stored.incident.id, outcome: JSON.stringify(outcome) });
      out.push({ key: notice.key, conversationId: target.conversationId, toAudience: target === audience, outcome });
    }
    return out;
  }

  private async pass(): Promise<RhythmReport> {
    const now = this.deps.clock();
    const report: RhythmReport = { due: 0, workspaces: 0, sent: [], takenByOthers: 0, failed: 0, stale: 0 };
    const { from, ticks } = rhythmReadFrom({ watermark: this.watermark, lastTick: this.lastTick, ticks: this.ticks }, now, this.readBack);
    this.ticks = ticks;
    const rows = await this.deps.dueIndex.listDue(now, from);
    report.due = rows.length;
    const byWs = groupBy(rows, (r) => workspaceKey(r.workspace));
    const leftOver: number[] = [];
    await mapLimit([...byWs.values()], this.concurrency, async (list) => {
      const ws = list[0]!.workspace;
      report.workspaces++;
      try {
        await this.remindWorkspace(ws, list, now, report, leftOver);
      } catch (e) {
        // One workspace's trouble (e.g. a corrupt row) must not starve the others.
        this.log.error('incident reminders failed for a workspace', { workspace: workspaceKey(ws), error: String(e) });
        leftOver.push(...list.map((r) => Date.parse(r.dueAt)));
      }
    });
    this.watermark = rhythmWatermark(now.getTime(), this.skewMs, leftOver);
    this.lastTick = now.getTime();
    return report;
  }

  private async remindWorkspace(ws: Workspace, rows: IncidentDueEntry[], now: Date, report: RhythmReport, leftOver: number[]): Promise<void> {
    const settings = await this.deps.service.settings(ws);
    for (const [id, list] of groupBy(rows, (r) => r.incidentId)) {
      try {
        await this.remindIncident(ws, id, list, settings, now, report);
      } catch (e) {
        this.log.error('incident reminders failed for an incident', { workspace: workspaceKey(ws), incident: id, error: String(e) });
        leftOver.push(...list.map((r) => Date.parse(r.dueAt)));
      }
    }
  }

  /** Sends what the incident owes now, files it at its next instant and drops the rows it no longer needs. */
  private async remindIncident(ws: Workspace, id: string, rows: IncidentDueEntry[], settings: ResolvedSettings, now: Date, report: RhythmReport): Promise<void> {
    const { policy } = settings;
    const stored = await this.deps.service.get(ws, id);
    if (!stored) {
      await this.deps.dueIndex.remove(rows);
      report.stale += rows.length;
      return;
    }
    const owed = reminderDecisions(stored.incident, policy, now).send;
    if (!owed.length) report.stale += rows.length;
    // The freshest stored version this pass knows, so each write can skip its read.
    let latest: StoredIncident | undefined = stored;
    for (const decision of owed) {
      const claimed = await this.deps.service.claimReminder(ws, id, decision.key, { known: latest });
      if (!claimed) {
        report.takenByOthers++;
        latest = undefined;
        continue;
      }
      latest = await this.deliver(ws, stored, claimed, decision, settings, report);
    }
    const filed = await this.deps.service.reindexReminders(ws, id, { policy, known: latest });
    const drop = rowsToDrop(rows, { read: stored.incident.reminderIndex, filed: filed?.incident.reminderIndex }, now, this.skewMs);
    if (drop.length) await this.deps.dueIndex.remove(drop);
  }

  /** Sends one claimed reminder; returns the incident as stored after confirming or releasing it. */
  private async deliver(ws: Workspace, stored: StoredIncident, claimed: StoredIncident, decision: ReminderDecision, settings: ResolvedSettings, report: RhythmReport): Promise<StoredIncident | undefined> {
    const id = stored.incident.id;
    const target = await this.incidentTarget(ws, stored.incident);
    let outcome: SendOutcome | 'no-target' | 'threw' = 'no-target';
    if (target) {
      outcome = await this.sendReminder(target, stored, decision, settings);
      if (outcome === 'sent') report.sent.push({ key: decision.key, incidentId: id, kind: decision.kind, conversationId: target.conversationId });
    }
    if (outcome !== 'sent') {
      report.failed++;
      if (outcome === 'no-target') this.log.warn('no conversation to remind about an incident', { incident: id });
      else this.log.warn('incident reminder not delivered', { incident: id, key: decision.key, outcome: outcome === 'threw' ? undefined : JSON.stringify(outcome) });
    }
    const options = { policy: settings.policy, known: claimed };
    switch (settleReminder(outcome)) {
      case 'confirm':
        return this.deps.service.confirmReminder(ws, id, decision.key, options);
      case 'release':
        return this.deps.service.releaseReminder(ws, id, decision.key, options);
      case 'keep-claimed':
        return claimed;
    }
  }

  /** Posts the reminder card, mentioning the person to remind; 'threw' when the send failed outright. */
  private async sendReminder(target: ConversationTarget, stored: StoredIncident, decision: ReminderDecision, settings: ResolvedSettings): Promise<SendOutcome | 'threw'> {
    const { incident, etag } = stored;
    const { policy, timeZone } = settings;
    const now = this.deps.clock();
    const card = renderIncidentReminderCard({ incident, etag, decision, policy, timeZone, now, remind: { person: personToRemind(incident), lead: reminderLead(incident, decision.kind) } });
    try {
      return await this.deps.sender.send(target, card, reminderSummary(incident.id, decision.kind));
    } catch (e) {
      this.log.warn('incident reminder send failed', { incident: incident.id, error: String(e) });
      return 'threw';
    }
  }

  /** The filing conversation; else the chat itself or the team's General channel; else any active one. */
  private async incidentTarget(ws: Workspace, incident: Incident): Promise<ConversationTarget | undefined> {
    for (const id of incidentConversations(this.deps.routing.conversationOf(incident), ws.scopeId)) {
      const t = await this.activeTarget(ws, id);
      if (t) return t;
    }
    return (await this.deps.targets.listActive(ws))[0];
  }

  private async activeTarget(ws: Workspace, conversationId: string): Promise<ConversationTarget | undefined> {
    const t = await this.deps.targets.get(ws, conversationId);
    return t?.active ? t : undefined;
  }
}

function withNote(card: Record<string, unknown>, note: string): Record<string, unknown> {
  return { ...card, body: [...((card.body as unknown[]) ?? []), { type: 'TextBlock', text: note, isSubtle: true, size: 'Small', wrap: true }] };
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const list = m.get(key(it));
    if (list) list.push(it);
    else m.set(key(it), [it]);
  }
  return m;
}
