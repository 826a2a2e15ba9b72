// The incidents' communication rhythm. Each tick asks the incident service which reminders
// every open incident owes now (update due, update overdue, first response overdue), claims
// each one (exactly one instance wins a claim, across processes), and only then sends the
// reminder card to the conversation the incident was filed in, mentioning its owner. It also
// delivers outage notifications (severity 1 and A: at declaration, every update and
// resolution) to the workspace's audience channel, or to the incident's conversation with a
// note when no audience channel is set. Sending goes through the reminders' Sender (rate
// limits, 429 Retry-After, 403/404 deactivation), never a second sending path.
//
// Claim first, then send: a crash between the two loses that reminder, it never doubles it
// (IncidentService.claimReminder, with a lease) and confirmed after the send. A send that fails
// for a passing reason (429, 5xx, network) releases the claim so a later tick retries it; a crash
// between claim and send leaves a claim whose lease runs out, and a later tick sends it then.
import { renderIncidentReminderCard } from '../cards/incident-reminder-card';
import { renderOutageNotificationCard } from '../cards/outage-notification-card';
import type { ConversationTarget, ConversationTargetRepository } from '../domain/conversation-target';
import type { ReminderDecision } from '../domain/incidents/cadence';
import type { Clock, Incident, Person } from '../domain/incidents/incident';
import type { IncidentRepository, StoredIncident } from '../domain/incidents/incident-repository';
import type { IncidentService } from '../domain/incidents/incident-service';
import type { OutageNotice } from '../domain/incidents/outage-notice';
import type { Sender, SendOutcome } from '../domain/reminders/sender';
import { type Workspace, workspaceKey } from '../domain/workspace';

/** The workspaces to look at on each tick. */
export interface RhythmWorkspaces {
  list(): Promise<readonly Workspace[]>;
}

/**
 * Where an incident's messages go. The conversation an incident was filed in and the
 * workspace's audience channel are kept with the incident data (see RepositoryIncidentRouting).
 */
export interface IncidentRouting {
  /** The conversation the incident was filed in, if recorded. */
  conversationOf(incident: Incident): string | undefined;
  /** Records the filing conversation; returns the stored incident with its new ETag. */
  recordOrigin(ws: Workspace, incidentId: string, conversationId: string): Promise<StoredIncident | undefined>;
  audienceOf(ws: Workspace): Promise<string | undefined>;
  setAudience(ws: Workspace, conversationId: string | undefined): Promise<void>;
}

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

/** Workspaces seen by this process (a stopgap when no durable list is wired; see the feature). */
export class SeenWorkspaces implements RhythmWorkspaces {
  private readonly seen = new Map<string, Workspace>();
  add(ws: Workspace): void {
    this.seen.set(workspaceKey(ws), ws);
  }
  async list(): Promise<readonly Workspace[]> {
    return [...this.seen.values()];
  }
}

/** Lists several sources as one, without repeats. */
export function combinedWorkspaces(...sources: RhythmWorkspaces[]): RhythmWorkspaces {
  return {
    async list() {
      const all = new Map<string, Workspace>();
      for (const s of sources) for (const ws of await s.list()) all.set(workspaceKey(ws), ws);
      return [...all.values()];
    },
  };
}

export interface RhythmLog {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export interface IncidentRhythmDeps {
  service: IncidentService;
  routing: IncidentRouting;
  targets: ConversationTargetRepository;
  sender: Sender;
  workspaces: RhythmWorkspaces;
  clock: Clock;
  log?: RhythmLog;
}

export interface RhythmReport {
  workspaces: number;
  /** Reminders this instance claimed and delivered. */
  sent: { key: string; incidentId: string; kind: ReminderDecision['kind']; conversationId: string }[];
  /** Reminders another instance (or an earlier tick) had claimed already. */
  takenByOthers: number;
  /** Claimed but not delivered (no reachable conversation, or the send failed). */
  failed: number;
}

export interface OutageDelivery {
  key: string;
  conversationId?: string;
  toAudience: boolean;
  outcome: SendOutcome | 'no-target';
}

const quiet: RhythmLog = { info() {}, warn() {}, error() {} };

export class IncidentRhythm {
  private readonly log: RhythmLog;
  private inFlight: Promise<RhythmReport> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private readonly background = new Set<Promise<unknown>>();

  constructor(private readonly deps: IncidentRhythmDeps) {
    this.log = deps.log ?? quiet;
  }

  /** One pass over every workspace; concurrent calls share the pass in flight. */
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
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight?.catch(() => undefined);
    await this.idle();
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
    if (!notices.length) return;
    const p = this.notify(ws, stored, notices)
      .catch((e) => this.log.error('outage notification failed', { incident: stored.incident.id, error: String(e) }))
      .finally(() => this.background.delete(p));
    this.background.add(p);
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
        card = withNote(
          card,
          audienceId
            ? 'The outage audience channel set for this team can no longer be reached, so this notification is posted here. Type "incidents audience" in the channel that should receive outage notifications.'
            : 'No audience channel is set for outage notifications, so this one is posted here. Type "incidents audience" in the channel that should receive them.',
        );
      }
      if (!target) {
        this.log.warn('no conversation to post an outage notification to', { incident: stored.incident.id });
        out.push({ key: notice.key, toAudience: false, outcome: 'no-target' });
        continue;
      }
      const outcome = await this.deps.sender.send(target, card, `${stored.incident.id}: ${notice.event === 'resolved' ? 'outage resolved' : notice.event === 'update' ? 'outage update' : 'outage notification'}`);
      if (outcome !== 'sent') this.log.warn('outage notification not delivered', { incident: stored.incident.id, outcome: JSON.stringify(outcome) });
      out.push({ key: notice.key, conversationId: target.conversationId, toAudience: target === audience, outcome });
    }
    return out;
  }

  private async pass(): Promise<RhythmReport> {
    const report: RhythmReport = { workspaces: 0, sent: [], takenByOthers: 0, failed: 0 };
    for (const ws of await this.deps.workspaces.list()) {
      report.workspaces++;
      try {
        await this.remindWorkspace(ws, report);
      } catch (e) {
        // One workspace's trouble (e.g. a corrupt row) must not starve the others.
        this.log.error('incident reminders failed for a workspace', { workspace: workspaceKey(ws), error: String(e) });
      }
    }
    return report;
  }

  private async remindWorkspace(ws: Workspace, report: RhythmReport): Promise<void> {
    const pending = await this.deps.service.pendingReminders(ws);
    if (!pending.length) return;
    const { policy, timeZone } = await this.deps.service.settings(ws);
    for (const { stored, send } of pending) {
      for (const decision of send) {
        if (!(await this.deps.service.claimReminder(ws, stored.incident.id, decision.key))) {
          report.takenByOthers++;
          continue;
        }
        const target = await this.incidentTarget(ws, stored.incident);
        if (!target) {
          // Nowhere to post it (the bot left every conversation): record it so it is not retried.
          await this.deps.service.confirmReminder(ws, stored.incident.id, decision.key);
          report.failed++;
          this.log.warn('no conversation to remind about an incident', { incident: stored.incident.id });
          continue;
        }
        const now = this.deps.clock();
        const person = stored.incident.owner ?? stored.incident.recordedBy;
        const lead =
          decision.kind === 'response-overdue'
            ? `${stored.incident.id} has had no first response yet. Please acknowledge it.`
            : decision.kind === 'update-overdue'
              ? `the status update for ${stored.incident.id} is overdue. Please post one now.`
              : `the next status update for ${stored.incident.id} is due soon.`;
        const card = withMention(renderIncidentReminderCard({ incident: stored.incident, etag: stored.etag, decision, policy, timeZone, now }), person, stored.incident.owner ? lead : `${lead} (nobody owns it yet; you filed it)`);
        const summary = `${stored.incident.id}: ${decision.kind === 'update-due' ? 'status update due' : decision.kind === 'update-overdue' ? 'status update overdue' : 'no first response yet'}`;
        let outcome: SendOutcome | undefined;
        try {
          outcome = await this.deps.sender.send(target, card, summary);
        } catch (e) {
          this.log.warn('incident reminder send failed', { incident: stored.incident.id, error: String(e) });
        }
        if (outcome === 'sent') {
          await this.deps.service.confirmReminder(ws, stored.incident.id, decision.key);
          report.sent.push({ key: decision.key, incidentId: stored.incident.id, kind: decision.kind, conversationId: target.conversationId });
          continue;
        }
        report.failed++;
        this.log.warn('incident reminder not delivered', { incident: stored.incident.id, key: decision.key, outcome: JSON.stringify(outcome) });
        // A removed or blocked target will not come back by retrying; anything else may.
        if (!outcome || !('deactivate' in outcome)) await this.deps.service.releaseReminder(ws, stored.incident.id, decision.key);
      }
    }
  }

  /** The filing conversation; else the chat itself or the team's General channel; else any active one. */
  private async incidentTarget(ws: Workspace, incident: Incident): Promise<ConversationTarget | undefined> {
    const candidates = [this.deps.routing.conversationOf(incident), ws.scopeId].filter((c): c is string => Boolean(c));
    for (const id of new Set(candidates)) {
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

/** Mentions a person at the top of a card (Teams notifies them). */
export function withMention(card: Record<string, unknown>, person: Person, text: string): Record<string, unknown> {
  // The mention text must appear verbatim in the TextBlock; markdown and tag characters are
  // dropped from the display name so it can neither format the card nor break the tag.
  const name = person.name.replace(/[<>*_`~[\]\\#&]/g, '').trim() || 'Owner';
  const at = `<at>${name}</at>`;
  const msteams = (card.msteams ?? {}) as Record<string, unknown>;
  return {
    ...card,
    msteams: { ...msteams, entities: [{ type: 'mention', text: at, mentioned: { id: person.id, name } }] },
    body: [{ type: 'TextBlock', text: `${at}, ${text}`, wrap: true }, ...((card.body as unknown[]) ?? [])],
  };
}

function withNote(card: Record<string, unknown>, note: string): Record<string, unknown> {
  return { ...card, body: [...((card.body as unknown[]) ?? []), { type: 'TextBlock', text: note, isSubtle: true, size: 'Small', wrap: true }] };
}
