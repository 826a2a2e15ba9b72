// The use cases of findings, shared by the chat dialog, the card actions and the tab API.
import type { CounterRepository } from '../counter';
import type { Workspace } from '../workspace';
import type { Clock } from './catalog';
import { type ProposeOptions, type CqdReadResult, type ImportBatch, type Proposal, type ProposalSet, proposeFindings } from './cqd-import';
import { confirmDraft, draftTargetCheck, type ConfirmedDraft, type FindingDraft } from './draft';
import { type Actor, applyAction, type Finding, type FindingAction, formatFindingId, type HistoryEntry, isOverdue, newFinding, OPEN_STATUSES } from './finding';
import type { FindingListFilter, FindingPage, FindingRepository, PageRequest, QualityDigestState } from './finding-repository';
import { agendaFindings, type AgendaFindingsDigest, type FindingSummary } from './finding-summary';
import { type DigestReport, digestReport, QUALITY_DIGEST_SCHEMA, type QualityDigest, qualityDigest } from './quality-digest';
import { monthsBefore, type QualityMeasureRepository } from './quality-measure-repository';
import { defaultQualitySettings, type QualitySettings } from './quality-settings';
import type { TargetRow } from './targets';
import { qualityReport, type QualityReport } from './trends';
import { reviewLines } from './review-lines';
import { verificationChecks } from './verification';

export const FINDING_COUNTER = 'QF';

export interface FindingServiceDeps {
  findings: FindingRepository;
  counters: CounterRepository;
  clock: Clock;
  /** The measured call quality of the imports (the trends); without it imports keep only their proposals. */
  measures?: QualityMeasureRepository;
  targets?: readonly TargetRow[];
  /** The workspace's own targets and time boxes (quality-settings.ts); without it the defaults apply. */
  settingsOf?: (workspace: Workspace) => Promise<QualitySettings>;
  /** How often a note is retried when someone else changed the finding at the same moment. */
  maxAttempts?: number;
}

export interface RoleContext {
  /** The workspace's role map; when given, owning teams must be one of these. */
  roles?: readonly string[];
}

export type CreateResult = { ok: true; finding: Finding; created: boolean } | { ok: false; error: string };
export type ActResult =
  | { ok: true; finding: Finding; history: HistoryEntry }
  | { ok: false; reason: 'not-found'; error: string }
  | { ok: false; reason: 'refused'; error: string; finding: Finding }
  /** Someone else changed the finding since the card was shown: show the fresh card, ask to retry. */
  | { ok: false; reason: 'conflict'; error: string; finding: Finding };

export interface ListFilter {
  category?: FindingListFilter['category'];
  owningRole?: string;
  statuses?: FindingListFilter['statuses'];
  overdue?: boolean;
}

/** How far back the board and the agenda look for measurements (the chart draws at most 36 months). */
export const TREND_WINDOW_MONTHS = 24;
/** An import's "writing measurements" mark older than this is an import that stopped halfway. */
const ABANDONED_IMPORT_MS = 3_600_000;

/** What the agenda shows of findings and measured quality, from the workspace's summary rows. */
export interface FindingAgendaDigest {
  findings: AgendaFindingsDigest;
  quality?: DigestReport;
}

export class FindingService {
  private readonly maxAttempts: number;
  constructor(private readonly deps: FindingServiceDeps) {
    this.maxAttempts = deps.maxAttempts ?? 8;
  }

  /**
   * Files a confirmed draft. `idempotencyKey` is the id of the activity (or card action) that
   * asked for it: a redelivered activity returns the finding it already filed (created: false).
   */
  async create(workspace: Workspace, draft: Partial<FindingDraft> | ConfirmedDraft, actor: Actor, opts: RoleContext & { idempotencyKey: string; source?: Finding['source'] }): Promise<CreateResult> {
    const checked = confirmDraft(draft as Partial<FindingDraft>, { roles: opts.roles, targets: this.deps.targets });
    if (!checked.ok) return checked;
    const existing = await this.existing(workspace, opts.idempotencyKey);
    if (existing) return { ok: true, finding: existing, created: false };
    const number = await this.deps.counters.next(workspace, FINDING_COUNTER);
    const settings = await this.settingsOf(workspace);
    const cmp = draftTargetCheck(checked.value, { targets: settings.targets });
    const { finding, history } = newFinding({
      workspace, id: formatFindingId(FINDING_COUNTER, number), number, draft: checked.value, actor, now: this.deps.clock(), source: opts.source ?? 'chat',
      ...(cmp ? { target: cmp.target } : {}), dueDays: settings.dueDays,
    });
    const out = await this.deps.findings.create(finding, history, opts.idempotencyKey);
    if (out.created) return { ok: true, finding: out.finding, created: true };
    // Lost a race with the same activity delivered twice at once: the other delivery filed it.
    const other = await this.deps.findings.get(workspace, out.existingId);
    if (!other) return { ok: false, error: 'The finding was filed but could not be read back; try again.' };
    return { ok: true, finding: other, created: false };
  }

  private async existing(workspace: Workspace, key: string): Promise<Finding | undefined> {
    const id = await this.deps.findings.idempotent(workspace, key);
    return id ? this.deps.findings.get(workspace, id) : undefined;
  }

  get(workspace: Workspace, id: string): Promise<Finding | undefined> {
    return this.deps.findings.get(workspace, id);
  }

  history(workspace: Workspace, id: string, limit?: number): Promise<HistoryEntry[]> {
    return this.deps.findings.history(workspace, id, limit);
  }

  /**
   * Applies a card action. Decisions (status changes, reassign) are made on what the person saw:
   * with `expectedEtag` (from the card) a stale card gets 'conflict' and the fresh finding, so
   * the second of two people clicking at once is told to look again and retry. Notes never
   * conflict in meaning, so a note is re-applied on the latest version until it lands: neither
   * of two simultaneous notes is lost.
   */
  async act(workspace: Workspace, id: string, action: FindingAction, actor: Actor, opts: RoleContext & { expectedEtag?: string } = {}): Promise<ActResult> {
    const decision = action.type !== 'note';
    // A note changes no status, so it needs no time box (and no settings read).
    const dueDays = decision ? (await this.settingsOf(workspace)).dueDays : undefined;
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const current = await this.deps.findings.get(workspace, id);
      if (!current) return { ok: false, reason: 'not-found', error: `There is no finding ${id} here.` };
      if (decision && opts.expectedEtag && current.etag !== opts.expectedEtag) return conflict(current);
      const t = applyAction(current, action, actor, this.deps.clock(), opts.roles, dueDays);
      if (!t.ok) return { ok: false, reason: 'refused', error: t.error, finding: current };
      const saved = await this.deps.findings.update(current, t.finding, t.history, opts.expectedEtag && decision ? opts.expectedEtag : current.etag!);
      if (saved.ok) return { ok: true, finding: saved.finding, history: t.history };
      if (saved.reason === 'not-found') return { ok: false, reason: 'not-found', error: `There is no finding ${id} here.` };
      if (decision && opts.expectedEtag) {
        const fresh = await this.deps.findings.get(workspace, id);
        return conflict(fresh ?? current);
      }
      // Lost a race without a card version to honour: re-read and apply again.
    }
    const latest = await this.deps.findings.get(workspace, id);
    return latest ? conflict(latest) : { ok: false, reason: 'not-found', error: `There is no finding ${id} here.` };
  }

  /** One page of findings; `overdue` uses the clock's now. Open findings unless statuses say otherwise. */
  list(workspace: Workspace, filter: ListFilter = {}, page: PageRequest = {}): Promise<FindingPage> {
    const f: FindingListFilter = { statuses: filter.statuses ?? OPEN_STATUSES };
    if (filter.category) f.category = filter.category;
    if (filter.owningRole) f.owningRole = filter.owningRole;
    if (filter.overdue) f.overdueAt = this.deps.clock().toISOString();
    return this.deps.findings.list(workspace, f, page);
  }

  async allOpen(workspace: Workspace): Promise<Finding[]> {
    const out: Finding[] = [];
    let token: string | undefined;
    do {
      const page = await this.deps.findings.list(workspace, { statuses: OPEN_STATUSES }, { pageSize: 500, continuationToken: token });
      out.push(...page.items);
      token = page.continuationToken;
    } while (token);
    return out;
  }

  /** Counts, the lists the agenda names and the values reported: read instead of every finding. */
  summary(workspace: Workspace): Promise<FindingSummary> {
    return this.deps.findings.summary(workspace);
  }

  /**
   * The agenda's findings (open ones overdue at `now` or filed after `since`) and quality trend,
   * from one read of the summary rows, whatever the number of findings.
   */
  async agendaDigest(workspace: Workspace, now: Date, since?: string): Promise<FindingAgendaDigest> {
    const { findings, quality } = await this.deps.findings.summaries(workspace);
    const digest = await this.storedOrFreshDigest(workspace, quality, now);
    const report = digest ? digestReport(digest, now, TREND_WINDOW_MONTHS, this.deps.targets) : undefined;
    return { findings: agendaFindings(findings, now, since), ...(report ? { quality: report } : {}) };
  }

  /**
   * The stored quality digest; when there is none yet (measurements stored before digests
   * existed), it is of an older shape, or an import is writing measurements right now, the
   * digest is computed from the measurements, and stored unless that import is still at work.
   */
  private async storedOrFreshDigest(workspace: Workspace, state: QualityDigestState | undefined, now: Date): Promise<QualityDigest | undefined> {
    if (!this.deps.measures) return undefined;
    if (state?.digest && state.digest.schema === QUALITY_DIGEST_SCHEMA && !state.pending) return state.digest;
    const digest = await this.computeDigest(workspace, now);
    const abandoned = state?.pending !== undefined && !(Date.parse(state.pending.since) > now.getTime() - ABANDONED_IMPORT_MS);
    if (!state) await this.deps.findings.saveQualityDigest(workspace, digest, { create: true });
    else if (!state.pending || abandoned) await this.deps.findings.saveQualityDigest(workspace, digest, { etag: state.etag });
    return digest;
  }

  private async computeDigest(workspace: Workspace, now: Date): Promise<QualityDigest> {
    const aggregates = await this.deps.measures!.list(workspace, { fromMonth: monthsBefore(now, TREND_WINDOW_MONTHS - 1) });
    return qualityDigest(aggregates, aggregates.length ? (await this.settingsOf(workspace)).targets : this.deps.targets);
  }

  /** The workspace's targets and time boxes: its saved settings, else the defaults. */
  async settingsOf(workspace: Workspace): Promise<QualitySettings> {
    if (this.deps.settingsOf) return this.deps.settingsOf(workspace);
    const d = defaultQualitySettings();
    return this.deps.targets ? { ...d, targets: [...this.deps.targets] } : d;
  }

  /**
   * After an import stored its months: the digest from every stored month. If the row changed
   * since the import marked it, a later import's mark means that import's digest (computed after
   * these months were stored) covers them; otherwise compute again over the changed row.
   */
  private async refreshDigest(workspace: Workspace, token: string, etag: string): Promise<void> {
    let expected = etag;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.deps.findings.saveQualityDigest(workspace, await this.computeDigest(workspace, this.deps.clock()), { etag: expected })) return;
      const { quality } = await this.deps.findings.summaries(workspace);
      if (!quality || (quality.pending && quality.pending.token !== token)) return;
      expected = quality.etag;
    }
  }

  isOverdue(f: Finding): boolean {
    return isOverdue(f, this.deps.clock());
  }

  /**
   * Turns a read CSV into proposals (deduplicated against the open findings) and keeps them
   * under `importId` until the champion confirms which to file.
   */
  async proposeImport(workspace: Workspace, read: Extract<CqdReadResult, { ok: true }>, actor: Actor, importId: string, opts: ProposeOptions = {}): Promise<{ batch: ImportBatch; set: ProposalSet; storedMonths: string[] }> {
    // The measurements are stored here, when a valid file is read, not when findings are filed:
    // the review looks at the trend against target whether or not anything is above target or
    // filed. Every month of the file is stored (not only the reviewed one), each replacing what an
    // earlier import stored for it, so importing the same file again never doubles a count.
    // The agenda's digest of them is marked as being recomputed first: a crash halfway leaves the
    // mark, and readers then compute it from the measurements instead of trusting a stale one.
    const storedMonths: string[] = [];
    if (this.deps.measures) {
      const etag = await this.deps.findings.markQualityPending(workspace, importId, this.deps.clock().toISOString());
      for (const month of read.months) {
        await this.deps.measures.upsertMonth(workspace, month, read.aggregates.filter((a) => a.month === month));
        storedMonths.push(month);
      }
      await this.refreshDigest(workspace, importId, etag);
    }
    const { targets } = await this.settingsOf(workspace);
    const open = await this.allOpen(workspace);
    const set = proposeFindings(read, open, { targets, ...opts });
    set.verifications = verificationChecks(open, read.aggregates, set.month, targets);
    set.lines = reviewLines(read.aggregates, set.month, targets);
    const batch: ImportBatch = {
      importId, createdAt: this.deps.clock().toISOString(), createdBy: actor, month: set.month, rows: read.rows,
      proposals: set.groups.flatMap((g) => g.proposals), filed: {}, verifications: set.verifications,
    };
    await this.deps.findings.saveImport(workspace, batch);
    return { batch, set, storedMonths };
  }

  /** Trends of the stored measurements over the last TREND_WINDOW_MONTHS months; undefined when nothing was imported. */
  async qualityReport(workspace: Workspace): Promise<QualityReport | undefined> {
    if (!this.deps.measures) return undefined;
    const aggregates = await this.deps.measures.list(workspace, { fromMonth: monthsBefore(this.deps.clock(), TREND_WINDOW_MONTHS - 1) });
    // The settings are read only when there is something to compare: a board without imports pays nothing for them.
    return aggregates.length ? qualityReport(aggregates, (await this.settingsOf(workspace)).targets) : undefined;
  }

  /**
   * Files the chosen proposals of an import (all when `keys` is omitted). Each is filed with the
   * idempotency key importId + proposal key, so confirming twice, or retrying after a failure
   * halfway, never files one twice.
   */
  async fileImport(workspace: Workspace, importId: string, actor: Actor, opts: RoleContext & { keys?: readonly string[] } = {}): Promise<{ ok: true; filed: Finding[]; alreadyFiled: Finding[] } | { ok: false; error: string }> {
    const batch = await this.deps.findings.getImport(workspace, importId);
    if (!batch) return { ok: false, error: 'That import is no longer available; import the file again.' };
    const wanted = opts.keys ? batch.proposals.filter((p) => opts.keys!.includes(p.key)) : batch.proposals;
    if (opts.keys && wanted.length !== opts.keys.length) return { ok: false, error: 'Some of the chosen proposals are not part of this import.' };
    const filed: Finding[] = [];
    const alreadyFiled: Finding[] = [];
    for (const p of wanted) {
      const r = await this.create(workspace, proposalDraft(p, opts.roles), actor, { idempotencyKey: `import:${importId}:${p.key}`, source: 'import', roles: opts.roles });
      if (!r.ok) return { ok: false, error: `${p.description} could not be filed: ${r.error}` };
      (r.created ? filed : alreadyFiled).push(r.finding);
      batch.filed[p.key] = r.finding.id;
    }
    await this.deps.findings.saveImport(workspace, batch);
    return { ok: true, filed, alreadyFiled };
  }

  /**
   * The champion confirms an import's "back within target": the finding is verified (its
   * history notes the month's figures). Only a check the import proposed as within target, and
   * only on the version it checked: a finding changed since is shown as it is now, unchanged.
   */
  async confirmVerified(workspace: Workspace, importId: string, findingId: string, actor: Actor): Promise<ActResult | { ok: false; reason: 'refused'; error: string }> {
    const batch = await this.deps.findings.getImport(workspace, importId);
    const check = batch?.verifications?.find((v) => v.findingId === findingId);
    if (!check) return { ok: false, reason: 'refused', error: `That import did not check ${findingId}; import the month's file again.` };
    if (check.outcome !== 'within-target') return { ok: false, reason: 'refused', error: `${findingId} is not verified: ${check.summary}` };
    const verified = await this.act(workspace, findingId, { type: 'verify' }, actor, check.etag ? { expectedEtag: check.etag } : {});
    if (!verified.ok) return verified;
    await this.act(workspace, findingId, { type: 'note', text: `Verified with the ${check.month} call-quality data: ${check.summary}`.slice(0, 1900) }, actor);
    return verified;
  }
}

function conflict(current: Finding): ActResult {
  return { ok: false, reason: 'conflict', error: `Someone else changed ${current.id} a moment ago. Here it is as it is now; try again if your change still applies.`, finding: current };
}

export function proposalDraft(p: Proposal, roles?: readonly string[]): ConfirmedDraft {
  const d: ConfirmedDraft = { category: p.category, area: p.area, metric: p.metric, value: p.value, unit: '%', description: p.description, owningRole: p.owningRole };
  if (roles?.length && !roles.includes(p.owningRole)) d.owningRole = roles[0]!;
  if (p.building) d.building = p.building;
  if (p.subnet) d.subnet = p.subnet;
  if (p.networkType) d.networkType = p.networkType;
  return d;
}
