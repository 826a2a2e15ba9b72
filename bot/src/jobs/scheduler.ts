// The reminder scheduler: each tick reads the due index up to now, claims the due occurrences,
// sends one digest per conversation, records them as sent and indexes the next occurrences.
// Exactly once across instances sharing storage: an occurrence is sent only by the instance
// whose conditional insert (or ETag takeover of an expired lease) won its claim, and a claim
// recorded as sent is never sent again. The one window left is a crash after the connector
// accepted a message but before "sent" was written: the next owner re-sends (at least once).
import type { Logger } from '../platform/logger';
import { renderReminderDigestCard, renderReminderNoticeCard } from '../cards/reminder-digest-card';
import type { ConversationTarget, ConversationTargetRepository } from '../domain/conversation-target';
import type { CadenceContext } from '../domain/reminders/cadence';
import { buildDigests, type Digest, type DigestItem } from '../domain/reminders/digest';
import type {
  Clock, DueEntry, DueIndex, OccurrenceClaim, OccurrenceClaimRepository, ReminderSettingsRepository, ScheduleRepository,
} from '../domain/reminders/repositories';
import {
  decideForeignClaim, firstClaim, leaseUntil, needsRenewal, nextTickDelayMs, settledClaim, settleSendOutcome, type TakeoverTerms, unreachableTargetNote,
} from '../domain/reminders/claim-policy';
import { nextWatermark, scanFrom } from '../domain/reminders/due-scan';
import { carriedLine, indexedDueAt, isPhaseGoverned, occurrenceId, type OccurrencePlan, type PlanContext, planOccurrence, type ReminderSchedule, type ReminderSettings } from '../domain/reminders/schedule';
import type { PhaseReader } from '../domain/governance/phase';
import type { Sender, SendOutcome } from '../domain/sender';
import { type Workspace, workspaceKey } from '../domain/workspace';
import { mapLimit } from '../platform/concurrency';

/** The app's logger (platform/logger.ts). */
export type SchedulerLog = Logger;

export interface SchedulerDeps {
  schedules: ScheduleRepository;
  dueIndex: DueIndex;
  claims: OccurrenceClaimRepository;
  targets: ConversationTargetRepository;
  settings: ReminderSettingsRepository;
  sender: Sender;
  clock: Clock;
  /** Unique per process (e.g. host name + pid + random). */
  instanceId: string;
  /**
   * How long a claim is held before another instance may take it over; renewed while the
   * instance still works on it. Short, so a dead instance's digests go out soon after.
   */
  leaseMs?: number;
  /** Dispatch attempts per occurrence (across instances) before it is given up as undeliverable. */
  maxAttempts?: number;
  /** Digests sent at once; the sender's rate limiter paces them. */
  sendConcurrency?: number;
  /** Clock skew tolerated between instances when moving the watermark. */
  skewMs?: number;
  /** Every n-th pass reads the index from the beginning (safety net for anything the watermark passed). */
  fullSweepEvery?: number;
  /** Index rows one tick reads at most; a pass with more due goes on in the next tick, right away. */
  pageLimit?: number;
  /** Builds the digest card; `settings` are the workspace's, as this tick read them. */
  render?: (digest: Digest, now: Date, settings: ReminderSettings) => { card: Record<string, unknown>; summary: string } | Promise<{ card: Record<string, unknown>; summary: string }>;
  log?: SchedulerLog;
  /** The project phase, for the usage tasks that follow it; absent: every task reminds as scheduled. */
  phases?: PhaseReader;
}

export interface TickReport {
  due: number;
  digestsSent: number;
  occurrencesSent: number;
  takenByOthers: number;
  recovered: number;
  stale: number;
  deferred: number;
  undeliverable: number;
  /** The earliest expiry of a live claim another instance holds: the loop wakes then to take it over. */
  foreignLeaseUntil?: number;
  /** The read stopped at its page limit: the next tick goes on from there. */
  more?: boolean;
}

/** Default lease: a dead instance's claims are taken over about half a minute later. */
export const DEFAULT_LEASE_MS = 30_000;

interface Candidate {
  entry: DueEntry;
  schedule: ReminderSchedule;
  plan: Extract<OccurrencePlan, { stale: false }>;
  claim?: OccurrenceClaim;
}

/** A claim another instance held, about to become this instance's. */
interface Takeover {
  c: Candidate;
  claim: OccurrenceClaim;
}

/** The channels of one workspace still waiting their turn to be sent, and those taken over meanwhile. */
interface Turns {
  waiting: Map<string, Candidate[]>;
  lost: Set<string>;
}

/** What one tick knows of the workspace it is working on. */
interface WorkspacePass {
  ws: Workspace;
  now: Date;
  ctx: CadenceContext;
  settings: ReminderSettings;
  report: TickReport;
  leftOver: number[];
  /** Every schedule of the workspace, when the tick read them all. */
  all?: Map<string, ReminderSchedule>;
}

const quiet: SchedulerLog = { info() {}, warn() {}, error() {} };

export class ReminderScheduler {
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly concurrency: number;
  private readonly skewMs: number;
  private readonly fullSweepEvery: number;
  private readonly log: SchedulerLog;
  private readonly render: NonNullable<SchedulerDeps['render']>;
  private watermark: number | undefined;
  /** Where a pass cut short by the page limit goes on, and what it left over so far. */
  private cursor: string | undefined;
  private passLeftOver: number[] = [];
  private passes = 0;
  private readonly pageLimit: number | undefined;
  private inFlight: Promise<TickReport> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;

  constructor(private readonly deps: SchedulerDeps) {
    this.leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
    this.maxAttempts = deps.maxAttempts ?? 6;
    this.concurrency = deps.sendConcurrency ?? 8;
    this.skewMs = deps.skewMs ?? 2 * 60_000;
    this.fullSweepEvery = deps.fullSweepEvery ?? 60;
    this.pageLimit = deps.pageLimit;
    this.log = deps.log ?? quiet;
    this.render = deps.render ?? ((d, now) => renderReminderDigestCard(d, now));
  }

  /** One pass; concurrent calls share the pass in flight (ticks never overlap). */
  tick(now: Date = this.deps.clock()): Promise<TickReport> {
    if (!this.inFlight) {
      this.inFlight = this.runTick(now).finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  /** Ticks every `intervalMs` (the next tick starts after the previous one finished). */
  start(intervalMs = 30_000): void {
    if (this.running) return;
    this.running = true;
    const loop = async () => {
      if (!this.running) return;
      let wait = intervalMs;
      try {
        const report = await this.tick();
        wait = nextTickDelayMs(report, intervalMs, this.deps.clock().getTime());
      } catch (e) {
        this.log.error('reminder tick failed', { error: String(e) });
      }
      if (this.running) this.timer = setTimeout(loop, wait);
    };
    void loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight?.catch(() => undefined);
  }

  private async runTick(now: Date): Promise<TickReport> {
    const report: TickReport = { due: 0, digestsSent: 0, occurrencesSent: 0, takenByOthers: 0, recovered: 0, stale: 0, deferred: 0, undeliverable: 0 };
    // A pass may take several ticks of at most `pageLimit` rows; the watermark moves when it ends.
    const { from, passes } = scanFrom({ cursor: this.cursor, watermark: this.watermark, passes: this.passes }, this.fullSweepEvery);
    this.passes = passes;
    const page = await this.deps.dueIndex.listDue(now, from, this.pageLimit);
    const entries = page.entries;
    report.due = entries.length;
    const leftOver = this.passLeftOver;
    const byWs = new Map<string, DueEntry[]>();
    for (const e of entries) {
      const k = workspaceKey(e.workspace);
      byWs.set(k, [...(byWs.get(k) ?? []), e]);
    }
    try {
      await mapLimit([...byWs.values()], this.concurrency, (list) => this.processWorkspace(list[0]!.workspace, list, now, report, leftOver));
    } catch (e) {
      // The pass starts over from the watermark, which has not moved.
      this.cursor = undefined;
      this.passLeftOver = [];
      throw e;
    }
    this.cursor = page.next;
    if (page.next !== undefined) {
      report.more = true;
      return report;
    }
    this.watermark = nextWatermark(now.getTime(), this.skewMs, leftOver);
    this.passLeftOver = [];
    return report;
  }

  private async processWorkspace(ws: Workspace, entries: DueEntry[], now: Date, report: TickReport, leftOver: number[]): Promise<void> {
    const settings = await this.deps.settings.get(ws);
    const ctx: PlanContext = { deploymentMode: settings.deploymentMode, ...(await this.phaseFor(ws, entries, now)) };
    // Several due in one workspace: one partition read serves them all (and the carried lines).
    const all = entries.length > 2 ? new Map((await this.deps.schedules.list(ws)).map((s) => [s.id, s])) : undefined;
    const pass: WorkspacePass = { ws, now, ctx, settings, report, leftOver, all };
    const candidates = await this.planCandidates(pass, entries);
    if (!candidates.length) return;
    const mine = await this.claimCandidates(pass, candidates, leaseUntil(now.getTime(), this.leaseMs));
    await this.dispatchAll(pass, mine);
  }

  /** The phase, read once per workspace and only when a usage task is due in this tick; unreadable: as if unknown. */
  private async phaseFor(ws: Workspace, entries: readonly DueEntry[], now: Date): Promise<Pick<PlanContext, 'phase'>> {
    if (!this.deps.phases || !entries.some((e) => isPhaseGoverned(e.scheduleId))) return {};
    try {
      const phase = await this.deps.phases.phaseOf(ws, now);
      return phase ? { phase } : {};
    } catch (e) {
      this.log.warn('the project phase could not be read; usage tasks remind as scheduled', { error: String(e) });
      return {};
    }
  }

  /** The entries whose occurrence is still owed; stale rows are dropped (and the current instant indexed). */
  private async planCandidates(pass: WorkspacePass, entries: DueEntry[]): Promise<Candidate[]> {
    const { ws, now, ctx, report, all } = pass;
    const candidates: Candidate[] = [];
    await mapLimit(entries, 16, async (entry) => {
      const schedule = all ? all.get(entry.scheduleId) : await this.deps.schedules.get(ws, entry.scheduleId);
      if (!schedule) {
        await this.deps.dueIndex.remove([entry]);
        report.stale++;
        return;
      }
      const plan = planOccurrence(schedule, entry.dueAt, now, ctx);
      if (plan.stale) {
        // An edit, a disable or an earlier advance left this row behind: make sure the current
        // instant is indexed, then drop the old row. An occurrence not owed moves the schedule on.
        const current = plan.after ? await this.passOn(plan.after) : schedule;
        if (!current) return void pass.leftOver.push(Date.parse(entry.dueAt));
        await this.reindex(current);
        await this.deps.dueIndex.remove([entry]);
        report.stale++;
        return;
      }
      candidates.push({ entry, schedule, plan });
    });
    return candidates;
  }

  /** Claims the candidates; returns the ones this instance may send (won, or taken over). */
  private async claimCandidates(pass: WorkspacePass, candidates: Candidate[], until: string): Promise<Candidate[]> {
    const byOcc = new Map(candidates.map((c) => [c.plan.line.occurrenceId, c]));
    const { won, taken } = await this.deps.claims.claim(candidates.map((c) => firstClaim({
      workspace: pass.ws,
      occurrenceId: c.plan.line.occurrenceId,
      scheduleId: c.schedule.id,
      dueAt: c.entry.dueAt,
      targetConversationId: c.schedule.targetConversationId,
    }, this.deps.instanceId, until)));
    const mine: Candidate[] = [];
    for (const claim of won) {
      const c = byOcc.get(claim.occurrenceId)!;
      c.claim = claim;
      mine.push(c);
    }
    // Expired claims are taken over together per channel, ETag-conditionally in one transaction,
    // so a recovered channel still gets one digest.
    const takenByTarget = new Map<string, Candidate[]>();
    for (const occ of taken) {
      const c = byOcc.get(occ)!;
      takenByTarget.set(c.schedule.targetConversationId, [...(takenByTarget.get(c.schedule.targetConversationId) ?? []), c]);
    }
    const terms: TakeoverTerms = { owner: this.deps.instanceId, leaseUntil: until, maxAttempts: this.maxAttempts };
    await mapLimit([...takenByTarget.values()], 8, async (cands) => {
      await this.takeOver(pass, await this.reviewForeignClaims(pass, cands, terms), mine);
    });
    return mine;
  }

  /** Acts on each claim someone else holds (see decideForeignClaim); returns the takeovers to write. */
  private async reviewForeignClaims(pass: WorkspacePass, cands: Candidate[], terms: TakeoverTerms): Promise<Takeover[]> {
    const { ws, now, ctx, report, leftOver } = pass;
    const expired: Takeover[] = [];
    for (const c of cands) {
      const step = decideForeignClaim(await this.deps.claims.get(ws, c.plan.line.occurrenceId), now, terms);
      switch (step.step) {
        case 'retry-next-tick':
          leftOver.push(Date.parse(c.entry.dueAt));
          break;
        case 'finish':
          await this.advance(c, now, ctx);
          report.takenByOthers++;
          break;
        case 'wait':
          leftOver.push(Date.parse(c.entry.dueAt));
          report.takenByOthers++;
          report.foreignLeaseUntil = Math.min(report.foreignLeaseUntil ?? Infinity, step.lookAgainAt);
          break;
        case 'give-up':
          if ((await this.deps.claims.update(step.claim)) === 'conflict') break;
          this.log.warn('reminder given up', { occurrenceId: c.plan.line.occurrenceId, attempts: step.attempts });
          report.undeliverable++;
          await this.advance(c, now, ctx);
          break;
        case 'take-over':
          expired.push({ c, claim: step.claim });
      }
    }
    return expired;
  }

  /** Writes the takeovers of one channel at once; all of them become this instance's, or none. */
  private async takeOver(pass: WorkspacePass, expired: Takeover[], mine: Candidate[]): Promise<void> {
    if (!expired.length) return;
    const updated = await this.deps.claims.updateMany(expired.map(({ claim }) => claim));
    if (updated === 'conflict') {
      for (const { c } of expired) pass.leftOver.push(Date.parse(c.entry.dueAt));
      return;
    }
    for (const [i, claim] of updated.entries()) {
      const c = expired[i]!.c;
      c.claim = await this.withEtag(pass.ws, claim);
      mine.push(c);
      pass.report.recovered++;
    }
  }

  /** Sends one digest per channel, a few channels at a time. */
  private async dispatchAll(pass: WorkspacePass, mine: Candidate[]): Promise<void> {
    const byTarget = new Map<string, Candidate[]>();
    for (const c of mine) byTarget.set(c.schedule.targetConversationId, [...(byTarget.get(c.schedule.targetConversationId) ?? []), c]);
    // Claims waiting their turn are renewed with the ones being sent (see keepClaims).
    const turns: Turns = { waiting: new Map(byTarget), lost: new Set<string>() };
    await mapLimit([...byTarget.entries()], this.concurrency, async ([conversationId, group]) => {
      turns.waiting.delete(conversationId);
      if (turns.lost.has(conversationId)) {
        pass.report.takenByOthers += group.length; // taken over while it waited: the new owner sends it
        return;
      }
      await this.dispatch(pass, conversationId, group, turns);
    });
  }

  private async dispatch(pass: WorkspacePass, conversationId: string, group: Candidate[], turns: Turns): Promise<void> {
    const { ws, now, ctx, settings, report, leftOver } = pass;
    const target = await this.deps.targets.get(ws, conversationId);
    const unreachable = unreachableTargetNote(target);
    if (!target || unreachable !== undefined) {
      await this.finish(group, 'undeliverable', now, ctx, unreachable);
      report.undeliverable += group.length;
      return;
    }
    const carried = await this.carriedItems(pass, conversationId, group);
    if (!(await this.keepClaims(ws, group, turns))) {
      // Taken over meanwhile (this instance was too slow): the new owner sends it.
      report.takenByOthers += group.length;
      return;
    }
    const [digest] = buildDigests(group.map((c) => ({ workspace: ws, targetConversationId: conversationId, line: c.plan.line })), carried);
    const { card, summary } = await this.render(digest!, now, settings);
    let outcome: SendOutcome;
    try {
      outcome = await this.deps.sender.send(target, card, summary);
    } catch (e) {
      // As if the process died here: the claims keep their lease and are taken over after it.
      this.log.error('reminder send failed unexpectedly', { conversationId, error: String(e) });
      for (const c of group) leftOver.push(Date.parse(c.entry.dueAt));
      return;
    }
    await this.settle(pass, target, group, outcome);
  }

  /** The channel's other open tasks, carried into its digest. */
  private async carriedItems(pass: WorkspacePass, conversationId: string, group: Candidate[]): Promise<DigestItem[]> {
    const { ws, now, all } = pass;
    const inGroup = new Set(group.map((c) => c.schedule.id));
    const open = all
      ? [...all.values()].filter((s) => s.enabled && s.open && s.targetConversationId === conversationId)
      : await this.deps.schedules.listOpenForTarget(ws, conversationId);
    const carried: DigestItem[] = [];
    for (const s of open) {
      if (inGroup.has(s.id)) continue;
      const line = carriedLine(s, now);
      if (line) carried.push({ workspace: ws, targetConversationId: conversationId, line });
    }
    return carried;
  }

  /** Records what the send outcome means for the group's claims (see settleSendOutcome). */
  private async settle(pass: WorkspacePass, target: ConversationTarget, group: Candidate[], outcome: SendOutcome): Promise<void> {
    const { ws, now, ctx, report, leftOver } = pass;
    const settlement = settleSendOutcome(outcome, group[0]!.claim!.attempts, now);
    if (settlement.settle === 'sent') {
      await this.finish(group, 'sent', now, ctx);
      report.digestsSent++;
      report.occurrencesSent += group.length;
      return;
    }
    if (settlement.settle === 'undeliverable') {
      await this.finish(group, 'undeliverable', now, ctx, settlement.note);
      report.undeliverable += group.length;
      await this.tellOwner(ws, target, settlement.note, now);
      return;
    }
    // Whichever instance ticks after the moved lease takes the claims over.
    await Promise.all(group.map((c) => this.deps.claims.update({ ...c.claim!, leaseUntil: settlement.leaseUntil, note: settlement.note })));
    for (const c of group) leftOver.push(Date.parse(c.entry.dueAt));
    report.deferred += group.length;
  }

  /**
   * A long dispatch (many channels at the Teams rate limit) must not let its claims lapse: when
   * this group's lease is half spent, it and every group still waiting its turn are renewed,
   * ETag-conditionally, a group at a time. A waiting group another instance took over meanwhile
   * is marked lost (the new owner sends it). False when this group was taken over.
   */
  private async keepClaims(ws: Workspace, group: Candidate[], turns: Turns): Promise<boolean> {
    const current = this.deps.clock().getTime();
    if (!needsRenewal(group.map((c) => c.claim!), current, this.leaseMs)) return true;
    const until = leaseUntil(current, this.leaseMs);
    const renew = async (g: Candidate[]): Promise<boolean> => {
      const renewed = await this.deps.claims.updateMany(g.map((c) => ({ ...c.claim!, leaseUntil: until })));
      if (renewed === 'conflict') return false;
      for (const [i, claim] of renewed.entries()) g[i]!.claim = await this.withEtag(ws, claim);
      return true;
    };
    for (const [conversationId, g] of turns.waiting) {
      if (!(await renew(g))) {
        turns.waiting.delete(conversationId);
        turns.lost.add(conversationId);
      }
    }
    return renew(group);
  }

  /** A batch response may omit a row's new ETag; read it back so later updates stay conditional. */
  private async withEtag(ws: Workspace, claim: OccurrenceClaim): Promise<OccurrenceClaim> {
    return claim.etag ? claim : ((await this.deps.claims.get(ws, claim.occurrenceId)) ?? claim);
  }

  private async finish(group: Candidate[], state: 'sent' | 'undeliverable', now: Date, ctx: CadenceContext, note?: string): Promise<void> {
    const marked = group.map((c) => settledClaim(c.claim!, state, now, note));
    // The group shares a workspace partition: one transaction for the claims, one for the
    // schedules, batched index writes. Any conflict falls back to the careful one-by-one path.
    if ((await this.deps.claims.updateMany(marked)) === 'conflict') {
      await mapLimit(marked, 16, async (m) => {
        if ((await this.deps.claims.update(m)) === 'conflict') this.log.warn('claim changed while sending (lease too short?)', { occurrenceId: m.occurrenceId });
      });
    }
    const bulk = await this.deps.schedules.updateMany(group.map((c) => c.plan.after));
    if (bulk === 'conflict') {
      await mapLimit(group, 16, (c) => this.advance(c, now, ctx));
      return;
    }
    await this.deps.dueIndex.put(bulk.flatMap((s) => {
      const dueAt = indexedDueAt(s);
      return dueAt ? [{ dueAt, workspace: s.workspace, scheduleId: s.id, targetConversationId: s.targetConversationId }] : [];
    }));
    await this.deps.dueIndex.remove(group.map((c) => c.entry));
  }

  /** Moves the schedule past the occurrence and re-indexes it; idempotent. */
  private async advance(c: Candidate, now: Date, ctx: CadenceContext): Promise<void> {
    let plan: OccurrencePlan = c.plan;
    let schedule: ReminderSchedule | undefined = c.schedule;
    for (let attempt = 0; attempt < 5 && schedule; attempt++) {
      if (plan.stale) {
        await this.reindex(schedule);
        break;
      }
      const r = await this.deps.schedules.update(plan.after);
      if (r !== 'conflict') {
        await this.reindex(r);
        break;
      }
      schedule = await this.deps.schedules.get(c.schedule.workspace, c.schedule.id);
      if (schedule) plan = planOccurrence(schedule, c.entry.dueAt, now, ctx);
    }
    await this.deps.dueIndex.remove([c.entry]);
  }

  /** Saves a schedule moved past an occurrence; undefined when it changed meanwhile (the next pass looks again). */
  private async passOn(after: ReminderSchedule): Promise<ReminderSchedule | undefined> {
    const saved = await this.deps.schedules.update(after);
    return saved === 'conflict' ? undefined : saved;
  }

  private async reindex(s: ReminderSchedule): Promise<void> {
    const dueAt = indexedDueAt(s);
    if (dueAt) await this.deps.dueIndex.put([{ dueAt, workspace: s.workspace, scheduleId: s.id, targetConversationId: s.targetConversationId }]);
  }

  /** Tells the service owner once per deactivation that reminders to a conversation stopped. */
  private async tellOwner(ws: Workspace, target: ConversationTarget, reason: string, now: Date): Promise<void> {
    const first = await this.deps.claims.claimOnce(ws, `deactivated|${target.conversationId}|${target.lastSeenAt}`, now.toISOString());
    if (!first) return;
    this.log.warn('reminder target deactivated', { conversationId: target.conversationId, reason });
    const settings = await this.deps.settings.get(ws);
    const ownerConv = settings.serviceOwnerConversationId;
    if (!ownerConv || ownerConv === target.conversationId) return;
    const owner = await this.deps.targets.get(ws, ownerConv);
    if (!owner?.active) return;
    const { card, summary } = renderReminderNoticeCard({ conversationId: target.conversationId, kind: target.kind, reason });
    try {
      await this.deps.sender.send(owner, card, summary);
    } catch (e) {
      this.log.error('could not tell the service owner', { error: String(e) });
    }
  }
}

export function occurrenceOf(entry: DueEntry): string {
  return occurrenceId(entry.scheduleId, entry.dueAt);
}

